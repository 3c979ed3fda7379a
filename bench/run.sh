#!/usr/bin/env bash
# Benchmark gongkai against DuckDB and polars, and against the cost of just reading the bytes.
#
#   bench/run.sh                      # points 50, 5000, 100000 units (one year); 5–15 min on 2 cores
#   bench/run.sh --quick              # small smoke run (50 and 500 units)
#   bench/run.sh --points 50,5000     # choose the points (units per point)
#   bench/run.sh --points 100000 --years 2019-2023   # a national batch: five years of reports
#   bench/run.sh --data DIR [--grid-data DIR] [--variety-data DIR] [--workbook-data DIR]
#
# Options:
#   --points N,N,...   units per point (default 50,5000,100000; --quick: 50,500)
#   --years Y or Y1-Y2 report years of the generated points (default 2020): one report per unit
#                      and year, every year in the point's folders (export and trend then
#                      measure a multi-year batch)
#   --workbooks N      at most N .xlsx workbooks per generated point (default 10000; --quick
#                      500; 0: no workbook rows): the point's own units when units × years <= N,
#                      else N / years units generated apart, their tidy files timed beside them
#   --quick            small smoke run; results go to bench/results/quick.{md,csv}
#   --runs N           runs per measured command (default: up to 3, see --budget)
#   --budget SECONDS   without --runs: start no further run of a point when the runs so far
#                      project past SECONDS (default 420; the 100,000-unit point may get 1–2 runs)
#   --data DIR         benchmark the tidy CSV files below DIR instead of generating them
#   --grid-data DIR    with --data: also time `consolidate` on the form-grid files below DIR
#   --variety-data DIR with --data: also time `consolidate` on hand-shaped form-grid files below DIR
#   --workbook-data DIR with --data: also time `consolidate` on the .xlsx workbooks below DIR
#   --force            pass --force to `gongkai consolidate` (sum units that fail rules; for --data)
#   --decimal          DuckDB/polars read `value` as DECIMAL(18,4) instead of DOUBLE
#   --seed S           seed for `gongkai generate` (default 7)
#   --keep             keep the generated data in target/bench-data/ (default: delete at the end)
#   --reuse            reuse data kept by an earlier --keep run instead of generating it again
#   --gongkai PATH     use this gongkai binary (no cargo build)
#   --no-build         use the existing release binary (no cargo build)
#   --results NAME     write bench/results/NAME.{md,csv} (default latest, quick for --quick)
#
# Every measured command runs under `/usr/bin/time -v` with a warm page cache (every file is
# read once before timing); runs are interleaved across tools; the table gives the median wall
# time of the runs and the largest peak RSS. Time on a busy machine means little: the script
# warns when other processes keep the CPU busy. Each generated point has four layouts of the same
# reports: tidy, the form grid as the template writes it, the form grid as units' own tools save
# it (`generate --variety`) and .xlsx workbooks (up to --workbooks). On the tidy files gongkai runs
# consolidate, export (Parquet) and trend (CSV) and validate. The totals of DuckDB, polars and
# gongkai (tidy, grid, varied grid, workbooks, export's totals and facts, trend's series) are
# compared cell by cell once per point; the run fails if they disagree.
set -euo pipefail
export LC_NUMERIC=C

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-target}
[[ $TARGET_DIR == /* ]] || TARGET_DIR=$REPO/$TARGET_DIR

say() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
    printf '[bench] ERROR: %s\n' "$*" >&2
    exit 1
}
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

# ---------------------------------------------------------------- options
POINTS=50,5000,100000
QUICK=0 RUNS='' BUDGET=420 DATA='' GRID_DATA='' VARIETY_DATA='' WORKBOOK_DATA='' FORCE=0 VALUE_TYPE=double SEED=7
KEEP=0 REUSE=0 GK='' BUILD=1 RESULTS='' POINTS_SET=0 YEARS=2020 WORKBOOKS=''
while (($#)); do
    case $1 in
    --points) POINTS=${2:?--points needs a list}; POINTS_SET=1; shift ;;
    --quick) QUICK=1 ;;
    --runs) RUNS=${2:?--runs needs a number}; shift ;;
    --budget) BUDGET=${2:?--budget needs seconds}; shift ;;
    --data) DATA=${2:?--data needs a folder}; shift ;;
    --grid-data) GRID_DATA=${2:?--grid-data needs a folder}; shift ;;
    --variety-data) VARIETY_DATA=${2:?--variety-data needs a folder}; shift ;;
    --workbook-data) WORKBOOK_DATA=${2:?--workbook-data needs a folder}; shift ;;
    --years) YEARS=${2:?--years needs a year or a range}; shift ;;
    --workbooks) WORKBOOKS=${2:?--workbooks needs a number}; shift ;;
    --force) FORCE=1 ;;
    --decimal) VALUE_TYPE=decimal ;;
    --seed) SEED=${2:?--seed needs a number}; shift ;;
    --keep) KEEP=1 ;;
    --reuse) REUSE=1 ;;
    --gongkai) GK=${2:?--gongkai needs a path}; BUILD=0; shift ;;
    --no-build) BUILD=0 ;;
    --results) RESULTS=${2:?--results needs a name}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
    esac
    shift
done
((QUICK && !POINTS_SET)) && POINTS=50,500
[[ -n $WORKBOOKS ]] || { ((QUICK)) && WORKBOOKS=500 || WORKBOOKS=10000; }
[[ $WORKBOOKS =~ ^[0-9]+$ ]] || die "--workbooks must be a number, not '$WORKBOOKS'"
[[ $YEARS =~ ^([0-9]{4})(-([0-9]{4}))?$ ]] || die "--years must look like 2020 or 2019-2023, not '$YEARS'"
YEAR_FIRST=${BASH_REMATCH[1]} YEAR_LAST=${BASH_REMATCH[3]:-${BASH_REMATCH[1]}}
((YEAR_LAST >= YEAR_FIRST)) || die "--years $YEARS runs backwards"
NYEARS=$((YEAR_LAST - YEAR_FIRST + 1))
[[ -n $RESULTS ]] || { ((QUICK)) && RESULTS=quick || RESULTS=latest; }
[[ -z $RUNS || $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number, not '$RUNS'"
[[ $BUDGET =~ ^[0-9]+$ ]] || die "--budget must be a number of seconds, not '$BUDGET'"
[[ $POINTS =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--points must look like 50,5000,100000, not '$POINTS'"
[[ -z $GRID_DATA || -n $DATA ]] || die "--grid-data goes with --data"
[[ -z $VARIETY_DATA || -n $DATA ]] || die "--variety-data goes with --data"
[[ -z $WORKBOOK_DATA || -n $DATA ]] || die "--workbook-data goes with --data"
if [[ -n $DATA ]]; then
    [[ -d $DATA ]] || die "--data $DATA is not a folder"
    DATA=$(cd "$DATA" && pwd)
    if [[ -n $GRID_DATA ]]; then
        [[ -d $GRID_DATA ]] || die "--grid-data $GRID_DATA is not a folder"
        GRID_DATA=$(cd "$GRID_DATA" && pwd)
    fi
    if [[ -n $VARIETY_DATA ]]; then
        [[ -d $VARIETY_DATA ]] || die "--variety-data $VARIETY_DATA is not a folder"
        VARIETY_DATA=$(cd "$VARIETY_DATA" && pwd)
    fi
    if [[ -n $WORKBOOK_DATA ]]; then
        [[ -d $WORKBOOK_DATA ]] || die "--workbook-data $WORKBOOK_DATA is not a folder"
        WORKBOOK_DATA=$(cd "$WORKBOOK_DATA" && pwd)
    fi
fi
if [[ -n $GK ]]; then
    [[ -x $GK ]] || die "--gongkai $GK is not an executable file"
    GK=$(cd "$(dirname "$GK")" && pwd)/$(basename "$GK")
fi

DATA_ROOT=$TARGET_DIR/bench-data
WORK=$TARGET_DIR/bench-work
VENV=$TARGET_DIR/bench-venv
RESULTS_DIR=$BENCH_DIR/results
NPROC=$(nproc)

# ---------------------------------------------------------------- tools
if [[ ! -x /usr/bin/time ]]; then
    say "/usr/bin/time is missing; installing the Debian package 'time'"
    ((EUID == 0)) || die "/usr/bin/time is missing; install it (apt-get install time) and rerun"
    if ! { apt-get update -qq && apt-get install -y -qq time; } >&2; then die "apt-get install time failed"; fi
fi
# grep reads to the end (no -q): with pipefail, an early exit could SIGPIPE time and fail here.
/usr/bin/time -v true 2>&1 | grep 'Maximum resident set size' >/dev/null ||
    die "/usr/bin/time is not GNU time (no -v); install the Debian package 'time'"

if ((BUILD)); then
    say "building gongkai (release); waits if another cargo build holds the lock"
    (cd "$REPO" && cargo build --release -p gongkai) >&2 || die "cargo build --release -p gongkai failed"
fi
[[ -n $GK ]] || GK=$TARGET_DIR/release/gongkai
[[ -x $GK ]] || die "no gongkai binary at $GK (build it, or pass --gongkai PATH)"

if [[ ! -x $VENV/bin/python ]] || ! "$VENV/bin/python" -c 'import duckdb, polars' 2>/dev/null; then
    say "creating the Python venv $VENV with duckdb and polars (from PyPI)"
    python3 -m venv "$VENV" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
    "$VENV/bin/pip" install --quiet --upgrade duckdb polars >&2 || die "pip install duckdb polars failed"
    # Byte-compile once so no timed run pays for compiling polars' Python modules.
    "$VENV/bin/python" -m compileall -q "$VENV/lib" >/dev/null 2>&1 || true
fi
PY=$VENV/bin/python
unset PYTHONDONTWRITEBYTECODE

QUIET=()
"$GK" consolidate --help 2>/dev/null | grep -- '--quiet' >/dev/null && QUIET=(--quiet)
VQUIET=()
"$GK" validate --help 2>/dev/null | grep -- '--quiet' >/dev/null && VQUIET=(--quiet)
CFORCE=()
((FORCE)) && CFORCE=(--force)

# ---------------------------------------------------------------- bookkeeping
rm -rf "$WORK"
mkdir -p "$WORK" "$RESULTS_DIR" "$DATA_ROOT"
RUNS_CSV=$WORK/runs.csv     # one line per timed run
POINTS_CSV=$WORK/points.csv # one line per point
FACTS=$WORK/facts.txt
echo "point,tool,run,wall_s,elapsed_s,rss_kib,inproc_s,rc" >"$RUNS_CSV"
echo "point,label,years,files,bytes,grid_files,grid_bytes,variety_files,variety_bytes,workbook_files,workbook_bytes,workbook_units,workbook_apart,lines,values,runs,generate_s,check" >"$POINTS_CSV"

GENERATED=() # data folders of this run (generated or reused), removed at exit unless --keep
cleanup() {
    local rc=$?
    if ((!KEEP)) && ((${#GENERATED[@]})); then
        rm -rf "${GENERATED[@]}"
        rmdir "$DATA_ROOT" 2>/dev/null || true
    fi
    ((rc == 0)) || printf '[bench] failed; logs and outputs are in %s\n' "$WORK" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "nproc=$NPROC"
    echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
    echo "ram_gib=$(awk '/^MemTotal/ {printf "%.1f", $2/1048576}' /proc/meminfo)"
    echo "kernel=$(uname -sr)"
    echo "python=$("$PY" -c 'import platform; print(platform.python_version())')"
    echo "duckdb=$("$PY" -c 'import duckdb; print(duckdb.__version__)')"
    echo "polars=$("$PY" -c 'import polars; print(polars.__version__)')"
    echo "gongkai=$("$GK" --version 2>/dev/null | head -1 | sed 's/^gongkai //')"
    echo "gongkai_bin=$GK"
    commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
    [[ -z $(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null) ]] || commit+=" + uncommitted changes"
    echo "commit=$commit"
    echo "value_type=$VALUE_TYPE"
    echo "quiet=${QUIET[*]:-}"
    echo "force=$FORCE"
} >"$FACTS"

# ---------------------------------------------------------------- helpers
# The files a point is made of: every .csv (or $2) below the folder but a units registry.
list_files() { find "$1" -type f -name "${2:-*.csv}" ! -name units.csv -print0 | LC_ALL=C sort -z; }

# seconds from GNU time's "h:mm:ss" or "m:ss.cc"
to_seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f", s }' <<<"$1"; }

# measure POINT TOOL RUN CMD...: run CMD under /usr/bin/time -v, append a line to runs.csv.
# Sets MEASURE_RC; stdout/stderr of CMD go to $WORK/logs/POINT.TOOL.RUN.{out,err}.
measure() {
    local point=$1 tool=$2 run=$3
    shift 3
    local log=$WORK/logs/$point.$tool.$run tf=$WORK/time.txt t0 t1 wall elapsed rss inproc=
    rm -f "$WORK/inproc.txt"
    t0=$EPOCHREALTIME
    set +e
    /usr/bin/time -v -o "$tf" "$@" >"$log.out" 2>"$log.err"
    MEASURE_RC=$?
    set -e
    t1=$EPOCHREALTIME
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    elapsed=$(to_seconds "$(sed -n 's/^.*Elapsed (wall clock) time[^:]*: //p' "$tf")")
    rss=$(sed -n 's/^.*Maximum resident set size (kbytes): //p' "$tf")
    [[ -f $WORK/inproc.txt ]] && inproc=$(<"$WORK/inproc.txt")
    echo "$point,$tool,$run,$wall,$elapsed,${rss:-0},$inproc,$MEASURE_RC" >>"$RUNS_CSV"
    printf '[bench]   %-12s run %d: %8.3f s  %8.1f MiB%s\n' "$tool" "$run" "$wall" \
        "$(awk -v k="${rss:-0}" 'BEGIN { print k / 1024 }')" "$( ((MEASURE_RC == 0)) || echo "  (exit $MEASURE_RC)")" >&2
}

fail_tool() { # fail_tool POINT TOOL RUN MESSAGE
    local log=$WORK/logs/$1.$2.$3
    printf '[bench] --- last lines of %s.err:\n' "$log" >&2
    tail -n 15 "$log.err" >&2 || true
    die "$4"
}

why_exit() { # gongkai's exit codes, for the error message
    case $1 in
    1) echo ": units fail rules; --force makes consolidate sum them anyway" ;;
    2) echo ": usage error or input it could not read, left out; the other tools would not agree" ;;
    esac
}

# The read floors: every byte of the files read and thrown away, on one core and on all cores
# (DIR is $1; for the parallel one, $2 processes of $3 files each, the files named $4: *.csv or
# *.xlsx).
# shellcheck disable=SC2016 # expanded by the inner bash
FLOOR_CAT='find "$1" -type f -name "*.csv" ! -name units.csv -print0 | xargs -0 cat >/dev/null'
# shellcheck disable=SC2016
FLOOR_PAR='find "$1" -type f -name "$4" ! -name units.csv -print0 | xargs -0 -P "$2" -n "$3" cat >/dev/null'

# Files per cat process of the parallel floor: four batches per core, at most 1000 files each.
per_xargs() {
    local n=$(((${1} + 4 * NPROC - 1) / (4 * NPROC)))
    ((n >= 1 && n <= 1000)) || n=1000
    echo "$n"
}

# layout_files NAME DIR [PATTERN]: list the files of one layout of a point into $WORK/POINT.NAME,
# count them and their bytes (FILES[NAME], BYTES[NAME]) and read them once (warm page cache).
declare -A FILES BYTES
layout_files() {
    local name=$1 dir=$2 pattern=${3:-*.csv} list=$WORK/$point.$1
    list_files "$dir" "$pattern" >"$list"
    FILES[$name]=$(tr -cd '\0' <"$list" | wc -c)
    ((FILES[$name] > 0)) || die "no $pattern files below $dir"
    BYTES[$name]=$(xargs -0 stat -c %s <"$list" | awk '{ s += $1 } END { print s + 0 }')
    xargs -0 cat <"$list" >/dev/null
}

# The source argument for DuckDB / polars: a glob when it selects exactly the point's files,
# else @LIST (a NUL-separated file list). A generated point is DIR/units.csv and DIR/YEAR/*.csv:
# the glob DIR/*/*.csv.
python_source() { # python_source DIR LISTFILE
    local dir=$1 list=$2
    if [[ -z $(find "$dir" -mindepth 2 -type f -name units.csv -print -quit) &&
        -z $(find "$dir" -maxdepth 1 -type f -name '*.csv' ! -name units.csv -print -quit) &&
        -n $(find "$dir" -mindepth 2 -maxdepth 2 -type f -name '*.csv' -print -quit) &&
        -z $(find "$dir" -mindepth 3 -type f -name '*.csv' -print -quit) ]]; then
        echo "$dir/*/*.csv"
    elif [[ -n $(find "$dir" -type f -name units.csv -print -quit) ]]; then
        echo "@$list"
    elif [[ -n $(find "$dir" -mindepth 2 -type f -name '*.csv' -print -quit) ]]; then
        echo "$dir/**/*.csv"
    else
        echo "$dir/*.csv"
    fi
}

# ---------------------------------------------------------------- one point
# run_point POINT LABEL RUNS GENERATED(0|1) GENERATE_S, on the folders in P_TIDY, P_GRID,
# P_VARIETY, P_WORKBOOK and P_WB_TIDY (all but P_TIDY may be empty). P_WB_TIDY: the tidy files of
# the workbooks' units when those are not the point's (generated apart, under --workbooks);
# P_WB_UNITS: how many units the workbooks are of.
run_point() {
    local point=$1 label=$2 runs=$3 generated=$4 gen_s=$5
    local tidy=$P_TIDY grid=$P_GRID variety=$P_VARIETY workbook=$P_WORKBOOK wb_tidy=$P_WB_TIDY
    local out=$WORK/out/$point
    mkdir -p "$out" "$WORK/logs"
    FILES=() BYTES=()

    local files bytes lines
    list_files "$tidy" >"$WORK/$point.tidy"
    files=$(tr -cd '\0' <"$WORK/$point.tidy" | wc -c)
    ((files > 0)) || die "no .csv files below $tidy"
    bytes=$(xargs -0 stat -c %s <"$WORK/$point.tidy" | awk '{ s += $1 } END { print s + 0 }')
    say "point $label: warming the page cache ($files tidy files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MiB)"
    lines=$(xargs -0 cat <"$WORK/$point.tidy" | wc -l)
    [[ -z $grid ]] || layout_files grid "$grid"
    [[ -z $variety ]] || layout_files variety "$variety"
    [[ -z $workbook ]] || layout_files workbook "$workbook" '*.xlsx'
    [[ -z $wb_tidy ]] || layout_files wb-tidy "$wb_tidy"
    local values=$((lines - files)) # one header line per tidy file

    local src
    src=$(python_source "$tidy" "$WORK/$point.tidy")

    # gongkai COMMAND's exit: 0, or 1 (rule errors) on your own data, which is timed anyway.
    gk_ok() { # gk_ok TOOL RUN WHAT
        ((MEASURE_RC == 0)) && return 0
        if ((!generated && MEASURE_RC == 1)); then
            [[ -n ${noted[$1]:-} ]] || say "note: $3 found rule errors in $tidy (exit 1); timed anyway"
            noted[$1]=1
            return 0
        fi
        fail_tool "$point" "$1" "$2" "$3 failed on $tidy (exit $MEASURE_RC$(why_exit "$MEASURE_RC"))"
    }
    consolidate() { # consolidate TOOL RUN DIR: time gongkai consolidate DIR into $out/TOOL.csv
        rm -f "$out/$1.csv"
        measure "$point" "$1" "$2" "$GK" consolidate "$3" --format csv -o "$out/$1.csv" "${QUIET[@]}" "${CFORCE[@]}"
        if ((MEASURE_RC != 0)) && ! ((FORCE && MEASURE_RC == 1)) || [[ ! -s $out/$1.csv ]]; then
            fail_tool "$point" "$1" "$2" "gongkai consolidate failed on $3 (exit $MEASURE_RC$(why_exit "$MEASURE_RC"))"
        fi
    }
    floor() { # floor TOOL RUN DIR LAYOUT PATTERN
        measure "$point" "$1" "$2" bash -c "$FLOOR_PAR" _ "$3" "$NPROC" "$(per_xargs "${FILES[$4]}")" "$5"
        ((MEASURE_RC == 0)) || fail_tool "$point" "$1" "$2" "parallel cat of $3 failed"
    }

    local r done=0 t_start=$EPOCHREALTIME
    local -A noted=()
    for ((r = 1; r <= runs; r++)); do
        if ((r > 1 && !fixed_runs)) && awk -v t0="$t_start" -v t1="$EPOCHREALTIME" -v r="$r" -v b="$BUDGET" \
            'BEGIN { exit !((t1 - t0) / (r - 1) * r > b) }'; then
            say "point $label: stopping after $((r - 1)) run(s): another would pass the --budget of $BUDGET s"
            break
        fi
        warn_if_busy
        say "point $label: run $r of up to $runs"
        measure "$point" cat "$r" bash -c "$FLOOR_CAT" _ "$tidy"
        ((MEASURE_RC == 0)) || fail_tool "$point" cat "$r" "cat of the tidy files failed"
        measure "$point" par-cat "$r" bash -c "$FLOOR_PAR" _ "$tidy" "$NPROC" "$(per_xargs "$files")" '*.csv'
        ((MEASURE_RC == 0)) || fail_tool "$point" par-cat "$r" "parallel cat of the tidy files failed"
        [[ -z $grid ]] || floor par-cat-grid "$r" "$grid" grid '*.csv'
        [[ -z $variety ]] || floor par-cat-variety "$r" "$variety" variety '*.csv'
        [[ -z $workbook ]] || floor par-cat-xlsx "$r" "$workbook" workbook '*.xlsx'

        measure "$point" duckdb "$r" "$PY" "$BENCH_DIR/duckdb_sum.py" "$src" --out "$out/duckdb.csv" \
            --value-type "$VALUE_TYPE" --timing "$WORK/inproc.txt"
        ((MEASURE_RC == 0)) || fail_tool "$point" duckdb "$r" "DuckDB failed on $tidy"
        measure "$point" polars "$r" "$PY" "$BENCH_DIR/polars_sum.py" "$src" --out "$out/polars.csv" \
            --value-type "$VALUE_TYPE" --timing "$WORK/inproc.txt"
        ((MEASURE_RC == 0)) || fail_tool "$point" polars "$r" "polars failed on $tidy"

        consolidate gk-tidy "$r" "$tidy"
        # export and trend on the same tidy files, right after consolidate: each a fresh folder/file.
        rm -rf "$out/export"
        measure "$point" gk-export "$r" "$GK" export "$tidy" --out "$out/export" "${QUIET[@]}"
        gk_ok gk-export "$r" "gongkai export"
        [[ -f $out/export/manifest.json ]] || fail_tool "$point" gk-export "$r" "gongkai export wrote no $out/export/manifest.json"
        rm -f "$out/gk-trend.csv"
        measure "$point" gk-trend "$r" "$GK" trend "$tidy" --format csv -o "$out/gk-trend.csv" "${QUIET[@]}"
        gk_ok gk-trend "$r" "gongkai trend"
        [[ -s $out/gk-trend.csv ]] || fail_tool "$point" gk-trend "$r" "gongkai trend wrote no $out/gk-trend.csv"
        [[ -z $grid ]] || consolidate gk-grid "$r" "$grid"
        [[ -z $variety ]] || consolidate gk-variety "$r" "$variety"
        [[ -z $workbook ]] || consolidate gk-xlsx "$r" "$workbook"
        [[ -z $wb_tidy ]] || consolidate gk-wb-tidy "$r" "$wb_tidy"
        measure "$point" gk-validate "$r" "$GK" validate "$tidy" "${VQUIET[@]}"
        gk_ok gk-validate "$r" "gongkai validate"
        done=$r
    done

    say "point $label: checking that the totals agree"
    # Generated layouts hold the same reports as the tidy files; your own folders may not.
    local same=--may
    ((!generated)) || same=--must
    local check=ok sums=$out/export-sums
    mkdir -p "$sums"
    "$PY" "$BENCH_DIR/export_sums.py" "$out/export" --totals "$sums/totals.csv" --facts "$sums/facts.csv" ||
        die "point $label: could not read the export in $out/export"
    local args=(--ref "gongkai-tidy=$out/gk-tidy.csv" --must "duckdb=$out/duckdb.csv" --must "polars=$out/polars.csv"
        "$same" "export-totals=$sums/totals.csv" "$same" "export-facts=$sums/facts.csv")
    [[ $VALUE_TYPE == decimal ]] || args+=(--float duckdb --float polars)
    [[ -z $grid ]] || args+=("$same" "gongkai-grid=$out/gk-grid.csv")
    [[ -z $variety ]] || args+=("$same" "gongkai-variety=$out/gk-variety.csv")
    [[ -z $workbook || -n $wb_tidy ]] || args+=("$same" "gongkai-xlsx=$out/gk-xlsx.csv")
    "$PY" "$BENCH_DIR/compare.py" "${args[@]}" --summary "$WORK/$point.check.csv" || check=FAILED
    if [[ -n $wb_tidy ]]; then
        # Workbooks of other units than the point's: held against those units' tidy files.
        "$PY" "$BENCH_DIR/compare.py" --ref "gongkai-wb-tidy=$out/gk-wb-tidy.csv" --must "gongkai-xlsx=$out/gk-xlsx.csv" \
            --summary "$WORK/$point.check-wb.csv" || check=FAILED
        tail -n +3 "$WORK/$point.check-wb.csv" | sed 's/^gongkai-xlsx,/gongkai-xlsx (vs their units'"'"' tidy files),/' >>"$WORK/$point.check.csv"
    fi
    local trend_args=(--trend "$out/gk-trend.csv" --consolidate "$out/gk-tidy.csv" --summary "$WORK/$point.check.csv" --name gongkai-trend)
    if ! "$PY" "$BENCH_DIR/trend_check.py" "${trend_args[@]}"; then
        if ((generated)); then check=FAILED; else say "warning: trend and consolidate differ on your files (above)"; fi
    fi
    echo "$point,$label,$YEARS_OF_POINT,$files,$bytes,${FILES[grid]:-0},${BYTES[grid]:-0},${FILES[variety]:-0},${BYTES[variety]:-0},${FILES[workbook]:-0},${BYTES[workbook]:-0},${P_WB_UNITS:-},$([[ -n $wb_tidy ]] && echo 1 || echo 0),$lines,$values,$done,$gen_s,$check" >>"$POINTS_CSV"
    if [[ $check != ok ]]; then
        report || true
        die "point $label: the tools disagree on the totals (see above; outputs in $out)"
    fi
}

report() {
    "$PY" "$BENCH_DIR/report.py" --work "$WORK" --md "$RESULTS_DIR/$RESULTS.md" --csv "$RESULTS_DIR/$RESULTS.csv"
}

fixed_runs=0
[[ -z $RUNS ]] || fixed_runs=1
RUNS=${RUNS:-3}

# Timings on a busy machine mean little. Just before each run (when none of our tools is
# running) sample /proc/stat for half a second; warn when over a quarter of the CPU was busy.
warn_if_busy() {
    local a b busy
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    sleep 0.5
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    busy=$(awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ");
        u = y[1] - x[1]; i = y[2] - x[2]; printf "%d", (u + i) ? 100 * u / (u + i) : 0 }')
    if ((busy > 25)); then
        say "WARNING: ${busy}% of the CPU is busy with other processes; timings will be noisy"
        echo "$busy" >>"$WORK/busy.txt"
    fi
}

# ---------------------------------------------------------------- main
say "gongkai: $GK ($("$GK" --version 2>/dev/null | head -1)); consolidate ${QUIET[*]:-(no --quiet)}"
say "value column read by DuckDB/polars as $VALUE_TYPE; runs interleaved; median wall reported"

if [[ -n $DATA ]]; then
    P_TIDY=$DATA P_GRID=$GRID_DATA P_VARIETY=$VARIETY_DATA P_WORKBOOK=$WORKBOOK_DATA P_WB_TIDY='' P_WB_UNITS=''
    YEARS_OF_POINT=
    run_point data "your files: $DATA" "$RUNS" 0 ""
else
    "$GK" generate --help >/dev/null 2>&1 ||
        die "$GK has no 'generate' subcommand yet; benchmark your own files with --data DIR, or pass --gongkai a binary that has it"
    if ((WORKBOOKS)) && [[ $("$GK" generate --help 2>/dev/null || true) != *workbook* ]]; then
        say "note: $GK cannot generate workbooks (no 'generate --layout workbook'); no workbook rows"
        WORKBOOKS=0
    fi
    IFS=, read -r -a NS <<<"$POINTS"
    for n in "${NS[@]}"; do
        d=$DATA_ROOT/$n
        # Workbooks: the point's own units while units × years stays within --workbooks, else as
        # many units as fit, generated apart with tidy files of their own to hold them against.
        wb_units=$((WORKBOOKS / NYEARS))
        ((wb_units <= n)) || wb_units=$n
        wb_apart=0
        ((wb_units == 0 || wb_units == n)) || wb_apart=1
        if ((WORKBOOKS && !wb_units)); then
            say "note: --workbooks $WORKBOOKS is fewer than one workbook a year: no workbook rows"
        fi
        layouts=(tidy grid variety)
        ((!wb_units)) || layouts+=(workbook)
        ((!wb_apart)) || layouts+=(workbook-tidy)
        marker="units=$n years=$YEARS seed=$SEED layouts=${layouts[*]} workbook_units=$wb_units gongkai=$("$GK" --version 2>/dev/null | head -1)"
        gen_s=
        GENERATED+=("$d")
        if ((REUSE)) && [[ -f $d/.complete && $(<"$d/.complete") == "$marker" ]]; then
            say "point $n units: reusing $d"
        else
            # Rough need per report: ~15 KiB tidy + ~3 KiB grid + ~4 KiB varied grid, with their
            # file-system blocks ~30 KiB, and the export (~1 KiB, twice while it is swapped in);
            # per workbook ~12 KiB + a block, and its own tidy file when generated apart.
            need_kib=$((n * NYEARS * 34 + wb_units * NYEARS * (16 + 18 * wb_apart)))
            free_kib=$(df -Pk "$DATA_ROOT" | awk 'NR == 2 { print $4 }')
            ((free_kib > need_kib)) || die "not enough disk for $n units × $NYEARS year(s) in $DATA_ROOT: ~$((need_kib / 1024)) MiB needed, $((free_kib / 1024)) MiB free"
            rm -rf "$d"
            mkdir -p "$d"
            say "point $n units: generating ${layouts[*]} files for $YEARS in $d"
            t0=$EPOCHREALTIME
            for layout in "${layouts[@]}"; do
                how=(--units "$n" --layout "$layout")
                case $layout in
                variety) how=(--units "$n" --layout grid --variety) ;;
                workbook) how=(--units "$wb_units" --layout workbook) ;;
                workbook-tidy) how=(--units "$wb_units" --layout tidy) ;;
                esac
                "$GK" generate --years "$YEARS" "${how[@]}" --seed "$SEED" --out "$d/$layout" \
                    >"$WORK/generate.$n.$layout.log" 2>&1 ||
                    { tail -n 15 "$WORK/generate.$n.$layout.log" >&2; die "gongkai generate ${how[*]} failed"; }
                [[ -d $d/$layout/$YEAR_FIRST && -d $d/$layout/$YEAR_LAST ]] ||
                    die "gongkai generate ${how[*]} did not write $d/$layout/$YEAR_FIRST and $d/$layout/$YEAR_LAST"
            done
            gen_s=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
            echo "$marker" >"$d/.complete"
        fi
        # Each layout's folder holds every year (and the units registry): export and trend see
        # the whole batch.
        P_TIDY=$d/tidy P_GRID=$d/grid P_VARIETY=$d/variety P_WORKBOOK='' P_WB_TIDY='' P_WB_UNITS=''
        if ((wb_units)); then P_WORKBOOK=$d/workbook P_WB_UNITS=$wb_units; fi
        ((!wb_apart)) || P_WB_TIDY=$d/workbook-tidy
        YEARS_OF_POINT=$YEARS
        run_point "$n" "$n units" "$RUNS" 1 "$gen_s"
        if ((!KEEP)); then
            say "point $n units: removing $d"
            rm -rf "$d"
        fi
    done
fi

report
say "results: $RESULTS_DIR/$RESULTS.md and $RESULTS_DIR/$RESULTS.csv"
cat "$RESULTS_DIR/$RESULTS.md"
