#!/usr/bin/env python3
"""Check `gongkai trend --format csv` against consolidate's totals of the same files.

    trend_check.py --trend FILE --consolidate FILE [--summary FILE --name NAME]

The trend CSV (`year,unit,measure,value,previous,change,change_pct,…`) gives the total's series
of headline measures. Every measure that is a cell (`section.row.column`) must equal
consolidate's total of that cell and year; a group (`requests.withheld.total`) must equal the sum
of consolidate's rows below it (`withheld.*`). Rates (`rate.*`) are left out: they are not sums.
Every year of consolidate's output must be in the trend, with at least one measure checked.
Exit 1 on any difference, naming the first ones. --summary appends a line to compare.py's
summary (name,cells,max_abs_diff,status; cells: the values checked). Pure Python; not timed.
"""

import argparse
import csv
import sys
from collections import defaultdict
from decimal import Decimal


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--trend", required=True)
    ap.add_argument("--consolidate", required=True)
    ap.add_argument("--summary")
    ap.add_argument("--name", default="trend")
    a = ap.parse_args()

    cells = {}  # (year, section, row, column) -> total
    for r in read(a.consolidate):
        v = r["value"].strip()
        cells[(r["year"], r["section"], r["row"], r["column"])] = Decimal(v) if v else Decimal(0)
    years = {k[0] for k in cells}

    checked = defaultdict(int)
    max_diff = Decimal(0)
    bad = []
    for n, r in enumerate(read(a.trend), start=2):
        measure = r["measure"]
        if measure.startswith("rate."):
            continue
        section, _, rest = measure.partition(".")
        row, _, column = rest.rpartition(".")
        key = (r["year"], section, row, column)
        if key in cells:
            expected = cells[key]
        else:
            below = [
                v
                for (y, s, rw, c), v in cells.items()
                if (y, s, c) == (r["year"], section, column) and rw.startswith(row + ".")
            ]
            if not below:
                bad.append(f"line {n}: {r['year']} {measure}: no such cell or group in consolidate's output")
                continue
            expected = sum(below, Decimal(0))
        found = Decimal(r["value"]) if r["value"].strip() else Decimal(0)
        max_diff = max(max_diff, abs(found - expected))
        if found != expected:
            bad.append(f"line {n}: {r['year']} {measure}: trend {found}, consolidate {expected}")
        checked[r["year"]] += 1

    missing = sorted(y for y in years if not checked[y])
    if missing:
        bad.append(f"years of consolidate's output with no measure checked in the trend: {', '.join(missing)}")
    if a.summary:
        with open(a.summary, "a", encoding="utf-8") as f:
            f.write(f"{a.name},{sum(checked.values())},{max_diff.normalize():f},{'MISMATCH' if bad else 'ok'}\n")
    if bad:
        print(f"trend_check: {a.trend} disagrees with {a.consolidate}:", file=sys.stderr)
        for line in bad[:10]:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"trend_check: {sum(checked.values())} values of {len(checked)} year(s) agree with consolidate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
