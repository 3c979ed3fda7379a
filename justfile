# Common tasks. `just` lists them.

default:
    @just --list

# Consolidate the Lanzhou 2020 sample and print the city's tables.
sample:
    cargo run -p gongkai -- consolidate data/lanzhou/2020 --name 兰州市

# Run every test (what CI runs, after fmt and clippy).
test:
    cargo test --workspace

# What CI runs.
ci:
    bash .ci/run

lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings

# Regenerate the synthetic Lanzhou sample from the published totals.
regenerate-sample:
    cargo run -q -p gongkai -- generate --lanzhou-sample --out .

# Benchmark against DuckDB, polars and plain reads (5–15 min): just bench [--quick | --points 50,5000 | --data DIR]
bench *args:
    bash bench/run.sh {{args}}

# Synthetic test data with a manifest of injected defects: just generate 1000 grid 0.05
generate units="1000" layout="tidy" errors="0" out="target/synth":
    cargo run -q -p gongkai -- generate --units {{units}} --layout {{layout}} --errors {{errors}} --out {{out}}

# Print a blank form grid: just template 2021
template form="2021":
    cargo run -q -p gongkai -- template --form {{form}}
