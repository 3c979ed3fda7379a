#!/usr/bin/env python3
"""The Python baseline of bench/workbooks.sh: read every workbook with pandas, one at a time.

    pandas_xlsx.py LISTFILE [--timing FILE]

LISTFILE holds the workbook paths, NUL-separated. The loop is what a script written in an
afternoon does first:

    for f in files:
        pandas.read_excel(f, header=None, engine="openpyxl")

It only READS: it does not find the form's labels, check a rule or sum anything, so it does
less work than `gongkai consolidate`, which does all of that. It counts the sheets' rows and
non-empty cells (printed to stdout) so the reads cannot be skipped and a broken file shows.
--timing gets the seconds of the loop alone (without starting Python and importing pandas).
"""

import argparse
import sys
import time


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("listfile")
    ap.add_argument("--timing")
    a = ap.parse_args()

    import pandas  # imported here: its import time is part of the wall time, as when run

    with open(a.listfile, "rb") as f:
        files = [p.decode() for p in f.read().split(b"\0") if p]
    if not files:
        print(f"pandas_xlsx: no files in {a.listfile}", file=sys.stderr)
        return 1

    t0 = time.perf_counter()
    rows = cells = 0
    for path in files:
        frame = pandas.read_excel(path, header=None, engine="openpyxl")
        rows += len(frame)
        cells += int(frame.notna().sum().sum())
    elapsed = time.perf_counter() - t0

    print(f"files={len(files)} rows={rows} cells={cells}")
    if a.timing:
        with open(a.timing, "w", encoding="utf-8") as f:
            f.write(f"{elapsed:.3f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
