"""A small, thread-based ReaderKit RPC v1 client.

One background thread reads the socket: responses wake the waiting call, notifications go to a queue that
``events()`` drains. The socket is non-blocking and every read and write on it happens under one lock: an OpenSSL
connection must not be read and written from two threads at once (a TLS 1.3 session ticket being processed by the
reader while the caller wrote ``session.hello`` lost the request), so the reader waits for readability with
``select`` outside the lock and only takes the lock to pull what is already there. Every notification carries ``seq``; when it jumps, ``events()`` yields a synthetic
``("$/gap", {...})`` first so the application re-reads ``get_status()``.

Python strings cannot be zeroed: pass 照合番号B straight from your input widget and drop the reference after
``start_tap``; never log it.
"""

import hashlib
import hmac
import itertools
import queue
import select
import socket
import ssl
import threading
import time

import msgpack

PROTOCOL = "readerkit/1.0"
MAX_MESSAGE_BYTES = 8 * 1024 * 1024


class ReaderKitError(Exception):
    """An error answered by the host: ``{code, name, message, data}`` (names as in sdk/PROTOCOL.md)."""

    def __init__(self, error):
        error = error if isinstance(error, dict) else {"code": -32603, "name": "InternalError", "message": repr(error)}
        self.code = error.get("code")
        self.name = error.get("name")
        self.message = error.get("message", "")
        self.data = error.get("data") or {}
        super().__init__(f"{self.name} ({self.code}): {self.message}")


class ConnectionLost(Exception):
    """The connection closed before the host answered (the call was not retried)."""


class Client:
    """A connection to a ReaderKit host. Use ``Client.unix(path)`` or ``Client.tls(host, port, fingerprint)``."""

    def __init__(self, sock, timeout=30.0):
        self._sock = sock
        self._timeout = timeout
        self._ids = itertools.count(1)
        self._pending = {}
        self._lock = threading.Lock()
        self._io_lock = threading.Lock()
        sock.setblocking(False)
        self._events = queue.Queue()
        self._last_seq = 0
        self._closed = threading.Event()
        self._reader = threading.Thread(target=self._read_loop, name="readerkit-reader", daemon=True)
        self._reader.start()
        self.server = None

    # ---- connecting -------------------------------------------------------------------------------------------

    @classmethod
    def unix(cls, path, timeout=30.0):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(path)
        sock.settimeout(None)
        return cls(sock, timeout)

    @classmethod
    def tls(cls, host, port, fingerprint, timeout=30.0):
        """TLS 1.3; trust is the device certificate's SHA-256 ``fingerprint`` (from ``readerkit pair``), nothing else."""
        pin = bytes.fromhex(fingerprint.replace(":", "").replace(" ", ""))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.minimum_version = ssl.TLSVersion.TLSv1_3
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # replaced by the pin check below, before any byte is sent
        raw = socket.create_connection((host, port), timeout=timeout)
        sock = context.wrap_socket(raw, server_hostname="readerkit-device")
        presented = hashlib.sha256(sock.getpeercert(binary_form=True)).digest()
        if not hmac.compare_digest(presented, pin):
            sock.close()
            raise ConnectionLost("certificate pin mismatch: server presented " + presented.hex())
        sock.settimeout(None)
        return cls(sock, timeout)

    def close(self):
        self._closed.set()
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- calls -------------------------------------------------------------------------------------------------

    def call(self, method, params=None, timeout=None):
        """Sends ``[0, id, method, [params]]`` and returns the result map, or raises ReaderKitError/ConnectionLost."""
        msgid = next(self._ids) & 0xFFFFFFFF
        waiter = [threading.Event(), None, None]
        with self._lock:
            if self._closed.is_set():
                raise ConnectionLost("connection closed")
            self._pending[msgid] = waiter
        data = msgpack.packb([0, msgid, method, [params or {}]], use_bin_type=True)
        try:
            self._write_all(data, timeout or self._timeout)
        except BaseException:
            with self._lock:
                self._pending.pop(msgid, None)
            raise
        if not waiter[0].wait(timeout or self._timeout):
            with self._lock:
                self._pending.pop(msgid, None)
            self._send([2, "$/cancel", [{"id": msgid}]])
            raise TimeoutError(f"{method}: no answer in time")
        if waiter[2] is not None:
            raise waiter[2]
        return waiter[1]

    def hello(self, client_name="python-client", version="1.0", token=None):
        params = {"protocol": PROTOCOL, "client": {"name": client_name, "version": version}}
        if token:
            params["token"] = token
        self.server = self.call("session.hello", params)
        return self.server

    def ping(self):
        return self.call("session.ping")

    def get_status(self):
        return self.call("reader.getStatus")

    def acquire_lease(self, ttl_ms=None, lease_id=None):
        params = {}
        if ttl_ms is not None:
            params["ttlMs"] = ttl_ms
        if lease_id is not None:
            params["leaseId"] = lease_id
        return self.call("reader.acquireLease", params)

    def release_lease(self, lease_id):
        return self.call("reader.releaseLease", {"leaseId": lease_id})["done"]

    def start_tap(self, number_b, fields=(), face=None, require_face=None, text=False, jpki=False, lease_id=None, request_id=None):
        """``number_b``: ``{"birthDate": "YYYY-MM-DD", "expiryYear": 2031, "securityCode": "1234"}`` or ``{"digits": "14 digits"}``."""
        options = {"fields": list(fields), "text": text, "jpki": jpki}
        if face is not None:
            options["face"] = face
        if require_face is not None:
            options["requireFace"] = require_face
        params = {"numberB": number_b, "options": options}
        if lease_id:
            params["leaseId"] = lease_id
        if request_id:
            params["requestId"] = request_id
        return self.call("tap.start", params)["tapId"]

    def cancel_tap(self, tap_id):
        return self.call("tap.cancel", {"tapId": tap_id})["done"]

    def get_result(self, tap_id, wait_ms=0):
        return self.call("tap.getResult", {"tapId": tap_id, "waitMs": wait_ms}, timeout=self._timeout + wait_ms / 1000.0)

    def wait_result(self, tap_id, poll_ms=25000):
        while True:
            reply = self.get_result(tap_id, poll_ms)
            if reply.get("state") == "done":
                return reply["result"]

    def print_form(self, tap_id, kind="form", slip_width_mm=None):
        """Outage paperwork of a finished tap this client started: ``{tapId, recordId, kind, contentType, pdf (bytes), receiptHash}``."""
        params = {"tapId": tap_id, "kind": kind}
        if slip_width_mm is not None:
            params["slipWidthMm"] = slip_width_mm
        return self.call("tap.printForm", params, timeout=self._timeout + 10)

    def subscribe(self, topics):
        result = self.call("events.subscribe", {"topics": list(topics)})
        with self._lock:
            if self._last_seq == 0:
                self._last_seq = result.get("seq", 0)
        return result

    def journal_query(self, **query):
        return self.call("journal.query", query)

    def device_info(self):
        return self.call("device.getInfo")

    def events(self, timeout=None):
        """Yields ``(name, params)`` notifications (and ``("$/gap", {...})``); stops after ``timeout`` seconds of silence."""
        while True:
            try:
                item = self._events.get(timeout=timeout)
            except queue.Empty:
                return
            if item is None:
                return
            yield item

    # ---- internals ---------------------------------------------------------------------------------------------

    def _send(self, message):
        try:
            self._write_all(msgpack.packb(message, use_bin_type=True), self._timeout)
        except (OSError, TimeoutError):
            pass

    def _write_all(self, data, timeout):
        """Writes every byte under the I/O lock; waits for room (or, TLS, for a record it must read first) outside it."""
        view = memoryview(data)
        deadline = time.monotonic() + timeout
        while view:
            wait_for = None
            with self._io_lock:
                if self._closed.is_set():
                    raise ConnectionLost("connection closed")
                try:
                    sent = self._sock.send(view)
                    view = view[sent:]
                except ssl.SSLWantReadError:
                    wait_for = "read"
                except (ssl.SSLWantWriteError, BlockingIOError):
                    wait_for = "write"
            if wait_for is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("the host does not take what is sent")
                if wait_for == "read":
                    select.select([self._sock], [], [], min(left, 0.05))
                else:
                    select.select([], [self._sock], [], left)

    def _receive(self):
        """One read under the I/O lock: bytes, b"" at end of stream, or None when nothing complete is there yet."""
        with self._io_lock:
            try:
                return self._sock.recv(65536)
            except (ssl.SSLWantReadError, ssl.SSLWantWriteError, BlockingIOError):
                return None

    def _read_loop(self):
        unpacker = msgpack.Unpacker(raw=False, max_buffer_size=MAX_MESSAGE_BYTES, strict_map_key=True)
        error = ConnectionLost("the host closed the connection")
        try:
            while not self._closed.is_set():
                pending = isinstance(self._sock, ssl.SSLSocket) and self._sock.pending() > 0
                if not pending:
                    ready, _, _ = select.select([self._sock], [], [], 0.5)
                    if not ready:
                        continue
                chunk = self._receive()
                if chunk is None:
                    continue
                if not chunk:
                    break
                unpacker.feed(chunk)
                for message in unpacker:
                    self._dispatch(message)
        except (OSError, ValueError, msgpack.ExtraData, msgpack.FormatError, msgpack.StackError) as e:
            error = ConnectionLost(f"connection lost: {e}")
        finally:
            self._closed.set()
            with self._lock:
                pending, self._pending = self._pending, {}
            for waiter in pending.values():
                waiter[2] = error
                waiter[0].set()
            self._events.put(None)

    def _dispatch(self, message):
        if not isinstance(message, list) or not message:
            return
        if message[0] == 1 and len(message) == 4:
            _, msgid, error, result = message
            with self._lock:
                waiter = self._pending.pop(msgid, None)
            if waiter is not None:
                if error is not None:
                    waiter[2] = ReaderKitError(error)
                else:
                    waiter[1] = result
                waiter[0].set()
        elif message[0] == 2 and len(message) == 3:
            _, name, params = message
            body = params[0] if params else {}
            seq = body.get("seq", 0) if isinstance(body, dict) else 0
            with self._lock:
                if self._last_seq and seq > self._last_seq + 1:
                    self._events.put(("$/gap", {"expectedSeq": self._last_seq + 1, "receivedSeq": seq}))
                if seq > self._last_seq:
                    self._last_seq = seq
            self._events.put((name, body))
