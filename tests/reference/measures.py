#!/usr/bin/env python3
"""Independent reference implementation of /work/shared/domain/MEASURES.md (sections 0-11)
and of /work/contract-additions.md (the agreed JSON keys and readings for sections 7-11).

Usage: python3 tests/reference/measures.py [--year Y] [--la CODE] [--record-deadline-days N]
       [--caseload-looked-after-only] [--dispute-stages a,b,c] [--iro-roles X,Y] FILE_OR_DIR...
Prints the JSON report of MEASURES.md sections 6 and 7.3 with the contract's keys, plus
`reference_trend_row` (not in the contract: what the trend row of the year must hold, for
compare_trend.py). Standard library only; reads CSV only.
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
 --- sections 7-11 (MEASURES.md and /work/contract-additions.md)
 A22. Headers of the section 7 tables and of the child population table are compared with
      everything but letters and digits removed, upper-cased ("case/space/punctuation-
      insensitive": "Date review record distributed" = DATEREVIEWRECORDDISTRIBUTED). Synonyms:
      those MEASURES 7.1 lists (the SSD names) and the contract's for GROUP/CHILDREN; the role
      column is ROLE or invo_professional_role_id. The 903 tables, missing/OC3/DoLO included,
      keep A1 (every canonical column, trimmed and upper-cased).
 A23. Recognition: review_meetings requires CHILD alone, which every 903 file has, so a file
      that is no 903 table is tried in this order, the first that fits winning: review_meetings
      (CHILD and REVIEW_DATE or CANCELLED), iro_allocations (CHILD, IRO, START), iro_contacts
      (CHILD, CONTACT_DATE), disputes (RAISED, STAGE), iros (IRO), child population (GROUP,
      CHILDREN). A table is "loaded" when a file is recognised as it, even if every row is
      rejected (its figures are then zeros, not null). Files of one table add together.
      NB: the README lists REVIEW_DATE as a synonym of the 903 reviews' REVIEW, while 7.1 makes
      it review_meetings' canonical column: a file CHILD, DOB, REVIEW_DATE, REVIEW_CODE is a 903
      reviews table there and review_meetings here (the reference knows only canonical 903 names).
 A24. Section 7 row rules (the text lists only some): a row is rejected when a required (bold)
      column is blank; when any of its date columns is present but not a date (as DEC, DUC,
      MIS_END, DOLO_END); when END is before START (allocations, iros) or RESOLVED before
      RAISED (disputes); besides MEASURES' own (neither held nor cancelled; RECORD_COMPLETED
      before REVIEW_DATE; FTE not a number or outside 0 < FTE <= 1.5). A repeated IRO in the
      iros table: first row used, the repeat rejected (as the header table). Repeated
      REVIEW_IDs are not rejected (nothing says so).
 A25. disputes and iros have no required CHILD: a blank CHILD does not reject their rows.
 A26. CANCELLED is yes when, trimmed and upper-cased, it is Y, YES, TRUE or 1; anything else is
      not cancelled. A cancelled row is never held, even with a REVIEW_DATE. "Held in the year"
      (chaired, records, parents, cancelled's `held`) = REVIEW_DATE in the year and not
      cancelled. A cancelled row with no CANCELLED_DATE, DUE_DATE or REVIEW_DATE is in no year.
 A27. Roles apply only when the allocations file has a role column; compared trimmed and
      upper-cased with --iro-roles; a blank role is not an IRO role. Other rows are used (not
      rejected) but take part in no figure; their dates still count for as_at and coverage
      ("the latest date of any kind in the local exports"). Rejected rows count for nothing.
 A28. Caseload: an IRO with allocated children but no row in the iros table (or no iros table)
      has FTE 1.0 and is in post. The IROs counted at d are those in post at d with at least
      one allocated child; at_year_end iros/fte/lowest/highest/bands and by_iro are over the
      IROs counted at end (an IRO in post with no child is in none of them). A child allocated
      to two IROs counts for each (sum over IROs). by_iro is sorted by IRO id; name = the iros
      table's NAME, null when blank or unknown. fte = the exact decimal sum as a JSON number.
      With no IRO counted, per_fte/lowest/highest (and that month_end value) are null.
 A29. Chair: CHAIR trimmed; if blank, the child's IRO-role allocation open on REVIEW_DATE with
      the latest START, ties the later row. reviews_chaired lists each IRO with at least one
      review (by id) and always not_known (compare.py counts a missing IRO key as 0).
      by_iro[].reviews_chaired is null when no review_meetings table is loaded.
 A30. year_average = the mean of the month ends that have a figure (null if none); MEASURES
      assumes all 12 have one.
 A31. Disputes: "the latest such row" = of the highest-stage rows, the one with the latest
      RAISED (ties: the later row); its RESOLVED (blank = open) is the dispute's. resolved =
      RESOLVED on or before end; open_at_year_end = the others (resolved after end = open at
      end); both over disputes raised in the year, so resolved + open = total. by_stage is the
      highest stage reached in the export, not at end.
 A32. A blank DISPUTE_ID makes its row one dispute, as when the column is absent.
 A33. Stages are matched lower-cased with each run of non-alphanumerics as "_" (so "Head of
      Service" = head_of_service); by_stage keys are the list's stages so normalised. A stage
      outside the list ranks below every listed stage, so other_stage = no row's stage listed.
 A34. Parent codes trimmed and upper-cased; with no value mapping here, a value other than
      ATTENDED/VIEWS/NONE/NA is "not recorded" like blank, so not_recorded = neither parent has
      a known code. JSON has the counts of the contract's 7.3 shape, not 7.2's percentages.
 A35. Working days from RAISED to RESOLVED = working days d with RAISED < d <= RESOLVED (the
      "Nth working day after" convention; resolved the same day = 0).
 A36. by_category: a dispute's category is the first non-blank CATEGORY of its rows in RAISED
      order, trimmed, case kept; none = "not_recorded". Only disputes raised in the year count;
      categories with none are not listed (compare.py counts a missing category as 0).
 A37. Section 7 trend coverage: a table's earliest date is over every date column of its used
      rows. The caseload keys need iro_allocations (the iros table does not limit coverage),
      records_percent_on_time and reviews_cancelled review_meetings, disputes_raised disputes.
 A38. Child population GROUP: whitespace collapsed, case-insensitive: the five keys, DfE's five
      labels, or the ONS prefixes ("Asian,", "Black,", "Mixed or Multiple", "White:", "Other
      ethnic group:"); "Does not apply" is used and counted in none. CHILDREN must be digits
      only (no sign, decimal point or thousands separator). A group's rows are summed across
      rows and files. By its prefix ONS's "Asian...: Chinese" is asian (no CHNE option here).
 A39. Disproportionality: a loaded child table wins over --la; cohort_share null when no cohort
      child has a known group; ratio null when either share is null or the population share is
      0; rate_per_10000 null with the Census fallback or a group population of 0. Fallback:
      tests/reference/data/census2021_all_ages_by_council.csv (build_census.py); Cumbria (909)
      and Northamptonshire (928) = the sum of their two successor unitary authorities.
 A40. Section 11 ages use the header table's DOB (one DOB per child, as section 1); the reviews
      table's own DOB column is not read. dates_before_birth, future_dates and
      overlapping_episodes look at every used row, whatever the year.
 A41. Section 11 examples: "year-level" checks (examples []) are the three whose finding is
      about the year as a whole: no_starters, no_leavers, flat_month_ends. The others list the
      distinct child IDs of what they counted (distance_mostly_unknown: the cohort children whose
      distance is not known; most_overdue: the children overdue a review). A check whose count is 0 does not fire (no_starters with nobody in care).
 A42. no_starters/no_leavers: the "latest DECOM/DEC/REVIEW date of the data" includes
      short-break episodes (as A5); "looked after at any time in the year" = a regular episode
      with DECOM <= end and (DEC blank or DEC > start), the half-open range of section 0.
 A43. future_dates: L_ep includes short-break episodes; a row with both dates late counts once.
 A44. care_leavers: the birthday in the year is the DOB's day and month in Y-1 (April-December)
      or Y (January-March), 29 Feb -> 1 Mar in a non-leap year; the age turned is that year
      minus the DOB's year. An OC3 DOB blank, like one that is not a date, counts in neither.
 A45. missing: rows count whatever the child's care status (the contract does not restrict to
      the cohort); MISSING other than M/A counts in neither.
 A46. dolo.started_in_year: distinct children with a DOLO_START in the year.
 A47. time_in_care: s = the start of the period (A16) holding the episode open at end.
 A48. Trend (compare_trend.py): participation is expected exactly for years starting on or after
      the review coverage start (the reference's own rule, 3.1); age_band, distance and
      long_term_stability for every trend year.
 A49. iro_service.as_at: MEASURES 7.2 says "the latest date of any kind in the local exports", but
      scheduled dates (DUE_DATE, a planned allocation END, an IRO's dates in post) can lie after
      the export was taken and would count records "overdue" before their deadline. as_at is the
      latest date of an event that has happened: REVIEW_DATE, CANCELLED_DATE, RECORD_COMPLETED,
      allocation START, RAISED, RESOLVED, CONTACT_DATE (the coordinator's contract reading).
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
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "data")

TABLES = {  # ssda903-notes.md 1.2 canonical headers
    "episodes": ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
    "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "uasc": ["CHILD", "SEX", "DOB", "DUC"],
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "oc3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "dolo": ["CHILD", "DOB", "DOLO_START", "DOLO_END"],
}

# MEASURES.md 7.1 (and the contract's child population table of section 9): canonical column ->
# the synonyms listed there. Header names are compared case/space/punctuation-insensitively (A22).
LOCAL_COLUMNS = {
    "review_meetings": {
        "CHILD": ["clar_cla_person_id"], "REVIEW_ID": ["clar_cla_review_id"],
        "DUE_DATE": ["clar_cla_review_due_date"], "REVIEW_DATE": ["clar_cla_review_date"],
        "CANCELLED": ["clar_cla_review_cancelled"], "CANCELLED_DATE": [], "CHAIR": ["Chair"],
        "RECORD_COMPLETED": ["Date review record distributed"], "MOTHER": [], "FATHER": []},
    "iro_allocations": {
        "CHILD": ["invo_person_id"], "IRO": ["invo_professional_id"],
        "START": ["invo_involvement_start_date"], "END": ["invo_involvement_end_date"],
        "ROLE": ["invo_professional_role_id"]},
    "iro_contacts": {"CHILD": [], "CONTACT_DATE": [], "IRO": [], "TYPE": []},
    "disputes": {"RAISED": [], "STAGE": [], "DISPUTE_ID": [], "CHILD": [], "IRO": [],
                 "RESOLVED": [], "CATEGORY": []},
    "iros": {"IRO": ["prof_professional_id"], "NAME": ["prof_professional_name"],
             "FTE": ["prof_full_time_equivalency"], "START": [], "END": []},
    "child_population": {"GROUP": ["ETHNIC_GROUP", "ETHNICITY"],
                         "CHILDREN": ["COUNT", "POPULATION", "NUMBER"]},
}
# Recognition, tried in this order after the 903 tables (A23): the first whose test holds.
LOCAL_TABLES = [
    ("review_meetings", lambda c: "CHILD" in c and ("REVIEW_DATE" in c or "CANCELLED" in c)),
    ("iro_allocations", lambda c: {"CHILD", "IRO", "START"} <= c),
    ("iro_contacts", lambda c: {"CHILD", "CONTACT_DATE"} <= c),
    ("disputes", lambda c: {"RAISED", "STAGE"} <= c),
    ("iros", lambda c: "IRO" in c),
    ("child_population", lambda c: {"GROUP", "CHILDREN"} <= c),
]
LOCAL_DATES = {  # the date columns of each local table
    "review_meetings": ["DUE_DATE", "REVIEW_DATE", "CANCELLED_DATE", "RECORD_COMPLETED"],
    "iro_allocations": ["START", "END"], "iro_contacts": ["CONTACT_DATE"],
    "disputes": ["RAISED", "RESOLVED"], "iros": ["START", "END"], "child_population": [],
}
# as_at counts only dates of events that have happened (A49): not due dates, planned ends or an
# IRO's dates in post, which can lie after the export was taken.
AS_AT_DATES = {
    "review_meetings": ["REVIEW_DATE", "CANCELLED_DATE", "RECORD_COMPLETED"],
    "iro_allocations": ["START"], "iro_contacts": ["CONTACT_DATE"],
    "disputes": ["RAISED", "RESOLVED"], "iros": [],
}
IRO_TABLES = ["review_meetings", "iro_allocations", "iros", "disputes", "iro_contacts"]


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
            if parts[0].startswith(" "):
                # A sector row relative to the district row above it (scripts/build_postcodes.py).
                key, e, n = district[0] + parts[0], district[1] + int(parts[1]), district[2] + int(parts[2])
            else:
                key, e, n = parts[0], int(parts[1]), int(parts[2])
                district = (key, e, n)
            cents[key] = (e, n)
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


# ---------------------------------------------------------------- rounding (contract: halves up,
# from the unrounded figure, "rounding happens last")
def round_int(x):
    """A Fraction/int rounded to a whole number, halves up."""
    return math.floor(Fraction(x) + Fraction(1, 2))


def round_dp(x, places):
    """A Fraction rounded to `places` decimals, halves up, as a float (None stays None)."""
    if x is None:
        return None
    scale = 10 ** places
    return float(Decimal(math.floor(Fraction(x) * scale + Fraction(1, 2))) / Decimal(scale))


def percent(num, den):
    """num / den x 100 to one decimal (halves up); None when den is 0."""
    return None if den == 0 else round_dp(Fraction(num * 100, den), 1)


# ---------------------------------------------------------------- section 9 population groups
GROUPS = ["white", "mixed", "asian", "black", "other"]
GROUP_LABELS = {  # contract: the five keys and DfE's five labels, case-insensitive
    "white": "white", "mixed": "mixed", "asian": "asian", "black": "black", "other": "other",
    "mixed or multiple ethnic groups": "mixed", "asian or asian british": "asian",
    "black, african, caribbean or black british": "black", "other ethnic group": "other",
}
# MEASURES 9: "ONS's 20 categories map to the five groups by their prefix: "Asian, ..." -> asian,
# "Black, ..." -> black, "Mixed or Multiple ..." -> mixed, "White: ..." -> white, "Other ethnic
# group: ..." -> other; "Does not apply" is left out."
GROUP_PREFIXES = [("asian,", "asian"), ("black,", "black"), ("mixed or multiple", "mixed"),
                  ("white:", "white"), ("other ethnic group:", "other")]


def population_group(name):
    """One of GROUPS, "skip" (Does not apply: left out) or None (maps to none). A38."""
    t = " ".join((name or "").split()).lower()
    if t == "does not apply":
        return "skip"
    if t in GROUP_LABELS:
        return GROUP_LABELS[t]
    return next((g for p, g in GROUP_PREFIXES if t.startswith(p)), None)


CENSUS = os.path.join(HERE, "data", "census2021_all_ages_by_council.csv")


def census_population(la):
    """The council's Census 2021 all-ages population by group (tests/reference/data, built by
    build_census.py), keyed by DfE's three-digit code; exits on an unknown code."""
    with open(CENSUS, encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    for r in rows:
        if r["la_code"] == la.strip():
            return {g: int(r[g]) for g in GROUPS}
    sys.exit(f"unknown council code {la!r} (DfE three-digit code, e.g. 850)")


# ---------------------------------------------------------------- settings (contract, section 7)
DEFAULT_STAGES = ["informal", "formal", "head_of_service", "director", "cafcass"]


def default_settings():
    return {"la": None, "record_deadline_working_days": 20, "caseload_looked_after_only": False,
            "dispute_stages": list(DEFAULT_STAGES), "iro_roles": ["IRO"]}


def stage_key(s):
    # A33: stages compared lower-cased with every run of non-alphanumerics as one "_"
    return re.sub(r"[^0-9a-z]+", "_", (s or "").strip().lower()).strip("_")


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


def norm_col(name):
    # A22: "case/space/punctuation-insensitive": keep letters and digits, upper-cased.
    return re.sub(r"[^0-9A-Z]", "", (name or "").upper())


def local_columns(table, header):
    """Header cells -> canonical column names of a local table (None for a column not known).
    When two cells name the same column, the first is used."""
    names = {}
    for canon, syns in LOCAL_COLUMNS[table].items():
        for n in [canon] + syns:
            names[norm_col(n)] = canon
    out, seen = [], set()
    for h in header:
        c = names.get(norm_col(h))
        out.append(c if c and c not in seen else None)
        if c:
            seen.add(c)
    return out


def recognise(header):
    """(table, column names) for a header row, or (None, None). 903 tables first (A1)."""
    cols = [code(c) for c in header]
    table = next((t for t, need in TABLES.items() if set(need) <= set(cols)), None)
    if table:
        return table, cols
    for t, test in LOCAL_TABLES:
        cols = local_columns(t, header)
        if test({c for c in cols if c}):
            return t, cols
    return None, None


CANCELLED_YES = {"Y", "YES", "TRUE", "1"}


def load(paths):
    data = {"episodes": [], "reviews": [], "uasc": [], "header": {}, "inputs": []}
    # Tables that are null in the JSON when not loaded start as None (loaded = recognised).
    for t in ["missing", "oc3", "dolo"] + IRO_TABLES:
        data[t] = None
    data["child_population"] = None
    seen = {"reviews": set(), "oc3": set(), "iros": set()}
    seq = 0
    for path in list_files(paths):
        try:  # any file whose header row matches a table, whatever its name
            rows = read_csv(path)
        except (UnicodeError, csv.Error):
            continue
        if not rows:
            continue
        table, cols = recognise(rows[0])
        if table is None:
            continue
        info = {"file": path, "table": table, "rows_read": 0, "rows_used": 0, "rows_rejected": 0,
                "rejections": []}
        data["inputs"].append(info)
        if table in data and data[table] is None:
            data[table] = {} if table == "child_population" else []
        for rownum, values in enumerate(rows[1:], start=2):
            if not values:
                continue  # A3
            rec = {}
            for i, c in enumerate(cols):
                if c is not None and c not in rec:
                    rec[c] = values[i] if i < len(values) else ""
            for c in LOCAL_COLUMNS.get(table, {}):
                rec.setdefault(c, "")
            info["rows_read"] += 1
            seq += 1
            why = reject_reason(table, rec, seen, data["header"])
            if why:
                info["rows_rejected"] += 1
                info["rejections"].append({"row": rownum, "column": why[0], "reason": why[1]})
                continue
            info["rows_used"] += 1
            child = rec.get("CHILD", "").strip()
            if table == "episodes":
                data["episodes"].append({
                    "child": child, "seq": seq, "decom": parse_date(rec["DECOM"]),
                    "dec": parse_date(rec["DEC"]), "RNE": code(rec["RNE"]), "LS": code(rec["LS"]),
                    "PLACE": code(rec["PLACE"]), "REC": code(rec["REC"]),
                    "HOME_POST": rec["HOME_POST"], "PL_POST": rec["PL_POST"],
                    "has_pl_distance": "PL_DISTANCE" in cols, "PL_DISTANCE": rec.get("PL_DISTANCE", "")})
            elif table == "reviews":
                d = parse_date(rec["REVIEW"])
                seen["reviews"].add((child, d))
                data["reviews"].append({"child": child, "date": d, "seq": seq,
                                        "code": code(rec["REVIEW_CODE"])})
            elif table == "uasc":
                data["uasc"].append({"child": child, "duc": parse_date(rec["DUC"])})
            elif table == "header":
                data["header"][child] = {"sex": code(rec["SEX"]), "dob": parse_date(rec["DOB"]),
                                         "ethnic": code(rec["ETHNIC"])}
            elif table == "missing":
                data["missing"].append({"child": child, "code": code(rec["MISSING"]),
                                        "start": parse_date(rec["MIS_START"])})
            elif table == "oc3":
                seen["oc3"].add(child)
                data["oc3"].append({"child": child, "dob": parse_date(rec["DOB"]),
                                    "in_touch": code(rec["IN_TOUCH"]), "activ": code(rec["ACTIV"]),
                                    "accom": code(rec["ACCOM"])})
            elif table == "dolo":
                data["dolo"].append({"child": child, "start": parse_date(rec["DOLO_START"]),
                                     "end": parse_date(rec["DOLO_END"])})
            elif table == "child_population":
                g = population_group(rec["GROUP"])
                if g != "skip":
                    pop = data["child_population"]
                    pop[g] = pop.get(g, 0) + int(rec["CHILDREN"].strip())
            else:  # section 7 tables: identifiers trimmed (A2), dates parsed
                row = {"seq": seq}
                for c in LOCAL_COLUMNS[table]:
                    row[c] = (parse_date(rec[c]) if c in LOCAL_DATES[table] else rec[c].strip())
                if table == "iros":
                    seen["iros"].add(row["IRO"])
                    row["FTE"] = Decimal(row["FTE"]) if row["FTE"] else Decimal(1)
                if table == "iro_allocations":
                    row["has_role"] = "ROLE" in cols
                data[table].append(row)
    return data


def reject_reason(table, rec, seen, headers):
    # "any table: CHILD blank;" (disputes and iros have no required CHILD: A25)
    child = rec.get("CHILD", "").strip()
    if "CHILD" in TABLES.get(table, []) or table in ("review_meetings", "iro_allocations",
                                                      "iro_contacts"):
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
        if (child, d) in seen["reviews"]:
            return ("REVIEW", "repeat of an earlier (CHILD, REVIEW) pair")
    elif table == "header":
        # "header: a repeat of an earlier CHILD (the first row is used)"
        if child in headers:
            return ("CHILD", "repeat of an earlier CHILD")
    elif table == "uasc":
        # "uasc: DUC present but not a date."
        if rec["DUC"].strip() and parse_date(rec["DUC"]) is None:
            return ("DUC", "not a date")
    elif table == "missing":
        # contract: "MIS_START missing or not a date; MIS_END present and not a date; MIS_END
        # before MIS_START"
        return dated_range(rec, "MIS_START", "MIS_END")
    elif table == "dolo":
        # contract: "DOLO_START missing/not a date, DOLO_END present and not a date, DOLO_END
        # before DOLO_START"
        return dated_range(rec, "DOLO_START", "DOLO_END")
    elif table == "oc3":
        # contract: "Repeated CHILD in OC3: first row used, repeat rejected"
        if child in seen["oc3"]:
            return ("CHILD", "a repeat of an earlier row for this child")
    elif table == "child_population":
        # contract: "A row with CHILDREN not a whole number >= 0, or a GROUP that maps to none:
        # rejected"
        if population_group(rec["GROUP"]) is None:
            return ("GROUP", "not an ethnic group")
        if not re.fullmatch(r"\d+", rec["CHILDREN"].strip()):
            return ("CHILDREN", "not a whole number")
    elif table in LOCAL_DATES:
        return local_reject(table, rec, seen)
    return None


def dated_range(rec, first, last):
    a = parse_date(rec[first])
    if a is None:
        return (first, "missing or not a date")
    if rec[last].strip():
        b = parse_date(rec[last])
        if b is None:
            return (last, "not a date")
        if b < a:
            return (last, "before " + first)
    return None


def local_reject(table, rec, seen):
    """Section 7 row rules (A24, A25)."""
    required = {"review_meetings": ["CHILD"], "iro_allocations": ["CHILD", "IRO", "START"],
                "iros": ["IRO"], "disputes": ["RAISED", "STAGE"],
                "iro_contacts": ["CHILD", "CONTACT_DATE"]}[table]
    for c in required:
        if not rec[c].strip():
            return (c, "missing")
    for c in LOCAL_DATES[table]:
        if rec[c].strip() and parse_date(rec[c]) is None:
            return (c, "not a date")
    if table == "review_meetings":
        # "A row needs REVIEW_DATE or CANCELLED = yes; otherwise it is rejected"
        held = parse_date(rec["REVIEW_DATE"])
        if held is None and code(rec["CANCELLED"]) not in CANCELLED_YES:
            return ("REVIEW_DATE", "neither held nor cancelled")
        # "A RECORD_COMPLETED before REVIEW_DATE is rejected."
        done = parse_date(rec["RECORD_COMPLETED"])
        if held is not None and done is not None and done < held:
            return ("RECORD_COMPLETED", "before REVIEW_DATE")
    elif table in ("iro_allocations", "iros"):
        s, e = parse_date(rec["START"]), parse_date(rec["END"])
        if s is not None and e is not None and e < s:
            return ("END", "before START")
    if table == "iros":
        # "FTE (full-time equivalent, default 1.0; 0 < FTE <= 1.5, else rejected)"
        fte = rec["FTE"].strip()
        if fte and (not NUMBER.fullmatch(fte) or not Decimal(0) < Decimal(fte) <= Decimal("1.5")):
            return ("FTE", "not a number above 0 and at most 1.5")
        if rec["IRO"].strip() in seen["iros"]:
            return ("IRO", "a repeat of an earlier row for this IRO")
    elif table == "disputes":
        r, z = parse_date(rec["RAISED"]), parse_date(rec["RESOLVED"])
        if z is not None and z < r:
            return ("RESOLVED", "before RAISED")
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
def report(data, year=None, settings=None):
    settings = dict(default_settings(), **(settings or {}))
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
    time_in_care = {k: 0 for k in TIME_IN_CARE}
    over_18 = []
    uasc_children = {u["child"] for u in data["uasc"] if u["duc"] is None or u["duc"] > end}
    for child, eps in by_child.items():
        ep = open_episode(eps, end)  # "Children with an episode open at end."
        if ep is None:
            continue
        cohort[child] = ep
        total += 1
        h = data["header"].get(child)  # "no header row: sex, age and ethnicity are unknown"
        age = age_at(h["dob"], end) if h else None
        if age is not None and age >= 18:  # section 11 over_18_in_care
            over_18.append(child)
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
        time_in_care[time_in_care_band(per["start"], end)] += 1
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
                r["due"] = due

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
    overdue_children = []
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
            overdue_children.append(child)

    cla_out = {"total": total}
    for k in ("sex", "age_band", "ethnic_group", "legal_status", "placement", "distance"):
        cla_out[k] = cla[k]
    cla_out.update({"uasc": uasc, "three_plus_placements": three_plus,
                    "long_term_stability": {"eligible": eligible, "stable": stable},
                    "time_in_care": time_in_care})

    # ---- section 10
    # "reviews.children_reviewed: distinct children with a review held in the year."
    # "reviews.latest_review_participation: for each child with a review held in the year, the
    # code of its latest review in the year, counted PN0 ... PN7, unknown"
    latest = {}
    for r in held:
        if r["child"] not in latest or r["date"] > latest[r["child"]]["date"]:
            latest[r["child"]] = r
    latest_participation = {c: 0 for c in PN_CODES + ["unknown"]}
    for r in latest.values():
        latest_participation[r["code"] if r["code"] in PN_CODES else "unknown"] += 1
    # "started_uasc: children counted in started who are in the UASC table with DUC blank or on or
    # after the DECOM of their starting episode" (contract: the latest RNE = S episode in the year)
    starts = {}
    for child, eps in by_child.items():
        for e in eps:
            if e["RNE"] == "S" and in_year(e["decom"]):
                starts[child] = max(starts.get(child, e["decom"]), e["decom"])
    started_uasc = sum(1 for child, d in starts.items()
                       if any(u["child"] == child and (u["duc"] is None or u["duc"] >= d)
                              for u in data["uasc"]))

    out = {
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
            "children_reviewed": len(latest), "latest_review_participation": latest_participation,
        },
        "started_uasc": started_uasc,
        "missing": missing_figures(data["missing"], in_year),
        "care_leavers": care_leavers(data["oc3"], Y),
        "dolo": dolo_figures(data["dolo"], start, end),
    }
    out["disproportionality"] = disproportionality(cla["ethnic_group"], data["child_population"],
                                                   settings["la"])
    ctx = {"Y": Y, "start": start, "end": end, "by_child": by_child, "cohort": cohort,
           "held": held, "over_18": over_18, "overdue_children": overdue_children,
           "started": started, "ceased": ceased_total, "month_end": month_end, "cla": cla_out,
           "overdue": overdue}
    out["data_quality"] = {"checks": quality_checks(data, ctx)}
    out["settings"] = {k: settings[k] for k in ("record_deadline_working_days",
                                                "caseload_looked_after_only", "dispute_stages",
                                                "iro_roles")}
    out["iro_service"] = iro_service(data, ctx, settings)
    # Not in the contract: what the trend row for this year must hold (compare_trend.py).
    row = {"age_band": cla_out["age_band"], "distance": cla_out["distance"],
           "long_term_stability": cla_out["long_term_stability"]}
    if coverage is not None and start >= coverage:  # "only for years from the review coverage start"
        row["participation"] = participation
    row.update(iro_trend_row(data, out["iro_service"], start))
    out["reference_trend_row"] = row
    return out


# ---------------------------------------------------------------- section 10
TIME_IN_CARE = ["under_6_months", "6_to_12_months", "1_to_2_years", "2_to_5_years",
                "5_years_and_over"]


def time_in_care_band(s, end):
    # "under_6_months (s > end - 6 months), 6_to_12_months (end - 12 months < s <= end - 6 months),
    # 1_to_2_years (end - 24 months < s <= end - 12 months), 2_to_5_years (end - 60 months < s <=
    # end - 24 months), 5_years_and_over (the rest)."
    for months, band in ((6, "under_6_months"), (12, "6_to_12_months"), (24, "1_to_2_years"),
                         (60, "2_to_5_years")):
        if s > add_months(end, -months):
            return band
    return "5_years_and_over"


def missing_figures(rows, in_year):
    # "rows with MIS_START in the year: missing_episodes, children_missing (distinct),
    # away_episodes, children_away" (MISSING M = missing, A = away; other codes in neither)
    if rows is None:
        return None
    m = [r for r in rows if in_year(r["start"]) and r["code"] == "M"]
    a = [r for r in rows if in_year(r["start"]) and r["code"] == "A"]
    return {"missing_episodes": len(m), "children_missing": len({r["child"] for r in m}),
            "away_episodes": len(a), "children_away": len({r["child"] for r in a})}


CARE_LEAVER_KEYS = ["total", "in_touch", "eet", "neet", "suitable_accommodation", "unsuitable"]


def birthday_in_year(dob, Y):
    """The child's birthday in the year ending 31 March Y (29 Feb -> 1 Mar in non-leap years)."""
    y = Y - 1 if dob.month >= 4 else Y
    try:
        return date(y, dob.month, dob.day)
    except ValueError:  # 29 February in a non-leap year
        return date(y, 3, 1)


def care_leavers(rows, Y):
    # "by the age turned at that birthday, 17_to_18 and 19_to_21, each total, in_touch (IN_TOUCH =
    # YES), eet (ACTIV starting F or P), neet (G4 G5 G6), suitable_accommodation (ACCOM ending in
    # 1), unsuitable (ending in 2)."
    if rows is None:
        return None
    out = {g: {k: 0 for k in CARE_LEAVER_KEYS} for g in ("17_to_18", "19_to_21")}
    for r in rows:
        if r["dob"] is None:
            continue  # contract: a DOB that is not a date: used, counted in neither
        turned = birthday_in_year(r["dob"], Y).year - r["dob"].year
        group = "17_to_18" if turned in (17, 18) else "19_to_21" if 19 <= turned <= 21 else None
        if group is None:
            continue
        g = out[group]
        g["total"] += 1
        g["in_touch"] += r["in_touch"] == "YES"
        g["eet"] += r["activ"][:1] in ("F", "P")
        g["neet"] += r["activ"] in ("G4", "G5", "G6")
        g["suitable_accommodation"] += r["accom"].endswith("1")
        g["unsuitable"] += r["accom"].endswith("2")
    return out


# ---------------------------------------------------------------- section 8
def dolo_figures(rows, start, end):
    # contract: "distinct children; in force at d when DOLO_START <= d and (DOLO_END blank or
    # DOLO_END >= d)"; MEASURES 8: "started_in_year" (children, cohort or not)
    if rows is None:
        return None
    in_force = {r["child"] for r in rows if r["start"] <= end and (r["end"] is None or r["end"] >= end)}
    started = {r["child"] for r in rows if start <= r["start"] <= end}
    return {"in_force_at_31_march": len(in_force), "started_in_year": len(started)}


# ---------------------------------------------------------------- section 9
def disproportionality(ethnic_group, child_population, la):
    """MEASURES 9 with the contract's rounding. A loaded child population table wins; otherwise
    the chosen council's Census 2021 all-ages population; otherwise null."""
    if child_population is not None:
        pop, label, rates = child_population, "children (loaded table)", True
    elif la:
        pop, label, rates = census_population(la), "all ages, Census 2021", False
    else:
        return None
    known = sum(ethnic_group[g] for g in GROUPS)  # "the cohort with a known group"
    pop_total = sum(pop.get(g, 0) for g in GROUPS)
    groups = {}
    for g in GROUPS:
        n, p = ethnic_group[g], pop.get(g, 0)
        cohort_share = Fraction(100 * n, known) if known else None
        pop_share = Fraction(100 * p, pop_total) if pop_total else None
        # "ratio of the two (cohort share / population share, two decimals; null when the
        # population share is 0)"
        ratio = (round_dp(cohort_share / pop_share, 2)
                 if cohort_share is not None and pop_share else None)
        # "rate per 10,000 by group = cohort children in the group / children in the group x
        # 10,000 (whole number)" -- only with a child population table
        rate = round_int(Fraction(10000 * n, p)) if rates and p else None
        groups[g] = {"children": n, "cohort_share": round_dp(cohort_share, 1),
                     "population_share": round_dp(pop_share, 1), "ratio": ratio,
                     "rate_per_10000": rate}
    return {"population": label, "groups": groups}


# ---------------------------------------------------------------- section 11
def quality_checks(data, ctx):
    """data_quality.checks: the checks that fired, in the contract's order."""
    start, end, by_child, header = ctx["start"], ctx["end"], ctx["by_child"], data["header"]
    dob = lambda child: header[child]["dob"] if child in header else None
    fired = []

    def check(name, children, count=None, year_level=False):
        count = len(children) if count is None else count
        if count > 0:
            examples = [] if year_level else sorted(set(children))[:10]
            fired.append({"check": name, "count": count, "examples": examples})

    # over_18_in_care: cohort children with a known age >= 18 at end
    check("over_18_in_care", ctx["over_18"])
    # pn0_aged_4_plus / pn1_7_under_4: reviews held in the year whose code disagrees with the
    # child's known age at the review (A40: the header's DOB)
    pn0, pn17 = [], []
    for r in ctx["held"]:
        a = age_at(dob(r["child"]), r["date"])
        if a is None:
            continue
        if r["code"] == "PN0" and a >= 4:
            pn0.append(r["child"])
        if r["code"] in PN_CODES[1:] and a < 4:
            pn17.append(r["child"])
    check("pn0_aged_4_plus", pn0)
    check("pn1_7_under_4", pn17)
    # no_starters / no_leavers: "the episodes cover the year: the earliest DECOM (short breaks
    # excluded) is on or before the year's first day AND the latest DECOM/DEC/REVIEW date of the
    # data is on or after end. count = children looked after at any time in the year"
    regular = [e for eps in by_child.values() for e in eps]
    latest = [e["decom"] for e in data["episodes"]] + [e["dec"] for e in data["episodes"] if e["dec"]]
    latest += [r["date"] for r in data["reviews"]]
    covered = bool(regular) and min(e["decom"] for e in regular) <= start and max(latest) >= end
    if covered:
        in_year = {e["child"] for e in regular
                   if e["decom"] <= end and (e["dec"] is None or e["dec"] > start)}
        if ctx["started"] == 0:
            check("no_starters", in_year, year_level=True)
        if ctx["ceased"] == 0:
            check("no_leavers", in_year, year_level=True)
    # flat_month_ends: all 12 values equal and > 0; count = that value
    values = list(ctx["month_end"].values())
    if len(set(values)) == 1 and values[0] > 0:
        check("flat_month_ends", [], count=values[0], year_level=True)
    # distance_mostly_unknown: not_known * 100 > 20 * total, total > 0
    cla = ctx["cla"]
    if cla["total"] > 0 and cla["distance"]["not_known"] * 100 > 20 * cla["total"]:
        unknown = [c for c, ep in ctx["cohort"].items() if distance_band(ep) == "not_known"]
        check("distance_mostly_unknown", unknown)
    # very_late_reviews: reviews held in the year judged late with days_late > 365
    check("very_late_reviews", [r["child"] for r in ctx["held"]
                                if r["status"] == "late" and (r["date"] - r["due"]).days > 365])
    # most_overdue: overdue_at_year_end * 2 > total
    if ctx["overdue"] * 2 > cla["total"]:
        check("most_overdue", ctx["overdue_children"])
    # dates_before_birth: used episodes (short breaks included) with DECOM before the child's DOB,
    # and used reviews dated before it; count = rows
    before = [e["child"] for e in data["episodes"] if dob(e["child"]) and e["decom"] < dob(e["child"])]
    before += [r["child"] for r in data["reviews"] if dob(r["child"]) and r["date"] < dob(r["child"])]
    check("dates_before_birth", before)
    # future_dates: an episode row with DECOM or DEC > L_rv + 31 days; a review row with REVIEW >
    # L_ep + 31 days (needs both tables)
    if data["episodes"] and data["reviews"]:
        l_ep = max(latest[:len(latest) - len(data["reviews"])])
        l_rv = max(r["date"] for r in data["reviews"])
        future = [e["child"] for e in data["episodes"]
                  if e["decom"] > l_rv + timedelta(days=31)
                  or (e["dec"] and e["dec"] > l_rv + timedelta(days=31))]
        future += [r["child"] for r in data["reviews"] if r["date"] > l_ep + timedelta(days=31)]
        check("future_dates", future)
    # overlapping_episodes: after sorting by DECOM, an episode starts before the previous one's DEC
    # (or the previous one is open); count = children
    overlapping = [c for c, eps in by_child.items()
                   if any(p["dec"] is None or e["decom"] < p["dec"] for p, e in zip(eps, eps[1:]))]
    check("overlapping_episodes", overlapping)
    return fired


# ---------------------------------------------------------------- section 7
PARENT_CODES = {"ATTENDED", "VIEWS", "NONE", "NA"}


def local_dates(row, table):
    return [row[c] for c in LOCAL_DATES[table] if row[c] is not None]


def iro_service(data, ctx, settings):
    """iro_service of MEASURES 7.3 (contract: always an object; a key is null when the table it
    needs is not loaded)."""
    Y, start, end, by_child, cohort = ctx["Y"], ctx["start"], ctx["end"], ctx["by_child"], ctx["cohort"]
    in_year = lambda d: d is not None and start <= d <= end
    # as_at: the latest date of something that happened in the loaded section 7 tables (A49)
    every = [row[c] for t in IRO_TABLES for row in (data[t] or []) for c in AS_AT_DATES[t]
             if row[c] is not None]
    as_at = max(every) if every else None

    # Allocations: "only rows whose role the user marks as IRO (default: IRO) are used" (A27)
    roles = {code(r) for r in settings["iro_roles"]}
    allocations = None
    if data["iro_allocations"] is not None:
        allocations = [a for a in data["iro_allocations"]
                       if not a["has_role"] or code(a["ROLE"]) in roles]
    iros = {r["IRO"]: r for r in data["iros"] or []}

    def allocated(a, d):  # "START <= d and (END blank or END >= d)"
        return a["START"] <= d and (a["END"] is None or a["END"] >= d)

    # ---- reviews held, chaired
    meetings = data["review_meetings"]
    held = []
    if meetings is not None:
        # "held in the year (REVIEW_DATE in the year and not cancelled)"
        held = [m for m in meetings if in_year(m["REVIEW_DATE"]) and code(m["CANCELLED"]) not in CANCELLED_YES]

    def chair(m):
        # "The chair is CHAIR; if blank, the IRO allocated to the child on REVIEW_DATE (latest START
        # if several); else "not known"." (ties on START: the later row, A29)
        if m["CHAIR"]:
            return m["CHAIR"]
        cands = [a for a in allocations or [] if a["CHILD"] == m["CHILD"] and allocated(a, m["REVIEW_DATE"])]
        return max(cands, key=lambda a: (a["START"], a["seq"]))["IRO"] if cands else "not_known"

    chaired = None
    if meetings is not None:
        chaired = {}
        for m in held:
            c = chair(m)
            chaired[c] = chaired.get(c, 0) + 1
        not_known = chaired.pop("not_known", 0)
        chaired = dict(sorted(chaired.items()))
        chaired["not_known"] = not_known

    # ---- caseload
    def caseload_at(d):
        """(per-IRO {iro: (children, fte)}, unrounded service figure or None) at d."""
        kids = {}
        for a in allocations:
            if allocated(a, d):
                # option: count only children looked after at d (needs the 903 episodes)
                if settings["caseload_looked_after_only"] and open_episode(by_child.get(a["CHILD"], []), d) is None:
                    continue
                kids.setdefault(a["IRO"], set()).add(a["CHILD"])
        counted = {}
        for iro, children in kids.items():
            row = iros.get(iro)  # A28: an IRO not in the iros table: FTE 1.0, in post
            if row and ((row["START"] and row["START"] > d) or (row["END"] and row["END"] < d)):
                continue  # not in post at d
            counted[iro] = (len(children), row["FTE"] if row else Decimal(1))
        if not counted:
            return counted, None
        total_fte = sum(f for _, f in counted.values())
        return counted, Fraction(sum(n for n, _ in counted.values())) / Fraction(total_fte)

    caseload = None
    if allocations is not None:
        counted, service = caseload_at(end)
        per = {iro: Fraction(n) / Fraction(f) for iro, (n, f) in counted.items()}
        month_end, unrounded = {}, []
        for d in month_ends(Y):
            figure = caseload_at(d)[1]
            month_end[d.isoformat()] = None if figure is None else round_int(figure)
            if figure is not None:
                unrounded.append(figure)
        caseload = {
            "at_year_end": {
                "per_fte": None if service is None else round_int(service),
                "lowest": round_int(min(per.values())) if per else None,
                "highest": round_int(max(per.values())) if per else None,
                "iros": len(counted),
                "fte": float(sum((f for _, f in counted.values()), Decimal(0))),
                # "each IRO at end is counted, on its unrounded figure, as below 50, 50 to 70
                # inclusive, or above 70"
                "below_50": sum(1 for x in per.values() if x < 50),
                "band_50_to_70": sum(1 for x in per.values() if 50 <= x <= 70),
                "above_70": sum(1 for x in per.values() if x > 70),
            },
            "month_end": month_end,
            # "the year's average = the mean of the 12 unrounded month-end service figures" (A30)
            "year_average": round_int(sum(unrounded) / len(unrounded)) if unrounded else None,
            "by_iro": [{"iro": iro, "name": (iros[iro]["NAME"] or None) if iro in iros else None,
                        "fte": float(f), "children": n, "per_fte": round_int(per[iro]),
                        "reviews_chaired": None if chaired is None else chaired.get(iro, 0)}
                       for iro, (n, f) in sorted(counted.items())],
        }

    # ---- records, cancelled, parents
    records = cancelled = parents = None
    if meetings is not None:
        n_days = settings["record_deadline_working_days"]
        records = {"deadline_working_days": n_days, "on_time": 0, "late": 0, "overdue": 0,
                   "not_yet_due": 0}
        for m in held:
            # "its record deadline is the Nth working day after REVIEW_DATE"
            deadline = nth_working_day_after(m["REVIEW_DATE"], n_days)
            done = m["RECORD_COMPLETED"]
            if done is not None:
                records["on_time" if done <= deadline else "late"] += 1
            else:
                records["overdue" if as_at is not None and deadline <= as_at else "not_yet_due"] += 1
        records["percent_on_time"] = percent(records["on_time"],
                                             records["on_time"] + records["late"] + records["overdue"])
        # "rows with CANCELLED = yes whose CANCELLED_DATE (else DUE_DATE, else REVIEW_DATE) is in
        # the year. Rate = cancelled / (held + cancelled)."
        n_cancelled = sum(1 for m in meetings if code(m["CANCELLED"]) in CANCELLED_YES
                          and in_year(m["CANCELLED_DATE"] or m["DUE_DATE"] or m["REVIEW_DATE"]))
        cancelled = {"cancelled": n_cancelled, "held": len(held),
                     "rate_percent": percent(n_cancelled, len(held) + n_cancelled)}
        parents = {"held": len(held), "any_parent": 0, "attended": 0, "mother": 0, "father": 0,
                   "not_recorded": 0}
        for m in held:
            mother, father = parent_code(m["MOTHER"]), parent_code(m["FATHER"])
            both = (mother, father)
            parents["any_parent"] += any(c in ("ATTENDED", "VIEWS") for c in both)
            parents["attended"] += "ATTENDED" in both
            parents["mother"] += mother in ("ATTENDED", "VIEWS")
            parents["father"] += father in ("ATTENDED", "VIEWS")
            parents["not_recorded"] += both == (None, None)

    return {"as_at": as_at.isoformat() if as_at else None, "caseload": caseload,
            "reviews_chaired": chaired, "records": records, "cancelled": cancelled,
            "parents": parents, "disputes": disputes_figures(data["disputes"], settings, start, end),
            "contacts": contacts_figures(data["iro_contacts"], cohort, start, end)}


def parent_code(value):
    # A34: a value outside ATTENDED/VIEWS/NONE/NA is "not recorded", as blank is
    c = code(value)
    return c if c in PARENT_CODES else None


def working_days_between(a, b):
    """Working days d with a < d <= b (A35)."""
    n, d = 0, a
    while d < b:
        d += timedelta(days=1)
        n += is_working_day(d)
    return n


def disputes_figures(rows, settings, start, end):
    if rows is None:
        return None
    stages = [stage_key(s) for s in settings["dispute_stages"]]
    rank = {s: i for i, s in enumerate(stages)}
    groups = {}
    for r in rows:
        # "Rows sharing a DISPUTE_ID are the stages of one dispute ... Without DISPUTE_ID each row
        # is one dispute." (A32: a blank DISPUTE_ID also makes its row one dispute)
        key = ("id", r["DISPUTE_ID"]) if r["DISPUTE_ID"] else ("row", r["seq"])
        groups.setdefault(key, []).append(r)
    out = {"total": 0, "by_stage": {s: 0 for s in stages + ["other_stage"]}, "resolved": 0,
           "open_at_year_end": 0, "median_working_days_to_resolve": None, "by_category": {}}
    days = []
    for rs in groups.values():
        rs.sort(key=lambda r: (r["RAISED"], r["seq"]))
        raised = rs[0]["RAISED"]  # "raised on the earliest RAISED"
        if not start <= raised <= end:
            continue
        out["total"] += 1
        # "reached the highest STAGE ... resolved on the RESOLVED of its highest-stage row (the
        # latest such row if several)"; stages outside the list rank below all listed ones
        best = max(rank.get(stage_key(r["STAGE"]), -1) for r in rs)
        top = [r for r in rs if rank.get(stage_key(r["STAGE"]), -1) == best]
        out["by_stage"][stages[best] if best >= 0 else "other_stage"] += 1
        resolved = top[-1]["RESOLVED"]  # A31: the latest RAISED, ties the later row
        if resolved is not None and resolved <= end:
            out["resolved"] += 1
            days.append(working_days_between(raised, resolved))
        else:
            out["open_at_year_end"] += 1
        # A36: the category is the first non-blank CATEGORY in RAISED order, blank = not_recorded
        cat = next((r["CATEGORY"] for r in rs if r["CATEGORY"]), "not_recorded")
        out["by_category"][cat] = out["by_category"].get(cat, 0) + 1
    if days:
        days.sort()
        out["median_working_days_to_resolve"] = days[(len(days) - 1) // 2]  # the lower middle
    out["by_category"] = dict(sorted(out["by_category"].items()))
    return out


def contacts_figures(rows, cohort, start, end):
    # "contacts dated in the year; cohort children (section 1) with at least one contact in the
    # year, as a count and a % of the cohort"
    if rows is None:
        return None
    dated = [r for r in rows if start <= r["CONTACT_DATE"] <= end]
    return {"contacts": len(dated), "children_seen": len({r["CHILD"] for r in dated} & set(cohort)),
            "cohort": len(cohort)}


def iro_trend_row(data, service, year_start):
    """The section 7 keys of this year's trend row, each only when its table covers the year:
    "Y's first day is on or after 1 April of the reporting year containing the table's earliest
    date" (A37: caseload needs iro_allocations; the iros table does not limit coverage)."""
    def covers(table):
        dates = [d for row in data[table] or [] for d in local_dates(row, table)]
        if not dates:
            return False
        first = min(dates)
        return year_start >= date(first.year if first.month >= 4 else first.year - 1, 4, 1)

    row = {}
    if covers("iro_allocations"):
        row["iro_caseload_per_fte"] = service["caseload"]["at_year_end"]["per_fte"]
        row["iro_caseload_year_average"] = service["caseload"]["year_average"]
    if covers("review_meetings"):
        row["records_percent_on_time"] = service["records"]["percent_on_time"]
        row["reviews_cancelled"] = service["cancelled"]["cancelled"]
    if covers("disputes"):
        row["disputes_raised"] = service["disputes"]["total"]
    return row


USAGE = ("usage: measures.py [--year Y] [--la CODE] [--record-deadline-days N] "
         "[--caseload-looked-after-only] [--dispute-stages a,b,c] [--iro-roles X,Y] FILE_OR_DIR...")


def parse_args(argv):
    args, year, settings = [], None, {}
    it = iter(argv)
    try:
        for a in it:
            if a == "--year":
                year = int(next(it))
            elif a == "--la":
                settings["la"] = next(it)
            elif a == "--record-deadline-days":
                settings["record_deadline_working_days"] = int(next(it))
            elif a == "--caseload-looked-after-only":
                settings["caseload_looked_after_only"] = True
            elif a == "--dispute-stages":
                settings["dispute_stages"] = [x.strip() for x in next(it).split(",") if x.strip()]
            elif a == "--iro-roles":
                settings["iro_roles"] = [x.strip() for x in next(it).split(",") if x.strip()]
            elif a.startswith("--"):
                sys.exit(f"unknown option {a}\n{USAGE}")
            else:
                args.append(a)
    except (StopIteration, ValueError):
        sys.exit(USAGE)
    if not args:
        sys.exit(USAGE)
    return args, year, settings


def main(argv):
    args, year, settings = parse_args(argv)
    print(json.dumps(report(load(args), year, settings), indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
