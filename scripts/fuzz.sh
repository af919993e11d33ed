#!/usr/bin/env bash
# `make fuzz`: coverage-guided fuzzing of the importers (fuzz/fuzz_targets/importers.rs) with
# cargo-fuzz and libFuzzer, seeded from the committed fixtures.
#
# cargo-fuzz needs nightly compiler flags (sanitizers, coverage instrumentation). On the
# project's stable toolchain RUSTC_BOOTSTRAP=1 unlocks them; a nightly toolchain works too
# (FUZZ_TOOLCHAIN=+nightly). One process, niced (the machine is shared), for FUZZ_SECONDS
# seconds; an input that panics, runs over 10 seconds or takes over 1 GB of memory is a crash,
# saved under fuzz/artifacts/importers/ and replayable with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -O --sanitizer none importers fuzz/artifacts/importers/<file>
# Built as the shipped programs are (-O: optimised, no overflow checks, as in the CLI's release
# build and the page's wasm) and without a sanitizer: Careboard has no unsafe code, and
# without one the memory limit measures what the importers use (AddressSanitizer would add its
# own shadow memory and quarantine).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-600}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
corpus=fuzz/corpus/importers
mkdir -p "$corpus"
# Seeds: the import fixtures whole, each synthetic CSV's first 40 lines, and the worksheets
# of the fixture workbooks (the target also reads text starting with `<` as a worksheet).
cp tests/fixtures/import/* "$corpus"/
for f in tests/fixtures/synth-small/*.csv; do
    head -n 40 "$f" >"$corpus/$(basename "$f")"
done
python3 - "$corpus" <<'PY'
import sys, zipfile, pathlib
out = pathlib.Path(sys.argv[1])
for book in pathlib.Path("tests/fixtures/import").glob("*.xlsx"):
    with zipfile.ZipFile(book) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                (out / f"{book.stem}-{pathlib.Path(name).name}").write_bytes(z.read(name))
PY
RUSTC_BOOTSTRAP=1 nice -n 10 cargo ${FUZZ_TOOLCHAIN:-} fuzz run -O --sanitizer none importers "$corpus" -- \
    -max_total_time="$seconds" -rss_limit_mb=1024 -malloc_limit_mb=1024 -timeout=10 \
    -max_len=65536 -print_final_stats=1
