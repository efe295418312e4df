#!/usr/bin/env bash
# Runs the app on http://127.0.0.1:${PORT:-5000}: installs what it needs, starts the local
# Neo4j unless NEO4J_URI is set, applies the schema, loads demo data into an empty
# database, then serves with gunicorn until Ctrl-C (which also stops the local Neo4j).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

ensure_python requirements.txt
start_local_neo4j dev "${NEO4J_LOCAL_PORT:-7687}"

# A stable development secret, so restarts keep people logged in; deployments set SECRET_KEY.
if [[ -z "${SECRET_KEY:-}" ]]; then
  mkdir -p .neo4j
  [[ -f .neo4j/secret_key ]] || "$PY" -c 'import secrets; print(secrets.token_hex(32))' > .neo4j/secret_key
  SECRET_KEY="$(cat .neo4j/secret_key)"
  export SECRET_KEY
fi

export FLASK_APP="recruit:create_app"  # the CLI needs no start-up schema run; wsgi.py is for serving
"$ROOT/.venv/bin/flask" init-db
"$ROOT/.venv/bin/flask" load-demo --if-empty

echo "Serving on http://127.0.0.1:${PORT:-5000} (Ctrl-C to stop)" >&2
"$ROOT/.venv/bin/gunicorn" --bind "127.0.0.1:${PORT:-5000}" --workers "${WEB_WORKERS:-2}" \
    --access-logfile - wsgi:app &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; stop_local_neo4j' EXIT
wait $server
