#!/usr/bin/env bash
# ReaderKit main job on simulated hardware: a full offline verification of a My Number Card.
#
# The simulator serves a PN532 on a pseudo-terminal (HSU at 115200 baud, bytes paced like the real UART) with a
# virtual card in the field, and renders the kiosk camera's frames. The production `readerkit verify` then does
# exactly what it does on a Raspberry Pi: wake the PN532, find the Type B card, query the 照合番号B tries, VERIFY,
# read the card face, check the J-LIS signatures and the chip's own key, and match the chip photo to the camera.
#
# Usage: bash hardware/demo.sh [PERSONA]     (default yamada-taro; `personas` lists them)
set -euo pipefail
cd "$(dirname "$0")/.."
persona="${1:-yamada-taro}"

bash .ci/setup-deps.sh
dotnet build hardware/ReaderKit.Simulator -c Release --no-restore -nologo -v q -warnaserror >/dev/null
dotnet build firmware-host/ReaderKit.Cli -c Release --no-restore -nologo -v q -warnaserror >/dev/null
sim() { dotnet hardware/ReaderKit.Simulator/bin/Release/net10.0/ReaderKit.Simulator.dll "$@"; }
readerkit() { dotnet firmware-host/ReaderKit.Cli/bin/Release/net10.0/readerkit.dll "$@"; }

work=$(mktemp -d)
sim_pid=""
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# The simulated world: test trust anchors (accepted only with --allow-test-anchors), the camera's view, and a PN532
# with the card on a pty.
sim trust --out "$work/trust.json" >/dev/null
run_case() {
  local card="$1" face="$2" presentation="$3" title="$4"
  echo
  echo "=== $title"
  sim camera --persona "$face" --presentation "$presentation" --out "$work/camera-$card-$face" >/dev/null
  coproc SIM { exec dotnet hardware/ReaderKit.Simulator/bin/Release/net10.0/ReaderKit.Simulator.dll pty --persona "$card" --baud 115200; }
  sim_pid=$SIM_PID
  local line; read -r line <&"${SIM[0]}"
  local port=${line#pty: }
  echo "simulator: PN532 on $port (HSU 115200) with persona '$card'; camera shows '$face' ($presentation)"
  # 照合番号B inputs as the kiosk's card-face scanner reads them, passed on stdin (never on the command line).
  local status=0
  sim ocr --persona "$card" | readerkit verify --link hsu --port "$port" --baud 115200 --trust "$work/trust.json" \
      --allow-test-anchors --number-b-stdin --text --camera "file:$work/camera-$card-$face" || status=$?
  echo "exit code: $status"
  kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null || true; sim_pid=""
}

run_case "$persona" "$persona" live "Genuine card, its holder at the kiosk ($persona)"
run_case clone clone live "A cloned card: validly signed data replayed by another chip"
run_case "$persona" "$persona" static-photo "Genuine card, but a printed photo held in front of the camera"
