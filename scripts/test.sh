#!/usr/bin/env bash
# Runs the whole test suite against a real Neo4j: installs what it needs, starts a
# dedicated local test Neo4j (port 7688, its own data folder) unless NEO4J_URI is set,
# runs pytest (extra arguments are passed on), then stops Neo4j.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

ensure_python requirements-dev.txt
start_local_neo4j test "${NEO4J_TEST_PORT:-7688}"

"$PY" -m pytest "$@"
