#!/usr/bin/env bash
# Builds libreaderkit.so with NativeAOT for linux-x64 and (cross) linux-arm64.
# Output: native/build/<rid>/libreaderkit.so (+ .so.dbg). Usage: native/build.sh [linux-x64] [linux-arm64]
# Trim and AOT warnings fail the build (warnings are errors). Cross-linking arm64 needs clang and the Debian cross
# toolchain (gcc-aarch64-linux-gnu), installed by .ci/setup-deps.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 linux-arm64)
project=native/ReaderKit.Native/ReaderKit.Native.csproj

for rid in "${rids[@]}"; do
  out="native/build/$rid"
  extra=()
  case "$rid" in
    linux-x64) ;;
    linux-arm64)
      command -v clang >/dev/null || { echo "native/build.sh: clang is needed to link linux-arm64" >&2; exit 1; }
      command -v aarch64-linux-gnu-gcc >/dev/null || { echo "native/build.sh: gcc-aarch64-linux-gnu is needed to link linux-arm64" >&2; exit 1; }
      # The ILCompiler targets pass --target=aarch64-linux-gnu, which only clang understands; clang finds the
      # Debian cross GCC install (crt files, libgcc) and aarch64-linux-gnu-ld by itself.
      extra=(-p:CppCompilerAndLinker=clang)
      ;;
    *) echo "native/build.sh: unsupported runtime $rid" >&2; exit 1 ;;
  esac
  echo "native: publishing libreaderkit for $rid" >&2
  dotnet publish "$project" -c Release -r "$rid" -o "$out" -nologo -v q -warnaserror "${extra[@]}" >"native/build/$rid.log" 2>&1 \
    || { cat "native/build/$rid.log" >&2; echo "native/build.sh: $rid failed" >&2; exit 1; }
  # NativeAOT names the library after the project; the contract name is libreaderkit.so (soname included).
  mv -f "$out/ReaderKit.Native.so" "$out/libreaderkit.so"
  [ -f "$out/ReaderKit.Native.so.dbg" ] && mv -f "$out/ReaderKit.Native.so.dbg" "$out/libreaderkit.so.dbg"
  echo "native: $(stat -c %s "$out/libreaderkit.so") bytes $out/libreaderkit.so" >&2
done
