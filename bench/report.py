#!/usr/bin/env python3
"""Turn the raw timings of bench/run.sh into bench/results/NAME.md and NAME.csv.

    report.py --work DIR --md FILE --csv FILE

DIR holds runs.csv (one line per timed run), points.csv (one line per point), facts.txt
(key=value machine facts) and POINT.check.csv (the correctness check of each point).
Wall time is the median of a tool's runs, peak RSS the largest of its runs.
"""

import argparse
import csv
import os
import statistics
from collections import defaultdict

TOOLS = [
    # id, label in the table, what it does
    ("cat", "floor: `cat` (1 core)", "find … -print0 | xargs -0 cat > /dev/null over the tidy files"),
    ("par-cat", "floor: parallel `cat`", "xargs -0 -P nproc cat > /dev/null over the tidy files"),
    ("duckdb", "DuckDB", "read_csv(glob) GROUP BY year, section, row, column sum(value), fetchall"),
    ("polars", "polars", "scan_csv(glob).group_by(...).agg(sum).collect()"),
    ("gk-tidy", "gongkai consolidate (tidy)", "gongkai consolidate DIR --format csv -o FILE"),
    (
        "gk-export",
        "gongkai export (tidy → Parquet)",
        "gongkai export DIR --out FOLDER: facts, totals, deltas, rates, findings as Parquet, "
        "into a fresh folder (its totals and summed facts are checked against consolidate's)",
    ),
    (
        "gk-trend",
        "gongkai trend (tidy → CSV)",
        "gongkai trend DIR --format csv -o FILE: the headline series (checked against consolidate's totals)",
    ),
    ("gk-validate", "gongkai validate (tidy)", "gongkai validate DIR"),
    ("par-cat-grid", "floor: parallel `cat` (grid files)", "the same floor over the grid files"),
    ("gk-grid", "gongkai consolidate (grid)", "gongkai consolidate DIR --format csv -o FILE"),
    (
        "par-cat-variety",
        "floor: parallel `cat` (varied grid files)",
        "the same floor over the varied grid files",
    ),
    (
        "gk-variety",
        "gongkai consolidate (varied grids)",
        "gongkai consolidate DIR --format csv -o FILE over the grids of `generate --variety`",
    ),
    ("par-cat-xlsx", "floor: parallel `cat` (workbooks)", "the same floor over the .xlsx workbooks"),
    (
        "gk-xlsx",
        "gongkai consolidate (workbooks)",
        "gongkai consolidate DIR --format csv -o FILE over one .xlsx workbook per report "
        "(`generate --layout workbook`)",
    ),
    (
        "gk-wb-tidy",
        "gongkai consolidate (tidy, the workbooks' units)",
        "gongkai consolidate over the tidy files of the workbooks' units, when those are generated "
        "apart (--workbooks): the workbook row's `× consolidate`",
    ),
]
GONGKAI = {"gk-tidy", "gk-export", "gk-trend", "gk-validate", "gk-grid", "gk-variety", "gk-xlsx", "gk-wb-tidy"}
# The read floor each row is divided by: its own files' (none for the workbooks' own tidy files).
FLOOR_OF = {
    "gk-grid": "par-cat-grid",
    "gk-variety": "par-cat-variety",
    "gk-xlsx": "par-cat-xlsx",
    "gk-wb-tidy": None,
}
# Rows that read the point's own reports: compared with DuckDB's and polars' time. Workbooks of
# other units (generated apart) are not.
SAME_REPORTS = {"gk-tidy", "gk-export", "gk-trend", "gk-validate", "gk-grid", "gk-variety", "gk-xlsx"}


def years_text(years):
    """`2020` -> one year (2020); `2019-2023` -> 5 years (2019–2023)."""
    first, _, last = years.partition("-")
    if not last or last == first:
        return f"one year ({first})"
    return f"{int(last) - int(first) + 1} years ({first}–{last})"


def parts_status(check_path):
    return {c["status"] for c in read_csv(check_path)}


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def fmt_s(x):
    return "" if x is None else (f"{x:.3f}" if x < 10 else f"{x:.1f}" if x < 1000 else f"{x:.0f}")


def fmt_ratio(x):
    return "" if x is None else (f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:.0f}")


def fmt_bytes(n):
    n = int(n)
    return f"{n / 2**30:.2f} GiB" if n >= 2**30 else f"{n / 2**20:.1f} MiB"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--md", required=True)
    ap.add_argument("--csv", required=True)
    a = ap.parse_args()

    facts = {}
    with open(os.path.join(a.work, "facts.txt"), encoding="utf-8") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("=")
            facts[k] = v
    points = read_csv(os.path.join(a.work, "points.csv"))
    runs = defaultdict(list)
    for r in read_csv(os.path.join(a.work, "runs.csv")):
        runs[(r["point"], r["tool"])].append(r)

    value_type = "DECIMAL(18,4)" if facts.get("value_type") == "decimal" else "DOUBLE / Float64"
    md = [
        "# gongkai benchmark",
        "",
        (
            f"- run: {facts.get('date')}; gongkai {facts.get('gongkai')} (commit {facts.get('commit')}); "
            f"DuckDB {facts.get('duckdb')}, polars {facts.get('polars')} (Python {facts.get('python')})"
        ),
        (
            f"- machine: {facts.get('nproc')} cores ({facts.get('cpu')}), {facts.get('ram_gib')} GiB RAM, "
            f"{facts.get('kernel')}"
        ),
        (
            "- method: every file read once before timing (warm page cache); each command run several "
            "times, interleaved across tools; **wall = median of the runs** (timed around "
            "`/usr/bin/time -v`, whose `Elapsed` agrees to its 10 ms resolution), **peak RSS = the "
            "largest `Maximum resident set size` of the runs**. `× floor` is wall / the parallel-read "
            "floor (for the grid and workbook rows: over their own files); `× consolidate` is wall / "
            "`gongkai consolidate (tidy)`'s wall, measured in the same runs (for workbooks generated "
            "apart: over their own units' tidy files); `vs DuckDB`/`vs polars` is their wall / "
            "gongkai's wall (above 1: gongkai is faster). `in-process` is DuckDB's or polars' query "
            "alone, without starting Python and importing the library."
        ),
        (
            f"- DuckDB and polars read `value` as {value_type} with explicit column types (no sniffing); "
            "gongkai sums exact decimals. Totals are compared cell by cell: exactly, but DOUBLE sums "
            "may drift by 1e-4 + 1e-10 × |total| (`max |Δ|` below)"
            + ("; gongkai consolidate ran with `--quiet`" if facts.get("quiet") else "")
            + ("; gongkai consolidate ran with `--force`" if facts.get("force") == "1" else "")
            + "."
        ),
        "",
    ]
    busy_path = os.path.join(a.work, "busy.txt")
    if os.path.exists(busy_path):
        with open(busy_path) as f:
            busy = [int(x) for x in f.read().split()]
        md += [
            (
                f"**Warning: before {len(busy)} run(s) other processes kept up to {max(busy)} % of "
                "the CPU busy; these timings are noisy. Rerun on an idle machine.**"
            ),
            "",
        ]

    out_rows = []
    for p in points:
        pid = p["point"]
        med = {}
        for tool, _, _ in TOOLS:
            rs = runs.get((pid, tool))
            if rs:
                med[tool] = statistics.median(float(r["wall_s"]) for r in rs)
        head = f"## {p['label']}" + (f", {years_text(p['years'])}" if p.get("years") else "")
        md.append(head)
        md.append("")
        desc = f"{int(p['values']):,} values in {int(p['files']):,} tidy files ({fmt_bytes(p['bytes'])})"
        if int(p["grid_files"]):
            desc += f"; {int(p['grid_files']):,} grid files ({fmt_bytes(p['grid_bytes'])})"
        if int(p.get("variety_files") or 0):
            desc += (
                f"; {int(p['variety_files']):,} varied grid files ({fmt_bytes(p['variety_bytes'])}:"
                " shaped as units' own tools save them, `generate --variety`)"
            )
        wb_files = int(p.get("workbook_files") or 0)
        apart = p.get("workbook_apart") == "1"
        if wb_files:
            desc += f"; {wb_files:,} .xlsx workbooks ({fmt_bytes(p['workbook_bytes'])}"
            if apart:
                desc += (
                    f", of {int(p['workbook_units']):,} other units: capped by `--workbooks`, generated "
                    "apart with tidy files of their own"
                )
            desc += ")"
        desc += f"; {p['runs']} run(s) per command"
        if p["generate_s"]:
            desc += f"; `gongkai generate` wrote the layouts in {float(p['generate_s']):.2f} s"
        md.append(desc + ".")
        md.append("")
        md.append("| tool | wall s | peak RSS MiB | × floor | × consolidate | in-process s | vs DuckDB | vs polars |")
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|")
        for tool, label, _ in TOOLS:
            rs = runs.get((pid, tool))
            if not rs:
                continue
            walls = [float(r["wall_s"]) for r in rs]
            wall = med[tool]
            rss = max(int(r["rss_kib"]) for r in rs) / 1024
            inproc = [float(r["inproc_s"]) for r in rs if r["inproc_s"]]
            inproc_med = statistics.median(inproc) if inproc else None
            floor_of = FLOOR_OF.get(tool, "par-cat")
            if apart and tool == "par-cat-xlsx":
                floor_of = None  # other files than the tidy floor's
            floor = med.get(floor_of) if floor_of else None
            vs_floor = wall / floor if floor else None
            base = "gk-wb-tidy" if apart and tool == "gk-xlsx" else "gk-tidy"
            vs_cons = wall / med[base] if tool in GONGKAI and tool not in (base, "gk-wb-tidy") and med.get(base) else None
            same = tool in SAME_REPORTS and not (apart and tool == "gk-xlsx")
            vs_duck = med["duckdb"] / wall if same and "duckdb" in med and wall else None
            vs_pol = med["polars"] / wall if same and "polars" in med and wall else None
            if tool == "gk-xlsx" and apart:
                label = f"{label[:-1]}: {int(p['workbook_units']):,} other units, `--workbooks` cap)"
            if tool == "gk-wb-tidy":
                label = f"gongkai consolidate (tidy, the workbooks' {int(p['workbook_units']):,} units)"
            md.append(
                f"| {label} | {fmt_s(wall)} | {rss:.1f} | {fmt_ratio(vs_floor)} | {fmt_ratio(vs_cons)} "
                f"| {fmt_s(inproc_med)} | {fmt_ratio(vs_duck)} | {fmt_ratio(vs_pol)} |"
            )
            out_rows.append(
                {
                    "date": facts.get("date"),
                    "commit": facts.get("commit"),
                    "nproc": facts.get("nproc"),
                    "point": pid,
                    "label": p["label"],
                    "years": p.get("years", ""),
                    "files": p["files"],
                    "bytes": p["bytes"],
                    "values": p["values"],
                    "tool": tool,
                    "runs": len(walls),
                    "wall_s_median": f"{wall:.3f}",
                    "wall_s_min": f"{min(walls):.3f}",
                    "wall_s_max": f"{max(walls):.3f}",
                    "peak_rss_mib": f"{rss:.1f}",
                    "inproc_s_median": "" if inproc_med is None else f"{inproc_med:.3f}",
                    "x_parallel_floor": "" if vs_floor is None else f"{vs_floor:.3f}",
                    "x_consolidate": "" if vs_cons is None else f"{vs_cons:.3f}",
                    "speedup_vs_duckdb": "" if vs_duck is None else f"{vs_duck:.3f}",
                    "speedup_vs_polars": "" if vs_pol is None else f"{vs_pol:.3f}",
                    "value_type": facts.get("value_type"),
                    "check": p["check"],
                }
            )
        md.append("")
        check_path = os.path.join(a.work, f"{pid}.check.csv")
        if os.path.exists(check_path):
            parts = []
            for c in read_csv(check_path):
                if c["status"] == "reference":
                    continue
                what = "values" if c["name"] == "gongkai-trend" else "cells"
                parts.append(f"{c['name']} {c['status']} ({c['cells']} {what}, max |Δ| {c['max_abs_diff']})")
            verdict = "agree" if p["check"] == "ok" else "**DISAGREE**"
            if p["check"] == "ok" and "MISMATCH" in parts_status(check_path):
                verdict = "agree where they must (your other folders need not hold the same reports)"
            md.append(
                f"Totals {verdict} with gongkai consolidate (tidy), cell by cell: "
                + "; ".join(parts)
                + " (export-totals: `totals.parquet`'s batch total; export-facts: `facts/` summed; "
                "gongkai-trend: the trend's values checked)."
            )
            md.append("")

    md.append("Commands timed (over the tidy files unless named):")
    md.append("")
    for _, label, what in TOOLS:
        md.append(f"- {label}: {what}")
    md.append("")

    with open(a.md, "w", encoding="utf-8") as f:
        f.write("\n".join(md))
    with open(a.csv, "w", newline="", encoding="utf-8") as f:
        if out_rows:
            w = csv.DictWriter(f, fieldnames=list(out_rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(out_rows)


if __name__ == "__main__":
    main()
