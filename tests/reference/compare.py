#!/usr/bin/env python3
"""Compare two MEASURES.md section 6 report JSONs figure by figure.

Usage: python3 tests/reference/compare.py CAREBOARD_JSON REFERENCE_JSON
Prints every difference as `path: careboard=X reference=Y`, then `N passed, M failed`;
exits 1 if any figure differs. A breakdown key missing on one side is a difference, except in
ceased.reason, where a missing code counts as 0. `inputs` is not compared.
"""
import json
import sys

MISSING = object()

BREAKDOWNS = {
    "sex": ["male", "female", "unknown"],
    "age_band": ["under_1", "1_to_4", "5_to_9", "10_to_15", "16_and_over", "unknown"],
    "ethnic_group": ["white", "mixed", "asian", "black", "other", "not_known"],
    "legal_status": ["interim_care_order", "full_care_order", "placement_order", "section_20",
                     "detained_for_child_protection", "youth_justice", "unknown"],
    "placement": ["foster_relative_friend", "foster_other_carer", "placed_for_adoption",
                  "placed_with_parents", "independent_or_supported", "secure_and_childrens_homes",
                  "other_residential", "residential_school", "other", "unknown"],
    "distance": ["up_to_20_miles", "over_20_miles", "not_known"],
}


def get(obj, path):
    for part in path:
        if not isinstance(obj, dict) or part not in obj:
            return MISSING
        obj = obj[part]
    return obj


def keys_of(a, b, path, expected=()):
    """Expected keys first, then any other key found on either side, in a stable order."""
    out = list(expected)
    for side in (a, b):
        sub = get(side, path)
        if isinstance(sub, dict):
            out += sorted(k for k in sub if k not in out)
    return out


def figure_paths(a, b):
    paths = [("year_ending",), ("cla_at_31_march", "total")]
    for name, expected in BREAKDOWNS.items():
        base = ("cla_at_31_march", name)
        paths += [base + (k,) for k in keys_of(a, b, base, expected)]
    paths += [("cla_at_31_march", "uasc"), ("cla_at_31_march", "three_plus_placements"),
              ("cla_at_31_march", "long_term_stability", "eligible"),
              ("cla_at_31_march", "long_term_stability", "stable"),
              ("started",), ("ceased", "total")]
    paths += [("ceased", "reason", k) for k in keys_of(a, b, ("ceased", "reason"))]
    paths += [("cla_month_end", k) for k in keys_of(a, b, ("cla_month_end",))]
    for k in ("held", "assessable", "on_time", "late", "not_assessable", "overdue_at_year_end"):
        paths.append(("reviews", k))
    for month in keys_of(a, b, ("reviews", "by_month")):
        for k in ("held", "on_time", "late", "not_assessable"):
            paths.append(("reviews", "by_month", month, k))
    pn = [f"PN{i}" for i in range(8)] + ["unknown"]
    paths += [("reviews", "participation", k) for k in keys_of(a, b, ("reviews", "participation"), pn)]
    return paths


def show(v):
    return "missing" if v is MISSING else json.dumps(v)


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: compare.py CAREBOARD_JSON REFERENCE_JSON")
    with open(argv[0], encoding="utf-8") as f:
        careboard = json.load(f)
    with open(argv[1], encoding="utf-8") as f:
        reference = json.load(f)
    passed = failed = 0
    for path in figure_paths(careboard, reference):
        x, y = get(careboard, path), get(reference, path)
        if path[:2] == ("ceased", "reason"):  # a code missing on one side counts as 0
            x = 0 if x is MISSING else x
            y = 0 if y is MISSING else y
        if x is not MISSING and x == y:
            passed += 1
        else:
            failed += 1
            print(f"{'.'.join(path)}: careboard={show(x)} reference={show(y)}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
