"""What the DuckDB and polars sides of the benchmark share: arguments, sources, timing file."""

import argparse


def arguments(value_types):
    """SOURCE --out FILE [--value-type …] [--timing FILE]."""
    ap = argparse.ArgumentParser()
    ap.add_argument("source")
    ap.add_argument("--out", required=True)
    ap.add_argument("--value-type", choices=value_types, default="double")
    ap.add_argument("--timing")
    return ap.parse_args()


def paths_or_glob(source):
    """`@LIST`: the NUL-separated paths in LIST; anything else is a glob, passed on as given."""
    if source.startswith("@"):
        with open(source[1:], "rb") as f:
            return [p.decode() for p in f.read().split(b"\0") if p]
    return source


def write_timing(path, elapsed):
    """The in-process seconds, for `--timing`."""
    if path:
        with open(path, "w") as f:
            f.write(f"{elapsed:.6f}\n")
