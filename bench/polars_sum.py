#!/usr/bin/env python3
"""polars side of the benchmark: sum tidy CSV files per (year, section, row, column).

    polars_sum.py SOURCE --out FILE [--value-type double|decimal] [--timing FILE]

SOURCE is a glob (`dir/*.csv`, `dir/**/*.csv`) or `@LIST`, a file of NUL-separated paths.
The query is what a polars user would write: `pl.scan_csv(glob, schema=...)`, `group_by` the
cell, `agg(pl.col("value").sum())`, `.collect()` with the default engine. The result is
written as CSV `year,section,row,column,value` after the clock stops; `--timing` gets the
in-process seconds (query only, without the interpreter start and `import polars`).
"""

import time

import polars as pl

import common

VALUE_TYPES = {"double": pl.Float64, "decimal": pl.Decimal(18, 4)}
KEYS = ["year", "section", "row", "column"]


def main() -> None:
    a = common.arguments(VALUE_TYPES)
    source = common.paths_or_glob(a.source)

    schema = {
        "year": pl.Int32,
        "unit": pl.String,
        "section": pl.String,
        "row": pl.String,
        "column": pl.String,
        "value": VALUE_TYPES[a.value_type],
    }

    t0 = time.perf_counter()
    df = (
        pl.scan_csv(source, schema=schema, has_header=True)
        .group_by(KEYS)
        .agg(pl.col("value").sum())
        .collect()
    )
    elapsed = time.perf_counter() - t0

    df.sort(KEYS).write_csv(a.out)
    common.write_timing(a.timing, elapsed)


if __name__ == "__main__":
    main()
