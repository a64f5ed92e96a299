#!/usr/bin/env bash
# Storage tests (tests/Dyad.Storage.Tests) run their contract suite against PostgreSQL too.
# This installs PostgreSQL from Debian's packages if it is missing, starts a throwaway cluster in
# a temporary folder (as the 'postgres' system user: initdb refuses root), creates a role and a
# database, and writes DYAD_TEST_PG into .ci/env, which .ci/run sources. .ci/env also stops the
# cluster and removes its folder when .ci/run exits. Without root and without PostgreSQL it only
# says so: the PostgreSQL tests then skip with that reason.
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -f .ci/env
# In CI (CI=true) the PostgreSQL tests must run, so a failure here fails the run; on a developer's
# machine the PostgreSQL tests then skip, saying why.
trap 'echo "postgres.sh: could not start PostgreSQL (line $LINENO)"; rm -f .ci/env; [ "${CI:-}" = true ] && exit 1; exit 0' ERR

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

bin=$(find_bin)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "postgres.sh: PostgreSQL is not installed and this is not root: PostgreSQL tests will skip"
    [ "${CI:-}" = true ] && exit 1
    exit 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q postgresql >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }
  bin=$(find_bin)
fi

if [ "$(id -u)" -eq 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

dir=$(mktemp -d /tmp/dyad-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"

port=55432
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null

psql() { as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql -d postgres -c "CREATE ROLE dyad LOGIN CREATEDB PASSWORD 'dyad'"
psql -d postgres -c "CREATE DATABASE dyad_test OWNER dyad"

stop="runuser -u postgres -- $bin/pg_ctl -D $dir/data -m immediate stop >/dev/null 2>&1; rm -rf $dir"
[ "$(id -u)" -eq 0 ] || stop="$bin/pg_ctl -D $dir/data -m immediate stop >/dev/null 2>&1; rm -rf $dir"
cat > .ci/env <<ENV
export DYAD_TEST_PG="Host=127.0.0.1;Port=$port;Username=dyad;Password=dyad;Database=dyad_test"
# Stop the throwaway cluster when the sourcing shell (.ci/run) exits.
trap '$stop' EXIT
ENV
echo "postgres.sh: PostgreSQL $(basename "$(dirname "$bin")") on 127.0.0.1:$port (folder $dir) for the storage tests"
