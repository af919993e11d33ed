#!/usr/bin/env python3
"""Makes the small XLSX fixtures of tests/import.rs (run from the repository root).

    pip install openpyxl && python3 scripts/make_xlsx_fixtures.py

The workbooks are committed; rerun this only to change them, then update the hand-checked
expectations in tests/import.rs. Timestamps are fixed so reruns give the same cells.
"""
import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

OUT = Path("tests/fixtures/import")


def fixed(wb):
    wb.properties.created = dt.datetime(2024, 1, 1)
    wb.properties.modified = dt.datetime(2024, 1, 1)
    return wb


def workbook():
    """Two table sheets, a notes sheet and an empty sheet, in the order
    Notes, Episodes, Empty, Reviews."""
    wb = fixed(Workbook())
    notes = wb.active
    notes.title = "Notes"
    notes["A1"] = "About this export"
    notes["A2"] = "Run by the performance team"

    ep = wb.create_sheet("Episodes")
    ep["A1"] = "Episodes of care 2023-24"  # title line; row 2 left blank
    ep.append([])
    # Row 3: synonyms, shuffled order, an extra column.
    ep.append(["Child ID", "Start date", "RNE", "Legal status", "CIN", "Placement type",
               "Provider", "End date", "REC", "Worker"])
    # Row 4: text ID with leading zeros, an Excel date cell with a time of day.
    ep.append(["0042", dt.datetime(2023, 4, 1, 14, 30), "S", "C2", "N1", "U1", "PR1",
               None, None, "Ann"])
    # Row 5: numeric ID, a bare serial (45017 = 2023-04-01), #N/A in CIN, date cell DEC.
    ep.append([1234, 45017, "P", "C2", "#N/A", "U1", "PR1", dt.date(2023, 6, 30), "E3",
               "Bo"])
    # Row 6: serial 60, Excel's non-existent 29/02/1900: rejected (DECOM not a date).
    ep.append(["0043", 60, "S", "C2", "N1", "U1", "PR1", None, None, None])
    # Row 7: blank child ID: rejected.
    ep.append([None, dt.date(2023, 5, 1), "S", "C2", "N1", "U1", "PR1", None, None, "Cy"])

    wb.create_sheet("Empty")

    rv = wb.create_sheet("Reviews")
    # Used range starts at B2: header is row 2, data rows 3 and 4.
    rv["B2"], rv["C2"], rv["D2"] = "CHILD", "REVIEW", "REVIEW_CODE"
    rv["B3"], rv["C3"], rv["D3"] = "0042", dt.date(2023, 5, 10), "PN1"
    rv["B4"], rv["C4"], rv["D4"] = 1234, "15/06/2023", "PN2"
    wb.save(OUT / "workbook.xlsx")


def mac_1904():
    """A header table in a 1904-based workbook (old Mac Excel)."""
    wb = fixed(Workbook())
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Children"
    ws.append(["CHILD", "SEX", "DOB", "ETHNIC"])
    ws.append(["C1", "F", dt.date(2010, 1, 15), "WBRI"])
    wb.save(OUT / "mac1904.xlsx")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    workbook()
    mac_1904()
