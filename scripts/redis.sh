#!/usr/bin/env bash
# Local Redis (Debian's redis-server package), like scripts/neo4j.sh for Neo4j.
#
#   scripts/redis.sh start NAME PORT   start on 127.0.0.1:PORT, wait until it answers
#   scripts/redis.sh stop NAME         SIGTERM (Redis writes its data), wait
#   scripts/redis.sh status NAME
#
# NAME picks the folder under .redis/ (data, log, pid). The append-only file is on
# (fsync every second), so a killed Redis keeps the queued tasks it had acknowledged
# more than a second before.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="$root/.redis"
server="${REDIS_SERVER:-/usr/bin/redis-server}"
# shellcheck source=lib/service.sh
source "$root/scripts/lib/service.sh"

answers() {  # true once Redis on 127.0.0.1:$1 answers PING
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'PING\r\n' >&3
    reply=""
    read -r -t 1 reply <&3 || true
    [[ "$reply" == +PONG* ]]
  ) 2>/dev/null
}

install_server() {
  # Debian's redis-server, installed on first use where we may (root with apt); anywhere
  # else, say what to install.
  if [[ "$server" == /usr/bin/redis-server && "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "redis: installing Debian's redis-server..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >&2
    # The package starts a system-wide server on 6379; ours run on their own ports.
    command -v systemctl >/dev/null && systemctl disable --now redis-server >/dev/null 2>&1 || true
    command -v service >/dev/null && service redis-server stop >/dev/null 2>&1 || true
    true
  fi
  [[ -x "$server" ]] || { echo "redis: $server is missing (apt-get install redis-server)" >&2; return 1; }
}

start() {
  local name="$1" port="$2" home="$base/$1" ready=0
  mkdir -p "$home"
  service_may_start "redis[$name]" "$home" "$port" || ready=$?
  (( ready == 1 )) && return 0
  (( ready == 2 )) && return 1
  [[ -x "$server" ]] || install_server || return 1
  nohup "$server" --bind 127.0.0.1 --port "$port" --dir "$home" --daemonize no \
      --appendonly yes --appendfsync everysec --save "" --protected-mode yes \
      > "$home/redis.log" 2>&1 < /dev/null &
  echo $! > "$home/pid"
  for _ in $(seq 1 100); do
    if answers "$port"; then
      echo "redis[$name]: ready on redis://127.0.0.1:$port" >&2
      return 0
    fi
    if ! kill -0 "$(cat "$home/pid")" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "redis[$name]: failed to start; last lines of $home/redis.log:" >&2
  tail -n 20 "$home/redis.log" >&2
  return 1
}

stop() {
  service_stop "redis[$1]" "$base/$1" 10
}

service_main "$@"
