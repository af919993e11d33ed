#!/usr/bin/env python3
"""The second half of `make bench`: Careboard's CLI against polars and DuckDB on the same files.

`examples/bench.rs` writes the synthetic exports (1x, 4x, 16x a council) to
target/bench-exports/native-<N>x/ and its own figures (per stage, csv-core floor) to
target/bench-exports/native.json. This script then, for each scale:

1. checks: runs `careboard report --json` once, and polars and DuckDB once each computing their
   subset of the report (below) from the same CSV files, and exits non-zero naming the first
   figure where a peer's subset differs from Careboard's JSON;
2. times: runs careboard, polars, duckdb, careboard, polars, duckdb, ... (interleaved, each a
   fresh process, so each pays its own start-up, as an analyst's command would), N runs each
   (5, or 3 at 16x), and reports the median wall time and the median peak resident memory of
   the child process (getrusage via os.wait4: ru_maxrss);
3. prints the ratios: careboard / polars, careboard / duckdb, careboard / csv floor, and peak
   memory / CSV bytes.

The subset (MEASURES.md sections 0-3): the year; the cohort at 31 March (total, sex, age band,
ethnic group, legal status, placement, UASC); started; ceased (total and by reason); the 12
month ends; reviews held (total and per month) and participation. Rows are rejected as
section 5 says (blank CHILD, a date that is not dd/mm/yyyy or yyyy-mm-dd, DEC before DECOM, a
repeated (CHILD, REVIEW) pair or header CHILD), short breaks (LS V3, V4) are dropped, and codes
are trimmed and upper-cased, so the peers count exactly what Careboard counts.

polars and duckdb come from target/bench-venv (installed by `make bench` only). Run with that
venv's python: `target/bench-venv/bin/python scripts/bench_peers.py [--runs N] [--scales 1,4]`.
Prints figures; asserts nothing beyond the check of step 1.
"""

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = ROOT / "target" / "bench-exports"

# MEASURES.md section 1's code lists.
SEX = {"1": "male", "M": "male", "2": "female", "F": "female"}
SEX_KEYS = ["male", "female", "unknown"]
AGE_KEYS = ["under_1", "1_to_4", "5_to_9", "10_to_15", "16_and_over", "unknown"]
ETHNIC = {
    **{c: "white" for c in ["WBRI", "WIRI", "WOTH", "WIRT", "WROM"]},
    **{c: "mixed" for c in ["MWBC", "MWBA", "MWAS", "MOTH"]},
    **{c: "asian" for c in ["AIND", "APKN", "ABAN", "AOTH", "CHNE"]},
    **{c: "black" for c in ["BCRB", "BAFR", "BOTH"]},
    "OOTH": "other",
}
ETHNIC_KEYS = ["white", "mixed", "asian", "black", "other", "not_known"]
LEGAL = {
    "C1": "interim_care_order", "C2": "full_care_order", "E1": "placement_order",
    "D1": "placement_order", "V2": "section_20",
    **{c: "detained_for_child_protection" for c in ["L1", "L2", "L3"]},
    **{c: "youth_justice" for c in ["J1", "J2", "J3"]},
}
LEGAL_KEYS = ["interim_care_order", "full_care_order", "placement_order", "section_20",
              "detained_for_child_protection", "youth_justice", "unknown"]
PLACEMENT = {
    **{c: "foster_relative_friend" for c in ["U1", "U2", "U3"]},
    **{c: "foster_other_carer" for c in ["U4", "U5", "U6"]},
    **{c: "placed_for_adoption" for c in ["A3", "A4", "A5", "A6"]},
    "P1": "placed_with_parents",
    **{c: "independent_or_supported" for c in ["P2", "H5", "K3"]},
    **{c: "secure_and_childrens_homes" for c in ["K1", "K2"]},
    **{c: "other_residential" for c in ["R1", "R2", "R3", "R5"]},
    "S1": "residential_school",
    **{c: "other" for c in ["P3", "T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14"]},
}
PLACEMENT_KEYS = ["foster_relative_friend", "foster_other_carer", "placed_for_adoption",
                  "placed_with_parents", "independent_or_supported",
                  "secure_and_childrens_homes", "other_residential", "residential_school",
                  "other", "unknown"]
PN = [f"PN{i}" for i in range(8)]
DMY = r"^\d{1,2}/\d{1,2}/\d{4}$"
YMD = r"^\d{4}-\d{2}-\d{2}$"


def year_of(latest):
    """The default year: the latest year whose 31 March is on or before the latest date."""
    return latest.year if latest >= dt.date(latest.year, 3, 31) else latest.year - 1


def month_ends(y):
    """30 Apr (y-1) ... 31 Mar y."""
    out = []
    for k in range(12):
        m = 5 + k
        first_next = dt.date(y - 1 + (m - 1) // 12, (m - 1) % 12 + 1, 1)
        out.append(first_next - dt.timedelta(days=1))
    return out


def months(y):
    return [f"{y - 1 + (3 + k) // 12}-{(3 + k) % 12 + 1:02d}" for k in range(12)]


def filled(keys, counts):
    return {k: int(counts.get(k, 0)) for k in keys}


def assemble(y, cohort, uasc, started, ceased_total, reasons, month_end, held, by_month, part):
    """The subset as one dict, the same shape `subset_of` takes from Careboard's JSON."""
    return {
        "year_ending": f"{y}-03-31",
        "cla_at_31_march": {
            "total": int(sum(cohort["sex"].values())),
            "sex": filled(SEX_KEYS, cohort["sex"]),
            "age_band": filled(AGE_KEYS, cohort["age_band"]),
            "ethnic_group": filled(ETHNIC_KEYS, cohort["ethnic_group"]),
            "legal_status": filled(LEGAL_KEYS, cohort["legal_status"]),
            "placement": filled(PLACEMENT_KEYS, cohort["placement"]),
            "uasc": int(uasc),
        },
        "started": int(started),
        "ceased": {"total": int(ceased_total),
                   "reason": {k: int(v) for k, v in sorted(reasons.items()) if v}},
        "cla_month_end": {d.isoformat(): int(month_end.get(d, 0)) for d in month_ends(y)},
        "reviews": {
            "held": int(held),
            "held_by_month": filled(months(y), by_month),
            "participation": filled(PN + ["unknown"], part),
        },
    }


def subset_of(report):
    """The peers' subset, read from Careboard's JSON report."""
    c = report["cla_at_31_march"]
    r = report["reviews"]
    return {
        "year_ending": report["year_ending"],
        "cla_at_31_march": {k: c[k] for k in ["total", "sex", "age_band", "ethnic_group",
                                               "legal_status", "placement", "uasc"]},
        "started": report["started"],
        "ceased": {"total": report["ceased"]["total"],
                   "reason": {k: v for k, v in sorted(report["ceased"]["reason"].items()) if v}},
        "cla_month_end": report["cla_month_end"],
        "reviews": {
            "held": r["held"],
            "held_by_month": {m: v["held"] for m, v in r["by_month"].items()},
            "participation": r["participation"],
        },
    }


def first_difference(a, b, path=""):
    """The path and both values of the first place where two JSON values differ, or None."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return (f"{path}.{k}", a.get(k, "(absent)"), b.get(k, "(absent)"))
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    return None if a == b else (path, a, b)


# ---------------------------------------------------------------- polars
def polars_subset(folder):
    import polars as pl

    def read(name):
        return pl.read_csv(Path(folder) / name, infer_schema=False).with_row_index("seq")

    def text(c):
        return pl.col(c).fill_null("").str.strip_chars()

    def code(c):
        return text(c).str.to_uppercase()

    def date(c):
        s = text(c)
        return (pl.when(s.str.contains(DMY)).then(s.str.strptime(pl.Date, "%d/%m/%Y", strict=False))
                .when(s.str.contains(YMD)).then(s.str.strptime(pl.Date, "%Y-%m-%d", strict=False))
                .otherwise(None))

    ep = read("episodes.csv").select(
        "seq", child=text("CHILD"), decom=date("DECOM"), dec_text=text("DEC"), dec=date("DEC"),
        rne=code("RNE"), ls=code("LS"), place=code("PLACE"), rec=code("REC"))
    ep = ep.filter((pl.col("child") != "") & pl.col("decom").is_not_null()
                   & ((pl.col("dec_text") == "")
                      | (pl.col("dec").is_not_null() & (pl.col("dec") >= pl.col("decom")))))
    rv = read("reviews.csv").select("seq", child=text("CHILD"), date=date("REVIEW"),
                                    code=code("REVIEW_CODE"))
    rv = rv.filter((pl.col("child") != "") & pl.col("date").is_not_null())
    rv = rv.unique(subset=["child", "date"], keep="first", maintain_order=True)

    latest = max(d for d in [ep["decom"].max(), ep["dec"].max(), rv["date"].max()] if d)
    y = year_of(latest)
    start, end = dt.date(y - 1, 4, 1), dt.date(y, 3, 31)

    eps = ep.filter(~pl.col("ls").is_in(["V3", "V4"]))
    # Every episode open at some day of the year: the cohort and the month ends need no others.
    live = eps.filter((pl.col("decom") <= end) & (pl.col("dec").is_null() | (pl.col("dec") > start)))
    cohort = (live.filter(pl.col("dec").is_null() | (pl.col("dec") > end))
              .sort(["decom", "seq"]).group_by("child").last())
    hd = read("header.csv").select("seq", child=text("CHILD"), sex=code("SEX"), dob=date("DOB"),
                                   ethnic=code("ETHNIC"))
    hd = hd.filter(pl.col("child") != "").group_by("child", maintain_order=True).first()
    us = read("uasc.csv").select(child=text("CHILD"), duc_text=text("DUC"), duc=date("DUC"))
    us = us.filter((pl.col("child") != "")
                   & ((pl.col("duc_text") == "") | pl.col("duc").is_not_null()))
    uasc_children = us.filter(pl.col("duc").is_null() | (pl.col("duc") > end)).select("child").unique()

    c = cohort.join(hd.select("child", "sex", "dob", "ethnic"), on="child", how="left")
    age = pl.lit(y) - pl.col("dob").dt.year() - (pl.col("dob").dt.month() > 3).cast(pl.Int32)
    c = c.with_columns(
        sex=pl.col("sex").replace_strict(SEX, default="unknown", return_dtype=pl.String),
        ethnic=pl.col("ethnic").replace_strict(ETHNIC, default="not_known", return_dtype=pl.String),
        legal=pl.col("ls").replace_strict(LEGAL, default="unknown", return_dtype=pl.String),
        placement=pl.col("place").replace_strict(PLACEMENT, default="unknown", return_dtype=pl.String),
        age_band=pl.when(age.is_null() | (age < 0)).then(pl.lit("unknown"))
        .when(age < 1).then(pl.lit("under_1")).when(age <= 4).then(pl.lit("1_to_4"))
        .when(age <= 9).then(pl.lit("5_to_9")).when(age <= 15).then(pl.lit("10_to_15"))
        .otherwise(pl.lit("16_and_over")))

    def counts(frame, col):
        return dict(frame.group_by(col).len().iter_rows())

    breakdown = {"sex": counts(c, "sex"), "age_band": counts(c, "age_band"),
                 "ethnic_group": counts(c, "ethnic"), "legal_status": counts(c, "legal"),
                 "placement": counts(c, "placement")}
    uasc = c.join(uasc_children, on="child", how="semi").height

    in_year = lambda col: pl.col(col).is_between(start, end)  # noqa: E731
    started = eps.filter((pl.col("rne") == "S") & in_year("decom"))["child"].n_unique()
    ceasing = (eps.filter((pl.col("rec") != "") & (pl.col("rec") != "X1") & in_year("dec"))
               .sort(["dec", "seq"]).group_by("child").last())
    reasons = counts(ceasing, "rec")
    month_end = {}
    for d in month_ends(y):
        month_end[d] = live.filter((pl.col("decom") <= d)
                                   & (pl.col("dec").is_null() | (pl.col("dec") > d)))["child"].n_unique()
    held = rv.filter(in_year("date"))
    by_month = counts(held.with_columns(m=pl.col("date").dt.strftime("%Y-%m")), "m")
    part = counts(held.with_columns(pn=pl.when(pl.col("code").is_in(PN)).then(pl.col("code"))
                                    .otherwise(pl.lit("unknown"))), "pn")
    return assemble(y, breakdown, uasc, started, ceasing.height, reasons, month_end,
                    held.height, by_month, part)


# ---------------------------------------------------------------- DuckDB
def _case(col, table, default):
    cases = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in table.items())
    return f"CASE {col} {cases} ELSE '{default}' END"


def duckdb_sql(src):
    """The DuckDB subset as (setup script, one query of (section, key, count) rows), the same
    text for DuckDB in Python and DuckDB-WASM in the page (tests/e2e/bench.mjs). `src(name)` is
    how a CSV file is named to read_csv (a path, or a registered buffer's name)."""

    def table(name):
        path = src(name).replace("'", "''")
        return (f"(SELECT row_number() OVER () AS seq, * FROM read_csv('{path}', header = true, "
                f"all_varchar = true, delim = ',', quote = '\"', escape = '\"'))")

    setup = f"""
        CREATE OR REPLACE MACRO txt(s) AS trim(coalesce(s, ''));
        CREATE OR REPLACE MACRO code(s) AS upper(trim(coalesce(s, '')));
        CREATE OR REPLACE MACRO pdate(s) AS CASE
            WHEN regexp_matches(trim(s), '{DMY}') THEN try_strptime(trim(s), '%d/%m/%Y')::DATE
            WHEN regexp_matches(trim(s), '{YMD}') THEN try_strptime(trim(s), '%Y-%m-%d')::DATE
            END;
        CREATE OR REPLACE TEMP TABLE ep AS
        SELECT * FROM (
            SELECT seq, txt(CHILD) AS child, pdate(DECOM) AS decom, txt(DEC) AS dec_text,
                   pdate(DEC) AS dec, code(RNE) AS rne, code(LS) AS ls, code(PLACE) AS place,
                   code(REC) AS rec
            FROM {table('episodes.csv')})
        WHERE child <> '' AND decom IS NOT NULL
          AND (dec_text = '' OR (dec IS NOT NULL AND dec >= decom));
        CREATE OR REPLACE TEMP TABLE rv AS
        SELECT child, date, code FROM (
            SELECT seq, txt(CHILD) AS child, pdate(REVIEW) AS date, code(REVIEW_CODE) AS code
            FROM {table('reviews.csv')})
        WHERE child <> '' AND date IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY child, date ORDER BY seq) = 1;
        CREATE OR REPLACE TEMP TABLE span AS
        SELECT y, make_date(y - 1, 4, 1) AS s, make_date(y, 3, 31) AS e FROM (
            SELECT CASE WHEN l >= make_date(year(l), 3, 31) THEN year(l) ELSE year(l) - 1 END AS y
            FROM (SELECT max(d) AS l FROM (SELECT decom AS d FROM ep UNION ALL
                  SELECT dec FROM ep UNION ALL SELECT date FROM rv)));
        CREATE OR REPLACE TEMP TABLE eps AS SELECT * FROM ep WHERE ls NOT IN ('V3', 'V4');
        CREATE OR REPLACE TEMP TABLE live AS
        SELECT eps.* FROM eps, span WHERE decom <= span.e AND (dec IS NULL OR dec > span.s);
        CREATE OR REPLACE TEMP TABLE cohort AS
        SELECT c.child, c.ls, c.place, h.sex, h.ethnic,
               (SELECT y FROM span) - year(h.dob) - (month(h.dob) > 3)::INT AS age
        FROM (SELECT live.* FROM live, span WHERE dec IS NULL OR dec > span.e
              QUALIFY row_number() OVER (PARTITION BY child ORDER BY decom DESC, seq DESC) = 1) c
        LEFT JOIN (
            SELECT child, code(SEX) AS sex, pdate(DOB) AS dob, code(ETHNIC) AS ethnic
            FROM (SELECT seq, txt(CHILD) AS child, SEX, DOB, ETHNIC FROM {table('header.csv')})
            WHERE child <> ''
            QUALIFY row_number() OVER (PARTITION BY child ORDER BY seq) = 1) h
        ON c.child = h.child;
    """
    age_band = """CASE WHEN age IS NULL OR age < 0 THEN 'unknown' WHEN age < 1 THEN 'under_1'
        WHEN age <= 4 THEN '1_to_4' WHEN age <= 9 THEN '5_to_9' WHEN age <= 15 THEN '10_to_15'
        ELSE '16_and_over' END"""
    pn = ", ".join(f"'{c}'" for c in PN)
    in_year = "BETWEEN (SELECT s FROM span) AND (SELECT e FROM span)"
    parts = [
        "SELECT 'year' AS section, '' AS k, y AS n FROM span",
        *(f"SELECT '{name}', {expr}, count(*) FROM cohort GROUP BY 2" for name, expr in [
            ("sex", _case("sex", SEX, "unknown")), ("age_band", age_band),
            ("ethnic_group", _case("ethnic", ETHNIC, "not_known")),
            ("legal_status", _case("ls", LEGAL, "unknown")),
            ("placement", _case("place", PLACEMENT, "unknown"))]),
        f"""SELECT 'uasc', '', count(*) FROM cohort WHERE child IN (
            SELECT child FROM (SELECT txt(CHILD) AS child, txt(DUC) AS duc_text, pdate(DUC) AS duc
                               FROM {table('uasc.csv')})
            WHERE child <> '' AND (duc_text = '' OR duc IS NOT NULL)
              AND (duc IS NULL OR duc > (SELECT e FROM span)))""",
        f"SELECT 'started', '', count(DISTINCT child) FROM eps WHERE rne = 'S' AND decom {in_year}",
        f"""SELECT 'ceased', rec, count(*) FROM (
            SELECT child, rec FROM eps WHERE rec <> '' AND rec <> 'X1' AND dec {in_year}
            QUALIFY row_number() OVER (PARTITION BY child ORDER BY dec DESC, seq DESC) = 1)
            GROUP BY rec""",
        """SELECT 'month_end', strftime(m.d, '%Y-%m-%d'), count(DISTINCT live.child)
            FROM (SELECT last_day(s + to_months(range::INT)) AS d FROM span, range(12)) m
            JOIN live ON live.decom <= m.d AND (live.dec IS NULL OR live.dec > m.d) GROUP BY m.d""",
        f"SELECT 'held_by_month', strftime(date, '%Y-%m'), count(*) FROM rv WHERE date {in_year} GROUP BY 2",
        f"""SELECT 'participation', CASE WHEN code IN ({pn}) THEN code ELSE 'unknown' END,
            count(*) FROM rv WHERE date {in_year} GROUP BY 2""",
    ]
    query = "\nUNION ALL ".join(parts)
    return setup, query


def assemble_rows(rows):
    """The subset from the (section, key, count) rows of `duckdb_sql`'s query."""
    got = {}
    for section, key, n in rows:
        got.setdefault(section, {})[key] = int(n)
    y = got["year"][""]
    cohort = {k: got.get(k, {}) for k in ["sex", "age_band", "ethnic_group", "legal_status",
                                          "placement"]}
    month_end = {dt.date.fromisoformat(k): v for k, v in got.get("month_end", {}).items()}
    by_month = got.get("held_by_month", {})
    reasons = got.get("ceased", {})
    return assemble(y, cohort, got["uasc"][""], got["started"][""], sum(reasons.values()),
                    reasons, month_end, sum(by_month.values()), by_month,
                    got.get("participation", {}))


def duckdb_subset(folder):
    import duckdb

    db = duckdb.connect()
    setup, query = duckdb_sql(lambda name: str(Path(folder) / name))
    db.execute(setup)
    return assemble_rows(db.execute(query).fetchall())


# ---------------------------------------------------------------- the harness
def run(argv, out_path):
    """Runs a command with stdout to a file; returns (wall seconds, peak RSS bytes, exit code)."""
    with open(out_path, "wb") as out:
        t = time.perf_counter()
        p = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        err = p.stderr.read().decode(errors="replace")
        p.stderr.close()
    if p.returncode != 0:
        sys.exit(f"{' '.join(map(str, argv))} failed ({p.returncode}):\n{err}")
    return wall, usage.ru_maxrss * 1024


def commands(careboard, folder):
    me = [sys.executable, str(Path(__file__).resolve()), "compute"]
    return {
        "careboard": [str(careboard), "report", "--json", str(folder)],
        "polars": me + ["polars", str(folder)],
        "duckdb": me + ["duckdb", str(folder)],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--careboard", default=str(ROOT / "target" / "release" / "careboard"))
    ap.add_argument("--runs", type=int, default=5, help="runs per tool below 16x (3 at 16x)")
    ap.add_argument("--scales", default="", help="e.g. 1,4 (default: every scale in native.json)")
    args = ap.parse_args()
    native = json.loads((EXPORTS / "native.json").read_text())
    wanted = {int(s) for s in args.scales.split(",") if s.strip()}
    import duckdb
    import polars
    print(f"\nPeers: polars {polars.__version__}, DuckDB {duckdb.__version__} "
          f"(Python {sys.version.split()[0]}); each run is a fresh process; medians.")
    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="careboard-bench-"))
    for scale in native:
        if wanted and scale["scale"] not in wanted:
            continue
        folder = Path(scale["dir"])
        cmds = commands(args.careboard, folder)
        # 1. The check: each peer's subset equals Careboard's JSON.
        run(cmds["careboard"], tmp / "careboard.json")
        ours = subset_of(json.loads((tmp / "careboard.json").read_text()))
        for peer in ("polars", "duckdb"):
            run(cmds[peer], tmp / f"{peer}.json")
            theirs = json.loads((tmp / f"{peer}.json").read_text())
            diff = first_difference(ours, theirs)
            if diff:
                sys.exit(f"{scale['scale']}x: {peer}'s subset differs from Careboard's JSON at "
                         f"{diff[0]}: careboard {diff[1]!r}, {peer} {diff[2]!r}")
        print(f"{scale['scale']}x: polars and DuckDB compute the same subset as Careboard "
              f"({ours['cla_at_31_march']['total']} children at 31 March, "
              f"{ours['reviews']['held']} reviews held)")
        # 2. Interleaved timed runs.
        n = 3 if scale["scale"] >= 16 else args.runs
        times = {k: [] for k in cmds}
        peaks = {k: [] for k in cmds}
        for _ in range(n):
            for tool, argv in cmds.items():
                wall, peak = run(argv, tmp / f"{tool}.out")
                times[tool].append(wall)
                peaks[tool].append(peak)
        rows.append((scale, n, {k: statistics.median(v) for k, v in times.items()},
                     {k: statistics.median(v) for k, v in peaks.items()}, times))
    MB = 1024 * 1024
    print("\nEnd to end from the CSV files (process wall time, peak RSS of the process)")
    print(f"{'scale':<6} {'children':>8} {'CSV MB':>7} | {'tool':<10} {'seconds':>8} "
          f"{'peak MB':>8} {'peak/CSV':>8} | runs (s)")
    for scale, n, t, m, times in rows:
        for tool in t:
            print(f"{str(scale['scale']) + 'x':<6} {scale['children']:>8} "
                  f"{scale['csv_bytes'] / MB:>7.1f} | {tool:<10} {t[tool]:>8.3f} "
                  f"{m[tool] / MB:>8.0f} {m[tool] / scale['csv_bytes']:>8.2f} | "
                  + ", ".join(f"{x:.2f}" for x in times[tool]))
    print("\nRatios (below 1 = Careboard is faster / smaller)")
    print(f"{'scale':<6} | {'cb/polars':>9} {'cb/duckdb':>9} | {'csv floor s':>11} "
          f"{'CLI/floor':>9} {'lib/floor':>9} | {'CLI RSS/CSV':>11} {'lib heap/CSV':>12}")
    for scale, n, t, m, _ in rows:
        floor = scale["csv_floor_seconds"]
        print(f"{str(scale['scale']) + 'x':<6} | {t['careboard'] / t['polars']:>9.2f} "
              f"{t['careboard'] / t['duckdb']:>9.2f} | {floor:>11.3f} "
              f"{t['careboard'] / floor:>9.1f} {scale['total_seconds'] / floor:>9.1f} | "
              f"{m['careboard'] / scale['csv_bytes']:>11.2f} "
              f"{scale['peak_heap_mb'] * MB / scale['csv_bytes']:>12.2f}")
    print("CLI = `careboard report --json` process; lib = the in-process whole report of the "
          "table above (CSV bytes in memory, all stages); floor = csv-core splitting the same "
          "bytes, in process.")


if __name__ == "__main__":
    if sys.argv[1:2] == ["sql"]:
        # For DuckDB-WASM in the page: the same SQL over buffers registered by file name.
        setup, query = duckdb_sql(lambda name: name)
        json.dump({"setup": setup, "query": query}, sys.stdout)
    elif len(sys.argv) == 4 and sys.argv[1] == "check-rows":
        # DuckDB-WASM's rows against Careboard's JSON: exits non-zero naming the difference.
        theirs = assemble_rows(json.loads(Path(sys.argv[2]).read_text()))
        ours = subset_of(json.loads(Path(sys.argv[3]).read_text()))
        diff = first_difference(ours, theirs)
        if diff:
            sys.exit(f"DuckDB-WASM's subset differs from Careboard's JSON at {diff[0]}: "
                     f"careboard {diff[1]!r}, duckdb-wasm {diff[2]!r}")
    elif len(sys.argv) == 4 and sys.argv[1] == "compute":
        subset = {"polars": polars_subset, "duckdb": duckdb_subset}[sys.argv[2]](sys.argv[3])
        json.dump(subset, sys.stdout, sort_keys=True)
    else:
        main()
