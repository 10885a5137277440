#!/usr/bin/env bash
# One backend's HTTP figures: creates the demo hospital, serves it, signs in and runs wrk per route.
# Usage: http_bench.sh HQMS_BINARY sqlite|postgres OUTPUT   (postgres needs HQMS_TEST_PG_BASE: with-postgres.sh)
# Writes one line per route to OUTPUT: label, req/s, p50, p99, non-2xx count (tab-separated).
set -euo pipefail
hqms="$1" backend="$2" out="$3"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$backend" = postgres ]; then
  psql_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql
  "$psql_bin" -q "${HQMS_TEST_PG_BASE}postgres" -c "CREATE DATABASE hqms_bench" >/dev/null
  db="${HQMS_TEST_PG_BASE}hqms_bench"
else
  db="$work/bench.db"
fi
"$hqms" demo --db "$db" >/dev/null
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
"$hqms" serve --db "$db" --listen "127.0.0.1:$port" --access-log "$work/access.log" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done

login=$(curl -fs -D "$work/headers" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"Quality-Demo-2026"}' "http://127.0.0.1:$port/api/v1/auth/login")
export HQMS_COOKIE=$(sed -n 's/^Set-Cookie: \(hqms_session=[^;]*\).*/\1/Ip' "$work/headers")
export HQMS_CSRF=$(node -e "console.log(JSON.parse(process.argv[1]).csrfToken)" "$login")
# The incident routes as the chief quality officer, who sees every event (the demo has a year of them).
cqo_login=$(curl -fs -D "$work/cqo_headers" -H 'Content-Type: application/json' \
  -d '{"username":"cqo","password":"Quality-Demo-2026"}' "http://127.0.0.1:$port/api/v1/auth/login")
cqo_cookie=$(sed -n 's/^Set-Cookie: \(hqms_session=[^;]*\).*/\1/Ip' "$work/cqo_headers")
cqo_csrf=$(node -e "console.log(JSON.parse(process.argv[1]).csrfToken)" "$cqo_login")

: >"$out"
run_wrk() {  # label, path, extra wrk args...
  local label="$1" path="$2"
  shift 2
  local report
  report=$(wrk -t2 -c"$BENCH_CONNECTIONS" -d"${BENCH_SECONDS}s" --latency "$@" "http://127.0.0.1:$port$path")
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$report")" \
    "$(awk '$1=="50%" {print $2}' <<<"$report")" \
    "$(awk '$1=="99%" {print $2}' <<<"$report")" \
    "$(awk '/Non-2xx/ {print $NF}' <<<"$report" | grep . || echo 0)" >>"$out"
}

run_wrk "GET /healthz (no session)" /healthz
run_wrk "GET /api/v1/auth/session (signed in)" /api/v1/auth/session -H "Cookie: $HQMS_COOKIE"
run_wrk "GET /api/v1/users?limit=50 (signed in)" "/api/v1/users?limit=50" -H "Cookie: $HQMS_COOKIE"
run_wrk "GET /api/v1/audit?limit=50 (signed in)" "/api/v1/audit?limit=50" -H "Cookie: $HQMS_COOKIE"
run_wrk "PATCH /api/v1/users/{id} (write+audit)" /api/v1/users/24 -s "$here/patch_user.lua"
run_wrk "GET /api/v1/incidents?limit=50" "/api/v1/incidents?limit=50" -H "Cookie: $cqo_cookie"
run_wrk "GET /api/v1/incidents?q=bed+rails" "/api/v1/incidents?q=bed+rails&limit=50" -H "Cookie: $cqo_cookie"
run_wrk "GET /api/v1/capa?limit=50" "/api/v1/capa?limit=50" -H "Cookie: $cqo_cookie"
run_wrk "GET /api/v1/capa/board" /api/v1/capa/board -H "Cookie: $cqo_cookie"
run_wrk "GET /api/v1/capa/ageing" /api/v1/capa/ageing -H "Cookie: $cqo_cookie"
run_wrk "GET /api/v1/risks/heat-map" /api/v1/risks/heat-map -H "Cookie: $cqo_cookie"
run_wrk "GET /api/v1/fmea/{id} (worksheet)" /api/v1/fmea/1 -H "Cookie: $cqo_cookie"
HQMS_COOKIE="$cqo_cookie" HQMS_CSRF="$cqo_csrf" \
  run_wrk "POST /api/v1/incidents (report, durable)" /api/v1/incidents -s "$here/report_incident.lua"
echo "$backend: server peak RSS $(awk '/VmHWM/ {print $2, $3}' /proc/$server_pid/status)" >&2
