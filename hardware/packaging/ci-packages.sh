#!/usr/bin/env bash
# Builds the packages tests/ReaderKit.Packaging.Tests inspects and installs, into BASE/out:
# readerkit_1.0.0_{arm64,amd64}.deb (one publish per arch) and readerkit_1.0.1_amd64.deb (the upgrade, packed
# again from the same publish). zstd, models from artifacts/models (built by .ci/setup-deps.sh).
# tests/run.sh runs it before the test projects, outside their per-test hang timeout; the test fixture runs it
# itself when started without tests/run.sh. BASE/work keeps the publish's obj/bin so later runs compile incrementally.
# Usage: hardware/packaging/ci-packages.sh BASE
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
base="$(mkdir -p "$1" && cd "$1" && pwd)"
out="$base/out"
rm -rf "$out"; mkdir -p "$out"
build=("$root/hardware/packaging/build-deb.sh" --prebuilt-models "$root/artifacts/models" --work "$base/work" --out "$out" --compress zstd)
t0=$(date +%s)
bash "${build[@]}" --version 1.0.0
t1=$(date +%s)
bash "${build[@]}" --arch amd64 --version 1.0.1 --reuse-publish
t2=$(date +%s)
{
  echo "publish both arches + pack both: $((t1 - t0)) s; pack again from the publish: $((t2 - t1)) s; load $(cut -d' ' -f1-3 /proc/loadavg)"
  for deb in "$out"/*.deb; do echo "$(basename "$deb") $(stat -c %s "$deb") bytes (zstd)"; done
} > "$base/timings.txt"
touch "$out/.complete"
