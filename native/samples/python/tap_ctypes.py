#!/usr/bin/env python3
"""A full tap through libreaderkit from Python with ctypes (no .NET, no msgpack needed).

    python3 native/samples/python/tap_ctypes.py --lib native/build/linux-x64/libreaderkit.so \
        --unix /run/readerkit/rpc.sock --birth-date 19800217 --expiry-year 2031 < security-code.txt

The security code is read from stdin so it never shows in the process list. Prints one line per progress step and
face prompt, then the verdict and the fields asked for. Exit 0 accepted, 1 not accepted, 2 usage, 3 error.
Prefer sdk/python (a pure-Python client) in Python applications; this sample shows the C ABI.
"""
import argparse
import ctypes
import sys

RK_OK = 0
RK_E_WAIT_TIMED_OUT = -4013
RK_EVENT_TAP_PROGRESS, RK_EVENT_FACE_PROMPT, RK_EVENT_TAP_RESULT, RK_EVENT_GAP = 3, 4, 5, 7
RK_FIELD_NAME, RK_FIELD_BIRTH_DATE, RK_FIELD_PHOTO = 0x01, 0x04, 0x20
RK_VERDICT_ACCEPTED = 0
ABI_VERSION = 1


class TapOptions(ctypes.Structure):
    """readerkit_tap_options (readerkit.h)."""
    _fields_ = [(name, ctypes.c_uint32 if name in ("struct_size", "fields") else ctypes.c_int32) for name in (
        "struct_size", "fields", "face", "require_face", "text", "jpki", "staff_assisted", "timeout_ms",
        "western_notation")]


def load(path):
    lib = ctypes.CDLL(path)
    h = ctypes.c_void_p
    pp = ctypes.POINTER(ctypes.c_void_p)
    sig = {
        "readerkit_abi_version": (ctypes.c_int, []),
        "readerkit_version": (ctypes.c_char_p, []),
        "readerkit_strerror": (ctypes.c_char_p, [ctypes.c_int]),
        "readerkit_last_error": (ctypes.c_size_t, [ctypes.c_char_p, ctypes.c_size_t]),
        "readerkit_context_new": (ctypes.c_int, [ctypes.c_char_p, pp]),
        "readerkit_context_free": (ctypes.c_int, [h]),
        "readerkit_connect_unix": (ctypes.c_int, [h, ctypes.c_char_p, ctypes.c_char_p, pp]),
        "readerkit_connect_tls": (ctypes.c_int, [h, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p, pp]),
        "readerkit_disconnect": (ctypes.c_int, [h]),
        "readerkit_subscribe": (ctypes.c_int, [h, ctypes.c_char_p]),
        "readerkit_tap_options_init": (None, [ctypes.POINTER(TapOptions)]),
        "readerkit_tap_start": (ctypes.c_int, [h, ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(TapOptions), pp]),
        "readerkit_tap_id": (ctypes.c_char_p, [h]),
        "readerkit_tap_free": (ctypes.c_int, [h]),
        "readerkit_wait_event": (ctypes.c_int, [h, ctypes.c_int, pp]),
        "readerkit_event_type": (ctypes.c_int, [h]),
        "readerkit_event_get_string": (ctypes.c_int, [h, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]),
        "readerkit_event_result": (ctypes.c_int, [h, pp]),
        "readerkit_event_free": (ctypes.c_int, [h]),
        "readerkit_result_verdict": (ctypes.c_int, [h]),
        "readerkit_result_error_code": (ctypes.c_int, [h]),
        "readerkit_result_get_string": (ctypes.c_int, [h, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]),
        "readerkit_result_get_image": (ctypes.c_int, [h, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)]),
        "readerkit_result_free": (ctypes.c_int, [h]),
        "readerkit_string_free": (None, [ctypes.c_void_p]),
        "readerkit_buffer_free": (None, [ctypes.c_void_p, ctypes.c_size_t]),
    }
    for name, (restype, argtypes) in sig.items():
        function = getattr(lib, name)
        function.restype, function.argtypes = restype, argtypes
    return lib


class ReaderKitError(Exception):
    pass


def check(lib, rc, what):
    if rc != RK_OK:
        message = ctypes.create_string_buffer(512)
        lib.readerkit_last_error(message, len(message))
        raise ReaderKitError(f"{what}: {lib.readerkit_strerror(rc).decode()} ({rc}) {message.value.decode()}")


def take_string(lib, getter, handle, key):
    """Calls a readerkit_*_get_string and returns a Python str (or None), releasing the library's copy."""
    value = ctypes.c_void_p()
    check(lib, getter(handle, key.encode(), ctypes.byref(value)), key)
    if not value.value:
        return None
    try:
        return ctypes.string_at(value.value).decode("utf-8")
    finally:
        lib.readerkit_string_free(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lib", default="libreaderkit.so")
    parser.add_argument("--unix")
    parser.add_argument("--tls", help="HOST:PORT")
    parser.add_argument("--fingerprint")
    parser.add_argument("--token")
    parser.add_argument("--birth-date", required=True, help="YYYYMMDD as printed on the card (Gregorian)")
    parser.add_argument("--expiry-year", required=True)
    args = parser.parse_args()
    if bool(args.unix) == bool(args.tls) or len(args.birth_date) != 8 or len(args.expiry_year) != 4:
        parser.print_usage(sys.stderr)
        return 2

    lib = load(args.lib)
    if lib.readerkit_abi_version() != ABI_VERSION:
        print(f"libreaderkit ABI {lib.readerkit_abi_version()}, this script expects {ABI_VERSION}", file=sys.stderr)
        return 2

    # 照合番号B in a mutable buffer the library zeroes; the code comes from stdin, not argv.
    code = sys.stdin.readline().strip()
    number_b = ctypes.create_string_buffer((args.birth_date + args.expiry_year + code).encode("ascii"), 16)
    del code

    context, client, tap = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
    check(lib, lib.readerkit_context_new(b"tap-ctypes", ctypes.byref(context)), "context")
    try:
        if args.unix:
            check(lib, lib.readerkit_connect_unix(context, args.unix.encode(), None, ctypes.byref(client)), "connect")
        else:
            host, port = args.tls.rsplit(":", 1)
            check(lib, lib.readerkit_connect_tls(context, host.encode(), int(port), args.fingerprint.encode(),
                                                 args.token.encode(), ctypes.byref(client)), "connect")
        print(f"connected (libreaderkit {lib.readerkit_version().decode()})")
        check(lib, lib.readerkit_subscribe(client, b"tap.*,face.prompt"), "subscribe")

        options = TapOptions()
        lib.readerkit_tap_options_init(ctypes.byref(options))
        options.fields = RK_FIELD_NAME | RK_FIELD_BIRTH_DATE | RK_FIELD_PHOTO
        options.face = 1
        check(lib, lib.readerkit_tap_start(client, number_b, 16, ctypes.byref(options), ctypes.byref(tap)), "tap")
        assert number_b.raw == bytes(16), "libreaderkit zeroes 照合番号B"
        print(f"tap {lib.readerkit_tap_id(tap).decode()} started")

        result = ctypes.c_void_p()
        while not result.value:
            event = ctypes.c_void_p()
            check(lib, lib.readerkit_wait_event(client, 30000, ctypes.byref(event)), "wait")
            try:
                kind = lib.readerkit_event_type(event)
                if kind == RK_EVENT_TAP_PROGRESS:
                    print("  step", take_string(lib, lib.readerkit_event_get_string, event, "step"))
                elif kind == RK_EVENT_FACE_PROMPT:
                    print("  prompt", take_string(lib, lib.readerkit_event_get_string, event, "kind"))
                elif kind == RK_EVENT_TAP_RESULT:
                    check(lib, lib.readerkit_event_result(event, ctypes.byref(result)), "result")
            finally:
                lib.readerkit_event_free(event)

        try:
            verdict = lib.readerkit_result_verdict(result)
            print("  verdict:", take_string(lib, lib.readerkit_result_get_string, result, "verdict"))
            if verdict == RK_VERDICT_ACCEPTED:
                for key in ("name", "birthDate", "face.decision"):
                    print(f"  {key}:", take_string(lib, lib.readerkit_result_get_string, result, key))
                data, length = ctypes.c_void_p(), ctypes.c_size_t()
                check(lib, lib.readerkit_result_get_image(result, b"photo", ctypes.byref(data), ctypes.byref(length)), "photo")
                if data.value:
                    print(f"  photo: {length.value} bytes (JPEG 2000)")
                    lib.readerkit_buffer_free(data, length)
            else:
                print("  error:", lib.readerkit_strerror(lib.readerkit_result_error_code(result)).decode())
        finally:
            lib.readerkit_result_free(result)
        return 0 if verdict == RK_VERDICT_ACCEPTED else 1
    except ReaderKitError as e:
        print(e, file=sys.stderr)
        return 3
    finally:
        if tap.value:
            lib.readerkit_tap_free(tap)
        lib.readerkit_context_free(context)  # disconnects the client too


if __name__ == "__main__":
    sys.exit(main())
