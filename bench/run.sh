#!/usr/bin/env bash
# make bench: core micro-benchmarks, then the HTTP API under wrk on loopback against SQLite and PostgreSQL,
# printed side by side, then the indicator engine against SQLite and DuckDB on a generated hospital network
# (HQMS_BENCH_ENCOUNTERS encounters, 10,000,000 by default). Every run is bounded in time.
# Usage: bench/run.sh BUILD_DIR   (a Release build)
set -euo pipefail
build="$(cd "${1:-build/release}" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
export BENCH_SECONDS="${BENCH_SECONDS:-10}" BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-16}"

echo "== core micro-benchmarks"
"$build/bench/hqms_core_bench" --benchmark_min_time=0.2

echo
echo "== event-report search over ${BENCH_EVENTS:-1000000} stored reports"
"$build/bench/hqms_search_bench"

echo
echo "== HTTP API on loopback: wrk, 2 threads, $BENCH_CONNECTIONS connections, ${BENCH_SECONDS}s per route"
results="$(mktemp -d)"
indicator_data="$build/indicator-bench-data"  # gigabytes of generated files, removed however the run ends
trap 'rm -rf "$results" "$indicator_data"' EXIT
"$here/http_bench.sh" "$build/hqms" sqlite "$results/sqlite.txt"
HQMS_PG_DURABLE=1 "$here/../scripts/with-postgres.sh" "$here/http_bench.sh" "$build/hqms" postgres "$results/postgres.txt"

printf '\n%-40s | %-36s | %-36s\n' "route" "SQLite (WAL, synchronous=FULL)" "PostgreSQL 15 (fsync on)"
printf '%-40s-+-%-36s-+-%-36s\n' "----------------------------------------" "------------------------------------" "------------------------------------"
paste -d'\t' "$results/sqlite.txt" "$results/postgres.txt" |
  while IFS=$'\t' read -r label a_rps a_p50 a_p99 a_err _label b_rps b_p50 b_p99 b_err; do
    printf '%-40s | %9s req/s p50 %-7s p99 %-7s | %9s req/s p50 %-7s p99 %-7s\n' \
      "$label" "$a_rps" "$a_p50" "$a_p99" "$b_rps" "$b_p50" "$b_p99"
    [ "$a_err" = 0 ] && [ "$b_err" = 0 ] || echo "   (non-2xx answers: SQLite $a_err, PostgreSQL $b_err)"
  done

echo
echo "== indicator engine: ${HQMS_BENCH_ENCOUNTERS:-10000000} generated encounters, the catalogue against SQLite and DuckDB"
# DuckDB comes from its npm package, installed from bench/duckdb/package-lock.json (never vendored).
if ! (cd "$here/duckdb" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1); then
  echo "  (npm ci in bench/duckdb failed: DuckDB is reported as not available)"
fi
"$build/bench/hqms_indicator_bench" --encounters "${HQMS_BENCH_ENCOUNTERS:-10000000}" --dir "$indicator_data" \
  --duckdb-script "$here/duckdb/indicators.mjs"
