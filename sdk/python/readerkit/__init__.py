"""ReaderKit RPC v1 client for Python (MessagePack-RPC over a Unix socket or pinned TLS 1.3).

Needs only the standard library and ``msgpack`` (Debian: ``python3-msgpack``). See ``sdk/PROTOCOL.md``.
"""

from .client import Client, ReaderKitError, ConnectionLost, PROTOCOL

__all__ = ["Client", "ReaderKitError", "ConnectionLost", "PROTOCOL"]
