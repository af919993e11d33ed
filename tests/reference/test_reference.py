#!/usr/bin/env python3
"""Self-test of the reference implementation on hand-computed micro-fixtures.

Run: python3 -m unittest discover -s tests/reference -v   (or python3 tests/reference/test_reference.py)
Every expected figure below was worked out by hand from MEASURES.md; the working is in comments.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from datetime import date
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import measures  # noqa: E402

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
REVIEWS = "CHILD,DOB,REVIEW,REVIEW_CODE\n"
UASC = "CHILD,SEX,DOB,DUC\n"
MISSING_T = "CHILD,DOB,MISSING,MIS_START,MIS_END\n"
OC3 = "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n"
DOLO = "CHILD,DOB,DOLO_START,DOLO_END\n"
EPISODES_D = EPISODES.rstrip("\n") + ",PL_DISTANCE\n"  # with the distance column


def ep(child, decom, rne="S", dec="", rec="", ls="C2", place="U4", dist=None):
    """One episodes row (PL_DISTANCE appended when dist is given)."""
    row = f"{child},{decom},{rne},{ls},N1,{place},PR1,{dec},{rec},,,,"
    return row + ("" if dist is None else f",{dist}") + "\n"


def write(tmp, files):
    for name, text in files.items():
        with open(os.path.join(tmp, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    return tmp


def run(files, year=None, **settings):
    with tempfile.TemporaryDirectory() as tmp:
        write(tmp, files)
        return measures.report(measures.load([tmp]), year, settings)


class ChainsAndFlows(unittest.TestCase):
    """Year ending 31/03/2024 (default year: the latest date is C4's DEC 31/03/2024)."""
    FILES = {
        # BOM on one file; file names deliberately unhelpful (tables are found by header).
        "a.csv": "\ufeff" + HEADER + (
            "C1,1,15/06/2010,WBRI,,,\n"     # age 13 at 31/03/2024
            "C2,2,29/02/2012,chne,,,\n"     # age 12; CHNE -> asian (lower case is trimmed/upper-cased)
            "C3,M,01/01/2020,AIND,,,\n"
            "C1,2,01/01/2001,BAFR,,,\n"),   # repeat of C1: rejected, first row used
        "b.csv": EPISODES + (
            # C1: X1 chain S -> P -> T within the year: 3 placements; period starts 01/05/2023
            "C1,01/05/2023,S,C2,N1,U4,PR1,01/09/2023,X1,,SO23 8AB,BH1 1AA,\n"
            "C1,1/9/2023,P,C2,N1,U6,PR1,01/12/2023,X1,CARPL,SO23 8AB,BH1 1AA,\n"
            "C1,2023-12-01,T,C2,N1,U6,PR1,,,,SO23 8AB,BH1 1AA,\n"
            # C2: period since 10/10/2019, carer run S <- L <- T reaches back to 10/10/2019
            "C2,10/10/2019,S,C1,N1,U1,PR1,01/01/2020,X1,,,,\n"
            "C2,01/01/2020,L,C2,N1,U1,PR1,01/06/2021,X1,,,,\n"
            "C2,01/06/2021,T,C2,N1,U1,PR1,,,,,,\n"
            # C3: short breaks only: in nothing
            "C3,01/06/2023,S,V3,N2,U6,PR1,02/06/2023,E8,,,,\n"
            "C3,01/07/2023,S,v4,N2,U6,PR1,,,,,,\n"
            # C4: ceases 15/01/2024 (E4A), starts again 01/02/2024, ceases 31/03/2024 (E13)
            "C4,01/02/2022,S,V2,N4,U6,PR1,01/06/2023,X1,,,,\n"
            "C4,01/06/2023,P,V2,N4,U6,PR1,15/01/2024,E4A,,,,\n"
            "C4,01/02/2024,S,V2,N4,U6,PR1,31/03/2024,e13,,,,\n"
            # rejected rows: blank CHILD, impossible date, two-digit year, DEC before DECOM
            ",01/02/2022,S,V2,N4,U6,PR1,,,,,,\n"
            "C5,31/02/2019,S,V2,N4,U6,PR1,,,,,,\n"
            "C5,01/02/19,S,V2,N4,U6,PR1,,,,,,\n"
            "C5,01/02/2022,S,V2,N4,U6,PR1,01/01/2022,E8,,,,\n"),
        "c.csv": UASC + "C2,2,29/02/2012,\nC1,1,15/06/2010,01/01/2024\n",
        "notes.csv": "SOMETHING,ELSE\n1,2\n",  # not a 903 table: ignored
    }

    def test_report(self):
        r = run(self.FILES)
        self.assertEqual(r["year_ending"], "2024-03-31")
        c = r["cla_at_31_march"]
        self.assertEqual(c["total"], 2)  # C1, C2 (C4's DEC 31/03 is not > 31/03)
        self.assertEqual(c["sex"], {"male": 1, "female": 1, "unknown": 0})
        self.assertEqual(c["age_band"]["10_to_15"], 2)
        self.assertEqual(c["ethnic_group"], {"white": 1, "mixed": 0, "asian": 1, "black": 0,
                                             "other": 0, "not_known": 0})
        self.assertEqual(c["legal_status"]["full_care_order"], 2)
        self.assertEqual(c["placement"]["foster_other_carer"], 1)
        self.assertEqual(c["placement"]["foster_relative_friend"], 1)
        # C1: SO23 8 -> BH1 1 is about 34 miles; C2 has no postcodes
        self.assertEqual(c["distance"], {"up_to_20_miles": 0, "over_20_miles": 1, "not_known": 1})
        self.assertEqual(c["uasc"], 1)  # C2 (DUC blank); C1's DUC is before end
        self.assertEqual(c["three_plus_placements"], 1)  # C1: S, P, T = 3; C2: 1
        # C2 aged 12, period 10/10/2019 <= 30/09/2021; run back to 10/10/2019 <= 31/03/2022
        # C1's period started 01/05/2023: not eligible
        self.assertEqual(c["long_term_stability"], {"eligible": 1, "stable": 1})
        self.assertEqual(r["started"], 2)  # C1 01/05/2023, C4 01/02/2024 (C3 is short breaks)
        self.assertEqual(r["ceased"], {"total": 1, "reason": {"E13": 1}})  # latest ceasing
        expected = dict(zip(
            ["2023-04-30", "2023-05-31", "2023-06-30", "2023-07-31", "2023-08-31", "2023-09-30",
             "2023-10-31", "2023-11-30", "2023-12-31", "2024-01-31", "2024-02-29", "2024-03-31"],
            [2, 3, 3, 3, 3, 3, 3, 3, 3, 2, 3, 2]))
        self.assertEqual(r["cla_month_end"], expected)
        inputs = {os.path.basename(i["file"]): i for i in r["inputs"]}
        self.assertNotIn("notes.csv", inputs)
        self.assertEqual((inputs["a.csv"]["rows_read"], inputs["a.csv"]["rows_rejected"]), (4, 1))
        self.assertEqual((inputs["b.csv"]["rows_read"], inputs["b.csv"]["rows_used"],
                          inputs["b.csv"]["rows_rejected"]), (15, 11, 4))
        self.assertEqual([(x["row"], x["column"]) for x in inputs["b.csv"]["rejections"]],
                         [(13, "CHILD"), (14, "DECOM"), (15, "DECOM"), (16, "DEC")])
        self.assertEqual(r["reviews"]["held"], 0)
        self.assertEqual(sum(r["reviews"]["participation"].values()), 0)


class EasterAndCoverage(unittest.TestCase):
    """Year ending 31/03/2025. Coverage start: earliest review 10/03/2024 -> 01/04/2023."""
    FILES = {
        "episodes.csv": EPISODES + (
            "R1,28/03/2024,S,C1,N1,U6,PR1,,,,,,\n"
            "R3,28/03/2024,S,C1,N1,U6,PR1,,,,,,\n"
            "R2,01/01/2024,S,C2,N1,U4,PR1,,,,,,\n"
            "R0,01/01/2020,S,C2,N1,U4,PR1,,,,,,\n"
            "R5,01/01/2020,S,C2,N1,U4,PR1,,,,,,\n"),
        "reviews.csv": REVIEWS + (
            # R1: review 1 due = 20th working day after Thu 28/03/2024 (Good Friday 29/03 and
            # Easter Monday 01/04 skipped) = Mon 29/04/2024 -> on time
            "R1,,29/04/2024,PN1\n"
            "R1,,30/07/2024,PN1\n"   # review 2 due 29/07/2024 -> late
            "R1,,15/01/2025,PN1\n"   # review 3 due 30/07/2024 + 6 months = 30/01/2025 -> on time
            "R3,,30/04/2024,PN1\n"   # one day after 29/04/2024 -> late
            "R2,,10/03/2024,PN1\n"   # review 1 (due 29/01/2024), not in this year
            "R2,,09/06/2024,PN1\n"   # review 2 due 10/06/2024 -> on time
            "R0,,01/06/2024,PN1\n"   # period began before coverage start: first held -> not assessable
            "R0,,01/09/2024,PN1\n"   # numbered 2: due 01/06/2024 + 3 months = 01/09/2024 -> on time
            "R5,,01/05/2024,PN1\n"), # pre-coverage, first held -> not assessable
    }

    def test_report(self):
        rv = run(self.FILES, 2025)["reviews"]
        self.assertEqual((rv["held"], rv["assessable"], rv["on_time"], rv["late"], rv["not_assessable"]),
                         (8, 6, 4, 2, 2))
        # next due at 31/03/2025: R1 15/07/2025 no; R3 30/07/2024 yes; R2 09/12/2024 yes;
        # R0 01/03/2025 yes (2 reviews); R5 excluded (pre-coverage, fewer than two reviews)
        self.assertEqual(rv["overdue_at_year_end"], 3)
        self.assertEqual(rv["by_month"]["2024-04"], {"held": 2, "on_time": 1, "late": 1, "not_assessable": 0})
        self.assertEqual(rv["by_month"]["2024-05"], {"held": 1, "on_time": 0, "late": 0, "not_assessable": 1})
        self.assertEqual(len(rv["by_month"]), 12)
        self.assertEqual(rv["participation"]["PN1"], 8)

    def test_working_days(self):
        self.assertEqual(measures.nth_working_day_after(date(2024, 3, 28), 20), date(2024, 4, 29))
        self.assertEqual(measures.nth_working_day_after(date(2024, 1, 1), 20), date(2024, 1, 29))


class ClampingAndDuplicates(unittest.TestCase):
    """Year ending 31/03/2024. Coverage start: earliest review 15/05/2023 -> 01/04/2023."""
    FILES = {
        "episodes.csv": EPISODES + (
            "M1,01/07/2023,S,C1,N1,U6,PR1,,,,,,\n"
            "M2,01/07/2023,S,C1,N1,U6,PR1,,,,,,\n"),
        "reviews.csv": REVIEWS + (
            # review 1 due: 20th working day after Sat 01/07/2023 = Fri 28/07/2023
            "M1,,28/07/2023,PN1\n"     # on time
            "M1,,31/08/2023,PN1\n"     # due 28/10/2023: on time
            "M1,,29/02/2024,PN2\n"     # due 31/08/2023 + 6 months = 29/02/2024 (clamped): on time
            "M1,,2023-07-28,PN7\n"     # same (CHILD, REVIEW) as row 2: rejected
            "M2,,31/07/2023,\n"        # late (due 28/07/2023); blank code -> unknown
            "M2,,31/08/2023,PN7\n"     # due 31/10/2023: on time
            "M2,,01/03/2024,pn4\n"     # due 29/02/2024: late
            "Z9,,15/05/2023,XX\n"),    # no episodes: held, not assessable; code unknown
    }

    def test_report(self):
        # default year would be 2023 (latest date 01/03/2024 is before 31/03/2024)
        self.assertEqual(run(self.FILES)["year_ending"], "2023-03-31")
        r = run(self.FILES, 2024)
        self.assertEqual(r["year_ending"], "2024-03-31")
        rv = r["reviews"]
        self.assertEqual((rv["held"], rv["assessable"], rv["on_time"], rv["late"], rv["not_assessable"]),
                         (7, 6, 4, 2, 1))
        self.assertEqual(rv["overdue_at_year_end"], 0)
        zero = {"held": 0, "on_time": 0, "late": 0, "not_assessable": 0}
        self.assertEqual(rv["by_month"], {
            "2023-04": zero, "2023-05": {"held": 1, "on_time": 0, "late": 0, "not_assessable": 1},
            "2023-06": zero, "2023-07": {"held": 2, "on_time": 1, "late": 1, "not_assessable": 0},
            "2023-08": {"held": 2, "on_time": 2, "late": 0, "not_assessable": 0},
            "2023-09": zero, "2023-10": zero, "2023-11": zero, "2023-12": zero, "2024-01": zero,
            "2024-02": {"held": 1, "on_time": 1, "late": 0, "not_assessable": 0},
            "2024-03": {"held": 1, "on_time": 0, "late": 1, "not_assessable": 0}})
        self.assertEqual(rv["participation"], {"PN0": 0, "PN1": 2, "PN2": 1, "PN3": 0, "PN4": 1,
                                               "PN5": 0, "PN6": 0, "PN7": 1, "unknown": 2})
        reviews_in = [i for i in r["inputs"] if i["table"] == "reviews"][0]
        self.assertEqual((reviews_in["rows_read"], reviews_in["rows_used"], reviews_in["rows_rejected"]),
                         (8, 7, 1))

    def test_helpers(self):
        self.assertEqual(measures.add_months(date(2023, 8, 31), 6), date(2024, 2, 29))
        self.assertEqual(measures.add_months(date(2022, 8, 31), 6), date(2023, 2, 28))
        self.assertEqual(measures.add_months(date(2024, 3, 31), -30), date(2021, 9, 30))
        leapling = date(2008, 2, 29)
        self.assertEqual(measures.age_at(leapling, date(2025, 2, 28)), 16)
        self.assertEqual(measures.age_at(leapling, date(2025, 3, 1)), 17)
        self.assertEqual(measures.age_at(leapling, date(2024, 2, 29)), 16)
        self.assertIsNone(measures.parse_date("31/02/2019"))
        self.assertIsNone(measures.parse_date("01/02/19"))
        self.assertEqual(measures.parse_date(" 1/2/2019 "), date(2019, 2, 1))
        self.assertEqual(measures.parse_date("2019-02-01"), date(2019, 2, 1))


class Distance(unittest.TestCase):
    def setUp(self):
        self.saved = measures._CENTROIDS
        # a made-up centroid table: distances chosen to sit on the rounding edges
        measures._CENTROIDS = {"AA1 1": (0, 0), "AA1": (5, 5), "BB1 2": (32267, 0),
                               "BB1 3": (32268, 0), "CC1 4": (50292, 0), "BT1 1": (0, 0)}

    def tearDown(self):
        measures._CENTROIDS = self.saved

    def test_postcodes(self):
        d = measures.postcode_distance
        self.assertEqual(d("aa1  1zz", "BB12AB"), Decimal("20.0"))  # 32267 m = 20.04978 mi
        self.assertEqual(d("AA1 1ZZ", "BB1 3AB"), Decimal("20.1"))  # 32268 m = 20.05040 mi
        self.assertEqual(d("AA1 1ZZ", "CC1 4AB"), Decimal("31.3"))  # exactly 31.25 -> away from zero
        self.assertEqual(d("AA1 9ZZ", "AA1 1ZZ"), Decimal("0.0"))   # sector missing -> district (5, 5)
        self.assertIsNone(d("BT1 1AA", "AA1 1ZZ"))                  # exactly one in Northern Ireland
        self.assertEqual(d("BT1 1AA", "BT1 1AB"), Decimal("0.0"))
        self.assertIsNone(d("", "AA1 1ZZ"))
        self.assertIsNone(d("ZZ9 9ZZ", "AA1 1ZZ"))

    def test_pl_distance_column(self):
        files = {"e.csv": EPISODES.rstrip("\n") + ",PL_DISTANCE\n" + (
            "D1,01/01/2024,S,C2,N1,U6,PR1,,,,AA1 1ZZ,CC1 4AB,,20.0\n"    # column wins over postcodes
            "D2,01/01/2024,S,C2,N1,U6,PR1,,,,,,,20.01\n"
            "D3,01/01/2024,S,C2,N1,U6,PR1,,,,,,,999.9\n"
            "D4,01/01/2024,S,C2,N1,U6,PR1,,,,,,,n/a\n"
            "D5,01/01/2024,S,C2,N1,U6,PR1,,,,,,,\n")}
        c = run(files, 2024)["cla_at_31_march"]
        self.assertEqual(c["distance"], {"up_to_20_miles": 1, "over_20_miles": 1, "not_known": 3})
        self.assertEqual(c["sex"]["unknown"], 5)  # no header rows
        self.assertEqual(c["age_band"]["unknown"], 5)
        self.assertEqual(c["ethnic_group"]["not_known"], 5)


class CommandLine(unittest.TestCase):
    def test_measures_and_compare(self):
        with tempfile.TemporaryDirectory() as tmp:
            data = os.path.join(tmp, "in")
            os.mkdir(data)
            write(data, ClampingAndDuplicates.FILES)
            out = subprocess.run([sys.executable, os.path.join(HERE, "measures.py"), "--year", "2024", data],
                                 check=True, capture_output=True, text=True).stdout
            report = json.loads(out)
            self.assertEqual(report["reviews"]["held"], 7)
            a, b = os.path.join(tmp, "a.json"), os.path.join(tmp, "b.json")
            with open(a, "w") as f:
                f.write(out)
            report["reviews"]["late"] = 3
            report["ceased"]["reason"] = {"E11": 0}  # a zero entry equals a missing code
            with open(b, "w") as f:
                json.dump(report, f)
            cmp = [sys.executable, os.path.join(HERE, "compare.py")]
            same = subprocess.run(cmp + [a, a], capture_output=True, text=True)
            self.assertEqual(same.returncode, 0)
            self.assertRegex(same.stdout.strip().splitlines()[-1], r"^\d+ passed, 0 failed$")
            diff = subprocess.run(cmp + [a, b], capture_output=True, text=True)
            self.assertEqual(diff.returncode, 1)
            lines = diff.stdout.strip().splitlines()
            self.assertEqual(lines[:-1], ["reviews.late: careboard=2 reference=3"])
            self.assertRegex(lines[-1], r"^\d+ passed, 1 failed$")


class MoreFigures903(unittest.TestCase):
    """Section 10, year ending 31/03/2024: end - 6 months = 30/09/2023, - 12 = 31/03/2023,
    - 24 = 31/03/2022, - 60 = 31/03/2019."""
    FILES = {
        "episodes.csv": EPISODES + (
            ep("T1", "01/10/2023")       # s > 30/09/2023 -> under_6_months
            + ep("T2", "30/09/2023")     # exactly 6 months: not > -> 6_to_12_months
            + ep("T3", "31/03/2023")     # exactly 12 months -> 1_to_2_years
            + ep("T4", "01/04/2022")     # -> 1_to_2_years
            + ep("T5", "31/03/2022")     # exactly 24 months -> 2_to_5_years
            + ep("T6", "01/04/2019")     # -> 2_to_5_years
            + ep("T7", "31/03/2019")     # exactly 60 months -> 5_years_and_over
            # T8: the period, not the open episode, counts: S 01/01/2020 -> X1 -> P -> 2_to_5_years
            + ep("T8", "01/01/2020", dec="01/12/2023", rec="X1") + ep("T8", "01/12/2023", rne="P")
            # T9: ceased 01/06/2023, new period 15/11/2023 -> under_6_months
            + ep("T9", "01/01/2015", dec="01/06/2023", rec="E4A") + ep("T9", "15/11/2023")),
        "uasc.csv": UASC + (
            "T1,M,01/01/2007,\n"             # blank DUC: counted in started_uasc
            "T2,M,01/01/2007,30/09/2023\n"   # DUC = DECOM of the start: "on or after" -> counted
            "T9,M,01/01/2007,14/11/2023\n"   # DUC the day before the start: not counted
            "T3,M,01/01/2007,\n"),           # not a starter
        "reviews.csv": REVIEWS + (
            "T1,,20/10/2023,PN1\n"
            "T1,,10/01/2024,PN7\n"    # T1's latest in the year: PN7
            "T2,,25/10/2023,PN3\n"    # T2's latest in the year (02/04/2024 is next year)
            "T2,,02/04/2024,PN5\n"
            "T5,,01/04/2023,\n"       # first day of the year; blank code -> unknown
            "T6,,31/03/2023,PN2\n"),  # last year: T6 not reviewed in the year
        "missing.csv": MISSING_T + (
            "T1,,M,01/04/2023,02/04/2023\n"   # missing (first day of the year)
            "T1,,M,10/05/2023,\n"             # missing, still open
            "T2,,A,31/03/2024,31/03/2024\n"   # away (last day)
            "T2,,m,15/06/2023,16/06/2023\n"   # missing (code upper-cased)
            "T3,,M,31/03/2023,01/04/2023\n"   # started last year: not counted
            "T4,,X,01/06/2023,\n"             # neither code: used, counted in neither
            "T5,,A,01/07/2023,30/06/2023\n"   # rejected: MIS_END before MIS_START
            "T6,,A,2023-13-01,\n"             # rejected: MIS_START not a date
            ",,M,01/06/2023,\n"               # rejected: CHILD blank
            "T7,,A,01/08/2023,01/08/23\n"),   # rejected: MIS_END not a date
        "oc3.csv": OC3 + (
            "L1,29/02/2004,YES,F1,B1\n"    # birthday 29/02/2024 (leap year): 20th -> 19_to_21
            "L2,01/04/2006,NO,G4,C2\n"     # birthday 01/04/2023: 17th -> 17_to_18; NEET, unsuitable
            "L3,31/03/2007,yes,p2,0\n"     # birthday 31/03/2024: 17th; in touch, EET; ACCOM 0 neither
            "L4,01/04/2007,YES,F1,B1\n"    # 16th birthday: neither group
            "L5,01/04/2002,DIED,0,Z1\n"    # 21st (01/04/2023) -> 19_to_21; suitable only
            "L6,31/03/2002,YES,F1,B1\n"    # 22nd (31/03/2024): neither
            "L7,1st May,YES,F1,B1\n"       # DOB not a date: used, neither
            "L2,01/04/2006,YES,F1,B1\n"    # repeat of L2: rejected
            ",01/04/2006,YES,F1,B1\n"),    # CHILD blank: rejected
    }

    def test_time_in_care_band_edges(self):
        r = run(self.FILES, 2024)
        self.assertEqual(r["cla_at_31_march"]["total"], 9)
        self.assertEqual(r["cla_at_31_march"]["time_in_care"], {
            "under_6_months": 2, "6_to_12_months": 1, "1_to_2_years": 2, "2_to_5_years": 3,
            "5_years_and_over": 1})
        self.assertEqual(measures.time_in_care_band(date(2023, 9, 30), date(2024, 3, 31)), "6_to_12_months")
        self.assertEqual(measures.time_in_care_band(date(2023, 10, 1), date(2024, 3, 31)), "under_6_months")

    def test_started_uasc(self):
        r = run(self.FILES, 2024)
        self.assertEqual(r["started"], 3)       # T1, T2, T9
        self.assertEqual(r["started_uasc"], 2)  # T1 (blank DUC), T2 (DUC on the DECOM)

    def test_children_reviewed_and_latest_participation(self):
        rv = run(self.FILES, 2024)["reviews"]
        self.assertEqual(rv["held"], 4)  # T1 x2, T2 25/10/2023, T5 01/04/2023
        self.assertEqual(rv["children_reviewed"], 3)
        self.assertEqual(rv["latest_review_participation"], {
            "PN0": 0, "PN1": 0, "PN2": 0, "PN3": 1, "PN4": 0, "PN5": 0, "PN6": 0, "PN7": 1, "unknown": 1})
        self.assertEqual(rv["participation"]["PN1"], 1)  # all held reviews: T1's first too

    def test_missing(self):
        r = run(self.FILES, 2024)
        # missing: T1 01/04, T1 10/05, T2 15/06 -> 3 episodes, 2 children; away: T2 31/03 -> 1, 1
        self.assertEqual(r["missing"], {"missing_episodes": 3, "children_missing": 2,
                                        "away_episodes": 1, "children_away": 1})
        info = [i for i in r["inputs"] if i["table"] == "missing"][0]
        self.assertEqual((info["rows_read"], info["rows_used"], info["rows_rejected"]), (10, 6, 4))
        self.assertEqual([(x["row"], x["column"]) for x in info["rejections"]],
                         [(8, "MIS_END"), (9, "MIS_START"), (10, "CHILD"), (11, "MIS_END")])

    def test_care_leavers(self):
        r = run(self.FILES, 2024)
        # 17_to_18: L2 (NO, G4 NEET, C2 unsuitable), L3 (YES, P2 EET, 0)
        # 19_to_21: L1 (YES, F1 EET, B1 suitable), L5 (DIED, 0, Z1 suitable)
        self.assertEqual(r["care_leavers"], {
            "17_to_18": {"total": 2, "in_touch": 1, "eet": 1, "neet": 1, "suitable_accommodation": 0,
                         "unsuitable": 1},
            "19_to_21": {"total": 2, "in_touch": 1, "eet": 1, "neet": 0, "suitable_accommodation": 2,
                         "unsuitable": 0}})
        info = [i for i in r["inputs"] if i["table"] == "oc3"][0]
        self.assertEqual((info["rows_read"], info["rows_rejected"]), (9, 2))

    def test_care_leaver_born_on_29_february_in_a_non_leap_year(self):
        # year ending 31/03/2025: the birthday of a 29 Feb child is 01/03/2025
        self.assertEqual(measures.birthday_in_year(date(2008, 2, 29), 2025), date(2025, 3, 1))
        self.assertEqual(measures.birthday_in_year(date(2004, 2, 29), 2024), date(2024, 2, 29))
        files = {"oc3.csv": OC3 + (
            "L8,29/02/2008,YES,F1,B1\n"    # 01/03/2025: 17th -> 17_to_18
            "L9,29/02/2004,NO,G6,B2\n"     # 01/03/2025: 21st -> 19_to_21
            "L10,29/02/2000,YES,F1,B1\n")} # 01/03/2025: 25th -> neither
        cl = run(files, 2025)["care_leavers"]
        self.assertEqual(cl["17_to_18"], {"total": 1, "in_touch": 1, "eet": 1, "neet": 0,
                                          "suitable_accommodation": 1, "unsuitable": 0})
        self.assertEqual(cl["19_to_21"], {"total": 1, "in_touch": 0, "eet": 0, "neet": 1,
                                          "suitable_accommodation": 0, "unsuitable": 1})

    def test_tables_not_loaded_are_null(self):
        r = run({"episodes.csv": EPISODES + ep("X1", "01/01/2024")}, 2024)
        for key in ("missing", "care_leavers", "dolo", "disproportionality"):
            self.assertIsNone(r[key], key)
        self.assertEqual(r["iro_service"], {"as_at": None, "caseload": None, "reviews_chaired": None,
                                            "records": None, "cancelled": None, "parents": None,
                                            "disputes": None, "contacts": None})
        self.assertEqual(r["reviews"]["children_reviewed"], 0)
        self.assertEqual(r["started_uasc"], 0)


class DeprivationOfLiberty(unittest.TestCase):
    """Section 8, year ending 31/03/2024."""
    FILES = {
        "DoLo.csv": DOLO + (
            "D1,01/01/2010,01/01/2024,\n"             # in force (open), started in the year
            "D2,01/01/2010,01/06/2022,31/03/2024\n"   # ends on 31 March: still in force that day
            "D3,01/01/2010,01/06/2023,30/03/2024\n"   # ended the day before: started only
            "D3,01/01/2010,01/04/2024,\n"             # next year: neither
            "D4,01/01/2010,01/04/2023,01/04/2023\n"   # one day, first day of the year: started
            "D5,01/01/2010,31/03/2024,\n"             # started on the last day: both
            "D6,01/01/2010,,\n"                       # rejected: DOLO_START missing
            "D7,01/01/2010,02/01/2024,01/01/2024\n"   # rejected: DOLO_END before DOLO_START
            "D8,01/01/2010,01/01/2024,31/02/2024\n"), # rejected: DOLO_END not a date
        "header.csv": HEADER + "S1,U,01/01/2010,WBRI,,,\n",
        "episodes.csv": EPISODES + ep("S1", "01/01/2024", place="Z12"),
    }

    def test_dolo(self):
        r = run(self.FILES, 2024)
        # in force at 31/03/2024: D1, D2, D5; started 01/04/2023-31/03/2024: D1, D3, D4, D5
        self.assertEqual(r["dolo"], {"in_force_at_31_march": 3, "started_in_year": 4})
        info = [i for i in r["inputs"] if i["table"] == "dolo"][0]
        self.assertEqual((info["rows_read"], info["rows_used"], info["rows_rejected"]), (9, 6, 3))

    def test_new_codes(self):
        c = run(self.FILES, 2024)["cla_at_31_march"]
        self.assertEqual(c["sex"], {"male": 0, "female": 0, "unknown": 1})  # SEX U
        self.assertEqual(c["placement"]["other"], 1)                         # PLACE Z12


class Disproportionality(unittest.TestCase):
    """Section 9, year ending 31/03/2024. Cohort: 4 white, 2 mixed, 1 asian, 2 black, 0 other and
    1 not known (REFU), so 9 with a known group."""
    COHORT = {
        "header.csv": HEADER + "".join(
            f"P{i},1,01/01/2010,{e},,,\n" for i, e in enumerate(
                ["WBRI", "WBRI", "WIRI", "WOTH", "MWBC", "MOTH", "AIND", "BAFR", "BCRB", "REFU"], start=1)),
        "episodes.csv": EPISODES + "".join(ep(f"P{i}", "01/01/2020") for i in range(1, 11)),
    }
    POPULATION = {"population.csv": "Ethnicity,Number\n" + (
        '"White: English, Welsh, Scottish, Northern Irish or British",6000\n'
        "White: Irish,1000\n"                             # white 7,000
        "Mixed or multiple ethnic groups,500\n"           # DfE label -> mixed 500
        "asian,800\n"                                     # key -> asian 800
        '"Black, African, Caribbean or Black British",1000\n'
        "Other ethnic group,0\n"                          # other 0
        "Does not apply,99\n"                             # used, counted in none
        "Martian,10\n"                                    # rejected: maps to none
        "White,1.5\n")}                                   # rejected: not a whole number

    def test_loaded_child_population(self):
        r = run(dict(self.COHORT, **self.POPULATION), 2024, la="420")  # the table wins over --la
        d = r["disproportionality"]
        self.assertEqual(d["population"], "children (loaded table)")
        # population total 7000 + 500 + 800 + 1000 + 0 = 9300
        # white: 4/9 = 44.44% -> 44.4; 7000/9300 = 75.27% -> 75.3; ratio (4/9)/(7000/9300) =
        #   37200/63000 = 0.5905 -> 0.59; rate 4/7000 x 10,000 = 5.71 -> 6
        # mixed: 22.22 -> 22.2; 5.376 -> 5.4; 18600/4500 = 4.133 -> 4.13; 2/500 -> 40
        # asian: 11.11 -> 11.1; 8.602 -> 8.6; 9300/7200 = 1.2917 -> 1.29; 1/800 -> 12.5 -> 13 (halves up)
        # black: 22.2; 10.753 -> 10.8; 18600/9000 = 2.0667 -> 2.07; 2/1000 -> 20
        # other: 0 children; share 0.0; population share 0 -> ratio and rate null
        self.assertEqual(d["groups"], {
            "white": {"children": 4, "cohort_share": 44.4, "population_share": 75.3, "ratio": 0.59, "rate_per_10000": 6},
            "mixed": {"children": 2, "cohort_share": 22.2, "population_share": 5.4, "ratio": 4.13, "rate_per_10000": 40},
            "asian": {"children": 1, "cohort_share": 11.1, "population_share": 8.6, "ratio": 1.29, "rate_per_10000": 13},
            "black": {"children": 2, "cohort_share": 22.2, "population_share": 10.8, "ratio": 2.07, "rate_per_10000": 20},
            "other": {"children": 0, "cohort_share": 0.0, "population_share": 0.0, "ratio": None, "rate_per_10000": None}})
        info = [i for i in r["inputs"] if i["table"] == "child_population"][0]
        self.assertEqual((info["rows_read"], info["rows_used"], info["rows_rejected"]), (9, 7, 2))

    def test_census_fallback_for_a_chosen_council(self):
        # Isles of Scilly (420, E06000053), Census 2021 all ages: white 1926 + 9 + 1 + 0 + 68 = 2004;
        # mixed 8 + 8 + 2 + 5 = 23; asian 0 + 1 + 0 + 0 + 5 = 6; black 2 + 2 + 0 = 4;
        # other 0 + 18 = 18; total 2055
        d = run(self.COHORT, 2024, la="420")["disproportionality"]
        self.assertEqual(d["population"], "all ages, Census 2021")
        # white: 2004/2055 = 97.52 -> 97.5; ratio (4/9)/(2004/2055) = 8220/18036 = 0.4558 -> 0.46
        # mixed: 23/2055 = 1.119 -> 1.1; 4110/207 = 19.855 -> 19.86
        # asian: 6/2055 = 0.292 -> 0.3; 2055/54 = 38.056 -> 38.06
        # black: 4/2055 = 0.195 -> 0.2; 4110/36 = 114.167 -> 114.17
        # other: 18/2055 = 0.876 -> 0.9; 0 / 0.876 = 0.0.  No rates with the all-ages population.
        self.assertEqual(d["groups"], {
            "white": {"children": 4, "cohort_share": 44.4, "population_share": 97.5, "ratio": 0.46, "rate_per_10000": None},
            "mixed": {"children": 2, "cohort_share": 22.2, "population_share": 1.1, "ratio": 19.86, "rate_per_10000": None},
            "asian": {"children": 1, "cohort_share": 11.1, "population_share": 0.3, "ratio": 38.06, "rate_per_10000": None},
            "black": {"children": 2, "cohort_share": 22.2, "population_share": 0.2, "ratio": 114.17, "rate_per_10000": None},
            "other": {"children": 0, "cohort_share": 0.0, "population_share": 0.9, "ratio": 0.0, "rate_per_10000": None}})

    def test_no_comparison_population(self):
        self.assertIsNone(run(self.COHORT, 2024)["disproportionality"])

    def test_combined_councils_sum_their_successors(self):
        # Cumbria (909) = Cumberland + Westmorland and Furness; the file says so
        with open(measures.CENSUS, encoding="utf-8") as f:
            row = [line for line in f if line.startswith("909,")][0]
        self.assertIn("E06000063;E06000064", row)
        self.assertEqual(len(measures.census_population("909")), 5)

    def test_groups_and_rounding(self):
        g = measures.population_group
        self.assertEqual(g("Asian, Asian British or Asian Welsh: Chinese"), "asian")
        self.assertEqual(g("  MIXED or Multiple ethnic groups: White and Asian"), "mixed")
        self.assertEqual(g("Other ethnic group: Arab"), "other")
        self.assertEqual(g("Other ethnic group"), "other")
        self.assertEqual(g("Does not apply"), "skip")
        self.assertIsNone(g("White British"))  # no "White:" prefix, not a label
        self.assertEqual(measures.round_dp(measures.Fraction(1, 8), 2), 0.13)  # 0.125 -> 0.13
        self.assertEqual(measures.percent(1, 16), 6.3)                         # 6.25 -> 6.3
        self.assertIsNone(measures.percent(1, 0))


def checks(r):
    return [(c["check"], c["count"], c["examples"]) for c in r["data_quality"]["checks"]]


class DataQualityPerRow(unittest.TestCase):
    """Section 11, year ending 31/03/2024 (01/04/2023 - 31/03/2024). The earliest review
    (20/01/2022) puts the review coverage start at 01/04/2021."""
    FILES = {
        "header.csv": HEADER + (
            "A1,1,01/01/2005,WBRI,,,\n"   # 19 at end: over 18
            "A2,2,31/03/2006,WBRI,,,\n"   # 18 on 31/03/2024 exactly: over 18
            "A3,1,01/04/2006,WBRI,,,\n"   # 18 on 01/04/2024: 17 at end, not counted
            "A4,2,10/10/2019,WBRI,,,\n"   # 4 on 10/10/2023
            "A5,1,01/06/2015,WBRI,,,\n"   # an episode before birth
            "A6,1,01/01/2008,WBRI,,,\n"
            "A7,1,01/01/2010,WBRI,,,\n"
            "A8,1,01/01/2012,WBRI,,,\n"
            "A9,1,01/01/2024,WBRI,,,\n"   # a review before birth
            "A10,1,01/01/2012,WBRI,,,\n"),
        "episodes.csv": EPISODES_D + (
            ep("A1", "01/01/2019", dist="5.0") + ep("A2", "01/01/2019", dist="5.0")
            # A3: an X1 change on 01/03/2024 (the latest episode date, L_ep)
            + ep("A3", "01/01/2019", dec="01/03/2024", rec="X1", dist="5.0")
            + ep("A3", "01/03/2024", rne="P", dist="5.0")
            + ep("A4", "01/01/2020", dist="5.0")
            # A5: DECOM 01/05/2015 before the DOB 01/06/2015; then DEC = next DECOM (no overlap)
            + ep("A5", "01/05/2015", dec="01/06/2015", rec="X1", dist="5.0")
            + ep("A5", "01/06/2015", rne="P", dist="5.0")
            # A6: a second episode starts while the first is open: overlapping
            + ep("A6", "01/01/2020", dist="5.0") + ep("A6", "01/06/2020", rne="P", dist="5.0")
            + ep("A7", "01/01/2022", dist="5.0") + ep("A10", "01/01/2022", dist="5.0")
            # A8 starts and leaves in the year (no_starters / no_leavers do not fire); open 30/06
            + ep("A8", "01/06/2023", dec="05/07/2023", rec="E4A", dist="5.0")),
        "reviews.csv": REVIEWS + (
            # A4, period before coverage: 01/09 not assessable; then due 01/12, 09/04, 10/04: on time
            "A4,,01/09/2023,PN1\n"    # aged 3, PN1: pn1_7_under_4
            "A4,,09/10/2023,PN0\n"    # aged 3 (the day before the 4th birthday): fine
            "A4,,10/10/2023,PN0\n"    # aged 4 on the birthday: pn0_aged_4_plus
            "A4,,20/02/2024,PN2\n"    # aged 4, PN2: fine; the latest review date (L_rv)
            # A7: review 1 due 31/01/2022 (20 working days after 01/01/2022, 03/01 a holiday)
            "A7,,20/01/2022,PN1\n"
            "A7,,01/05/2023,PN1\n"    # review 2 due 20/04/2022: 376 days late -> very late
            "A7,,15/10/2023,PN1\n"    # due 01/11/2023: on time; next due 15/04/2024
            "A10,,20/01/2022,PN1\n"
            "A10,,20/04/2023,PN1\n"   # due 20/04/2022: exactly 365 days late -> late, not very late
            "A10,,15/10/2023,PN1\n"
            "A9,,15/12/2023,PN1\n"),  # before A9's birth (age unknown: no PN check)
    }

    def test_checks_that_fire(self):
        r = run(self.FILES, 2024)
        self.assertEqual(r["cla_at_31_march"]["total"], 8)  # A1-A7, A10
        self.assertEqual(r["reviews"]["overdue_at_year_end"], 0)
        self.assertEqual(checks(r), [
            ("over_18_in_care", 2, ["A1", "A2"]),
            ("pn0_aged_4_plus", 1, ["A4"]),
            ("pn1_7_under_4", 1, ["A4"]),
            ("very_late_reviews", 1, ["A7"]),
            ("dates_before_birth", 2, ["A5", "A9"]),   # A5's episode row, A9's review row
            ("overlapping_episodes", 1, ["A6"]),
        ])


class DataQualityYearLevel(unittest.TestCase):
    """Year ending 31/03/2024. B1-B5 looked after all year, nobody starts or leaves. Coverage start
    01/04/2022 (earliest review 01/04/2022); every period began before it."""
    EPISODES = EPISODES_D + (
        # B1: an X1 change on 01/03/2024 (neither a start nor a leaving; L_ep = 01/03/2024)
        ep("B1", "01/01/2020", dec="01/03/2024", rec="X1", dist="5.0") + ep("B1", "01/03/2024", rne="L", dist="5.0")
        + ep("B2", "01/01/2020", dist="") + ep("B3", "01/01/2020", dist="")
        + ep("B4", "01/01/2020", dist="") + ep("B5", "01/01/2020", dist=""))
    REVIEWS = REVIEWS + (
        "B1,,31/03/2024,PN1\n"                    # one review: B1 not judged for overdue
        "B2,,01/04/2022,PN1\nB2,,01/06/2022,PN1\n"  # next due 01/12/2022: overdue
        "B3,,01/05/2022,PN1\nB3,,01/07/2022,PN1\n"  # next due 01/01/2023: overdue
        # B4: third review due 01/02/2023, held 01/10/2023 (242 days late); next due 01/04/2024
        "B4,,01/05/2022,PN1\nB4,,01/08/2022,PN1\nB4,,01/10/2023,PN1\n"
        "B5,,01/05/2022,PN1\nB5,,01/06/2022,PN1\n")  # next due 01/12/2022: overdue

    def test_year_level_checks_fire(self):
        r = run({"e.csv": self.EPISODES, "r.csv": self.REVIEWS}, 2024)
        # started 0, ceased 0, and the episodes cover the year (earliest DECOM 01/01/2020, latest
        # date 31/03/2024): 5 children looked after in the year; month ends all 5;
        # distance not known for B2-B5: 4 x 100 > 20 x 5; overdue B2, B3, B5: 3 x 2 > 5
        self.assertEqual(checks(r), [
            ("no_starters", 5, []), ("no_leavers", 5, []), ("flat_month_ends", 5, []),
            ("distance_mostly_unknown", 4, ["B2", "B3", "B4", "B5"]),
            ("most_overdue", 3, ["B2", "B3", "B5"])])

    def test_exactly_half_overdue_does_not_fire(self):
        # B6 (distance known, no review: not judged) makes 3 overdue of 6: 3 x 2 = 6, not > 6
        r = run({"e.csv": self.EPISODES + ep("B6", "01/01/2020", dist="5.0"), "r.csv": self.REVIEWS}, 2024)
        self.assertEqual(r["reviews"]["overdue_at_year_end"], 3)
        self.assertEqual(checks(r), [
            ("no_starters", 6, []), ("no_leavers", 6, []), ("flat_month_ends", 6, []),
            ("distance_mostly_unknown", 4, ["B2", "B3", "B4", "B5"])])

    def test_nothing_fires_on_clean_data(self):
        episodes = EPISODES_D + (
            ep("B1", "01/01/2020", dec="01/03/2024", rec="X1", dist="5.0") + ep("B1", "01/03/2024", rne="L", dist="5.0")
            + ep("B2", "01/01/2020", dist="30") + ep("B3", "01/01/2020", dist="999.9")
            + ep("B4", "01/01/2020", dist="12")
            + ep("C6", "01/05/2023", dist="20.0")                     # a starter
            + ep("C7", "01/01/2020", dec="01/02/2024", rec="E4A", dist=""))  # a leaver
        reviews = REVIEWS + (
            "B1,,31/03/2024,PN1\n"
            "B2,,01/04/2022,PN1\nB2,,01/06/2022,PN1\n"
            "B3,,01/05/2022,PN1\nB3,,01/07/2022,PN1\n"
            "B4,,01/05/2022,PN1\nB4,,01/08/2022,PN1\nB4,,01/10/2023,PN1\n"
            "B4,,01/04/2024,PN1\n"  # exactly L_ep + 31 days (01/03 + 31 = 01/04/2024): not future
            # C6: review 1 due 31/05/2023 (8 and 29 May holidays), then 15/08/2023, 01/02/2024
            "C6,,15/05/2023,PN1\nC6,,01/08/2023,PN1\nC6,,15/01/2024,PN1\n")
        r = run({"e.csv": episodes, "r.csv": reviews}, 2024)
        # distance not known 1 of 5: exactly 20%, not more; overdue B2, B3: 2 of 5; month ends
        # 5 in April, 6 from May (C6), 5 from February (C7 left): not flat
        self.assertEqual(r["cla_at_31_march"]["distance"]["not_known"], 1)
        self.assertEqual(r["reviews"]["overdue_at_year_end"], 2)
        self.assertEqual(checks(r), [])

    def test_future_dates(self):
        episodes = EPISODES + (
            ep("E1", "01/01/2020")
            + ep("E2", "01/01/2020", dec="01/02/2024", rec="X1") + ep("E2", "01/02/2024", rne="P"))
        reviews = REVIEWS + (
            "E1,,01/03/2024,PN1\n"
            "E2,,03/03/2024,PN1\n"   # exactly L_ep (01/02/2024) + 31 days: not flagged
            "E1,,31/12/2024,PN1\n")  # more than 31 days after L_ep: flagged
        r = run({"e.csv": episodes, "r.csv": reviews}, 2024)
        # L_rv = 31/12/2024, so no episode date is more than 31 days after it
        self.assertEqual(checks(r), [
            ("no_starters", 2, []), ("no_leavers", 2, []), ("flat_month_ends", 2, []),
            ("distance_mostly_unknown", 2, ["E1", "E2"]), ("future_dates", 1, ["E1"])])
        # episodes late against the reviews: L_rv = 03/03/2024 (no 31/12 review), + 31 days =
        # 03/04/2024. E3's DECOM and E5's DEC on that day are not flagged; E4's DEC 04/04/2024 is.
        # L_ep is then 04/04/2024, so no review is flagged.
        late = episodes + (ep("E3", "03/04/2024") + ep("E4", "01/01/2020", dec="04/04/2024", rec="E4A")
                           + ep("E5", "01/01/2020", dec="03/04/2024", rec="E4A"))
        r = run({"e.csv": late, "r.csv": reviews.replace("E1,,31/12/2024,PN1\n", "")}, 2024)
        self.assertEqual([c for c in checks(r) if c[0] == "future_dates"], [("future_dates", 1, ["E4"])])
        # without a reviews table there is nothing to compare with (and the year is not covered)
        self.assertEqual(checks(run({"e.csv": episodes}, 2024)),
                         [("flat_month_ends", 2, []), ("distance_mostly_unknown", 2, ["E1", "E2"])])

    def test_examples_are_ten_sorted_distinct_ids(self):
        header = HEADER + "".join(f"K{i:02d},1,01/01/2000,WBRI,,,\n" for i in range(12, 0, -1))
        episodes = EPISODES_D + "".join(ep(f"K{i:02d}", "01/01/2020", dist="1") for i in range(1, 13))
        r = run({"h.csv": header, "e.csv": episodes}, 2024)
        over = [c for c in r["data_quality"]["checks"] if c["check"] == "over_18_in_care"][0]
        self.assertEqual(over["count"], 12)
        self.assertEqual(over["examples"], [f"K{i:02d}" for i in range(1, 11)])


def allocation_rows():
    rows = []
    rows += [f"A{i:03d},I1,01/01/2023,,IRO" for i in range(1, 46)]  # I1: 45 children all year
    rows += ["A046,I1,01/01/2023,31/03/2024,IRO",   # ends on 31 March: counted at end
             "A047,I1,01/01/2023,30/03/2024,IRO",   # ends the day before: not at end
             "A048,I1,15/06/2023,,iro",             # from 15/06/2023; role in lower case
             "A049,I1,01/01/2023,,SW",              # not an IRO allocation
             "A050,I1,01/01/2023,,"]                # blank role: not an IRO allocation
    rows += [f"B{i:03d},I2,01/01/2023,,IRO" for i in range(1, 31)]  # I2 (0.6 FTE): 30
    rows += [f"C{i:03d},I7,01/01/2023,,IRO" for i in range(1, 71)]  # I7 (no iros row): 70
    rows += [f"D{i:03d},I8,01/01/2023,,IRO" for i in range(1, 72)]  # I8 (no iros row): 71
    rows += [f"E{i:03d},I3,01/01/2023,,IRO" for i in range(1, 11)]  # I3 (left 29/02/2024): 10
    rows += ["A051,I1,01/05/2023,30/04/2023,IRO",   # rejected: END before START
             "A052,I1,,,IRO",                       # rejected: START missing
             ",I1,01/01/2023,,IRO",                 # rejected: CHILD blank
             "A053,,01/01/2023,,IRO"]               # rejected: IRO blank
    return ("invo_person_id,invo_professional_id,invo_involvement_start_date,"
            "invo_involvement_end_date,invo_professional_role_id\n" + "\n".join(rows) + "\n")


class IroService(unittest.TestCase):
    """Section 7, year ending 31/03/2024 (01/04/2023 - 31/03/2024). as_at = 10/04/2024, the latest
    date of any kind in the section 7 tables (a dispute's RESOLVED)."""
    FILES = {
        "iros.csv": "prof_professional_id,prof_professional_name,prof_full_time_equivalency,START,END\n" + (
            "I1,Ann,1.0,01/01/2015,\n"
            "I2,Bob,0.6,,\n"                  # part-time
            "I3,Cy,,01/01/2015,29/02/2024\n"  # FTE blank = 1.0; in post until 29/02/2024
            "I4,Dee,1.6,,\n"                  # rejected: FTE above 1.5
            "I5,Eve,0,,\n"                    # rejected: FTE 0
            "I1,Ann,1.0,,\n"                  # rejected: repeat of I1
            "I6,Fay,abc,,\n"),                # rejected: FTE not a number
        "allocations.csv": allocation_rows(),
        "meetings.csv": ("clar_cla_person_id,clar_cla_review_id,clar_cla_review_due_date,clar_cla_review_date,"
                         "clar_cla_review_cancelled,Cancelled date,Chair,Date review record distributed,Mother,Father\n") + (
            # R1: deadline = 20th working day after Wed 05/04/2023 (7, 10 Apr, 1, 8 May holidays)
            #     = Tue 09/05/2023; completed 02/05: on time
            "A001,R1,10/04/2023,05/04/2023,N,,I1,02/05/2023,ATTENDED,\n"
            # R2: across Christmas: Fri 15/12/2023 + 20 working days (25, 26 Dec, 1 Jan holidays)
            #     = Wed 17/01/2024; completed that day: on time. Chair blank -> B001's IRO, I2
            "B001,R2,15/12/2023,15/12/2023,,,,17/01/2024,Views,none\n"
            # R3: Mon 18/12/2023 -> deadline Thu 18/01/2024; completed 19/01: late. Chair -> I2
            "B002,R3,18/12/2023,18/12/2023,No,,,19/01/2024,NA,ATTENDED\n"
            # R4: chaired by I9, who has no allocation; Thu 01/02/2024 -> deadline Thu 29/02/2024,
            #     not completed, on or before as_at: overdue
            "Z900,R4,01/02/2024,01/02/2024,,,I9,,,\n"
            # R5: no chair, no allocation: not known; Wed 20/03/2024 -> deadline Fri 19/04/2024
            #     (Good Friday 29/03, Easter Monday 01/04): after as_at, not yet due
            "Z901,R5,20/03/2024,20/03/2024,,,,,Unknown-value,\n"
            "A002,R6,15/03/2024,,Yes,,,,,\n"             # cancelled, no cancelled date: DUE_DATE in year
            "A002,R7,10/04/2023,,Y,31/03/2023,,,,\n"     # cancelled 31/03/2023: last year
            "A003,R8,,01/06/2023,1,,,,,\n"               # cancelled; only REVIEW_DATE: in year
            "A003,R9,01/07/2023,01/07/2023,,,I1,30/06/2023,,\n"  # rejected: record before review
            "A004,R10,01/08/2023,,N,,,,,\n"              # rejected: neither held nor cancelled
            "A005,R11,15/03/2023,15/03/2023,,,I1,20/03/2023,ATTENDED,\n"  # held last year
            "A005,R12,01/09/2023,01/09/2023,true,02/09/2023,,,,\n"  # cancelled (not held) in year
            # R13: Tue 10/10/2023 -> deadline Tue 07/11/2023; completed 08/11: late; chair -> I1
            "A006,R13,10/10/2023,10/10/2023,,,,08/11/2023,attended,views\n"
            # R14: A047 allocated to I1 until 30/03/2024, so on 20/03/2024; deadline 19/04/2024
            "A047,R14,20/03/2024,20/03/2024,,,,25/03/2024,,\n"),
        "disputes.csv": "DISPUTE_ID,RAISED,STAGE,RESOLVED,CATEGORY,CHILD,IRO\n" + (
            # D1: three stage rows; raised 05/06/2023, reached head of service, resolved 14/07/2023
            #     = 29 working days (6 Jun .. 14 Jul 2023, no holidays)
            "D1,05/06/2023,Informal,,Care plan,A001,I1\n"
            "D1,20/06/2023,Formal,,,A001,I1\n"
            "D1,10/07/2023,Head of Service,14/07/2023,,A001,I1\n"
            "D2,01/09/2023,Tribunal,,Contact,A002,I1\n"     # a stage not in the list: other_stage; open
            ",01/10/2023,formal,03/10/2023,Care plan,,\n"   # no id: one dispute; Mon 2, Tue 3 Oct: 2 days
            ",15/03/2024,informal,10/04/2024,,,\n"          # resolved after end: open at end; no category
            "D5,20/03/2023,formal,01/05/2023,Care plan,,\n" # raised last year
            # D6: two rows at its highest stage: the later one (blank) decides: open
            "D6,01/11/2023,director,10/11/2023,Placement,,\n"
            "D6,15/11/2023,Director,,,,\n"
            # D10: Fri 01/12 -> Fri 29/12/2023: 4-8, 11-15, 18-22, 27-29 Dec = 18 working days
            "D10,01/12/2023,CAFCASS,29/12/2023,Care plan,,\n"
            "D12,15/03/2023,informal,,Care plan,,\n"       # D12: raised last year (its earliest row)
            "D12,10/04/2023,formal,20/04/2023,,,\n"        # though its later stage is in the year
            ",01/02/2024,informal,05/02/2024,Contact,,\n"   # Thu -> Mon: Fri 2, Mon 5 = 2 days
            "D7,,formal,,,,\n"                              # rejected: RAISED missing
            "D8,01/03/2024,formal,01/02/2024,,,\n"          # rejected: RESOLVED before RAISED
            "D9,01/03/2024,,,,,\n"),                        # rejected: STAGE missing
        "contacts.csv": "CHILD,CONTACT_DATE,IRO,TYPE\n" + (
            "A001,01/05/2023,I1,visit\nA001,01/06/2023,I1,call\nB001,31/03/2024,I2,visit\n"
            "A003,01/06/2023,I1,visit\n"    # not in the cohort: a contact, not a child seen
            "A002,31/03/2023,I1,visit\n"    # last year
            "A002,,I1,visit\n"),            # rejected: CONTACT_DATE missing
        "episodes.csv": EPISODES + ep("A001", "01/01/2020") + ep("A002", "01/01/2020") + ep("B001", "01/01/2020"),
    }

    def service(self, **settings):
        return run(self.FILES, 2024, **settings)

    def test_as_at_ignores_scheduled_dates(self):
        # A review due 30/06/2024 and cancelled (no dates of its own held) and an allocation
        # planned to end 31/12/2024 are scheduled, not events: as_at stays at D4's RESOLVED,
        # 10/04/2024 (A49), so R5's deadline 19/04/2024 is still not yet due.
        files = dict(self.FILES)
        files["meetings.csv"] += "A002,R15,30/06/2024,,Yes,,,,,\n"
        files["allocations.csv"] = files["allocations.csv"].replace(
            "invo_professional_role_id\n",
            "invo_professional_role_id\nA002,I1,01/01/2024,31/12/2024,IRO\n", 1)
        s = run(files, 2024)["iro_service"]
        self.assertEqual(s["as_at"], "2024-04-10")
        self.assertEqual(s["records"]["not_yet_due"], self.service()["iro_service"]["records"]["not_yet_due"])

    def test_caseload(self):
        s = self.service()["iro_service"]
        self.assertEqual(s["as_at"], "2024-04-10")
        c = s["caseload"]
        # at 31/03/2024: I1 45 + A046 + A048 = 47 (1.0), I2 30 (0.6) = 50.0, I7 70, I8 71 (no iros
        # row: 1.0, in post); I3 not in post. 218 / 3.6 = 60.56 -> 61
        self.assertEqual(c["at_year_end"], {"per_fte": 61, "lowest": 47, "highest": 71, "iros": 4,
                                            "fte": 3.6, "below_50": 1, "band_50_to_70": 2,
                                            "above_70": 1})
        # 30/04, 31/05: I1 47 (A047, not yet A048) + 30 + 70 + 71 + I3 10 = 228 / 4.6 = 49.57 -> 50
        # 30/06 .. 29/02: I1 48 -> 229 / 4.6 = 49.78 -> 50 (I3 in post on its END day 29/02)
        # 31/03: 218 / 3.6 = 60.56 -> 61
        ends = [d.isoformat() for d in measures.month_ends(2024)]
        self.assertEqual(c["month_end"], dict(zip(ends, [50] * 11 + [61])))
        # year average: (2 x 228/4.6 + 9 x 229/4.6 + 218/3.6) / 12 = 31450/621 = 50.64 -> 51
        self.assertEqual(c["year_average"], 51)
        self.assertEqual(c["by_iro"], [
            {"iro": "I1", "name": "Ann", "fte": 1.0, "children": 47, "per_fte": 47, "reviews_chaired": 3},
            {"iro": "I2", "name": "Bob", "fte": 0.6, "children": 30, "per_fte": 50, "reviews_chaired": 2},
            {"iro": "I7", "name": None, "fte": 1.0, "children": 70, "per_fte": 70, "reviews_chaired": 0},
            {"iro": "I8", "name": None, "fte": 1.0, "children": 71, "per_fte": 71, "reviews_chaired": 0}])

    def test_reviews_chaired(self):
        # I1: R1 (CHAIR), R13 and R14 (allocation); I2: R2, R3 (allocation); I9: R4 (CHAIR, no
        # allocation); not known: R5
        self.assertEqual(self.service()["iro_service"]["reviews_chaired"],
                         {"I1": 3, "I2": 2, "I9": 1, "not_known": 1})

    def test_records(self):
        # held in the year: R1, R2, R3, R4, R5, R13, R14 (R9 rejected, R11 last year, cancelled
        # ones not held). on time R1, R2, R14; late R3, R13; overdue R4; not yet due R5.
        # 3 / (3 + 2 + 1) = 50.0%
        self.assertEqual(self.service()["iro_service"]["records"], {
            "deadline_working_days": 20, "on_time": 3, "late": 2, "overdue": 1, "not_yet_due": 1,
            "percent_on_time": 50.0})
        self.assertEqual(measures.nth_working_day_after(date(2023, 12, 15), 20), date(2024, 1, 17))

    def test_records_with_25_working_days(self):
        # deadlines 5 working days later: R3 25/01/2024 and R13 14/11/2023 become on time; R4's
        # 07/03/2024 is still on or before as_at. 5 / (5 + 0 + 1) = 83.33 -> 83.3
        r = self.service(record_deadline_working_days=25)
        self.assertEqual(r["iro_service"]["records"], {
            "deadline_working_days": 25, "on_time": 5, "late": 0, "overdue": 1, "not_yet_due": 1,
            "percent_on_time": 83.3})
        self.assertEqual(r["settings"]["record_deadline_working_days"], 25)

    def test_cancelled_and_parents(self):
        s = self.service()["iro_service"]
        # cancelled in the year: R6 (by DUE_DATE), R8 (by REVIEW_DATE), R12 (by CANCELLED_DATE);
        # R7 was cancelled last year. 3 / (7 + 3) = 30.0%
        self.assertEqual(s["cancelled"], {"cancelled": 3, "held": 7, "rate_percent": 30.0})
        # R1 mother attended; R2 mother views, father none; R3 mother NA, father attended;
        # R4 both blank; R5 an unknown value and blank; R13 mother attended, father views; R14 blank
        self.assertEqual(s["parents"], {"held": 7, "any_parent": 4, "attended": 3, "mother": 3,
                                        "father": 2, "not_recorded": 3})

    def test_disputes(self):
        # raised in the year: D1, D2, (no id) 01/10, (no id) 15/03, D6, D10, (no id) 01/02 = 7
        # resolved by end: D1 29, 01/10 2, D10 18, 01/02 2 -> sorted 2, 2, 18, 29: lower middle 2
        self.assertEqual(self.service()["iro_service"]["disputes"], {
            "total": 7,
            "by_stage": {"informal": 2, "formal": 1, "head_of_service": 1, "director": 1,
                         "cafcass": 1, "other_stage": 1},
            "resolved": 4, "open_at_year_end": 3, "median_working_days_to_resolve": 2,
            "by_category": {"Care plan": 3, "Contact": 2, "Placement": 1, "not_recorded": 1}})

    def test_disputes_with_an_edited_stage_list(self):
        # stages informal, formal, tribunal: D1 now reaches formal, whose row is unresolved (open);
        # D2 is tribunal; D6 and D10 are other_stage (D10's latest row resolved it: 18 days)
        d = self.service(dispute_stages=["informal", "formal", "tribunal"])["iro_service"]["disputes"]
        self.assertEqual(d["by_stage"], {"informal": 2, "formal": 2, "tribunal": 1, "other_stage": 2})
        self.assertEqual((d["resolved"], d["open_at_year_end"], d["median_working_days_to_resolve"]),
                         (3, 4, 2))  # resolved: 01/10 (2), D10 (18), 01/02 (2)

    def test_contacts(self):
        # contacts in the year: A001 x2, B001, A003 = 4; cohort A001, A002, B001; seen A001, B001
        self.assertEqual(self.service()["iro_service"]["contacts"],
                         {"contacts": 4, "children_seen": 2, "cohort": 3})

    def test_rejected_rows(self):
        inputs = {i["table"]: i for i in self.service()["inputs"]}
        got = {t: (inputs[t]["rows_read"], inputs[t]["rows_rejected"])
               for t in ("iros", "iro_allocations", "review_meetings", "disputes", "iro_contacts")}
        self.assertEqual(got, {"iros": (7, 4), "iro_allocations": (235, 4), "review_meetings": (14, 2),
                               "disputes": (16, 3), "iro_contacts": (6, 1)})
        meetings = inputs["review_meetings"]["rejections"]
        self.assertEqual([(x["row"], x["column"], x["reason"]) for x in meetings],
                         [(10, "RECORD_COMPLETED", "before REVIEW_DATE"),
                          (11, "REVIEW_DATE", "neither held nor cancelled")])

    def test_iro_roles_setting(self):
        # roles IRO and SW: A049 counts for I1 -> 48 at end; 219 / 3.6 = 60.83 -> 61
        c = self.service(iro_roles=["IRO", "SW"])["iro_service"]["caseload"]
        self.assertEqual(c["by_iro"][0]["children"], 48)
        self.assertEqual(c["at_year_end"]["per_fte"], 61)

    def test_trend_rows(self):
        # every table's earliest date lies in the year ending 31/03/2023 (01/01/2023 allocations,
        # 31/03/2023 meetings, 20/03/2023 disputes): they cover 2023 and 2024, not 2022
        row = self.service()["reference_trend_row"]
        self.assertEqual({k: row[k] for k in row if k.startswith(("iro", "records", "reviews_", "disputes"))},
                         {"iro_caseload_per_fte": 61, "iro_caseload_year_average": 51,
                          "records_percent_on_time": 50.0, "reviews_cancelled": 3, "disputes_raised": 7})
        self.assertIn("iro_caseload_per_fte", run(self.FILES, 2023)["reference_trend_row"])
        row2022 = run(self.FILES, 2022)["reference_trend_row"]
        self.assertEqual(sorted(row2022), ["age_band", "distance", "long_term_stability"])


class CaseloadLookedAfterOnly(unittest.TestCase):
    FILES = {
        "allocations.csv": "CHILD,IRO,START,END\nK1,I1,01/01/2023,\nK2,I1,01/01/2023,\n",
        "episodes.csv": EPISODES + ep("K1", "01/01/2020") + ep("K2", "01/01/2020", dec="01/03/2024", rec="E4A"),
    }

    def test_option(self):
        self.assertEqual(run(self.FILES, 2024)["iro_service"]["caseload"]["at_year_end"]["per_fte"], 2)
        c = run(self.FILES, 2024, caseload_looked_after_only=True)["iro_service"]["caseload"]
        # K2 left care on 01/03/2024: 1 child at 31/03; 2 at the 11 earlier month ends
        self.assertEqual(c["at_year_end"]["per_fte"], 1)
        self.assertEqual(list(c["month_end"].values()), [2] * 11 + [1])
        self.assertEqual(c["year_average"], 2)  # (11 x 2 + 1) / 12 = 1.92 -> 2

    def test_month_ends_with_no_iro_have_no_figure(self):
        # allocations from 01/10/2023 only: no IRO has a child at the month ends April-September
        files = {"allocations.csv": "CHILD,IRO,START\nK1,I1,01/10/2023\nK2,I1,01/10/2023\nK3,I1,01/10/2023\n"}
        c = run(files, 2024)["iro_service"]["caseload"]
        self.assertEqual(list(c["month_end"].values()), [None] * 6 + [3] * 6)
        self.assertEqual(c["year_average"], 3)  # the mean of the six figures, not 18 / 12
        self.assertEqual(c["by_iro"][0]["reviews_chaired"], None)  # no review_meetings table
        self.assertIsNone(run({"allocations.csv": files["allocations.csv"]}, 2023)["iro_service"]["caseload"]["at_year_end"]["per_fte"])

    def test_chair_from_the_latest_allocation(self):
        # K1 held by I1 from 01/01/2023 and by I2 from 01/06/2023 (both open on 01/07/2023): I2
        files = {"allocations.csv": "CHILD,IRO,START\nK1,I2,01/06/2023\nK1,I1,01/01/2023\n",
                 "meetings.csv": "CHILD,REVIEW_DATE\nK1,01/07/2023\n"}
        self.assertEqual(run(files, 2024)["iro_service"]["reviews_chaired"], {"I2": 1, "not_known": 0})


class CompareSections(unittest.TestCase):
    """compare.py / compare_trend.py: sections 7-11 only when switched on; keys declared there."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        data = os.path.join(self.tmp.name, "in")
        os.mkdir(data)
        write(data, dict(IroService.FILES, **MoreFigures903.FILES))
        out = subprocess.run([sys.executable, os.path.join(HERE, "measures.py"), "--year", "2024",
                              "--la", "420", "--record-deadline-days", "25", "--iro-roles", "IRO,SW",
                              "--dispute-stages", "informal,formal,tribunal", data],
                             check=True, capture_output=True, text=True).stdout
        self.report = json.loads(out)

    def tearDown(self):
        self.tmp.cleanup()

    def compare(self, careboard, *args, env=None, script="compare.py", reference=None):
        a, b = os.path.join(self.tmp.name, "a.json"), os.path.join(self.tmp.name, "b.json")
        with open(a, "w") as f:
            json.dump(careboard, f)
        with open(b, "w") as f:
            json.dump(reference or self.report, f)
        files = [a, b] if script == "compare.py" else [a, "2024-03-31", b]
        environ = dict(os.environ, CAREBOARD_COMPARE_SECTIONS=env or "")
        p = subprocess.run([sys.executable, os.path.join(HERE, script), *args, *files],
                           capture_output=True, text=True, env=environ)
        lines = p.stdout.strip().splitlines()
        return p.returncode, lines[:-1], lines[-1]

    def changed(self, edit):
        other = json.loads(json.dumps(self.report))
        edit(other)
        return other

    def test_command_line_settings(self):
        self.assertEqual(self.report["settings"], {
            "record_deadline_working_days": 25, "caseload_looked_after_only": False,
            "dispute_stages": ["informal", "formal", "tribunal"], "iro_roles": ["IRO", "SW"]})
        self.assertEqual(self.report["disproportionality"]["population"], "all ages, Census 2021")
        self.assertEqual(self.report["iro_service"]["records"]["on_time"], 5)

    def test_every_section_agrees_with_itself(self):
        code, diffs, last = self.compare(self.report, "--sections", "all")
        self.assertEqual((code, diffs), (0, []))
        # 135-odd section 6 figures plus the new ones: far more than without the sections
        self.assertGreater(int(last.split()[0]), int(self.compare(self.report)[2].split()[0]) + 150)

    def test_off_by_default(self):
        other = self.changed(lambda r: r.pop("iro_service"))
        self.assertEqual(self.compare(other)[0], 0)
        code, diffs, last = self.compare(other, env="s7")
        self.assertEqual(code, 1)
        self.assertEqual(diffs[0][:25], "iro_service: careboard=mi")

    def test_a_misspelt_key_fails(self):
        def rename(r):
            r["reviews"]["children_reviewd"] = r["reviews"].pop("children_reviewed")
        code, diffs, last = self.compare(self.changed(rename), "--sections", "s10")
        self.assertEqual(diffs, ["reviews.children_reviewed: careboard=missing reference=3"])
        self.assertRegex(last, r"^\d+ passed, 1 failed$")

    def test_null_on_one_side_fails(self):
        def null(r):
            r["missing"] = None
            r["iro_service"]["records"]["percent_on_time"] = None
        code, diffs, _ = self.compare(self.changed(null), "--sections", "s10,s7")
        self.assertEqual(diffs, [
            "iro_service.records.percent_on_time: careboard=null reference=83.3",
            'missing: careboard=null reference={"missing_episodes": 3, "children_missing": 2, '
            '"away_episodes": 1, "children_away": 1}'])
        both = self.changed(lambda r: r.update(dolo=None))
        self.assertEqual(self.compare(both, "--sections", "s8", reference=both)[0], 0)

    def test_an_extra_key_in_a_fixed_map_fails_and_open_maps_count_missing_as_zero(self):
        def edit(r):
            r["cla_at_31_march"]["time_in_care"]["10_years_and_over"] = 0
            r["iro_service"]["reviews_chaired"]["I7"] = 0            # zero = absent: passes
            r["iro_service"]["disputes"]["by_category"]["Other"] = 0  # likewise
            r["data_quality"]["checks"].reverse()
        code, diffs, _ = self.compare(self.changed(edit), "--sections", "all")
        self.assertEqual(diffs[0], "cla_at_31_march.time_in_care.10_years_and_over: careboard=0 reference=missing")
        self.assertTrue(diffs[1].startswith("data_quality.checks.order: "))
        self.assertEqual(len(diffs), 2)

    def test_unknown_section_is_an_error(self):
        p = subprocess.run([sys.executable, os.path.join(HERE, "compare.py"), "--sections", "s12", "a", "b"],
                           capture_output=True, text=True)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("unknown section", p.stderr)

    def test_trend_keys(self):
        row = self.report["reference_trend_row"]
        base = {"cla_at_31_march": self.report["cla_at_31_march"]["total"], "started": self.report["started"],
                "ceased": self.report["ceased"]["total"], "uasc": self.report["cla_at_31_march"]["uasc"],
                "three_plus_placements": self.report["cla_at_31_march"]["three_plus_placements"],
                "adopted": 0, "sgo": 0, "cao": 0, "reviews_held": self.report["reviews"]["held"],
                "reviews_on_time": self.report["reviews"]["on_time"]}
        good = {"trend": {"2024-03-31": dict(base, **row)}}
        self.assertIn("participation", row)   # the reviews cover 2024
        self.assertEqual(row["records_percent_on_time"], 83.3)
        self.assertEqual(self.compare(good, "--sections", "s7,s10", script="compare_trend.py")[:2], (0, []))
        # participation absent where the reviews cover the year; an IRO key where not covered
        bad = json.loads(json.dumps(good))
        del bad["trend"]["2024-03-31"]["participation"]
        bad["trend"]["2024-03-31"]["distance"]["not_known"] += 1
        ref = self.changed(lambda r: r["reference_trend_row"].pop("disputes_raised"))
        code, diffs, _ = self.compare(bad, "--sections", "all", script="compare_trend.py", reference=ref)
        self.assertEqual(code, 1)
        self.assertEqual(diffs, [  # sections in the order s7, s10
            "trend.2024-03-31.disputes_raised: careboard=7 reference=absent",
            "trend.2024-03-31.distance.not_known: careboard=%d reference=%d" % (
                row["distance"]["not_known"] + 1, row["distance"]["not_known"]),
            "trend.2024-03-31.participation: careboard=absent reference=" + json.dumps(row["participation"])])
        # and without the switch only the section 6 keys are compared
        self.assertEqual(self.compare(bad, script="compare_trend.py", reference=ref)[0], 0)


if __name__ == "__main__":
    unittest.main()
