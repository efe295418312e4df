#!/usr/bin/env bash
# Runs the service on http://127.0.0.1:${PORT:-5000} and keeps it running: installs what
# it needs, starts the local Neo4j and Redis unless NEO4J_URI / REDIS_URL are set, applies
# the schema (waiting for Neo4j with back-off), loads demo data into an empty database,
# then starts gunicorn and the background worker (Huey consumer: queue and scheduler) and
# supervises them all:
#   - a local Neo4j or Redis that dies is started again (the app answers 503 meanwhile);
#   - gunicorn or the worker that exits is started again, with a growing pause if it keeps
#     failing; an app failure never stops Neo4j or Redis.
# Only Ctrl-C (or SIGTERM) stops everything, the local Neo4j and Redis included.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

ensure_python requirements.txt
compile_translations
start_local_neo4j dev "${NEO4J_LOCAL_PORT:-7687}"
start_local_redis dev "${REDIS_LOCAL_PORT:-6379}"

# A stable development secret, so restarts keep people logged in; deployments set SECRET_KEY.
if [[ -z "${SECRET_KEY:-}" ]]; then
  mkdir -p .neo4j
  [[ -f .neo4j/secret_key ]] || "$PY" -c 'import secrets; print(secrets.token_hex(32))' > .neo4j/secret_key
  SECRET_KEY="$(cat .neo4j/secret_key)"
  export SECRET_KEY
fi

export FLASK_APP="recruit:create_app"
# The one place the schema is applied before serving; workers never touch the database
# at boot, so a Neo4j outage cannot stop them from starting.
"$ROOT/.venv/bin/flask" init-db --wait "${SCHEMA_WAIT_SECONDS:-300}"
"$ROOT/.venv/bin/flask" load-demo --if-empty

log() { echo "run.sh: $*" >&2; }

start_web() {
  "$ROOT/.venv/bin/gunicorn" --bind "127.0.0.1:${PORT:-5000}" --workers "${WEB_WORKERS:-2}" \
      --timeout "${WEB_TIMEOUT:-30}" --access-logfile - wsgi:app &
  web_pid=$!
}

start_worker() {
  # Threads: tasks wait on SMTP and Neo4j, not on the CPU. The scheduler runs inside.
  # --flush-locks: a worker killed inside a locked task must not block that task forever.
  "$ROOT/.venv/bin/huey_consumer" recruit.tasks.worker.huey --workers "${TASK_WORKERS:-2}" \
      --worker-type thread --flush-locks &
  worker_pid=$!
}

stop_all() {
  trap - INT TERM
  log "stopping"
  kill -TERM "${web_pid:-}" "${worker_pid:-}" 2>/dev/null || true
  wait "${web_pid:-}" "${worker_pid:-}" 2>/dev/null || true
  stop_local_services
}
trap 'stop_all' EXIT
trap 'exit 130' INT TERM

start_web
start_worker
echo "Serving on http://127.0.0.1:${PORT:-5000} (Ctrl-C to stop)" >&2

web_pause=1
worker_pause=1
while true; do
  sleep 2
  # scripts/backup.sh stops Neo4j on purpose and leaves a maintenance file meanwhile.
  if [[ -n "${LOCAL_NEO4J:-}" && ! -f "$ROOT/.neo4j/$LOCAL_NEO4J/maintenance" ]] \
      && ! "$ROOT/scripts/neo4j.sh" status "$LOCAL_NEO4J" >/dev/null; then
    log "Neo4j is down; starting it again"
    "$ROOT/scripts/neo4j.sh" start "$LOCAL_NEO4J" "$LOCAL_NEO4J_PORT" || log "Neo4j did not start; retrying"
  fi
  if [[ -n "${LOCAL_REDIS:-}" ]] && ! "$ROOT/scripts/redis.sh" status "$LOCAL_REDIS" >/dev/null; then
    log "Redis is down; starting it again"
    "$ROOT/scripts/redis.sh" start "$LOCAL_REDIS" "$LOCAL_REDIS_PORT" || log "Redis did not start; retrying"
  fi
  if ! kill -0 "$web_pid" 2>/dev/null; then
    wait "$web_pid" 2>/dev/null || true
    log "gunicorn exited; starting it again in ${web_pause} s"
    sleep "$web_pause"; web_pause=$(( web_pause < 30 ? web_pause * 2 : 30 ))
    start_web
  else
    web_pause=1
  fi
  if ! kill -0 "$worker_pid" 2>/dev/null; then
    wait "$worker_pid" 2>/dev/null || true
    log "the background worker exited; starting it again in ${worker_pause} s"
    sleep "$worker_pause"; worker_pause=$(( worker_pause < 30 ? worker_pause * 2 : 30 ))
    start_worker
  else
    worker_pause=1
  fi
done
