#!/usr/bin/env python3
"""Independent reference implementation of /work/shared/domain/MEASURES.md (sections 0-6).

Usage: python3 tests/reference/measures.py [--year Y] FILE_OR_DIR...
Prints the JSON report of MEASURES.md section 6. Standard library only.
Written from the specification text alone, to cross-check the Rust implementation.

AMBIGUITIES IN MEASURES.md AND THE READINGS CHOSEN HERE
 A1. Table recognition: a CSV is a table when its header (trimmed, upper-cased) contains every
     canonical column of ssda903-notes.md 1.2 for that table (extra columns tolerated, PL_DISTANCE
     optional). Any other CSV is ignored.
 A2. CHILD is an identifier, not a code: it is trimmed but NOT upper-cased ("a1" != "A1").
 A3. A completely empty line (no fields at all) is not a row; it is neither read nor rejected.
     A short row is padded with blanks.
 A4. "yyyy-mm-dd" needs exactly 4-2-2 digits; "dd/mm/yyyy" allows 1 or 2 digits for day and
     month and exactly 4 for the year. Surrounding whitespace is trimmed; anything else
     (times, two-digit years, impossible dates) is not a date.
 A5. Default year: the latest DECOM/DEC/REVIEW over all *used* rows, short-break episodes
     included ("in the data"); rejected rows do not count. No date at all -> error.
 A6. Short-break-only children: their reviews are still held (section 3 says "whatever the
     child's episodes"); they have no usable episode, so the reviews are not_assessable.
 A7. Age at d with DOB after d (negative age) is treated as unknown.
 A8. PL_DISTANCE is used per file: episodes from a file that has the column use it, others use
     postcodes. The value is used as given (no re-rounding); 999.9 is compared numerically;
     "a number" = optional sign, digits, optional decimal point (no exponent, no nan/inf).
 A9. Postcodes: after upper-casing and collapsing runs of whitespace to one space (and trimming),
     the outward/inward split is at the first space. A postcode with no space shorter than
     4 characters gives an empty outward code (so it is not found). "starts with BT" is tested
     on the normalised postcode. Both postcodes must resolve or the distance is not known.
     Rounding uses exact decimal arithmetic (ties such as 31.25 round up).
 A10. Sorting episodes "by DECOM": ties keep input order (file order, then row order); "the
      later row in the file" for open-at ties also means later in that global input order.
 A11. ceased.reason: "latest ceasing episode" = latest DEC; ties: later row in the input.
 A12. UASC: a child is UASC at end if ANY of its used UASC rows has DUC blank or after end.
 A13. Timeliness in a period that started before the coverage start: only the first review the
      data holds is not_assessable; the second one the data holds is numbered 2 and is due
      3 months after the first (numbering is "in date order" over the reviews the data holds).
 A14. overdue_at_year_end: "next due" is computed from the current period's reviews dated on or
      before end; the pre-coverage exclusion counts the period's reviews anywhere in the data
      (literal "fewer than two of its reviews in the data").
 A15. Long-term stability: children of unknown age are not eligible. "end minus 30 months" uses
      the clamped month arithmetic of section 0 (31 Mar 2024 - 30 months = 30 Sep 2021).
 A16. Period of care "ends at the DEC of its last episode" = the last in DECOM order. If that
      episode is open the period is open, even if an earlier overlapping one is closed.
      A previous episode with blank DEC never equals the next DECOM -> a new period starts.
 A17. The earliest review date for the coverage start uses all used (de-duplicated) review rows,
      including reviews of children without usable episodes; "the year containing" = the
      reporting year (1 April - 31 March) containing it.
 A18. Reviews are numbered within a period over all the period's reviews in the data (not
      only those held in the reporting year); equal dates cannot occur after de-duplication.
      Duplicates are found on the parsed date, so 28/07/2023 and 2023-07-28 are the same pair.
 A19. Short breaks are removed before periods of care are built, so a regular episode following
      a short break is compared with the previous *regular* episode's DEC.
 A20. DEC equal to DECOM is not "before DECOM": the row is used (an episode that is never open,
      but it still counts for started/ceased and for periods of care).
 A21. Only CSV input is read here (no XLSX/XML). Files in a folder are tried whatever their name;
      one that is not text or has no matching header is ignored.
"""
import csv
import io
import json
import math
import os
import re
import sys
from datetime import date, timedelta
from decimal import Decimal, ROUND_HALF_UP, getcontext

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "data")

TABLES = {  # ssda903-notes.md 1.2 canonical headers
    "episodes": ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
    "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "uasc": ["CHILD", "SEX", "DOB", "DUC"],
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
}


# ---------------------------------------------------------------- small helpers
def code(s):
    # "Codes are compared after trimming and upper-casing."
    return (s or "").strip().upper()


def parse_date(s):
    # "A date is dd/mm/yyyy (day and month may have one digit), yyyy-mm-dd ...; a two-digit year
    # or an impossible date (31/02/2019) is not a date."
    s = (s or "").strip()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", s)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
        if not m:
            return None
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def add_months(d, n):
    # "Add n months = same day of month, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb)."
    k = d.year * 12 + (d.month - 1) + n
    y, m = divmod(k, 12)
    m += 1
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    last = (nxt - timedelta(days=1)).day
    return date(y, m, min(d.day, last))


def age_at(dob, d):
    # "Age at d = completed years between DOB and d (a 29 Feb birthday turns over on 1 Mar in
    # non-leap years). Missing or unparseable DOB = unknown."
    if dob is None:
        return None
    a = d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))
    return a if a >= 0 else None  # A7


def load_bank_holidays():
    out = set()
    with open(os.path.join(DATA, "bank_holidays_england_wales.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                out.add(date.fromisoformat(line))
    return out


BANK_HOLIDAYS = load_bank_holidays()


def is_working_day(d):
    # "Working day = Monday to Friday and not an England & Wales bank holiday"
    return d.weekday() < 5 and d not in BANK_HOLIDAYS


def nth_working_day_after(d, n):
    # "review 1: the 20th working day after the period's start day (the start day itself is not counted)"
    count = 0
    while count < n:
        d += timedelta(days=1)
        if is_working_day(d):
            count += 1
    return d


# ---------------------------------------------------------------- postcodes / distance
def load_centroids():
    cents = {}
    with open(os.path.join(DATA, "postcode_centroids.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("@"):
                continue
            parts = line.split("\t")
            cents[parts[0]] = (int(parts[1]), int(parts[2]))
    return cents


_CENTROIDS = None


def centroid(pc):
    # "Postcode -> centroid: upper-case, collapse spaces; the sector is the outward code plus the
    # first character of the inward code (SO23 8; with no space, the inward code is the last three
    # characters); look up the sector, else the district (outward code), else not known."
    global _CENTROIDS
    if _CENTROIDS is None:
        _CENTROIDS = load_centroids()
    pc = " ".join(pc.upper().split())
    if not pc:
        return None
    if " " in pc:
        outward, inward = pc.split(" ", 1)
    else:
        outward, inward = pc[:-3], pc[-3:]
    if outward and inward:
        hit = _CENTROIDS.get(outward + " " + inward[0])
        if hit:
            return hit
    return _CENTROIDS.get(outward) if outward else None


def postcode_distance(home, place):
    """Distance in miles rounded to 0.1 (a Decimal), or None when not known."""
    h = " ".join((home or "").upper().split())
    p = " ".join((place or "").upper().split())
    # project rule: exactly one postcode in Northern Ireland (BT) -> not known
    if h.startswith("BT") != p.startswith("BT"):
        return None
    ch, cp = centroid(h), centroid(p)
    if ch is None or cp is None:
        return None
    # "sqrt(dE² + dN²) / 1609.344 miles ... rounded to 0.1 (half away from zero)"
    getcontext().prec = 50
    sq = Decimal((ch[0] - cp[0]) ** 2 + (ch[1] - cp[1]) ** 2)
    miles = sq.sqrt() / Decimal("1609.344")
    return miles.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def distance_band(ep):
    # "Use a PL_DISTANCE column when the export has one (999.9, blank or not a number = not known);
    # otherwise the straight-line distance ... Over 20 means strictly greater than 20.0."
    if ep["has_pl_distance"]:
        s = ep["PL_DISTANCE"].strip()
        if not NUMBER.fullmatch(s) or Decimal(s) == Decimal("999.9"):
            return "not_known"
        dist = Decimal(s)
    else:
        dist = postcode_distance(ep["HOME_POST"], ep["PL_POST"])
        if dist is None:
            return "not_known"
    return "over_20_miles" if dist > Decimal("20.0") else "up_to_20_miles"


# ---------------------------------------------------------------- groupings (section 1)
SEX = {"1": "male", "M": "male", "2": "female", "F": "female"}
ETHNIC = {}
for _g, _cs in [("white", "WBRI WIRI WOTH WIRT WROM"), ("mixed", "MWBC MWBA MWAS MOTH"),
                ("asian", "AIND APKN ABAN AOTH CHNE"), ("black", "BCRB BAFR BOTH"), ("other", "OOTH")]:
    ETHNIC.update({c: _g for c in _cs.split()})
LEGAL = {}
for _g, _cs in [("interim_care_order", "C1"), ("full_care_order", "C2"), ("placement_order", "E1 D1"),
                ("section_20", "V2"), ("detained_for_child_protection", "L1 L2 L3"),
                ("youth_justice", "J1 J2 J3")]:
    LEGAL.update({c: _g for c in _cs.split()})
PLACEMENT = {}
for _g, _cs in [("foster_relative_friend", "U1 U2 U3"), ("foster_other_carer", "U4 U5 U6"),
                ("placed_for_adoption", "A3 A4 A5 A6"), ("placed_with_parents", "P1"),
                ("independent_or_supported", "P2 H5 K3"), ("secure_and_childrens_homes", "K1 K2"),
                ("other_residential", "R1 R2 R3 R5"), ("residential_school", "S1"),
                ("other", "P3 T0 T1 T2 T3 T4 Z1 Z11 Z12 Z13 Z14")]:
    PLACEMENT.update({c: _g for c in _cs.split()})
KEYS = {
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


PN_CODES = [f"PN{i}" for i in range(8)]


def age_band(a):
    if a is None:
        return "unknown"
    if a < 1:
        return "under_1"
    if a <= 4:
        return "1_to_4"
    if a <= 9:
        return "5_to_9"
    if a <= 15:
        return "10_to_15"
    return "16_and_over"


# ---------------------------------------------------------------- reading (section 5)
def list_files(args):
    # "process files in the order given on the command line, a folder = its files sorted by name"
    out = []
    for a in args:
        if os.path.isdir(a):
            for name in sorted(os.listdir(a)):
                p = os.path.join(a, name)
                if os.path.isfile(p):
                    out.append(p)
        else:
            out.append(a)
    return out


def read_csv(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        text = raw.decode("utf-16")
    else:
        text = raw.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def load(paths):
    data = {"episodes": [], "reviews": [], "uasc": [], "header": {}, "inputs": []}
    seen_reviews = set()
    seq = 0
    for path in list_files(paths):
        try:  # any file whose header row matches a table, whatever its name
            rows = read_csv(path)
        except (UnicodeError, csv.Error):
            continue
        if not rows:
            continue
        cols = [code(c) for c in rows[0]]
        table = next((t for t, need in TABLES.items() if set(need) <= set(cols)), None)
        if table is None:
            continue
        info = {"file": path, "table": table, "rows_read": 0, "rows_used": 0, "rows_rejected": 0,
                "rejections": []}
        data["inputs"].append(info)
        for rownum, values in enumerate(rows[1:], start=2):
            if not values:
                continue  # A3
            rec = {c: (values[i] if i < len(values) else "") for i, c in enumerate(cols)}
            info["rows_read"] += 1
            seq += 1
            why = reject_reason(table, rec, seen_reviews, data["header"])
            if why:
                info["rows_rejected"] += 1
                info["rejections"].append({"row": rownum, "column": why[0], "reason": why[1]})
                continue
            info["rows_used"] += 1
            child = rec["CHILD"].strip()
            if table == "episodes":
                data["episodes"].append({
                    "child": child, "seq": seq, "decom": parse_date(rec["DECOM"]),
                    "dec": parse_date(rec["DEC"]), "RNE": code(rec["RNE"]), "LS": code(rec["LS"]),
                    "PLACE": code(rec["PLACE"]), "REC": code(rec["REC"]),
                    "HOME_POST": rec["HOME_POST"], "PL_POST": rec["PL_POST"],
                    "has_pl_distance": "PL_DISTANCE" in cols, "PL_DISTANCE": rec.get("PL_DISTANCE", "")})
            elif table == "reviews":
                d = parse_date(rec["REVIEW"])
                seen_reviews.add((child, d))
                data["reviews"].append({"child": child, "date": d, "seq": seq,
                                        "code": code(rec["REVIEW_CODE"])})
            elif table == "uasc":
                data["uasc"].append({"child": child, "duc": parse_date(rec["DUC"])})
            else:
                data["header"][child] = {"sex": code(rec["SEX"]), "dob": parse_date(rec["DOB"]),
                                         "ethnic": code(rec["ETHNIC"])}
    return data


def reject_reason(table, rec, seen_reviews, headers):
    # "any table: CHILD blank;"
    child = rec["CHILD"].strip()
    if not child:
        return ("CHILD", "blank")
    if table == "episodes":
        # "episodes: DECOM missing or not a date; DEC present but not a date; DEC before DECOM;"
        decom = parse_date(rec["DECOM"])
        if decom is None:
            return ("DECOM", "missing or not a date")
        if rec["DEC"].strip():
            dec = parse_date(rec["DEC"])
            if dec is None:
                return ("DEC", "not a date")
            if dec < decom:
                return ("DEC", "before DECOM")
    elif table == "reviews":
        # "reviews: REVIEW missing or not a date; a repeat of an earlier (CHILD, REVIEW) pair;"
        d = parse_date(rec["REVIEW"])
        if d is None:
            return ("REVIEW", "missing or not a date")
        if (child, d) in seen_reviews:
            return ("REVIEW", "repeat of an earlier (CHILD, REVIEW) pair")
    elif table == "header":
        # "header: a repeat of an earlier CHILD (the first row is used)"
        if child in headers:
            return ("CHILD", "repeat of an earlier CHILD")
    elif table == "uasc":
        # "uasc: DUC present but not a date."
        if rec["DUC"].strip() and parse_date(rec["DUC"]) is None:
            return ("DUC", "not a date")
    return None


# ---------------------------------------------------------------- episodes and periods
def open_episode(eps, d):
    # "Open at date d: DECOM <= d and (DEC blank or DEC > d). If a child has several episodes open
    # at d (bad data), the one with the latest DECOM wins; ties: the later row in the file."
    cands = [e for e in eps if e["decom"] <= d and (e["dec"] is None or e["dec"] > d)]
    return max(cands, key=lambda e: (e["decom"], e["seq"])) if cands else None


def periods_of(eps):
    # "Periods of care per child: sort the child's episodes by DECOM. A period starts at the first
    # episode and at every episode with RNE = S or whose DECOM is not the previous episode's DEC
    # (a gap). It ends at the DEC of its last episode (or is open)."
    periods = []
    prev = None
    for e in eps:  # already sorted by (DECOM, seq)
        if prev is None or e["RNE"] == "S" or e["decom"] != prev["dec"]:
            periods.append({"start": e["decom"], "episodes": [], "reviews": []})
        periods[-1]["episodes"].append(e)
        e["period"] = len(periods) - 1
        prev = e
    for p in periods:
        p["end"] = p["episodes"][-1]["dec"]  # None = open
    return periods


def month_ends(Y):
    out = []
    for k in range(12):
        first_next = add_months(date(Y - 1, 5, 1), k)  # 1 May .. 1 Apr
        out.append(first_next - timedelta(days=1))     # 30 Apr .. 31 Mar
    return out


# ---------------------------------------------------------------- the report
def report(data, year=None):
    # "Short breaks: episodes with LS in V3, V4 are dropped before anything is counted."
    all_eps = data["episodes"]
    if year is None:
        # "Default year: the latest year whose end is on or before the latest DECOM, DEC or REVIEW
        # date in the data."
        dates = [e["decom"] for e in all_eps] + [e["dec"] for e in all_eps if e["dec"]]
        dates += [r["date"] for r in data["reviews"]]
        if not dates:
            sys.exit("no DECOM, DEC or REVIEW date in the data: give --year")
        latest = max(dates)
        year = latest.year if latest >= date(latest.year, 3, 31) else latest.year - 1
    Y = year
    start, end = date(Y - 1, 4, 1), date(Y, 3, 31)  # "Year Y ... both inclusive"
    in_year = lambda d: d is not None and start <= d <= end

    by_child = {}
    for e in sorted((e for e in all_eps if e["LS"] not in ("V3", "V4")),
                    key=lambda e: (e["decom"], e["seq"])):
        by_child.setdefault(e["child"], []).append(e)
    periods = {c: periods_of(eps) for c, eps in by_child.items()}

    # ---- section 1: the cohort
    cla = {k: {v: 0 for v in vs} for k, vs in KEYS.items()}
    total = uasc = three_plus = eligible = stable = 0
    cohort = {}
    uasc_children = {u["child"] for u in data["uasc"] if u["duc"] is None or u["duc"] > end}
    for child, eps in by_child.items():
        ep = open_episode(eps, end)  # "Children with an episode open at end."
        if ep is None:
            continue
        cohort[child] = ep
        total += 1
        h = data["header"].get(child)  # "no header row: sex, age and ethnicity are unknown"
        age = age_at(h["dob"], end) if h else None
        cla["sex"][SEX.get(h["sex"], "unknown") if h else "unknown"] += 1
        cla["age_band"][age_band(age)] += 1
        cla["ethnic_group"][ETHNIC.get(h["ethnic"], "not_known") if h else "not_known"] += 1
        cla["legal_status"][LEGAL.get(ep["LS"], "unknown")] += 1
        cla["placement"][PLACEMENT.get(ep["PLACE"], "unknown")] += 1
        cla["distance"][distance_band(ep)] += 1
        # "uasc: in the cohort, listed in the UASC table, and DUC blank or after end."
        if child in uasc_children:
            uasc += 1
        # "Placements in the year ... episodes overlapping the year (DECOM <= end and (DEC blank or
        # DEC > start)), in DECOM order. The first counts as one placement; each later one counts
        # one more if its RNE is S, P, B, T or U."
        overlap = [e for e in eps if e["decom"] <= end and (e["dec"] is None or e["dec"] > start)]
        placements = 1 + sum(1 for e in overlap[1:] if e["RNE"] in ("S", "P", "B", "T", "U"))
        if placements >= 3:
            three_plus += 1
        # "eligible = cohort children aged under 16 at end whose current period of care started on
        # or before end minus 30 months."
        per = periods[child][ep["period"]]
        if age is not None and age < 16 and per["start"] <= add_months(end, -30):
            eligible += 1
            # "Walk back from the open episode through its period: the carer run extends to the
            # previous episode only while the later episode's RNE is L, T or U."
            pe = per["episodes"]
            i = next(k for k, x in enumerate(pe) if x is ep)
            while i > 0 and pe[i]["RNE"] in ("L", "T", "U"):
                i -= 1
            # "stable = eligible children whose carer run started on or before end minus 24 months."
            if pe[i]["decom"] <= add_months(end, -24):
                stable += 1

    # ---- section 2: flows
    # "started: distinct children with an episode with RNE = S and DECOM in the year."
    started = len({e["child"] for eps in by_child.values() for e in eps
                   if e["RNE"] == "S" and in_year(e["decom"])})
    # "ceased.total: distinct children with an episode whose REC is present and not X1, and whose
    # DEC is in the year. ceased.reason: for each such child, the REC of its latest ceasing episode
    # in the year, counted by code (upper-cased, as found)."
    reasons = {}
    ceased_total = 0
    for child, eps in by_child.items():
        ceasing = [e for e in eps if e["REC"] and e["REC"] != "X1" and in_year(e["dec"])]
        if ceasing:
            ceased_total += 1
            last = max(ceasing, key=lambda e: (e["dec"], e["seq"]))
            reasons[last["REC"]] = reasons.get(last["REC"], 0) + 1
    # "cla_month_end: for each of the 12 month ends in the year (30 Apr ... 31 Mar), the number of
    # children with an episode open at that date, keyed YYYY-MM-DD."
    month_end = {d.isoformat(): sum(1 for eps in by_child.values() if open_episode(eps, d))
                 for d in month_ends(Y)}

    # ---- section 3: reviews (rows already de-duplicated on (CHILD, REVIEW) at load time)
    reviews = data["reviews"]
    # "Review coverage start = 1 April of the year containing the earliest review date in the whole input"
    coverage = None
    if reviews:
        first = min(r["date"] for r in reviews)
        coverage = date(first.year if first.month >= 4 else first.year - 1, 4, 1)
    for r in sorted(reviews, key=lambda r: (r["date"], r["seq"])):
        r["status"] = "not_assessable"
        pers = periods.get(r["child"], [])
        # "Each review is placed in the period of care whose range [start, end] contains its date
        # (end inclusive; open periods have no end; if two contain it, the later-starting one)."
        hits = [i for i, p in enumerate(pers)
                if p["start"] <= r["date"] and (p["end"] is None or r["date"] <= p["end"])]
        if hits:
            best = max(hits, key=lambda i: (pers[i]["start"], i))
            pers[best]["reviews"].append(r)  # appended in date order
    for pers in periods.values():
        for p in pers:
            rs = p["reviews"]  # "Within a period, reviews are numbered in date order."
            for n, r in enumerate(rs, start=1):
                # "a review is not_assessable when it is the first review of its period that the
                # data holds, its period started before the review coverage start"
                if n == 1 and p["start"] < coverage:
                    continue
                if n == 1:
                    due = nth_working_day_after(p["start"], 20)
                elif n == 2:
                    due = add_months(rs[0]["date"], 3)  # "review 2: review 1's date + 3 months"
                else:
                    due = add_months(rs[n - 2]["date"], 6)  # "review n >= 3: review n-1's date + 6 months"
                # "A review is on_time when held on or before its due date, else late."
                r["status"] = "on_time" if r["date"] <= due else "late"

    held = [r for r in reviews if in_year(r["date"])]
    by_month = {d.strftime("%Y-%m"): {"held": 0, "on_time": 0, "late": 0, "not_assessable": 0}
                for d in month_ends(Y)}
    participation = {c: 0 for c in PN_CODES + ["unknown"]}
    counts = {"on_time": 0, "late": 0, "not_assessable": 0}
    for r in held:
        counts[r["status"]] += 1
        m = by_month[r["date"].strftime("%Y-%m")]
        m["held"] += 1
        m[r["status"]] += 1
        # "participation: held reviews counted by REVIEW_CODE: PN0 ... PN7, unknown (blank or other)."
        participation[r["code"] if r["code"] in PN_CODES else "unknown"] += 1

    # "overdue_at_year_end: cohort children whose next review in their current period of care was
    # due on or before end and not held by end."
    overdue = 0
    for child, ep in cohort.items():
        p = periods[child][ep["period"]]
        # "Children whose period started before the review coverage start and who have fewer than
        # two of its reviews in the data are not counted"
        done = [r for r in p["reviews"] if r["date"] <= end]
        if coverage is None or (p["start"] < coverage and len(done) < 2):
            continue
        # "Next due: with no review yet, review 1's due date; with one review, that review +
        # 3 months; with two or more, the latest + 6 months."
        if not done:
            due = nth_working_day_after(p["start"], 20)
        elif len(done) == 1:
            due = add_months(done[0]["date"], 3)
        else:
            due = add_months(done[-1]["date"], 6)
        if due <= end:
            overdue += 1

    cla_out = {"total": total}
    for k in ("sex", "age_band", "ethnic_group", "legal_status", "placement", "distance"):
        cla_out[k] = cla[k]
    cla_out.update({"uasc": uasc, "three_plus_placements": three_plus,
                    "long_term_stability": {"eligible": eligible, "stable": stable}})
    return {
        "year_ending": end.isoformat(),
        "inputs": data["inputs"],
        "cla_at_31_march": cla_out,
        "started": started,
        "ceased": {"total": ceased_total, "reason": dict(sorted(reasons.items()))},
        "cla_month_end": month_end,
        "reviews": {
            "held": len(held), "assessable": counts["on_time"] + counts["late"],
            "on_time": counts["on_time"], "late": counts["late"],
            "not_assessable": counts["not_assessable"], "overdue_at_year_end": overdue,
            "by_month": by_month, "participation": participation,
        },
    }


def main(argv):
    args = list(argv)
    year = None
    if "--year" in args:
        i = args.index("--year")
        year = int(args[i + 1])
        del args[i:i + 2]
    if not args:
        sys.exit("usage: measures.py [--year Y] FILE_OR_DIR...")
    print(json.dumps(report(load(args), year), indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
