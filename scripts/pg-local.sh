#!/usr/bin/env bash
# A throw-away PostgreSQL from the Debian package, no docker: used by the tests
# (tests/helpers/postgres.ts) and by docs/operations.md "PostgreSQL" for a local run.
#
#   scripts/pg-local.sh start DIR [PORT]   initdb into DIR/data, start on 127.0.0.1:PORT (default:
#                                          a free port) with its unix socket in DIR; prints the
#                                          DATABASE_URL of database "tavlen" (created) on stdout
#   scripts/pg-local.sh stop DIR           fast shutdown (the data stays in DIR)
#   scripts/pg-local.sh destroy DIR        stop and delete DIR
#
# initdb refuses to run as root, so as root (CI) the server runs as the `postgres` user the
# Debian package creates, and DIR is handed to it. Extra server settings: PG_LOCAL_OPTS.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[[ -n $cmd && -n $dir ]] || { echo "usage: $0 start|stop|destroy DIR [PORT]" >&2; exit 2; }

bindir=${PG_BIN:-}
if [[ -z $bindir ]]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [[ -z $bindir || ! -x $bindir/initdb ]]; then
  echo "pg-local: no PostgreSQL binaries (install the Debian package postgresql, or set PG_BIN)" >&2
  exit 3
fi

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $cmd in
  start)
    port=${3:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
    chmod 700 "$dir"
    if [[ ! -f $dir/data/PG_VERSION ]]; then
      as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    # Small and quick, but durable: fsync and synchronous_commit stay on.
    opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir"
    opts+=" -c shared_buffers=16MB -c max_connections=100 -c fsync=on -c synchronous_commit=on"
    opts+=" ${PG_LOCAL_OPTS:-}"
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$opts" -w -t 60 start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bindir/psql" -h "$dir" -p "$port" -U postgres -d postgres -qAt \
      -c "SELECT 1 FROM pg_database WHERE datname = 'tavlen'" | grep -q 1 \
      || as_owner "$bindir/createdb" -h "$dir" -p "$port" -U postgres tavlen
    echo "postgres://postgres@127.0.0.1:$port/tavlen"
    ;;
  stop)
    if [[ -f $dir/data/postmaster.pid ]]; then as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; fi
    ;;
  destroy)
    [[ -f $dir/data/postmaster.pid ]] && as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop|destroy DIR [PORT]" >&2
    exit 2
    ;;
esac
