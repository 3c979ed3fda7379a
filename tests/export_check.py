#!/usr/bin/env python3
"""Reads a `gongkai export` of data/lanzhou with DuckDB and pyarrow, the way a BI tool would.

    python3 tests/export_check.py [path/to/gongkai]     (default: target/debug/gongkai)

Checks, and exits non-zero on the first mismatch:
  * DuckDB over the hive-partitioned facts gives, per year and cell, the totals that
    `gongkai consolidate --format csv` prints, for every year of the sample;
  * every file's column types are the ones docs/export.md documents (DuckDB names), facts plus the
    `year` partition column;
  * pyarrow reads every file: row counts as in manifest.json, flat signed types only, zstd, one
    row group, and the gongkai key-value metadata (version, forms, input manifest with sha256);
  * the CSV copies start with a BOM and have one line per row;
  * docs/export.md's national query (marked `<!-- national-duckdb -->`) over two exports gathered
    into one year-partitioned folder by its script (`<!-- national-gather -->`) gives twice the
    totals.
The helpers that read docs/export.md's blocks and gather exports are shared with spark_check.py.
Needs `pip install duckdb pyarrow`.
"""

import csv
import decimal
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "export.md"
DATA = "data/lanzhou"
NAME = "兰州市"

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print(f"FAIL: {message}", file=sys.stderr)
    return ok


def run(binary, *args):
    proc = subprocess.run([binary, *args], cwd=ROOT, capture_output=True)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def documented_types():
    """{file: [(column, duckdb type), ...]} from the column tables of docs/export.md."""
    text = DOCS.read_text(encoding="utf-8")
    tables, current = {}, None
    for line in text.splitlines():
        heading = re.match(r"#### `([^`]+\.parquet)`", line)
        if heading:
            current = heading.group(1)
            tables[current] = []
            continue
        row = re.match(r"\| `([^`]+)` \| ([A-Z0-9(),]+)( \(may be empty\))? \|", line)
        if current and row:
            tables[current].append((row.group(1), row.group(2)))
    return tables


def consolidate_totals(binary, data, name):
    """{(year, measure): Decimal} that `gongkai consolidate --format csv` prints for `data`."""
    code, text, err = run(binary, "consolidate", str(data), "--name", name, "--format", "csv", "--force")
    check(code == 0, f"gongkai consolidate {data} exited {code}:\n{err}")
    want = {}
    for r in csv.DictReader(io.StringIO(text)):
        key = (int(r["year"]), f'{r["section"]}.{r["row"]}.{r["column"]}')
        want[key] = decimal.Decimal(r["value"])
    return want


def docs_block(marker, fence="sql"):
    """The first ```sql (or other fence) block after `<!-- marker -->` in docs/export.md."""
    text = DOCS.read_text(encoding="utf-8")
    if f"<!-- {marker} -->" not in text:
        raise ValueError(f"docs/export.md has no `<!-- {marker} -->` marker")
    after = text.split(f"<!-- {marker} -->", 1)[1]
    return after.split(f"```{fence}\n", 1)[1].split("```", 1)[0]


def gather(folder):
    """Runs docs/export.md's gathering script (marked `<!-- national-gather -->`) in `folder`, which
    holds exports/<city>/; returns folder/national. The docs' own script, so they cannot drift."""
    proc = subprocess.run(["bash", "-euc", docs_block("national-gather", "sh")], cwd=folder, capture_output=True)
    if proc.returncode != 0:
        raise RuntimeError(f"docs/export.md's gathering script exited {proc.returncode}: {proc.stderr.decode('utf-8', 'replace')}")
    return folder / "national"


def duckdb_national(con, root):
    """{(year, measure): (value, amount)} from docs/export.md's national DuckDB query over `root`, in
    the query's order."""
    sql = docs_block("national-duckdb").replace("'national/", f"'{root}/")
    return {(int(y), m): (v, a) for y, m, v, a in con.execute(sql).fetchall()}


def national(binary, con, first, want, tmp):
    """Two cities' exports gathered into national/facts/year=YYYY/<city>.parquet by docs/export.md's
    script, queried with its SQL: every total is the sum of the two cities'."""
    exports = tmp / "exports"
    shutil.copytree(first, exports / "甲市")
    code, _, err = run(binary, "export", DATA, "--name", NAME, "--out", str(exports / "乙市"))
    if not check(code == 0, f"second export exited {code}:\n{err}"):
        return
    root = gather(tmp)
    rows = [(y, m, v, a) for (y, m), (v, a) in duckdb_national(con, root).items()]
    got = {}
    for year, measure, value, amount in rows:
        got[(int(year), measure)] = decimal.Decimal(value if amount is None else amount)
    # A cell that is 0 in every report has no fact row, so no national total: it is 0.
    doubled = {k: 2 * v for k, v in want.items() if v != 0 or k in got}
    check(got == doubled, f"national query: {len(got)} totals, {sum(1 for k in doubled if got.get(k) != doubled[k])} differ from twice consolidate")
    print(f"DuckDB: docs/export.md's national query gives {len(got)} totals, each the sum of two cities' exports")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target/debug/gongkai")
    binary = str(Path(binary).resolve())
    docs = documented_types()
    check(len(docs) == 7, f"docs/export.md documents {len(docs)} Parquet files, expected 7")

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        code, _, err = run(binary, "export", DATA, "--name", NAME, "--csv", "--out", str(out))
        if not check(code == 0, f"gongkai export exited {code}:\n{err}"):
            return
        con = duckdb.connect()
        facts_glob = str(out / "facts/*/*.parquet")

        # 1. DuckDB's per-year, per-cell totals = gongkai consolidate.
        want = consolidate_totals(binary, DATA, NAME)
        rows = con.execute(
            f"""
            select year, measure, kind, sum(value) as value, sum(amount) as amount
            from read_parquet('{facts_glob}', hive_partitioning = true)
            group by year, measure, kind
            """
        ).fetchall()
        got = {}
        for year, measure, kind, value, amount in rows:
            if kind == "money":
                check(value is None, f"{year} {measure}: a money cell with a count value")
                got[(int(year), measure)] = decimal.Decimal(amount)
            else:
                check(amount is None, f"{year} {measure}: a count cell with an amount")
                got[(int(year), measure)] = decimal.Decimal(value)
        years = sorted({y for y, _ in want})
        check(years == sorted({y for y, _ in got}), f"years: consolidate {years}, facts {sorted({y for y, _ in got})}")
        check(len(want) > 0, "consolidate printed nothing")
        # A cell that is 0 in every report has no fact row: its sum is 0.
        zero = decimal.Decimal(0)
        for key in sorted(set(want) | set(got)):
            check(want.get(key) is not None, f"{key}: in the facts, not in consolidate's output")
            check(want.get(key, zero) == got.get(key, zero), f"{key}: consolidate {want.get(key)}, DuckDB {got.get(key)}")
        check(len(got) < len(want), "no cell is 0 in every report: the zeros left out went unchecked")
        print(f"DuckDB: {len(got)} per-year cell totals over {years} equal gongkai consolidate")
        # And totals.parquet holds the same at level 0.
        total_rows = con.execute(
            f"""
            select year, measure, coalesce(cast(value as decimal(38, 6)), amount)
            from read_parquet('{out / "totals.parquet"}') where level = 0 and total = '{NAME}'
            """
        ).fetchall()
        check(
            {(int(y), m): decimal.Decimal(v) for y, m, v in total_rows} == want,
            "totals.parquet (level 0) differs from consolidate",
        )

        # 2. Column types as documented.
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        for f in manifest["files"]:
            path = f["path"]
            if not path.endswith(".parquet"):
                continue
            doc_key = "facts/year=YYYY/part-0.parquet" if path.startswith("facts/") else path
            expected = list(docs.get(doc_key, []))
            source = f"read_parquet('{out / path}')"
            if path.startswith("facts/"):
                source = f"read_parquet('{facts_glob}', hive_partitioning = true)"
                expected.append(("year", "BIGINT"))
            described = [(r[0], r[1]) for r in con.execute(f"describe select * from {source}").fetchall()]
            check(described == expected, f"{path}: DuckDB sees {described}, docs/export.md says {expected}")

        # 3. pyarrow reads every file.
        expected_inputs = sorted(str(p.relative_to(ROOT)) for p in (ROOT / DATA).rglob("*.csv"))
        for f in manifest["files"]:
            path = out / f["path"]
            data = path.read_bytes()
            check(len(data) == f["bytes"], f"{f['path']}: {len(data)} bytes, manifest {f['bytes']}")
            check(hashlib.sha256(data).hexdigest() == f["sha256"], f"{f['path']}: sha256 differs from manifest")
            if f["path"].endswith(".csv"):
                check(data.startswith(b"\xef\xbb\xbf"), f"{f['path']}: no UTF-8 BOM")
                lines = data.decode("utf-8-sig").count("\r\n")
                check(lines == f["rows"] + 1, f"{f['path']}: {lines} lines for {f['rows']} rows")
                continue
            if not f["path"].endswith(".parquet"):
                continue
            table = pq.read_table(path)
            check(table.num_rows == f["rows"], f"{f['path']}: pyarrow reads {table.num_rows} rows, manifest {f['rows']}")
            for field in table.schema:
                t = field.type
                check(
                    not (pa.types.is_nested(t) or pa.types.is_unsigned_integer(t) or pa.types.is_dictionary(t)),
                    f"{f['path']}.{field.name}: {t} is not a flat signed type",
                )
            meta = pq.read_metadata(path)
            check(meta.num_row_groups == (1 if f["rows"] else 0), f"{f['path']}: {meta.num_row_groups} row groups")
            for rg in range(meta.num_row_groups):
                for c in range(meta.num_columns):
                    col = meta.row_group(rg).column(c)
                    check(col.compression == "ZSTD", f"{f['path']}.{col.path_in_schema}: {col.compression}")
                    check(col.is_stats_set, f"{f['path']}.{col.path_in_schema}: no statistics")
            kv = {k.decode(): v.decode() for k, v in (meta.metadata or {}).items()}
            check(kv.get("gongkai.version") == manifest["version"], f"{f['path']}: version metadata {kv.get('gongkai.version')}")
            check(kv.get("gongkai.forms") == ",".join(manifest["forms"]), f"{f['path']}: forms metadata")
            # Each file names the manifest's input list by the sha256 of its compact JSON
            # (keys sorted, UTF-8 as is), not the list itself.
            inputs = manifest["inputs"]
            compact = json.dumps(inputs, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
            check(kv.get("gongkai.inputs_sha256") == hashlib.sha256(compact.encode()).hexdigest(),
                  f"{f['path']}: inputs digest {kv.get('gongkai.inputs_sha256')} is not the manifest's")
            check(kv.get("gongkai.inputs_count") == str(len(inputs)), f"{f['path']}: inputs count")
            check("gongkai.inputs" not in kv, f"{f['path']}: carries the input list")
            check([i["path"] for i in inputs] == expected_inputs, f"{f['path']}: inputs {[i['path'] for i in inputs]}")
            for i in inputs:
                digest = hashlib.sha256((ROOT / i["path"]).read_bytes()).hexdigest()
                check(digest == i["sha256"], f"{f['path']}: sha256 of {i['path']}")
        # 4. docs/export.md's national query over several exports gathered by year.
        national(binary, con, out, want, Path(tmp))

        rates = pq.read_table(out / "rates.parquet")
        check("NOT ADDITIVE" in rates.schema.field("value").metadata[b"description"].decode(), "rates.value says it is not additive")
        print(f"pyarrow: read {sum(1 for f in manifest['files'] if f['path'].endswith('.parquet'))} Parquet files; CSV copies checked")

    if failures:
        print(f"export check: {len(failures)} failure(s)", file=sys.stderr)
        sys.exit(1)
    print("export check: ok")


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # any reader error is a failure, with its message
        print(f"FAIL: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
    if failures:
        sys.exit(1)
