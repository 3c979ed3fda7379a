#!/usr/bin/env python3
"""The totals of a `gongkai export` folder, in the CSV compare.py reads, to check the export.

    export_sums.py EXPORT_DIR --totals FILE --facts FILE

--totals gets the batch's total from `totals.parquet`: per year, the level-0 total that sums the
most unit reports (a province root of a registry with several roots is level 0 too, but sums
fewer). --facts gets `facts/year=*/part-*.parquet` summed per (year, section, row, column), which
is what consolidate computes from the same reports. Both are written as
`year,section,row,column,value`, the number from `value` for counts and from `amount` (exact
DECIMAL(18,6), 万元) for money, so compare.py can hold them against consolidate's CSV exactly.
Runs with the bench venv's polars; not timed.
"""

import argparse
import glob
import os
import sys

import polars as pl

KEYS = ["year", "section", "row", "column"]


def number(df: pl.DataFrame) -> pl.DataFrame:
    """The `value` column as text: the count, or the exact amount for money."""
    return df.select(
        *KEYS,
        pl.when(pl.col("kind") == "money")
        .then(pl.col("amount").cast(pl.String))
        .otherwise(pl.col("value").cast(pl.String))
        .alias("value"),
    ).sort(KEYS)


def totals(export: str) -> pl.DataFrame:
    t = pl.read_parquet(os.path.join(export, "totals.parquet")).filter(pl.col("level") == 0)
    if t.is_empty():
        raise SystemExit(f"export_sums: {export}/totals.parquet has no level-0 total")
    # The batch's total of each year: the level-0 total over the most reports.
    per = t.group_by("year", "total").agg(pl.col("units").max())
    best = per.group_by("year").agg(pl.col("units").max().alias("most"))
    batch = per.join(best, on="year").filter(pl.col("units") == pl.col("most"))
    if batch.group_by("year").len().filter(pl.col("len") > 1).height:
        raise SystemExit(f"export_sums: {export}: two level-0 totals sum the most reports: {batch}")
    return number(t.join(batch.select("year", "total"), on=["year", "total"]))


def facts(export: str) -> pl.DataFrame:
    files = glob.glob(os.path.join(export, "facts", "year=*", "*.parquet"))
    if not files:
        raise SystemExit(f"export_sums: no facts/year=*/*.parquet in {export}")
    summed = (
        pl.scan_parquet(os.path.join(export, "facts", "*", "*.parquet"), hive_partitioning=True)
        .group_by(*KEYS, "kind")
        .agg(pl.col("value").sum(), pl.col("amount").sum())
        .collect(engine="streaming")
    )
    return number(summed)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("export")
    ap.add_argument("--totals", required=True)
    ap.add_argument("--facts", required=True)
    a = ap.parse_args()
    if not os.path.isfile(os.path.join(a.export, "manifest.json")):
        print(f"export_sums: {a.export} is not an export (no manifest.json)", file=sys.stderr)
        return 1
    totals(a.export).write_csv(a.totals)
    facts(a.export).write_csv(a.facts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
