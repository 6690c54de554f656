#!/usr/bin/env bash
# Builds readerkit_<version>_<arch>.deb (arm64 for the Raspberry Pi, amd64 for x86 kiosks).
#
#   hardware/packaging/build-deb.sh [--arch arm64|amd64|all] [--version VERSION] [--out DIR] [--work DIR]
#                                   [--reuse-publish] [--prebuilt-models DIR] [--compress xz|zstd|gzip]
#
# --arch             which packages (default all)
# --version          Debian version (default: hardware/packaging/VERSION)
# --out              where the .deb files go (default artifacts/packages)
# --work             scratch folder: publish output per arch and the staged trees (default artifacts/packaging-work)
# --reuse-publish    reuse WORK/publish-<arch> from an earlier run instead of publishing again (same sources only:
#                    CI publishes once and builds the upgrade test's second version from the same binaries)
# --prebuilt-models  take the face models from DIR instead of running build-models.sh (which is idempotent and
#                    converts only when models.json is out of date)
# --compress         dpkg-deb compressor (default xz)
#
# The publish is self-contained (see README.md for why). The face models are checked against models.json here, and
# shipped with models.json and a SHA256SUMS derived from it; readerkit.service checks SHA256SUMS before every start.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

arches="arm64 amd64"
version="$(tr -d ' \n' < "$here/VERSION")"
out="$root/artifacts/packages"
work="$root/artifacts/packaging-work"
reuse_publish=0
models_dir=""
compress="xz"

while [ $# -gt 0 ]; do
  case "$1" in
    --arch) case "$2" in all) arches="arm64 amd64" ;; arm64|amd64) arches="$2" ;; *) echo "build-deb: --arch arm64|amd64|all" >&2; exit 2 ;; esac; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --reuse-publish) reuse_publish=1; shift ;;
    --prebuilt-models) models_dir="$2"; shift 2 ;;
    --compress) compress="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "build-deb: unknown argument $1" >&2; exit 2 ;;
  esac
done

# Debian version syntax (no epoch): upstream starts with a digit; ~ + . - allowed.
if ! [[ "$version" =~ ^[0-9][A-Za-z0-9.+~-]*$ ]]; then
  echo "build-deb: '$version' is not a Debian version" >&2; exit 2
fi
case "$compress" in xz|zstd|gzip) ;; *) echo "build-deb: --compress xz|zstd|gzip" >&2; exit 2 ;; esac
for tool in dotnet dpkg-deb python3 sha256sum; do
  command -v "$tool" >/dev/null || { echo "build-deb: $tool is required" >&2; exit 1; }
done
mkdir -p "$out" "$work"
out="$(cd "$out" && pwd)"; work="$(cd "$work" && pwd)"

# The face models the host loads (DoctorTool.ModelFiles): detector, descriptor, landmarks. The other candidates in
# models.json are evaluation material and stay out of the package.
MODELS=(blazeface.onnx face_recognition.onnx facemesh.onnx)

# 1. Face models: built (idempotently) at package time, then checked against models.json.
if [ -z "$models_dir" ]; then
  models_dir="$root/artifacts/models"
  echo "build-deb: face models (build-models.sh, a no-op when up to date)" >&2
  bash "$root/firmware-host/ReaderKit.Face.Models/build-models.sh" "$models_dir" >/dev/null
fi
models_stage="$work/models"
rm -rf "$models_stage"; mkdir -p "$models_stage"
python3 - "$models_dir" "$models_stage" "${MODELS[@]}" <<'PY'
import hashlib, json, os, sys
src, dst, names = sys.argv[1], sys.argv[2], sys.argv[3:]
manifest = json.load(open(os.path.join(src, "models.json"), encoding="utf-8"))
listed = manifest.get("models", {})
sums = []
for name in names:
    entry = listed.get(name)
    if entry is None:
        sys.exit(f"build-deb: {name} is not listed in {src}/models.json")
    data = open(os.path.join(src, name), "rb").read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry["sha256"].lower():
        sys.exit(f"build-deb: {name} does not match models.json (sha256 {digest}, expected {entry['sha256']}); rebuild the models")
    open(os.path.join(dst, name), "wb").write(data)
    sums.append(f"{digest}  {name}\n")
# models.json as shipped lists exactly the shipped models (same schema and entries as the build's manifest).
manifest["models"] = {n: listed[n] for n in names}
with open(os.path.join(dst, "models.json"), "w", encoding="utf-8") as f:
    json.dump(manifest, f, indent=2, ensure_ascii=False)
    f.write("\n")
with open(os.path.join(dst, "SHA256SUMS"), "w", encoding="ascii") as f:
    f.writelines(sums)
PY

rid_of() { case "$1" in arm64) echo linux-arm64 ;; amd64) echo linux-x64 ;; esac; }
elf_machine_of() { case "$1" in arm64) echo AArch64 ;; amd64) echo "X86-64" ;; esac; }

for arch in $arches; do
  rid="$(rid_of "$arch")"
  publish="$work/publish-$arch"

  # 2. Publish readerkit (the CLI); it references the host, so readerkit-host (apphost, deps.json, runtimeconfig)
  #    lands in the same folder and both share one runtime.
  if [ "$reuse_publish" -eq 1 ] && [ -x "$publish/readerkit-host" ]; then
    echo "build-deb: reusing $publish" >&2
  else
    echo "build-deb: dotnet publish ($rid, self-contained)" >&2
    rm -rf "$publish"
    # Both RIDs share one intermediate tree (pivot "release"), so the libraries (portable IL) are compiled once. The
    # two programs are not: for a RID the SDK compiles an Exe for that CPU (PlatformTarget), and MSBuild would reuse
    # the other architecture's build and apphost as up to date. Their intermediate folders and launchers go before
    # each publish. (PlatformTarget=AnyCPU instead would make ONNX Runtime's build props copy its Windows DLL.)
    if [ -d "$work/dotnet" ]; then
      rm -rf "$work/dotnet/obj/ReaderKit.Cli" "$work/dotnet/obj/ReaderKit.Host"
      find "$work/dotnet/bin" \( -name apphost -o -name readerkit -o -name readerkit-host \) -type f -delete 2>/dev/null || true
    fi
    dotnet publish "$root/firmware-host/ReaderKit.Cli/ReaderKit.Cli.csproj" -c Release -r "$rid" --self-contained \
      -o "$publish" --artifacts-path "$work/dotnet" -p:ArtifactsPivots=release \
      -p:SatelliteResourceLanguages='en%3Bja' -p:GenerateDocumentationFile=false -nologo -v q >&2
  fi
  for f in readerkit readerkit-host readerkit.dll readerkit-host.dll libcoreclr.so; do
    [ -e "$publish/$f" ] || { echo "build-deb: $publish/$f is missing" >&2; exit 1; }
  done
  grep -q '"includedFrameworks"' "$publish/readerkit-host.runtimeconfig.json" \
    || { echo "build-deb: $publish is not a self-contained publish" >&2; exit 1; }
  for f in readerkit readerkit-host libcoreclr.so; do
    machine="$(readelf -h "$publish/$f" 2>/dev/null | sed -n 's/^ *Machine: *//p')"
    case "$machine" in *"$(elf_machine_of "$arch")"*) ;; *) echo "build-deb: $publish/$f is '$machine', not $arch" >&2; exit 1 ;; esac
  done

  # 3. Stage the tree.
  stage="$work/stage-$arch"
  rm -rf "$stage"
  lib="$stage/usr/lib/readerkit"
  mkdir -p "$lib" "$stage/usr/bin" "$stage/usr/lib/systemd/system" "$stage/usr/lib/udev/rules.d" \
    "$stage/etc/readerkit" "$stage/usr/share/doc/readerkit" "$stage/DEBIAN"
  cp -a "$publish/." "$lib/"
  # Not shipped: XML docs; the LTTng trace provider (needs liblttng-ust, which nothing here uses).
  find "$lib" -name '*.xml' -delete
  # A PE file without a CLI header is a Windows native library (NuGet build props can drop one in): not for Linux.
  python3 - "$lib" <<'PY'
import os, sys
lib = sys.argv[1]
for name in sorted(os.listdir(lib)):
    if not name.endswith(".dll"):
        continue
    d = open(os.path.join(lib, name), "rb").read(4096)
    o = int.from_bytes(d[60:64], "little")
    magic = int.from_bytes(d[o + 24:o + 26], "little")
    cli = o + 24 + (112 if magic == 0x20B else 96) + 14 * 8
    if int.from_bytes(d[cli:cli + 4], "little") == 0:
        print(f"build-deb: {name} is a native Windows library; not shipped", file=sys.stderr)
        os.remove(os.path.join(lib, name))
PY
  rm -f "$lib/libcoreclrtraceptprovider.so"
  cp -a "$models_stage" "$lib/models"
  install -m 0755 "$here/verify-models" "$lib/verify-models"
  install -m 0755 "$here/readerkit-wrapper.sh" "$stage/usr/bin/readerkit"
  install -m 0644 "$here/systemd/readerkit.service" "$stage/usr/lib/systemd/system/readerkit.service"
  install -m 0644 "$here/udev/60-readerkit.rules" "$stage/usr/lib/udev/rules.d/60-readerkit.rules"
  install -m 0644 "$here/etc/appsettings.$arch.json" "$stage/etc/readerkit/appsettings.json"
  for doc in install.md wiring.md pi-setup.md; do
    install -m 0644 "$root/hardware/docs/$doc" "$stage/usr/share/doc/readerkit/$doc"
  done
  install -m 0644 "$here/debian/copyright" "$stage/usr/share/doc/readerkit/copyright"

  # Modes: directories 0755, files 0644, programs 0755.
  find "$stage" -type d -exec chmod 0755 {} +
  find "$stage" -type f -exec chmod 0644 {} +
  chmod 0755 "$lib/readerkit" "$lib/readerkit-host" "$lib/verify-models" "$stage/usr/bin/readerkit"
  [ -e "$lib/createdump" ] && chmod 0755 "$lib/createdump"

  # 4. Control data.
  installed_kib="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_kib/" \
    "$here/debian/control.in" > "$stage/DEBIAN/control"
  install -m 0644 "$here/debian/conffiles" "$stage/DEBIAN/conffiles"
  for script in postinst prerm postrm; do
    install -m 0755 "$here/debian/$script" "$stage/DEBIAN/$script"
  done
  (cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) > "$stage/DEBIAN/md5sums"
  chmod 0644 "$stage/DEBIAN/md5sums"

  # 5. Build.
  deb="$out/readerkit_${version}_${arch}.deb"
  dpkg-deb --root-owner-group -Z"$compress" --build "$stage" "$deb" >/dev/null
  echo "$deb"
done
