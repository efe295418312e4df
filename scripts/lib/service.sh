# Shared by scripts/neo4j.sh and scripts/redis.sh: a local service is a process whose pid
# is kept in "$home/pid", listening on 127.0.0.1. Sourced, not run.

service_pid_alive() {  # true if "$1/pid" names a running process
  [[ -f "$1/pid" ]] && kill -0 "$(cat "$1/pid")" 2>/dev/null
}

port_accepts() {  # true once something accepts connections on 127.0.0.1:$1
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

service_may_start() {  # LABEL HOME PORT: 0 to go ahead; 1 = already running; 2 = port taken
  local label="$1" home="$2" port="$3"
  if service_pid_alive "$home"; then
    echo "$label: already running (pid $(cat "$home/pid")) on port $port" >&2
    return 1
  fi
  if port_accepts "$port"; then
    echo "$label: port $port is taken by another process" >&2
    return 2
  fi
}

service_stop() {  # LABEL HOME SECONDS: SIGTERM, wait up to SECONDS, then SIGKILL
  local label="$1" home="$2" seconds="$3" pid
  [[ -f "$home/pid" ]] || return 0
  pid="$(cat "$home/pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 $((seconds * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$label: did not stop in $seconds s, killing" >&2
      kill -KILL "$pid" || true
    fi
  fi
  rm -f "$home/pid"
  echo "$label: stopped" >&2
}

service_status() {  # HOME: print running/stopped; exit status 1 when stopped
  if service_pid_alive "$1"; then
    echo "running (pid $(cat "$1/pid"))"
  else
    echo "stopped"; return 1
  fi
}

service_main() {  # the command line both scripts share: start NAME PORT | stop NAME | status NAME
  case "${1:-}" in
    start) start "$2" "$3" ;;
    stop) stop "$2" ;;
    status) service_status "$base/$2" ;;
    *) echo "usage: $0 start NAME PORT | stop NAME | status NAME" >&2; exit 2 ;;
  esac
}
