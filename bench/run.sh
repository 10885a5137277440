#!/usr/bin/env bash
# make bench: core micro-benchmarks, then HTTP throughput and latency under wrk on loopback, bounded in time.
# Usage: bench/run.sh BUILD_DIR   (a Release build)
set -euo pipefail
build="${1:-build/release}"
duration="${BENCH_SECONDS:-10}"
connections="${BENCH_CONNECTIONS:-16}"
threads=2
hqms="$build/hqms"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== core micro-benchmarks"
"$build/bench/hqms_core_bench" --benchmark_min_time=0.2

echo
echo "== HTTP on loopback: wrk, $threads threads, $connections connections, ${duration}s per route"
"$hqms" demo --db "$work/bench.db" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
       echo 18123)
"$hqms" serve --db "$work/bench.db" --listen "127.0.0.1:$port" --access-log "$work/access.log" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done

cookie=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"Quality-Demo-2026"}' "http://127.0.0.1:$port/api/v1/auth/login" |
  sed -n 's/^Set-Cookie: \(hqms_session=[^;]*\).*/\1/Ip')

run_wrk() {  # label, path, extra wrk args...
  local label="$1" path="$2"
  shift 2
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$@" "http://127.0.0.1:$port$path")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-44s %12s req/s   p50 %-9s p99 %-9s non-2xx %s\n' "$label" "$rps" "$p50" "$p99" "${errors:-0}"
}

run_wrk "GET /healthz (no session)" /healthz
run_wrk "GET /api/v1/users?limit=50 (signed in)" "/api/v1/users?limit=50" -H "Cookie: $cookie"
run_wrk "GET /api/v1/auth/session (signed in)" /api/v1/auth/session -H "Cookie: $cookie"
echo
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$server_pid/status)"
