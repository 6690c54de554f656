#!/usr/bin/env bash
# Builds ReaderKit (Release, warnings as errors) and runs every test project.
# Last line: "N passed, N failed" summed over all test projects. Exit code non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

bash .ci/setup-deps.sh || exit 1
dotnet build ReaderKit.sln -c Release --no-restore -warnaserror -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }
# libreaderkit (NativeAOT) for linux-x64 and, cross-compiled, linux-arm64; tests/ReaderKit.Native.Tests uses it.
bash native/build.sh || { echo "0 passed, 1 failed"; exit 1; }

results=$(mktemp -d)
log="$results/test.log"
status=0

# The Debian packages tests/ReaderKit.Packaging.Tests inspects and installs: built once here, outside the per-test
# hang timeout. If this fails, that project builds them itself and its tests report the failure.
echo "== packaging (hardware/packaging/ci-packages.sh)" >&2
if bash hardware/packaging/ci-packages.sh artifacts/packaging-ci >"$results/packaging.log" 2>&1; then
  export READERKIT_PACKAGING_BUILT="$PWD/artifacts/packaging-ci"
  cat artifacts/packaging-ci/timings.txt >&2
else
  tail -20 "$results/packaging.log" >&2
fi
# Two lanes (the CI machine has two cores, and most test time is paced link I/O or child processes, not CPU): the
# longest projects start first so the lanes end together. Each project's summary lines are printed when it ends.
lanes=${READERKIT_TEST_LANES:-2}
run_one() {
  local proj=$1 results=$2 name
  name=$(basename "$proj" .csproj)
  dotnet test "$proj" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --blame-hang-timeout 5m >"$results/projects/$name.log" 2>&1
  local rc=$?
  { echo "== $name"; grep -E "^(Passed|Failed|Skipped)!|error|Failed [A-Za-z]" "$results/projects/$name.log"; } >&2
  return $rc
}
export -f run_one
mkdir -p "$results/projects"
# Longest first (measured on the CI machine); projects not listed follow in name order.
slow="EndToEnd FaceVerification VirtualCard Trust Packaging FaceModels Host Nfc Pcsc Tap Native Face Cli Emulation"
{
  for n in $slow; do [ -f "tests/ReaderKit.$n.Tests/ReaderKit.$n.Tests.csproj" ] && echo "tests/ReaderKit.$n.Tests/ReaderKit.$n.Tests.csproj"; done
  for proj in tests/*.Tests/*.Tests.csproj; do
    n=$(basename "$proj" .Tests.csproj); n=${n#ReaderKit.}
    [[ " $slow " == *" $n "* ]] || echo "$proj"
  done
} | xargs -P "$lanes" -I{} bash -c 'run_one "$1" "$2"' _ {} "$results" || status=1
cat "$results"/projects/*.log >>"$log" 2>/dev/null

# Sum the counters from the TRX files (one per test project).
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters"); s=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0})); skipped=$((skipped + ${s:-0}))
done
expected=$(ls tests/*.Tests/*.Tests.csproj | wc -l)
found=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$found" -lt "$expected" ]; then
  echo "test: only $found of $expected test projects produced results" >&2
  status=1; failed=$((failed + expected - found))
fi
[ "$failed" -eq 0 ] || status=1
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
exit $status
