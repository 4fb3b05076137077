#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the history-store tests: Debian's postgresql package, run as
# the `postgres` user (initdb refuses root), listening on a Unix socket in a temporary directory only (no
# TCP). Prints the line `PLUMBLINE_TEST_PG_URL=postgres://...` for the caller to export.
#   scripts/pg-local.sh start [dir]   create (if new) and start the cluster in dir (default /tmp/plumbline-pg)
#   scripts/pg-local.sh stop [dir]    stop it
set -euo pipefail
cmd="${1:-start}"
dir="${2:-/tmp/plumbline-pg}"
bin=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bin="$d"; done
if [ -z "$bin" ]; then
  echo "pg-local: no PostgreSQL server found (install Debian's postgresql package)" >&2
  exit 1
fi
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    chmod 700 "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >/dev/null
    fi
    if ! as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses='' -k $dir -c fsync=off -c max_connections=60" start >/dev/null
    fi
    # a role that owns its database, and one that may only connect (for the missing-permissions test)
    as_pg psql -h "$dir" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<'SQL'
SELECT 'CREATE ROLE plumbline LOGIN CREATEDB' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plumbline')\gexec
ALTER ROLE plumbline CREATEDB;
SELECT 'CREATE ROLE plumbline_reader LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plumbline_reader')\gexec
SELECT 'CREATE DATABASE plumbline OWNER plumbline' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'plumbline')\gexec
REVOKE CREATE ON DATABASE plumbline FROM PUBLIC;
SQL
    as_pg psql -h "$dir" -U postgres -d plumbline -q -c 'REVOKE CREATE ON SCHEMA public FROM PUBLIC' >/dev/null
    echo "PLUMBLINE_TEST_PG_URL=postgres://plumbline@/plumbline?host=$dir"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true
    ;;
  *)
    echo "usage: scripts/pg-local.sh start|stop [dir]" >&2
    exit 2
    ;;
esac
