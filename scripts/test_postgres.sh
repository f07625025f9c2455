#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start` makes and starts it, `url` prints the
# superuser URL the tests read from RMP_TEST_PG_URL, `stop` stops it and deletes its data.
#
#   eval "$(bash scripts/test_postgres.sh start)"   # exports RMP_TEST_PG_URL
#   bash scripts/test_postgres.sh stop
#
# The cluster listens on 127.0.0.1 only, on a port of its own (RMP_TEST_PG_PORT, or one derived
# from this checkout's path, so several checkouts on one machine do not collide), with its data
# in a temporary folder (RMP_TEST_PG_DIR). It is for tests only: trust authentication on the
# loopback, and no fsync. initdb refuses to run as root, so as root (CI) the cluster belongs to
# Debian's `postgres` system user, which the `postgresql` package creates.
set -euo pipefail
cd "$(dirname "$0")/.."

checkout_id=$(pwd | cksum | cut -d' ' -f1)
port=${RMP_TEST_PG_PORT:-$((54000 + checkout_id % 900))}
dir=${RMP_TEST_PG_DIR:-${TMPDIR:-/tmp}/rmp-test-pg-$port}
data="$dir/data"
superuser=postgres
url="postgresql://$superuser@127.0.0.1:$port/postgres"

bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$newest" ]; then
    echo "PostgreSQL is not installed: apt-get install postgresql" >&2
    exit 1
  fi
  echo "$newest"
}

as_owner() {  # run a PostgreSQL program as the cluster's owner
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "${1:-}" in
  start)
    bin=$(bindir)
    if [ -f "$data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      echo "export RMP_TEST_PG_URL=$url"
      exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$data" -U "$superuser" --auth=trust --encoding=UTF8 \
      --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir \
          -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
          -c max_connections=200" >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "export RMP_TEST_PG_URL=$url"
    ;;
  stop)
    if [ -d "$data" ]; then
      as_owner "$(bindir)/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  url)
    echo "$url"
    ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
