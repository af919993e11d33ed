#!/usr/bin/env python3
"""Compare one year of the CLI's `trend` with the reference report for that year.

Usage: python3 tests/reference/compare_trend.py [--sections s7,s10|all] CAREBOARD_JSON YEAR_ENDING REFERENCE_JSON
The trend must give, for each year, what the definitions give when the report is made for
that year (measures.py --year Y). When the report was made with `--la 850`, the rate per
10,000 is checked too, against Hampshire's populations as DfE published them. Prints each
difference, then `N passed, M failed`.

The contract's trend additions are compared only when switched on (as in compare.py:
`--sections` or CAREBOARD_COMPARE_SECTIONS): s10 = age_band, distance, long_term_stability
and participation; s7 = the five IRO service keys. Each key must be present exactly when the
reference's `reference_trend_row` for that year has it (participation only for years the
reviews cover, the IRO keys only for years their tables cover) and then equal.
"""
import json
import sys

from compare import MISSING, NUM, closed, enabled_sections, walk

TREND_KEYS = {
    "s10": {
        "age_band": closed(["under_1", "1_to_4", "5_to_9", "10_to_15", "16_and_over", "unknown"]),
        "distance": closed(["up_to_20_miles", "over_20_miles", "not_known"]),
        "long_term_stability": closed(["eligible", "stable"]),
        "participation": closed([f"PN{i}" for i in range(8)] + ["unknown"]),
    },
    "s7": {k: NUM for k in ["iro_caseload_per_fte", "iro_caseload_year_average",
                            "records_percent_on_time", "reviews_cancelled", "disputes_raised"]},
}

# Reason groups of the trend, from the REC code list (ssda903-notes.md section 2.8).
GROUPS = {
    "adopted": {"E11", "E12"},
    "sgo": {"E43", "E44", "E45", "E46", "E47", "E48"},
    "cao": {"E41"},
}

# Hampshire's 0-17 population DfE uses for each year ending 31 March (copied by hand from
# cla_number_and_rate_per_10k_children.csv, "Children looked after on 31 March each year",
# population_estimate; lines 2349, 1848, 1347, 846, 345).
HAMPSHIRE = {2021: 279476, 2022: 280929, 2023: 283750, 2024: 287030, 2025: 288730}


def rate_per_10000(children, population):
    """children / population x 10,000, rounded to a whole number, halves up."""
    return (20000 * children + population) // (2 * population)


def main(argv):
    sections, argv = enabled_sections(argv)
    if len(argv) != 3:
        sys.exit("usage: compare_trend.py [--sections s7,s10|all] CAREBOARD_JSON YEAR_ENDING REFERENCE_JSON")
    with open(argv[0], encoding="utf-8") as f:
        careboard = json.load(f)
    year = argv[1]
    with open(argv[2], encoding="utf-8") as f:
        reference = json.load(f)
    trend = careboard.get("trend", {}).get(year)
    if trend is None:
        print(f"trend has no {year}")
        print("0 passed, 1 failed")
        return 1
    cla = reference["cla_at_31_march"]
    reasons = reference["ceased"]["reason"]
    expected = {
        "cla_at_31_march": cla["total"],
        "started": reference["started"],
        "ceased": reference["ceased"]["total"],
        "uasc": cla["uasc"],
        "three_plus_placements": cla["three_plus_placements"],
    }
    for name, codes in GROUPS.items():
        expected[name] = sum(n for code, n in reasons.items() if code in codes)
    if careboard.get("la", {}).get("code") == "850" and int(year[:4]) in HAMPSHIRE:
        expected["rate_per_10000"] = rate_per_10000(cla["total"], HAMPSHIRE[int(year[:4])])
    # Review figures are in the trend only for the years the reviews cover.
    if "reviews_held" in trend:
        expected["reviews_held"] = reference["reviews"]["held"]
        expected["reviews_on_time"] = reference["reviews"]["on_time"]
    passed = failed = 0
    for key, want in expected.items():
        got = trend.get(key)
        if got == want:
            passed += 1
        else:
            failed += 1
            print(f"trend.{year}.{key}: careboard={json.dumps(got)} reference={json.dumps(want)}")
    row = reference.get("reference_trend_row", {})
    for name in sections:
        for key, spec in TREND_KEYS.get(name, {}).items():
            got, want = trend.get(key, MISSING), row.get(key, MISSING)
            if got is MISSING and want is MISSING:  # absent on both sides: not covered
                passed += 1
                continue
            figures = []
            walk(spec, got, want, ("trend", year, key), figures)
            for path, x, y, ok in figures:
                if ok:
                    passed += 1
                else:
                    failed += 1
                    shown = ["absent" if v is MISSING else json.dumps(v) for v in (x, y)]
                    print(f"{'.'.join(path)}: careboard={shown[0]} reference={shown[1]}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
