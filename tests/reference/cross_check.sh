#!/usr/bin/env bash
# Compares the CLI's JSON report, figure by figure, with the independent Python
# implementation of MEASURES.md (tests/reference/measures.py, written from the text alone),
# on the committed synthetic fixture and on freshly generated exports of several seeds,
# sizes and years. Usage: cross_check.sh path/to/careboard
# MEASURES.md sections 7-11 are compared too when CAREBOARD_COMPARE_SECTIONS lists them
# (s7,s8,s9,s10,s11 or all; off by default): see compare.py.
set -euo pipefail
bin=${1:?usage: cross_check.sh path/to/careboard}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

compare() {
    local label=$1
    shift
    "$bin" report --json "$@" >"$tmp/careboard.json"
    python3 "$here/measures.py" "$@" >"$tmp/reference.json"
    local out
    out=$(python3 "$here/compare.py" "$tmp/careboard.json" "$tmp/reference.json" || true)
    tally "$label" "$out"
}

# Every year of the trend of the default-year report (for Hampshire, so with rates) against
# the reference report made for that year: the trend must give what the definitions give.
compare_trend() {
    local label=$1
    shift
    "$bin" report --json --la 850 "$@" >"$tmp/careboard.json"
    local years
    years=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["trend"]))' "$tmp/careboard.json")
    for year in $years; do
        python3 "$here/measures.py" --year "${year:0:4}" "$@" >"$tmp/reference.json"
        local out
        out=$(python3 "$here/compare_trend.py" "$tmp/careboard.json" "$year" "$tmp/reference.json" || true)
        tally "$label, trend $year" "$out"
    done
}

tally() {
    local label=$1
    local out=$2
    local line
    line=$(tail -n 1 <<<"$out")
    local p f
    p=$(sed -E 's/^([0-9]+) passed, ([0-9]+) failed$/\1/' <<<"$line")
    f=$(sed -E 's/^([0-9]+) passed, ([0-9]+) failed$/\2/' <<<"$line")
    if ! [[ $p =~ ^[0-9]+$ && $f =~ ^[0-9]+$ ]]; then
        echo "$label: the comparison did not run"
        echo "$out"
        failed=$((failed + 1))
        return
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -gt 0 ]; then
        echo "$label: $f figures differ"
        grep -v ' passed, ' <<<"$out" | head -n 40
    else
        echo "$label: all $p figures agree"
    fi
}

compare "committed fixture, default year" "$here/../fixtures/synth-small"
compare "committed fixture, year 2024" --year 2024 "$here/../fixtures/synth-small"
for seed in 11 12 13; do
    "$bin" synth --children 600 --seed "$seed" --out "$tmp/seed$seed" >/dev/null
    for year in 2023 2024 2025; do
        compare "seed $seed, 600 children, year $year" --year "$year" "$tmp/seed$seed"
    done
done
"$bin" synth --children 5000 --seed 99 --out "$tmp/council" >/dev/null
compare "seed 99, 5,000 children, default year" "$tmp/council"
# A real-shaped export whose data cannot be right: every MEASURES.md section 11 check fires.
python3 "$here/../../scripts/faulty_export.py" --out "$tmp/faulty" >/dev/null
compare "faulty export (May 2024 cut, every section 11 check fires)" "$tmp/faulty"
# Sections 7-11 are compared only when CAREBOARD_COMPARE_SECTIONS lists them (see compare.py);
# s9 adds the Census 2021 fallback of a chosen council.
if [[ ",${CAREBOARD_COMPARE_SECTIONS:-}," =~ ,(s9|all), ]]; then
    compare "seed 99, 5,000 children, Hampshire (Census 2021 population)" --la 850 "$tmp/council"
fi
# The IRO service's own exports (sections 7-9) for the same children, in Careboard's shape and
# in two case-management systems' shapes read through the profile the generator writes
# beside them: the reference reads the canonical shape, and every shape must give its figures.
compare_shape() {
    local label=$1 canonical=$2 dir=$3
    shift 3
    local files=("$dir")
    if [ -f "$dir/careboard-profile.json" ]; then
        files=(--mapping "$dir/careboard-profile.json" "$dir"/*.csv)
    fi
    "$bin" report --json "$@" "${files[@]}" >"$tmp/careboard.json"
    python3 "$here/measures.py" "$@" "$canonical" >"$tmp/reference.json"
    local out
    out=$(python3 "$here/compare.py" "$tmp/careboard.json" "$tmp/reference.json" || true)
    tally "$label" "$out"
}
for seed in 21 22; do
    for shape in canonical mosaic liquid; do
        "$bin" synth --children 600 --seed "$seed" --local "$shape" --out "$tmp/local$seed-$shape" >/dev/null
    done
    for shape in canonical mosaic liquid; do
        for year in 2024 2025; do
            compare_shape "seed $seed, local exports ($shape), year $year" \
                "$tmp/local$seed-canonical" "$tmp/local$seed-$shape" --year "$year"
        done
    done
    compare_shape "seed $seed, local exports (mosaic), other IRO settings" \
        "$tmp/local$seed-canonical" "$tmp/local$seed-mosaic" --year 2025 \
        --record-deadline-days 15 --caseload-looked-after-only \
        --dispute-stages informal,formal,peer_review --iro-roles IRO,SW
done
compare_trend "committed fixture" "$here/../fixtures/synth-small"
compare_trend "seed 21, local exports" "$tmp/local21-canonical"
compare_trend "seed 99, 5,000 children" "$tmp/council"
echo "cross-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
