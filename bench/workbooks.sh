#!/usr/bin/env bash
# Benchmark gongkai on one-unit Excel workbooks against a Python loop of pandas.read_excel, and
# give the cost per file of each format gongkai reads.
#
#   bench/workbooks.sh                    # 10,000 one-unit .xlsx workbooks (and the same as CSV)
#   bench/workbooks.sh --quick            # 200 workbooks; results in results/workbooks-quick.*
#   bench/workbooks.sh --units 2000 --runs 1
#
# Options:
#   --units N          reporting units, one report each for 2020 (default 10000; --quick 200)
#   --quick            small smoke run
#   --runs N           runs per measured command (default 3)
#   --python PATH      the Python with pandas and openpyxl (default: a venv
#                      $CARGO_TARGET_DIR/bench-xlsx-venv made with pip)
#   --no-pandas        leave the pandas loop out (no Python package needed; no ratio)
#   --seed S           seed for `gongkai generate` (default 7)
#   --keep             keep the generated files in $CARGO_TARGET_DIR/bench-data/workbooks-N
#   --gongkai PATH     use this gongkai binary (default: the release build; --no-build)
#   --no-build         use the existing release binary (no cargo build)
#   --results NAME     write bench/results/NAME.{md,csv} (default workbooks, workbooks-quick)
#
# Per run, interleaved, each under `/usr/bin/time -v` with a warm page cache:
#   gk-xlsx    gongkai consolidate DIR --format csv -o FILE   on the N workbooks
#   pandas     bench/pandas_xlsx.py: for f in files: pandas.read_excel(f, header=None,
#              engine="openpyxl")  -- it only reads (no labels found, no rule, no sum)
#   gk-grid    gongkai consolidate on the same reports as CSV form grids
#   gk-tidy    gongkai consolidate on the same reports as tidy CSV
#   gk-docx    gongkai import-report tests/fixtures/published/lanzhou-2020.docx (one file)
#   gk-pdf     gongkai import-report tests/fixtures/published/lanzhou-2020.pdf  (one file)
# The table gives the median wall time, the cost per file (median / files) and the largest
# peak RSS; the ratio is pandas' wall time over gongkai's on the workbooks, in the same run.
# The totals of the workbooks, grids and tidy files must agree cell by cell (compare.py).
set -euo pipefail
export LC_NUMERIC=C

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-target}
[[ $TARGET_DIR == /* ]] || TARGET_DIR=$REPO/$TARGET_DIR

say() { printf '[workbooks %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
    printf '[workbooks] ERROR: %s\n' "$*" >&2
    exit 1
}
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

# ---------------------------------------------------------------- options
UNITS='' QUICK=0 RUNS=3 PY='' PANDAS=1 SEED=7 KEEP=0 GK='' BUILD=1 RESULTS=''
while (($#)); do
    case $1 in
    --units) UNITS=${2:?--units needs a number}; shift ;;
    --quick) QUICK=1 ;;
    --runs) RUNS=${2:?--runs needs a number}; shift ;;
    --python) PY=${2:?--python needs a path}; shift ;;
    --no-pandas) PANDAS=0 ;;
    --seed) SEED=${2:?--seed needs a number}; shift ;;
    --keep) KEEP=1 ;;
    --gongkai) GK=${2:?--gongkai needs a path}; BUILD=0; shift ;;
    --no-build) BUILD=0 ;;
    --results) RESULTS=${2:?--results needs a name}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
    esac
    shift
done
[[ -n $UNITS ]] || { ((QUICK)) && UNITS=200 || UNITS=10000; }
[[ -n $RESULTS ]] || { ((QUICK)) && RESULTS=workbooks-quick || RESULTS=workbooks; }
[[ $UNITS =~ ^[1-9][0-9]*$ ]] || die "--units must be a positive number, not '$UNITS'"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number, not '$RUNS'"

# Captured first: `grep -q` stopping early would fail the pipe under pipefail.
time_says=$(/usr/bin/time -v true 2>&1 || true)
grep -q 'Maximum resident set size' <<<"$time_says" ||
    die "/usr/bin/time is missing or not GNU time (no -v); install the Debian package 'time'"

if ((BUILD)); then
    say "building gongkai (release); waits if another cargo build holds the lock"
    (cd "$REPO" && cargo build --release -p gongkai) >&2 || die "cargo build --release -p gongkai failed"
fi
[[ -n $GK ]] || GK=$TARGET_DIR/release/gongkai
[[ -x $GK ]] || die "no gongkai binary at $GK (build it, or pass --gongkai PATH)"
GK=$(cd "$(dirname "$GK")" && pwd)/$(basename "$GK")
[[ $("$GK" generate --help 2>/dev/null || true) == *workbook* ]] ||
    die "$GK cannot generate workbooks (no 'generate --layout workbook'); build a newer one"

if ((PANDAS)); then
    if [[ -z $PY ]]; then
        venv=$TARGET_DIR/bench-xlsx-venv
        if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -c 'import pandas, openpyxl' 2>/dev/null; then
            say "creating the Python venv $venv with pandas and openpyxl (from PyPI)"
            python3 -m venv "$venv" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
            "$venv/bin/pip" install --quiet --disable-pip-version-check pandas openpyxl >&2 ||
                die "pip install pandas openpyxl failed"
        fi
        PY=$venv/bin/python
    fi
    "$PY" -c 'import pandas, openpyxl' 2>/dev/null || die "$PY cannot import pandas and openpyxl"
fi
CHECK_PY=${PY:-python3}

WORK=$TARGET_DIR/bench-work-workbooks
DATA=$TARGET_DIR/bench-data/workbooks-$UNITS
RESULTS_DIR=$BENCH_DIR/results
rm -rf "$WORK"
mkdir -p "$WORK/logs" "$WORK/out" "$RESULTS_DIR"
RUNS_CSV=$WORK/runs.csv
echo "tool,run,wall_s,rss_kib,inproc_s,rc" >"$RUNS_CSV"

cleanup() {
    local rc=$?
    ((KEEP)) || rm -rf "$DATA"
    rmdir "$TARGET_DIR/bench-data" 2>/dev/null || true
    ((rc == 0)) || printf '[workbooks] failed; logs and outputs are in %s\n' "$WORK" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- data
# ~12 KiB per workbook, ~4 KiB grid, ~10 KiB tidy per report, plus file-system blocks
need_kib=$((UNITS * 40))
mkdir -p "$(dirname "$DATA")"
free_kib=$(df -Pk "$(dirname "$DATA")" | awk 'NR == 2 { print $4 }')
((free_kib > need_kib)) || die "not enough disk for $UNITS units: ~$((need_kib / 1024)) MiB needed, $((free_kib / 1024)) MiB free"
rm -rf "$DATA"
say "generating $UNITS units (2020, seed $SEED) as workbooks, grids and tidy files in $DATA"
t0=$EPOCHREALTIME
for layout in workbook grid tidy; do
    "$GK" generate --units "$UNITS" --years 2020 --layout "$layout" --seed "$SEED" --out "$DATA/$layout" \
        >"$WORK/generate.$layout.log" 2>&1 ||
        { tail -n 15 "$WORK/generate.$layout.log" >&2; die "gongkai generate --layout $layout failed"; }
done
gen_s=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')

declare -A FILES BYTES
for layout in workbook grid tidy; do
    ext=csv
    [[ $layout == workbook ]] && ext=xlsx
    find "$DATA/$layout/2020" -type f -name "*.$ext" -print0 | LC_ALL=C sort -z >"$WORK/$layout.files"
    FILES[$layout]=$(tr -cd '\0' <"$WORK/$layout.files" | wc -c)
    ((FILES[$layout] > 0)) || die "no .$ext files below $DATA/$layout/2020"
    BYTES[$layout]=$(xargs -0 stat -c %s <"$WORK/$layout.files" | awk '{ s += $1 } END { print s + 0 }')
    xargs -0 cat <"$WORK/$layout.files" >/dev/null # warm the page cache
done
((FILES[workbook] == FILES[grid] && FILES[grid] == FILES[tidy])) ||
    die "the layouts hold different numbers of files: ${FILES[workbook]} / ${FILES[grid]} / ${FILES[tidy]}"
DOCX=$REPO/tests/fixtures/published/lanzhou-2020.docx
PDF=$REPO/tests/fixtures/published/lanzhou-2020.pdf
cat "$DOCX" "$PDF" >/dev/null

# ---------------------------------------------------------------- measuring
measure() { # measure TOOL RUN CMD...
    local tool=$1 run=$2
    shift 2
    local log=$WORK/logs/$tool.$run tf=$WORK/time.txt t0 t1 wall rss rc inproc=
    rm -f "$WORK/inproc.txt"
    t0=$EPOCHREALTIME
    set +e
    /usr/bin/time -v -o "$tf" "$@" >"$log.out" 2>"$log.err"
    rc=$?
    set -e
    t1=$EPOCHREALTIME
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    rss=$(sed -n 's/^.*Maximum resident set size (kbytes): //p' "$tf")
    [[ -f $WORK/inproc.txt ]] && inproc=$(<"$WORK/inproc.txt")
    echo "$tool,$run,$wall,${rss:-0},$inproc,$rc" >>"$RUNS_CSV"
    printf '[workbooks]   %-8s run %d: %9.3f s  %8.1f MiB%s\n' "$tool" "$run" "$wall" \
        "$(awk -v k="${rss:-0}" 'BEGIN { print k / 1024 }')" "$( ((rc == 0)) || echo "  (exit $rc)")" >&2
    if ((rc != 0)); then
        tail -n 15 "$log.err" >&2
        die "$tool failed (exit $rc); log in $log.err"
    fi
}

busy_note=
busy() { # percent of the CPU busy over half a second, before a run
    local a b
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    sleep 0.5
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ");
        u = y[1] - x[1]; i = y[2] - x[2]; printf "%d", (u + i) ? 100 * u / (u + i) : 0 }'
}

say "gongkai: $GK ($("$GK" --version | head -1)); ${FILES[workbook]} files per format; $RUNS run(s)"
for ((r = 1; r <= RUNS; r++)); do
    b=$(busy)
    if ((b > 25)); then
        say "WARNING: ${b}% of the CPU is busy with other processes; timings will be noisy"
        busy_note+="${busy_note:+, }run $r: ${b}%"
    fi
    say "run $r of $RUNS"
    for layout in workbook grid tidy; do
        tool=gk-$layout
        [[ $layout == workbook ]] && tool=gk-xlsx
        rm -f "$WORK/out/$layout.csv"
        measure "$tool" "$r" "$GK" consolidate "$DATA/$layout/2020" --format csv -o "$WORK/out/$layout.csv" --quiet
        # The pandas loop right after gongkai on the same workbooks: the ratio is of one moment.
        if [[ $layout == workbook ]] && ((PANDAS)); then
            measure pandas "$r" "$PY" "$BENCH_DIR/pandas_xlsx.py" "$WORK/workbook.files" --timing "$WORK/inproc.txt"
        fi
    done
    measure gk-docx "$r" "$GK" import-report "$DOCX"
    measure gk-pdf "$r" "$GK" import-report "$PDF"
done

say "checking that the workbooks, grids and tidy files give the same totals"
"$CHECK_PY" "$BENCH_DIR/compare.py" --ref "tidy=$WORK/out/tidy.csv" --must "grid=$WORK/out/grid.csv" \
    --must "workbook=$WORK/out/workbook.csv" --summary "$WORK/check.csv" ||
    die "the formats disagree on the totals (outputs in $WORK/out)"
if ((PANDAS)); then
    grep -q "^files=${FILES[workbook]} " "$WORK/logs/pandas.1.out" ||
        die "the pandas loop did not read every workbook: $(cat "$WORK/logs/pandas.1.out")"
fi

# ---------------------------------------------------------------- results
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "nproc=$(nproc)"
    echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
    echo "gongkai=$("$GK" --version | head -1 | sed 's/^gongkai //')"
    echo "gongkai_bin=$GK"
    commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
    [[ -z $(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null) ]] || commit+=" + uncommitted changes"
    echo "commit=$commit"
    ((PANDAS)) && echo "python=$("$PY" -c 'import platform, pandas, openpyxl; print(platform.python_version(), "pandas", pandas.__version__, "openpyxl", openpyxl.__version__)')"
    echo "units=$UNITS"
    echo "runs=$RUNS"
    echo "generate_s=$gen_s"
    echo "busy=$busy_note"
    for layout in workbook grid tidy; do
        echo "files_$layout=${FILES[$layout]}"
        echo "bytes_$layout=${BYTES[$layout]}"
    done
    echo "bytes_docx=$(stat -c %s "$DOCX")"
    echo "bytes_pdf=$(stat -c %s "$PDF")"
} >"$WORK/facts.txt"
"$CHECK_PY" - "$WORK" "$RESULTS_DIR/$RESULTS.md" "$RESULTS_DIR/$RESULTS.csv" <<'PY'
import csv, statistics, sys
work, md_path, csv_path = sys.argv[1:4]
facts = dict(l.rstrip("\n").split("=", 1) for l in open(f"{work}/facts.txt", encoding="utf-8"))
runs = {}
for row in csv.DictReader(open(f"{work}/runs.csv", encoding="utf-8")):
    runs.setdefault(row["tool"], []).append(row)
TOOLS = [
    ("gk-xlsx", "gongkai consolidate", ".xlsx workbook", "workbook"),
    ("pandas", "pandas.read_excel loop (openpyxl; reads only)", ".xlsx workbook", "workbook"),
    ("gk-grid", "gongkai consolidate", "CSV form grid", "grid"),
    ("gk-tidy", "gongkai consolidate", "tidy CSV", "tidy"),
    ("gk-docx", "gongkai import-report", "Word .docx report", "docx"),
    ("gk-pdf", "gongkai import-report", "PDF report (text layer)", "pdf"),
]
rows = []
for tool, what, fmt, layout in TOOLS:
    if tool not in runs:
        continue
    walls = [float(r["wall_s"]) for r in runs[tool]]
    inproc = [float(r["inproc_s"]) for r in runs[tool] if r["inproc_s"]]
    files = int(facts.get(f"files_{layout}", 1))
    med = statistics.median(walls)
    rows.append(dict(tool=tool, command=what, format=fmt, files=files,
                     bytes=int(facts[f"bytes_{layout}"]), runs=len(walls), wall_s=round(med, 3),
                     per_file_ms=round(1000 * med / files, 3),
                     loop_per_file_ms=round(1000 * statistics.median(inproc) / files, 3) if inproc else "",
                     rss_mib=round(max(int(r["rss_kib"]) for r in runs[tool]) / 1024, 1)))
by = {r["tool"]: r for r in rows}
ratio = by["pandas"]["wall_s"] / by["gk-xlsx"]["wall_s"] if "pandas" in by else None
with open(csv_path, "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
out = [f"# One-unit workbooks: gongkai and a pandas loop ({facts['files_workbook']} files)", ""]
out.append(f"{facts['date']}, {facts['nproc']} cores ({facts['cpu']}), gongkai {facts['gongkai']} "
           f"(`{facts['gongkai_bin']}`, commit {facts['commit']})"
           + (f", Python {facts['python']}" if facts.get("python") else "") + ".")
out.append(f"{facts['units']} units of 2020 generated with seed 7 in {facts['generate_s']} s; "
           f"median of {facts['runs']} run(s), interleaved, warm page cache.")
if facts.get("busy"):
    out += ["", f"**Warning**: other processes kept the CPU busy before some runs ({facts['busy']}): "
            "the times are noisy; the ratio is of one moment, both timed in the same run."]
out += ["", "| command | format | files | MiB | median wall | per file | loop per file | peak RSS |",
        "|---|---|--:|--:|--:|--:|--:|--:|"]
for r in rows:
    out.append(f"| {r['command']} | {r['format']} | {r['files']} | {r['bytes'] / 2**20:.1f} | "
               f"{r['wall_s']:.3f} s | {r['per_file_ms']:.3f} ms | "
               f"{'' if r['loop_per_file_ms'] == '' else str(r['loop_per_file_ms']) + ' ms'} | "
               f"{r['rss_mib']} MiB |")
out.append("")
if ratio is not None:
    out.append(f"**Ratio, pandas loop / gongkai, same {facts['files_workbook']} workbooks, same run: "
               f"{ratio:.1f}×** (wall time of each, process start and imports included; pandas' loop "
               f"alone: {by['pandas']['loop_per_file_ms']} ms per file). The pandas loop only reads each "
               "sheet into a DataFrame; gongkai also finds the form by its labels, checks the rules and sums.")
    if "/debug/" in facts["gongkai_bin"]:
        out.append("**This gongkai is a debug build** (unoptimised): its times are not the release figures.")
out.append("The workbook, grid and tidy totals agree cell by cell (compare.py). Word and PDF: one "
           "published report (`tests/fixtures/published/lanzhou-2020.*`), process start included.")
open(md_path, "w", encoding="utf-8").write("\n".join(out) + "\n")
PY
say "results: $RESULTS_DIR/$RESULTS.md and $RESULTS_DIR/$RESULTS.csv"
cat "$RESULTS_DIR/$RESULTS.md"
