#!/usr/bin/env bash
# Runs the whole test suite against a real Neo4j and Redis: installs what it needs, starts
# a dedicated local test Neo4j (port 7688, its own data folder) unless NEO4J_URI is set
# and a test Redis (port 6380, .redis/test) unless REDIS_URL is set, runs pytest (extra
# arguments are passed on), then stops them. The browser journeys need Chromium and
# axe-core: installed here when missing (scripts/setup.sh, ensure_browser_tools).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

ensure_python requirements-dev.txt
compile_translations
ensure_browser_tools
start_local_neo4j test "${NEO4J_TEST_PORT:-7688}"
start_local_redis test "${REDIS_TEST_PORT:-6380}"

"$PY" -m pytest "$@"
