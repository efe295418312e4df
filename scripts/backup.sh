#!/usr/bin/env bash
# A consistent copy of a local Neo4j (scripts/neo4j.sh), and restoring one.
#
#   scripts/backup.sh dump [NAME [PORT]]           -> backups/neo4j-NAME-<UTC time>.tar.gz
#   scripts/backup.sh restore FILE [NAME [PORT]]
#
# NAME defaults to "dev" and PORT to NEO4J_LOCAL_PORT or 7687 (the server scripts/run.sh
# starts). Neo4j Community has no online
# backup, so this is an offline one: the server is stopped cleanly (its shutdown writes a
# checkpoint, so the store files on disk are consistent), the store is archived, and the
# server is started again; meanwhile the app answers 503 and recovers by itself. A
# maintenance file tells scripts/run.sh not to restart Neo4j while this runs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cmd="${1:-}"; shift || true

case "$cmd" in
  dump)
    name="${1:-dev}"; port="${2:-${NEO4J_LOCAL_PORT:-7687}}"; home="$root/.neo4j/$name"
    [[ -d "$home/db" ]] || { echo "backup: no store at $home/db" >&2; exit 1; }
    mkdir -p "$root/backups"
    target="$root/backups/neo4j-$name-$(date -u +%Y%m%dT%H%M%SZ).tar.gz"
    was_running=0
    "$root/scripts/neo4j.sh" status "$name" >/dev/null 2>&1 && was_running=1
    touch "$home/maintenance"
    trap 'rm -f "$home/maintenance"' EXIT
    "$root/scripts/neo4j.sh" stop "$name"
    tar -C "$home" -czf "$target" db
    if (( was_running )); then
      "$root/scripts/neo4j.sh" start "$name" "$port"
    fi
    echo "backup: wrote $target" >&2
    ;;
  restore)
    file="${1:?usage: backup.sh restore FILE [NAME [PORT]]}"; name="${2:-dev}"
    port="${3:-${NEO4J_LOCAL_PORT:-7687}}"; home="$root/.neo4j/$name"
    [[ -f "$file" ]] || { echo "backup: no such file $file" >&2; exit 1; }
    tar -tzf "$file" db/ >/dev/null  # refuse anything that is not one of our archives
    mkdir -p "$home"
    touch "$home/maintenance"
    trap 'rm -f "$home/maintenance"' EXIT
    "$root/scripts/neo4j.sh" stop "$name"
    if [[ -d "$home/db" ]]; then
      aside="$home/db.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
      mv "$home/db" "$aside"
      echo "backup: the previous store is kept at $aside" >&2
    fi
    tar -C "$home" -xzf "$file"
    "$root/scripts/neo4j.sh" start "$name" "$port"
    echo "backup: restored $file into .neo4j/$name" >&2
    ;;
  *)
    echo "usage: $0 dump [NAME [PORT]] | restore FILE [NAME [PORT]]" >&2; exit 2 ;;
esac
