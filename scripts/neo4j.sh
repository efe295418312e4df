#!/usr/bin/env bash
# Local Neo4j Community server, fetched from Maven Central and run without Docker.
#
#   scripts/neo4j.sh start NAME PORT   fetch jars if needed, start, wait for Bolt
#   scripts/neo4j.sh stop NAME         SIGTERM, wait for a clean shutdown
#   scripts/neo4j.sh status NAME
#
# NAME picks the instance folder under .neo4j/ (e.g. "dev" or "test"): each has its own
# data, log and pid file, so the test suite never touches development data.
# Memory is explicit: NEO4J_HEAP (default 1g) and NEO4J_PAGECACHE_MB (default 512).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="$root/.neo4j"
lib="$base/lib"
heap="${NEO4J_HEAP:-1g}"
pagecache_mb="${NEO4J_PAGECACHE_MB:-512}"
# gate: the port opens once the database answers (see Launcher.java); direct: no relay.
bolt_mode="${NEO4J_BOLT_MODE:-gate}"
# shellcheck source=lib/service.sh
source "$root/scripts/lib/service.sh"

fetch_jars() {
  # The pom pins the version; a stamp file makes re-runs free.
  local stamp="$lib/.pom.sha"
  local want
  want="$(sha1sum "$root/neo4j-local/pom.xml" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then return; fi
  echo "neo4j: fetching Neo4j Community jars from Maven Central..." >&2
  rm -rf "$lib" && mkdir -p "$lib"
  mvn -q -B -f "$root/neo4j-local/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$lib" -DincludeScope=runtime >&2
  echo "$want" > "$stamp"
}

start() {
  local name="$1" port="$2" home="$base/$1" ready=0
  mkdir -p "$home"
  service_may_start "neo4j[$name]" "$home" "$port" || ready=$?
  (( ready == 1 )) && return 0
  (( ready == 2 )) && return 1
  fetch_jars
  command -v java >/dev/null || { echo "neo4j: java is not installed" >&2; return 1; }
  # Single-file source launch: no build step, the JDK compiles Launcher.java in memory.
  nohup java "-Xms$heap" "-Xmx$heap" -XX:+UseG1GC -cp "$lib/*" \
      "$root/neo4j-local/Launcher.java" "$home/db" "$port" "$pagecache_mb" "$bolt_mode" \
      > "$home/console.log" 2>&1 < /dev/null &
  echo $! > "$home/pid"
  local started=$SECONDS
  until port_accepts "$port"; do
    if ! kill -0 "$(cat "$home/pid")" 2>/dev/null; then
      echo "neo4j[$name]: failed to start; last lines of $home/console.log:" >&2
      tail -n 40 "$home/console.log" >&2
      rm -f "$home/pid"
      return 1
    fi
    if (( SECONDS - started > 180 )); then
      echo "neo4j[$name]: Bolt did not open within 180 s" >&2
      stop "$name"
      return 1
    fi
    sleep 0.5
  done
  echo "neo4j[$name]: ready on bolt://127.0.0.1:$port in $((SECONDS - started)) s" >&2
}

stop() {
  # The JVM's shutdown hook checkpoints the store; give it time before insisting.
  service_stop "neo4j[$1]" "$base/$1" 60
}

service_main "$@"
