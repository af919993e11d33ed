#!/usr/bin/env python3
"""Compare two MEASURES.md section 6 report JSONs figure by figure.

Usage: python3 tests/reference/compare.py [--sections s7,s8,...] CAREBOARD_JSON REFERENCE_JSON
Prints every difference as `path: careboard=X reference=Y`, then `N passed, M failed`;
exits 1 if any figure differs. A breakdown key missing on one side is a difference, except in
ceased.reason, where a missing code counts as 0. `inputs` is not compared.

Sections 7-11 (MEASURES.md and /work/contract-additions.md) are compared only when switched on,
because the Rust side computes them one by one: `--sections` or the environment variable
CAREBOARD_COMPARE_SECTIONS lists them, comma-separated, from s7 (iro_service and the four
section 7 settings), s8 (dolo), s9 (disproportionality), s10 (children_reviewed,
latest_review_participation, time_in_care, started_uasc, missing, care_leavers), s11
(data_quality.checks); `all` = every one. Off by default. Their keys are declared below,
independently of the reference, so a misspelt key on either side fails, and so does a key
that is null on one side and not on the other. In the maps and objects whose keys the contract
fixes, a key found on only one side also fails.
"""
import json
import os
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


# ---------------------------------------------------------------- sections 7-11
SECTIONS = ["s7", "s8", "s9", "s10", "s11"]
NUM = "number"  # a leaf: equal numbers (floats within 1e-9), strings, lists or both null


class Nullable:
    """null on both sides passes; null on one side only fails; else compare inside."""
    def __init__(self, spec):
        self.spec = spec


class Within:
    """An object of which only these keys are compared (others belong to other sections)."""
    def __init__(self, keys):
        self.keys = keys


class OpenMap:
    """A map with data-dependent keys: the union of both sides' keys, `required` always;
    with missing_zero a key absent on one side counts as 0."""
    def __init__(self, value, required=(), missing_zero=False):
        self.value, self.required, self.missing_zero = value, list(required), missing_zero


class Records:
    """A list of objects, one per `key` value; each object closed by `spec`; order compared."""
    def __init__(self, key, spec):
        self.key, self.spec = key, spec


def closed(keys, value=NUM):
    return {k: value for k in keys}


PN = [f"PN{i}" for i in range(8)] + ["unknown"]
CARE_LEAVERS = ["total", "in_touch", "eet", "neet", "suitable_accommodation", "unsuitable"]
CHECK_IDS = ["over_18_in_care", "pn0_aged_4_plus", "pn1_7_under_4", "no_starters", "no_leavers",
             "flat_month_ends", "distance_mostly_unknown", "very_late_reviews", "most_overdue",
             "dates_before_birth", "future_dates", "overlapping_episodes"]
SPECS = {
    "s10": Within({
        "reviews": Within({"children_reviewed": NUM, "latest_review_participation": closed(PN)}),
        "cla_at_31_march": Within({"time_in_care": closed(
            ["under_6_months", "6_to_12_months", "1_to_2_years", "2_to_5_years", "5_years_and_over"])}),
        "started_uasc": NUM,
        "missing": Nullable(closed(["missing_episodes", "children_missing", "away_episodes",
                                    "children_away"])),
        "care_leavers": Nullable({"17_to_18": closed(CARE_LEAVERS), "19_to_21": closed(CARE_LEAVERS)}),
    }),
    "s11": Within({"data_quality": Within({"checks": Records("check", closed(["check", "count", "examples"]))})}),
    "s8": Within({"dolo": Nullable(closed(["in_force_at_31_march", "started_in_year"]))}),
    "s9": Within({"disproportionality": Nullable({
        "population": NUM,
        "groups": {g: Nullable(closed(["children", "cohort_share", "population_share", "ratio",
                                       "rate_per_10000"]))
                   for g in ["white", "mixed", "asian", "black", "other"]}})}),
    "s7": Within({
        "settings": Within({k: NUM for k in ["record_deadline_working_days", "caseload_looked_after_only",
                                             "dispute_stages", "iro_roles"]}),
        "iro_service": {
            "as_at": NUM,
            "caseload": Nullable({
                "at_year_end": closed(["per_fte", "lowest", "highest", "iros", "fte", "below_50",
                                       "band_50_to_70", "above_70"]),
                "month_end": OpenMap(NUM),
                "year_average": NUM,
                "by_iro": Records("iro", closed(["iro", "name", "fte", "children", "per_fte",
                                                 "reviews_chaired"]))}),
            "reviews_chaired": Nullable(OpenMap(NUM, required=["not_known"], missing_zero=True)),
            "records": Nullable(closed(["deadline_working_days", "on_time", "late", "overdue",
                                        "not_yet_due", "percent_on_time"])),
            "cancelled": Nullable(closed(["cancelled", "held", "rate_percent"])),
            "parents": Nullable(closed(["held", "any_parent", "attended", "mother", "father",
                                        "not_recorded"])),
            "disputes": Nullable({"total": NUM, "by_stage": OpenMap(NUM, required=["other_stage"]),
                                  "resolved": NUM, "open_at_year_end": NUM,
                                  "median_working_days_to_resolve": NUM,
                                  "by_category": OpenMap(NUM, missing_zero=True)}),
            "contacts": Nullable(closed(["contacts", "children_seen", "cohort"])),
        },
    }),
}


def same(x, y):
    if x is MISSING or y is MISSING:
        return False
    if isinstance(x, bool) or isinstance(y, bool):
        return type(x) is type(y) and x == y
    if isinstance(x, (int, float)) and isinstance(y, (int, float)):
        return abs(x - y) <= 1e-9
    return x == y


def walk(spec, a, b, path, out):
    """Appends (path, careboard, reference, ok) for every figure under spec."""
    if spec == NUM:
        out.append((path, a, b, same(a, b)))
    elif isinstance(spec, Nullable):
        if a is None or b is None:
            out.append((path, a, b, a is None and b is None))
        else:
            walk(spec.spec, a, b, path, out)
    elif isinstance(spec, (dict, Within, OpenMap)):
        if not isinstance(a, dict) or not isinstance(b, dict):
            out.append((path, a, b, False))  # missing, null or not an object on a side
            return
        if isinstance(spec, OpenMap):
            keys = spec.required + sorted((set(a) | set(b)) - set(spec.required))
            for k in keys:
                x, y = a.get(k, MISSING), b.get(k, MISSING)
                if spec.missing_zero and k not in spec.required:
                    x, y = (0 if x is MISSING else x), (0 if y is MISSING else y)
                walk(spec.value, x, y, path + (k,), out)
            return
        keys = spec.keys if isinstance(spec, Within) else spec
        for k, sub in keys.items():
            walk(sub, a.get(k, MISSING), b.get(k, MISSING), path + (k,), out)
        if isinstance(spec, dict):  # closed: a key on one side only is a difference
            for k in sorted((set(a) | set(b)) - set(spec)):
                out.append((path + (k,), a.get(k, MISSING), b.get(k, MISSING), False))
    elif isinstance(spec, Records):
        if not isinstance(a, list) or not isinstance(b, list):
            out.append((path, a, b, False))
            return
        ka = [r.get(spec.key) if isinstance(r, dict) else r for r in a]
        kb = [r.get(spec.key) if isinstance(r, dict) else r for r in b]
        out.append((path + ("order",), ka, kb, ka == kb))
        ra = {r.get(spec.key): r for r in a if isinstance(r, dict)}
        rb = {r.get(spec.key): r for r in b if isinstance(r, dict)}
        for k in [k for k in kb if k in rb] + [k for k in ka if k not in rb]:
            walk(spec.spec, ra.get(k, MISSING), rb.get(k, MISSING), path + (str(k),), out)


def enabled_sections(argv):
    """(sections, remaining args) from --sections or CAREBOARD_COMPARE_SECTIONS."""
    text = os.environ.get("CAREBOARD_COMPARE_SECTIONS", "")
    if argv[:1] == ["--sections"] and len(argv) > 1:
        text, argv = argv[1], argv[2:]
    names = [n.strip() for n in text.split(",") if n.strip()]
    if "all" in names:
        names = list(SECTIONS)
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        sys.exit(f"unknown section(s) {', '.join(unknown)}: choose from {', '.join(SECTIONS)} or all")
    return [s for s in SECTIONS if s in names], argv


def section_figures(sections, a, b):
    out = []
    for name in sections:
        walk(SPECS[name], a, b, (), out)
    return out


def show(v):
    return "missing" if v is MISSING else json.dumps(v)


def main(argv):
    sections, argv = enabled_sections(argv)
    if len(argv) != 2:
        sys.exit("usage: compare.py [--sections s7,s8,s9,s10,s11|all] CAREBOARD_JSON REFERENCE_JSON")
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
    for path, x, y, ok in section_figures(sections, careboard, reference):
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"{'.'.join(path)}: careboard={show(x)} reference={show(y)}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
