#!/usr/bin/env python3
"""Writes a real-shaped 903 export whose data cannot be right, for testing the warnings of
MEASURES.md section 11 (issue 10). Python 3 standard library only; the same --seed gives the
same files.

Usage: python3 scripts/faulty_export.py --out DIR [--seed N]

The export is a cut taken in May 2024 (year ending 31 March 2024), shaped like the public
fake 903 data the issue was found with, and salted so that every check of section 11 fires:

* 1,191 children looked after on 31 March 2024, 468 of them aged 18 to 23 (over_18_in_care);
* nobody starts or leaves care all year, so every month end counts the same 1,191
  (no_starters, no_leavers, flat_month_ends); placement moves in the year and up to 3 May
  2024 keep the episodes' dates alive, as a live system's export has them;
* distance known for 10 children only, all over 20 miles (distance_mostly_unknown);
* most children have no review since coming into care (most_overdue);
* one review held 2,299 days after its due date (very_late_reviews);
* 29 reviews coded PN0 ("under 4") for children aged 10 to 17 (pn0_aged_4_plus) and 3 coded
  PN1 for 2-year-olds (pn1_7_under_4);
* 2 episodes that start before the child was born (dates_before_birth), 3 reviews dated
  September 2024, months after the export was taken (future_dates), and 4 children with two
  episodes open at once (overlapping_episodes).

Small missing, OC3 and social worker tables ride along, as real exports hold them.
"""
import argparse
import csv
import os
import random
from datetime import date, timedelta

YEAR_START, YEAR_END = date(2023, 4, 1), date(2024, 3, 31)
COHORT = 1191
ADULTS = 468          # aged 18 to 23 on 31 March 2024
KNOWN_DISTANCE = 10   # children with postcodes (London to Manchester: over 20 miles)
WELL_REVIEWED = 40    # children with reviews in step all year (not overdue), plus the very late one
RECENT_STARTERS = 100 # came into care in March 2023, one review in April, then none
LONG_STAYERS = 60     # in care since before the review records begin: their reviews cannot be checked
PN0_TEENS = 29
PN1_TODDLERS = 3
BEFORE_BIRTH = 2
FUTURE_REVIEWS = 3
OVERLAPPING = 4
ETHNIC = ["WBRI"] * 6 + ["WOTH", "MWBC", "AIND", "APKN", "BAFR", "BCRB", "OOTH", "CHNE"]
LEGAL = ["C2"] * 6 + ["C1", "V2", "V2", "E1"]
PLACE = ["U4"] * 5 + ["U1", "U5", "K2", "R1", "P1", "H5", "S1"]


def ddmmyyyy(d):
    return d.strftime("%d/%m/%Y") if d else ""


def between(rng, a, b):
    """A day from a to b inclusive (a itself when b is before it)."""
    return a + timedelta(days=rng.randrange(max(0, (b - a).days) + 1))


def born_aged(rng, age):
    """A date of birth giving `age` completed years on 31 March 2024."""
    latest = date(YEAR_END.year - age, YEAR_END.month, YEAR_END.day)
    return between(rng, latest - timedelta(days=364), latest)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    header, episodes, reviews = [], [], []

    ids = [f"F{100000 + i}" for i in range(COHORT)]
    ages = [rng.randint(18, 23) for _ in range(ADULTS)] + [rng.randint(1, 17) for _ in range(COHORT - ADULTS)]
    rng.shuffle(ages)
    # Who is which kind of child: index lists into ids, disjoint.
    order = list(range(COHORT))
    rng.shuffle(order)
    taken = set()

    def pick(n, ok=lambda i: True):
        chosen = [i for i in order if i not in taken and ok(i)][:n]
        taken.update(chosen)
        return chosen

    teens = pick(PN0_TEENS, lambda i: 10 <= ages[i] <= 17)
    toddlers = pick(PN1_TODDLERS, lambda i: ages[i] == 2)
    well = pick(WELL_REVIEWED, lambda i: ages[i] >= 4)
    very_late = pick(1, lambda i: 10 <= ages[i] <= 17)[0]
    recent = pick(RECENT_STARTERS)
    long_stay = pick(LONG_STAYERS, lambda i: ages[i] >= 14)
    before_birth = pick(BEFORE_BIRTH, lambda i: 5 <= ages[i] <= 12)
    overlapping = pick(OVERLAPPING, lambda i: ages[i] >= 8)
    known = set(pick(KNOWN_DISTANCE, lambda i: ages[i] >= 6))
    # The PN0 teens and the toddlers came into care recently too, with one review.
    recent += teens + toddlers

    dobs = [born_aged(rng, a) for a in ages]
    for i, child in enumerate(ids):
        header.append([child, rng.choice("MF"), ddmmyyyy(dobs[i]), rng.choice(ETHNIC), "", "", ""])

    def start_of(i):
        if i in recent:
            return between(rng, max(dobs[i] + timedelta(days=1), date(2023, 3, 8)), date(2023, 3, 28))
        if i in long_stay:
            return between(rng, max(dobs[i], date(2008, 1, 1)), date(2015, 12, 31))
        if i == very_late:
            return date(2017, 6, 5)
        if i in well:
            return between(rng, max(dobs[i], date(2020, 1, 1)), date(2022, 12, 15))
        if i in before_birth:
            return dobs[i] - timedelta(days=rng.randint(30, 400))
        return between(rng, max(dobs[i] + timedelta(days=1), date(2016, 5, 2)), date(2023, 3, 1))

    for i, child in enumerate(ids):
        start = start_of(i)
        home, place = ("SW1A 1AA", "M1 1AE") if i in known else ("", "")
        ls, pl = rng.choice(LEGAL), rng.choice(PLACE)

        def episode(decom, rne, dec="", rec="", placement=pl):
            episodes.append([child, ddmmyyyy(decom), rne, ls, "N1", placement, "PR1", ddmmyyyy(dec) if dec else "",
                             rec, "", home, place, ""])

        if i in overlapping:
            # A second placement recorded while the first was never closed.
            second = between(rng, start + timedelta(days=60), date(2023, 3, 1))
            episode(start, "S")
            episode(second, "P", placement=rng.choice(PLACE))
        elif rng.random() < 0.12:
            # A placement move in the year or just after it (up to 3 May 2024).
            move = between(rng, date(2023, 4, 10), date(2024, 5, 3))
            episode(start, "S", move, "X1")
            episode(move, "P", placement=rng.choice(PLACE))
        else:
            episode(start, "S")

        def review(d, code=None):
            age = (d - dobs[i]).days // 365
            if code is None:
                code = "PN0" if age < 4 else rng.choice(["PN1", "PN1", "PN1", "PN2", "PN3", "PN5", "PN6", "PN7"])
            reviews.append([child, ddmmyyyy(dobs[i]), ddmmyyyy(d), code])

        if i in recent:
            # Review 1, due 20 working days after coming into care, in April 2023.
            code = "PN0" if i in teens else ("PN1" if i in toddlers else None)
            review(between(rng, max(start + timedelta(days=7), date(2023, 4, 3)), start + timedelta(days=26)), code)
        elif i in long_stay:
            review(between(rng, date(2023, 5, 1), date(2024, 2, 28)))
        elif i in well:
            # Reviews in step since coming into care (review 2 within three months of review 1,
            # then within six months), the last after 5 October 2023: the next is due after
            # 31 March 2024.
            held = [start + timedelta(days=rng.randint(10, 20))]
            held.append(held[0] + timedelta(days=rng.randint(60, 88)))
            while held[-1] < date(2023, 10, 5):
                held.append(held[-1] + timedelta(days=rng.randint(150, 180)))
            for d in held:
                review(d)
        elif i == very_late:
            # Review 1 on time on 1 July 2017; review 2, due 1 October 2017, held 2,299 days late.
            review(date(2017, 7, 1))
            review(date(2017, 10, 1) + timedelta(days=2299))
    # The earliest review in the data opens the review records in April 2016.
    reviews.append([ids[well[0]], header[well[0]][2], "10/05/2016", "PN1"])
    for i in well[:FUTURE_REVIEWS]:
        reviews.append([ids[i], header[i][2], ddmmyyyy(between(rng, date(2024, 9, 2), date(2024, 9, 27))), "PN1"])

    missing = [[ids[i], header[i][2], rng.choice("MA"), ddmmyyyy(between(rng, YEAR_START, YEAR_END)), ""]
               for i in order[:12]]
    oc3 = [[f"L{200000 + k}", ddmmyyyy(born_aged(rng, 19)), "YES", "F1", "Y1"] for k in range(8)]
    sw = [[ids[i], header[i][2], f"SW{rng.randint(10, 99)}", ddmmyyyy(date(2022, 1, 10)), "", ""] for i in order[:20]]

    os.makedirs(args.out, exist_ok=True)
    tables = {
        "header.csv": (["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"], header),
        "episodes.csv": (["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                          "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"], episodes),
        "reviews.csv": (["CHILD", "DOB", "REVIEW", "REVIEW_CODE"], reviews),
        "missing.csv": (["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"], missing),
        "oc3.csv": (["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"], oc3),
        "sw_episodes.csv": (["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"], sw),
    }
    for name, (columns, rows) in tables.items():
        with open(os.path.join(args.out, name), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(columns)
            w.writerows(rows)
        print(f"{os.path.join(args.out, name)} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
