#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster: initdb in a temporary folder, a free loopback port,
# trust authentication for local test connections only. The cluster is stopped and removed when the command
# ends, whether it passed or failed. The command sees HQMS_TEST_PG_BASE=postgresql://postgres@127.0.0.1:PORT/
# and HQMS_TEST_CACHE, a folder for what the tests share within the run.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
dir=$(mktemp -d /tmp/hqms-pg.XXXXXX)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

# initdb refuses to run as root: the cluster then belongs to the postgres system user.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi

stop() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
# fsync off for tests: this cluster is thrown away, and they exercise HQMS, not the disk. Benchmarks set
# HQMS_PG_DURABLE=1 to keep PostgreSQL's defaults, so that it is compared fairly with SQLite's synchronous=FULL.
durability="-c fsync=off -c synchronous_commit=off"
[ "${HQMS_PG_DURABLE:-0}" = 1 ] && durability=""
"${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 $durability" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

export HQMS_TEST_PG_BASE="postgresql://postgres@127.0.0.1:$port/"
# What tests may build once and share within this run (the demo hospital: tests/support/demo_copy.hpp); it goes
# with the cluster.
export HQMS_TEST_CACHE="$dir/cache"
mkdir -p "$HQMS_TEST_CACHE"
echo "throwaway PostgreSQL on 127.0.0.1:$port"
set +e
"$@"
status=$?
set -e
exit $status
