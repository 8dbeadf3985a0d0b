#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite: its own data directory
# under /tmp, listening on 127.0.0.1 only, on the first free port from 55432.
# It never touches a cluster the distribution package may have started.
#
#   scripts/test-postgres.sh start   # prints the URL (AIHOST_TEST_PG_URL)
#   scripts/test-postgres.sh url     # prints the URL of the running server
#   scripts/test-postgres.sh stop    # stops it and deletes its data
#
# AIHOST_PG_STATE names the state directory (default /tmp/aihost-test-pg), so
# two builds can each run their own server.
set -euo pipefail

state="${AIHOST_PG_STATE:-/tmp/aihost-test-pg}"
database=aihost_test
role=aihost

die() { echo "test-postgres: $*" >&2; exit 1; }

find_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && { echo "$dir"; return; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
  die "no PostgreSQL server binaries found (apt-get install postgresql)"
}

# PostgreSQL refuses to run as root, so root runs it as the postgres user.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  [[ -f "$state/url" ]] && die "already running at $(cat "$state/url") (state $state)"
  local bindir
  bindir=$(find_bindir)
  mkdir -p "$state"
  chmod 755 "$state"
  local data="$state/data"
  mkdir -p "$data"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$state" "$data"
  as_owner "$bindir/initdb" -D "$data" -U "$role" -A trust -E UTF8 \
    --no-sync >"$state/initdb.log" 2>&1 || {
    cat "$state/initdb.log" >&2
    die "initdb failed"
  }

  local port
  for port in $(seq 55432 55531); do
    if as_owner "$bindir/pg_ctl" -D "$data" -l "$state/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$state -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null 2>&1; then
      local url="postgresql://$role@127.0.0.1:$port/$database"
      as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$role" "$database" ||
        { stop; die "createdb failed"; }
      echo "$bindir" >"$state/bindir"
      echo "$url" >"$state/url"
      echo "$url"
      return
    fi
    # Only a taken port is worth another try; anything else is a real failure.
    grep -q "could not bind\|Address already in use\|could not create any TCP/IP" \
      "$state/server.log" 2>/dev/null || {
      cat "$state/server.log" >&2 2>/dev/null || true
      rm -rf "$state"
      die "the server did not start"
    }
    : >"$state/server.log"
  done
  rm -rf "$state"
  die "no free port in 55432-55531"
}

stop() {
  [[ -d "$state" ]] || return 0
  if [[ -d "$state/data" ]]; then
    local bindir
    bindir=$(cat "$state/bindir" 2>/dev/null || find_bindir)
    as_owner "$bindir/pg_ctl" -D "$state/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$state"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) [[ -f "$state/url" ]] && cat "$state/url" || die "not running (state $state)" ;;
  *) die "usage: $0 start|stop|url" ;;
esac
