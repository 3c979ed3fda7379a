#!/usr/bin/env python3
"""DuckDB side of the benchmark: sum tidy CSV files per (year, section, row, column).

    duckdb_sum.py SOURCE --out FILE [--value-type double|decimal] [--timing FILE]

SOURCE is a glob (`dir/*.csv`, `dir/**/*.csv`) or `@LIST`, a file of NUL-separated paths.
The query is what a DuckDB user would write: one `read_csv` over the glob with the column
types given (no sniffing of each of thousands of files), `GROUP BY` the cell, `sum(value)`,
every row fetched into Python. The result is written as CSV `year,section,row,column,value`
after the clock stops; `--timing` gets the in-process seconds (query only, without the
interpreter start and `import duckdb`).
"""

import csv
import time

import duckdb

import common

VALUE_TYPES = {"double": "DOUBLE", "decimal": "DECIMAL(18,4)"}


def sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def main() -> None:
    a = common.arguments(VALUE_TYPES)
    source = common.paths_or_glob(a.source)
    if isinstance(source, list):
        files = "[" + ",".join(sql_str(p) for p in source) + "]"
    else:
        files = sql_str(source)

    columns = (
        "{'year': 'INTEGER', 'unit': 'VARCHAR', 'section': 'VARCHAR', 'row': 'VARCHAR', "
        f"'column': 'VARCHAR', 'value': '{VALUE_TYPES[a.value_type]}'}}"
    )
    query = f"""
        SELECT year, section, "row", "column", sum(value) AS value
        FROM read_csv({files}, header = true, auto_detect = false, delim = ',', quote = '"',
                      columns = {columns})
        GROUP BY year, section, "row", "column"
    """

    t0 = time.perf_counter()
    con = duckdb.connect()
    rows = con.execute(query).fetchall()
    elapsed = time.perf_counter() - t0

    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "section", "row", "column", "value"])
        for r in sorted(rows, key=lambda r: r[:4]):
            w.writerow(["" if v is None else v for v in r])
    common.write_timing(a.timing, elapsed)


if __name__ == "__main__":
    main()
