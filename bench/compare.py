#!/usr/bin/env python3
"""Check that the benchmarked tools computed the same totals.

    compare.py --ref NAME=FILE [--must NAME=FILE]... [--may NAME=FILE]... [--float NAME]...
               [--summary FILE]

Each FILE is a CSV with columns year,section,row,column,value (DuckDB, polars) or
year,unit,section,row,column,value (gongkai's `--format csv`, one total per year). Cells are
keyed by (year, section, row, column); a cell missing from a file, or an empty sum (SQL NULL
when every value of a cell was blank), counts as 0. Values are compared as decimals and must be
equal, except for the tools named with --float, which summed binary floating point (DOUBLE /
Float64): their sums drift (100,000 × 22744.07 came out 0.0018 too high), so they may differ by
1e-4 + 1e-10 × |total|. A real error (a unit left out or counted twice, a misread cell) is far
larger than that.

Exit 1 if a --must file differs from the reference (the first differing cells are printed);
a --may file only warns. --summary gets one line per file: name,cells,max_abs_diff,status.
"""

import argparse
import csv
import sys
from decimal import Decimal, InvalidOperation

FLOAT_ABS = Decimal("1e-4")
FLOAT_REL = Decimal("1e-10")


def load(path: str) -> dict:
    cells = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        r = csv.reader(f)
        header = next(r, None)
        if header is None:
            raise SystemExit(f"compare: {path} is empty")
        if header == ["year", "unit", "section", "row", "column", "value"]:
            pick = lambda row: ((row[0], row[2], row[3], row[4]), row[5])
        elif header == ["year", "section", "row", "column", "value"]:
            pick = lambda row: ((row[0], row[1], row[2], row[3]), row[4])
        else:
            raise SystemExit(f"compare: {path}: unexpected header {header}")
        for n, row in enumerate(r, start=2):
            if not row:
                continue
            key, text = pick(row)
            try:
                value = Decimal(text) if text.strip() else Decimal(0)
            except InvalidOperation:
                raise SystemExit(f"compare: {path}:{n}: value {text!r} is not a number")
            if key in cells:
                raise SystemExit(f"compare: {path}:{n}: cell {key} appears twice")
            cells[key] = value
    return cells


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ref", required=True)
    ap.add_argument("--must", action="append", default=[])
    ap.add_argument("--may", action="append", default=[])
    ap.add_argument("--float", action="append", default=[], dest="floats")
    ap.add_argument("--summary")
    a = ap.parse_args()

    ref_name, ref_path = a.ref.split("=", 1)
    ref = load(ref_path)
    if not ref:
        print(f"compare: the reference {ref_name} ({ref_path}) has no cells", file=sys.stderr)
        return 1
    lines = [f"{ref_name},{len(ref)},0,reference"]
    failed = False
    for spec, must in [(s, True) for s in a.must] + [(s, False) for s in a.may]:
        name, path = spec.split("=", 1)
        other = load(path)
        diffs = []
        max_diff = Decimal(0)
        floating = name in a.floats
        for key in sorted(set(ref) | set(other)):
            x = ref.get(key, Decimal(0))
            d = abs(x - other.get(key, Decimal(0)))
            max_diff = max(max_diff, d)
            if d > (FLOAT_ABS + FLOAT_REL * abs(x) if floating else 0):
                diffs.append((key, ref.get(key), other.get(key)))
        status = "ok" if not diffs else "MISMATCH"
        lines.append(f"{name},{len(other)},{max_diff.normalize():f},{status}")
        if diffs:
            level = "ERROR" if must else "warning"
            failed |= must
            print(
                f"compare: {level}: {name} differs from {ref_name} in {len(diffs)} of "
                f"{len(set(ref) | set(other))} cells; first ones (cell: {ref_name} vs {name}):",
                file=sys.stderr,
            )
            for key, x, y in diffs[:10]:
                print(f"  {'.'.join(key)}: {x} vs {y}", file=sys.stderr)
    if a.summary:
        with open(a.summary, "w", encoding="utf-8") as f:
            f.write("name,cells,max_abs_diff,status\n" + "\n".join(lines) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
