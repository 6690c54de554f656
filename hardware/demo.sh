#!/usr/bin/env bash
# ReaderKit main job on simulated hardware: a full offline verification of a My Number Card.
#
# `readerkit demo` starts readerkit-host in simulation inside its own process — the same host builder and composition
# the service uses, with the PN532 emulator behind the production SPI link, a virtual card in its RF field and the
# virtual camera — and drives it through the .NET SDK over the host's Unix socket, exactly as a pharmacy or kiosk
# application would: 照合番号B in, progress and face prompts as events, a verdict with its journal record id out.
# Four taps: the genuine card with its holder at the camera (Accepted), a clone (NotGenuine: the chip challenge
# fails), the genuine card with a printed photo held up (FaceNotAccepted), the genuine card with a tablet replaying a
# video of the holder (FaceNotAccepted: screen pattern). Exit 0 only when every verdict is the expected one.
#
# Usage: bash hardware/demo.sh [PERSONA] [--presentation live|print|screen|other-person] [--link i2c|spi|hsu] [--json]
set -euo pipefail
cd "$(dirname "$0")/.."
persona="yamada-taro"
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then persona="$1"; shift; fi

bash .ci/setup-deps.sh
dotnet build firmware-host/ReaderKit.Cli -c Release --no-restore -nologo -v q -warnaserror >/dev/null
exec dotnet firmware-host/ReaderKit.Cli/bin/Release/net10.0/readerkit.dll demo --persona "$persona" "$@"
