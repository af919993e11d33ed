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


def write(tmp, files):
    for name, text in files.items():
        with open(os.path.join(tmp, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    return tmp


def run(files, year=None):
    with tempfile.TemporaryDirectory() as tmp:
        write(tmp, files)
        return measures.report(measures.load([tmp]), year)


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


if __name__ == "__main__":
    unittest.main()
