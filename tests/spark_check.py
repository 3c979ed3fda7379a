#!/usr/bin/env python3
"""Runs docs/export.md's Spark SQL in Spark's local mode over two cities' exports gathered as the
docs show, and holds Spark's sums to DuckDB's and to `gongkai consolidate`'s.

    python3 tests/spark_check.py [path/to/gongkai]     (default: target/debug/gongkai)

Two "cities" (甲市, 乙市) are generated with different seeds over 2020-2022 (both form versions),
each exported with `gongkai export`, and gathered into national/facts/year=YYYY/<city>.parquet by
the docs' own script (`<!-- national-gather -->`). Then:
  * Spark (local[2], Hive support with a Derby metastore and warehouse in a temporary folder) runs
    the docs' Spark SQL (`<!-- national-spark -->`), only its LOCATION pointed at the gathered
    folder: the table's types are the documented ones, MSCK REPAIR registers every year;
  * DuckDB runs the docs' query (`<!-- national-duckdb -->`) over the same folder;
  * per (year, measure) Spark's value and amount equal DuckDB's exactly (integers as integers,
    amounts as decimals, empty as empty, in the same order), and equal the sum of the two cities'
    `gongkai consolidate --format csv` totals.
Exits non-zero with a table of the differences. Needs a Java runtime and
`pip install pyspark duckdb pyarrow`; the helpers that read docs/export.md are export_check.py's.
"""

import decimal
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import duckdb

import export_check as ec

CITIES = [("甲市", 1), ("乙市", 2)]
UNITS = "40"
YEARS = "2020-2022"
# Spark's log lines at ERROR only, on stderr: the check's own lines stay readable. The root logger
# stays at WARN, the level Spark gives a Python driver's shell logger, or Spark prints how to change it.
LOG4J2 = """\
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
appender.console.filter.threshold.type = ThresholdFilter
appender.console.filter.threshold.level = error
"""


def spark_statements(location):
    """The docs' Spark SQL split into statements, comments dropped, its LOCATION replaced."""
    sql = ec.docs_block("national-spark")
    sql, n = re.subn(r"LOCATION\s+'[^']*'", f"LOCATION '{location}'", sql)
    if n != 1:
        raise ValueError(f"docs/export.md's Spark SQL has {n} LOCATION clauses, expected 1")
    sql = re.sub(r"--[^\n]*", "", sql)
    return [s.strip() for s in sql.split(";") if s.strip()]


def spark_session(tmp):
    """A local Spark with its metastore, warehouse, Derby log and scratch space all under `tmp`,
    bound to the loopback address, little memory and few shuffle partitions (the data is small)."""
    from pyspark.sql import SparkSession

    (tmp / "log4j2.properties").write_text(LOG4J2, encoding="utf-8")
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    java_options = f"-Dlog4j2.configurationFile=file:{tmp / 'log4j2.properties'} -Dderby.system.home={tmp / 'derby'}"
    return (
        SparkSession.builder.master("local[2]")
        .appName("gongkai spark_check")
        .config("spark.driver.memory", "512m")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.extraJavaOptions", java_options)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.local.dir", str(tmp / "spark-local"))
        .config("spark.sql.warehouse.dir", str(tmp / "warehouse"))
        .config("spark.hadoop.javax.jdo.option.ConnectionURL", f"jdbc:derby:;databaseName={tmp / 'metastore_db'};create=true")
        .enableHiveSupport()
        .getOrCreate()
    )


def show(v):
    return "—" if v is None else str(v)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ec.ROOT / "target/debug/gongkai")
    binary = str(Path(binary).resolve())
    with tempfile.TemporaryDirectory(prefix="gongkai-spark-") as tmp:
        tmp = Path(tmp)
        # Two cities: generated, exported, consolidated.
        want = {}
        for city, seed in CITIES:
            data = tmp / "input" / city
            code, _, err = ec.run(binary, "generate", "--units", UNITS, "--years", YEARS, "--seed", str(seed), "--out", str(data))
            if not ec.check(code == 0, f"gongkai generate ({city}) exited {code}:\n{err}"):
                return
            code, _, err = ec.run(binary, "export", str(data), "--name", city, "--out", str(tmp / "exports" / city))
            if not ec.check(code == 0, f"gongkai export ({city}) exited {code}:\n{err}"):
                return
            totals = ec.consolidate_totals(binary, data, city)
            ec.check(len(totals) > 0, f"gongkai consolidate ({city}) printed no totals")
            for key, v in totals.items():
                want[key] = want.get(key, decimal.Decimal(0)) + v
        root = ec.gather(tmp)
        files = sorted(str(p.relative_to(root)) for p in root.rglob("*.parquet"))
        years = sorted({y for y, _ in want})
        expected_files = sorted(f"facts/year={y}/{c}.parquet" for y in years for c, _ in CITIES)
        ec.check(files == expected_files, f"gathered {files}, expected {expected_files}")

        # DuckDB: the docs' query over the gathered folder.
        duck = ec.duckdb_national(duckdb.connect(), root)

        # Spark: the docs' statements, the last one's rows kept.
        started = time.monotonic()
        spark = spark_session(tmp)
        try:
            rows = None
            for statement in spark_statements(f"file://{root / 'facts'}"):
                rows = spark.sql(statement).collect()
            spark_rows = {(int(r["year"]), r["measure"]): (r["value"], r["amount"]) for r in rows or []}
            schema = {f.name: f.dataType.simpleString() for f in spark.table("gongkai_facts").schema}
            partitions = [r[0] for r in spark.sql("SHOW PARTITIONS gongkai_facts").collect()]
        finally:
            spark.stop()
        print(f"Spark: {len(spark_rows)} totals in {time.monotonic() - started:.1f} s (session start included)")

        # The table Spark made from the files: documented types, the year partition, every year.
        for column, spark_type in [("value", "bigint"), ("amount", "decimal(18,6)"), ("measure", "string"), ("year", "int")]:
            ec.check(schema.get(column) == spark_type, f"Spark reads {column} as {schema.get(column)}, expected {spark_type}")
        ec.check(partitions == [f"year={y}" for y in years], f"Spark's partitions after MSCK REPAIR: {partitions}, expected years {years}")

        # Spark = DuckDB, value for value and in the same order; both = 甲市 + 乙市 by consolidate.
        ec.check(list(spark_rows) == list(duck), "Spark's rows are not in DuckDB's order (or not the same keys)")
        diffs = []
        for key in sorted(set(spark_rows) | set(duck) | set(want)):
            s, d, c = spark_rows.get(key), duck.get(key), want.get(key)
            if s is None and d is None and c == 0:
                continue  # a cell that is 0 in every unit's report has no fact row
            ok = s is not None and d is not None and s == d
            if ok:
                value, amount = s
                ok = (value is None) != (amount is None) and isinstance(value, (int, type(None)))
                ok = ok and decimal.Decimal(value if amount is None else amount) == c
            if not ok:
                diffs.append(f"  {key[0]} {key[1]}: Spark {s and tuple(map(show, s))}, DuckDB {d and tuple(map(show, d))}, consolidate 甲市+乙市 {show(c)}")
        if not ec.check(not diffs, f"{len(diffs)} national totals differ (value, amount):\n" + "\n".join(diffs[:40])):
            return
        money = sum(1 for v, a in spark_rows.values() if a is not None)
        ec.check(money > 0, "no money measure among the totals: the DECIMAL path went unchecked")
        ec.check(any(a % 1 != 0 for _, a in spark_rows.values() if a is not None), "no money total has a fraction: exactness of amounts went unchecked")
        print(
            f"Spark = DuckDB = consolidate(甲市) + consolidate(乙市): {len(spark_rows)} totals over {years} "
            f"({money} of them money, exact), from {len(files)} gathered files"
        )


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # any engine error is a failure, with its message
        print(f"FAIL: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
    if ec.failures:
        print(f"spark check: {len(ec.failures)} failure(s)", file=sys.stderr)
        sys.exit(1)
    print("spark check: ok")
