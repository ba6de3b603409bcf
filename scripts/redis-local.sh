#!/usr/bin/env bash
# A throw-away Redis from the Debian package (redis-server), no docker: used by the tests
# (tests/helpers/redis.ts) and by docs/operations.md for a local run of several nodes.
#
#   scripts/redis-local.sh start DIR [PORT] [persist]   start on 127.0.0.1:PORT (default: a free
#                                          port), data in DIR; "persist" turns on the append-only
#                                          file (fsync every second). Prints the REDIS_URL.
#   scripts/redis-local.sh stop DIR        shut down (SHUTDOWN NOSAVE; the AOF, if any, stays)
#   scripts/redis-local.sh kill DIR        kill -9 (what a crash looks like)
#   scripts/redis-local.sh destroy DIR     kill and delete DIR
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[[ -n $cmd && -n $dir ]] || { echo "usage: $0 start|stop|kill|destroy DIR [PORT] [persist]" >&2; exit 2; }
command -v redis-server >/dev/null || { echo "redis-local: no redis-server (install the Debian package redis-server)" >&2; exit 3; }

pid_of() { [[ -f $dir/redis.pid ]] && cat "$dir/redis.pid" || true; }

case $cmd in
  start)
    port=''
    persist=''
    for arg in "${@:3}"; do
      if [[ $arg == persist ]]; then persist=persist; elif [[ -n $arg ]]; then port=$arg; fi
    done
    [[ -n $port ]] || port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    mkdir -p "$dir"
    aof=no
    [[ $persist == persist ]] && aof=yes
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --daemonize yes \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --save '' \
      --appendonly "$aof" --appendfsync everysec --protected-mode no ${REDIS_LOCAL_OPTS:-}
    for _ in $(seq 1 100); do
      redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && break
      sleep 0.05
    done
    redis-cli -p "$port" ping | grep -q PONG || { cat "$dir/redis.log" >&2; exit 1; }
    echo "$port" >"$dir/port"
    echo "redis://127.0.0.1:$port"
    ;;
  stop)
    port=$(cat "$dir/port" 2>/dev/null || true)
    [[ -n $port ]] && redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
    ;;
  kill)
    pid=$(pid_of)
    [[ -n $pid ]] && kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/redis.pid"
    ;;
  destroy)
    pid=$(pid_of)
    [[ -n $pid ]] && kill -9 "$pid" 2>/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop|kill|destroy DIR [PORT] [persist]" >&2
    exit 2
    ;;
esac
