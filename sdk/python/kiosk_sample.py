#!/usr/bin/python3
"""Kiosk sample: one tap, showing progress and face prompts as they arrive, then the verdict.

    /usr/bin/python3 kiosk_sample.py --unix /run/readerkit/rpc.sock --birth-date 1980-02-17 --expiry-year 2031 --security-code-stdin
    /usr/bin/python3 kiosk_sample.py --tls 192.0.2.10:7420 --fingerprint <64 hex> --token <rk1.…> ...

Prints one JSON line per event and a final {"verdict": …} line. Exit 0 when accepted, 4 when not, 3 on a
connection or host error. 照合番号B is read from standard input with --security-code-stdin (argv is visible
to other users); it is never printed.
"""

import argparse
import json
import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from readerkit import Client, ConnectionLost, ReaderKitError  # noqa: E402

PROMPTS = {"blink": "まばたきしてください / Please blink", "turnLeft": "左を向いてください / Turn left",
           "turnRight": "右を向いてください / Turn right", "lookAtCamera": "カメラを見てください / Look at the camera"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--unix")
    parser.add_argument("--tls", help="host:port")
    parser.add_argument("--fingerprint")
    parser.add_argument("--token")
    parser.add_argument("--birth-date", required=True)
    parser.add_argument("--expiry-year", type=int, required=True)
    parser.add_argument("--security-code-stdin", action="store_true")
    parser.add_argument("--security-code", help="tests only; prefer --security-code-stdin")
    parser.add_argument("--fields", default="")
    parser.add_argument("--face", action="store_true")
    parser.add_argument("--form-out", help="after an accepted tap, write its outage form (PDF) here")
    args = parser.parse_args()

    code = sys.stdin.readline().strip() if args.security_code_stdin else args.security_code
    try:
        if args.unix:
            client = Client.unix(args.unix)
        else:
            host, port = args.tls.rsplit(":", 1)
            client = Client.tls(host, int(port), args.fingerprint)
        with client:
            hello = client.hello("kiosk-sample", "1.0", args.token)
            print(json.dumps({"hello": hello["protocol"], "server": hello["server"]}), flush=True)
            client.subscribe(["tap.*", "face.prompt", "card.*", "reader.mode"])
            number_b = {"birthDate": args.birth_date, "expiryYear": args.expiry_year, "securityCode": code}
            fields = [f for f in args.fields.split(",") if f]
            tap_id = client.start_tap(number_b, fields=fields, face=args.face or None)
            del number_b, code
            done = threading.Event()
            for name, event in client.events(timeout=60):
                if name == "$/gap":
                    print(json.dumps({"gap": event, "status": client.get_status()["state"]}), flush=True)
                elif name == "tap.progress" and event["tapId"] == tap_id:
                    print(json.dumps({"step": event["step"], "seq": event["seq"]}), flush=True)
                elif name == "face.prompt" and event["tapId"] == tap_id:
                    print(json.dumps({"prompt": PROMPTS.get(event["kind"], event["kind"]), "index": event["index"], "count": event["count"]}, ensure_ascii=False), flush=True)
                elif name == "tap.result" and event["tapId"] == tap_id:
                    done.set()
                    break
            result = client.wait_result(tap_id)
            summary = {"verdict": result["verdict"], "error": (result.get("error") or {}).get("name"),
                       "checks": [f'{c["status"]} {c["name"]}' for c in result.get("checks", [])]}
            personal = result.get("fields") or {}
            summary["fields"] = sorted(personal.keys())
            if "photo" in personal:
                summary["photoBytes"] = len(personal["photo"])
            if "name" in personal:
                summary["name"] = personal["name"]
            if args.form_out and result["verdict"] == "Accepted":
                form = client.print_form(tap_id)
                with open(args.form_out, "wb") as f:
                    f.write(form["pdf"])
                summary["form"] = {"path": args.form_out, "recordId": form["recordId"], "receiptHash": form["receiptHash"]}
            print(json.dumps(summary, ensure_ascii=False), flush=True)
            return 0 if result["verdict"] == "Accepted" else 4
    except (ReaderKitError, ConnectionLost, OSError, TimeoutError) as e:
        print(json.dumps({"error": str(e)}), file=sys.stderr, flush=True)
        return 3


if __name__ == "__main__":
    sys.exit(main())
