#!/usr/bin/env bash
# make bench: core micro-benchmarks, then the HTTP API under wrk on loopback against SQLite and PostgreSQL,
# printed side by side. Every run is bounded in time.
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
trap 'rm -rf "$results"' EXIT
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
