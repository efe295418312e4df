# Shared set-up for scripts/run.sh and scripts/test.sh (sourced, not run).
# Creates .venv and installs the pinned requirements when they change; provides
# start_local_neo4j and start_local_redis, which start the repository's Neo4j and Redis
# unless NEO4J_URI / REDIS_URL are set, and stop them when the calling script exits.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"

ensure_python() {
  local requirements="$1" stamp="$ROOT/.venv/.requirements.sha"
  local want
  want="$(cat requirements.txt "$requirements" | sha1sum | cut -d' ' -f1)"
  if [[ ! -x "$PY" ]]; then
    echo "setup: creating .venv" >&2
    python3 -m venv "$ROOT/.venv"
  fi
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    echo "setup: installing Python packages from $requirements" >&2
    "$PY" -m pip install --quiet --upgrade pip >&2
    "$PY" -m pip install --quiet -r "$requirements" >&2
    echo "$want" > "$stamp"
  fi
}

# compile_translations: build the .mo catalogues from the committed .po files (docs/i18n.md);
# cheap, so run every time rather than tracking stamps.
compile_translations() {
  PYBABEL="$ROOT/.venv/bin/pybabel" "$ROOT/scripts/i18n.sh" compile
}

# The browser tests (tests/test_browser_journeys.py) drive Debian's Chromium with
# Playwright and inject axe-core. Playwright must never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
AXE_CORE_VERSION="4.14.1"
BROWSER_DEPS="$ROOT/.browser-deps"

# ensure_browser_tools: Chromium from Debian's packages when /usr/bin/chromium (or
# CHROMIUM_PATH) is missing, a CJK font when there is none, and the pinned axe-core from npm into .browser-deps/
# (git-ignored) when it is missing or another version.
ensure_browser_tools() {
  local chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [[ ! -x "$chromium" ]]; then
    echo "setup: installing Debian's chromium for the browser tests" >&2
    command -v apt-get >/dev/null || { echo "setup: no $chromium and no apt-get" >&2; return 1; }
    local sudo=""; (( EUID == 0 )) || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
  fi
  # Chinese names must render in the screenshots (Debian's Chromium brings no CJK font).
  if command -v fc-list >/dev/null && [[ -z "$(fc-list :lang=zh family)" ]]; then
    echo "setup: installing fonts-noto-cjk for the browser tests' screenshots" >&2
    local sudo=""; (( EUID == 0 )) || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq fonts-noto-cjk >&2
  fi
  local axe_package="$BROWSER_DEPS/node_modules/axe-core/package.json"
  if [[ ! -f "$axe_package" ]] || ! grep -q "\"version\": \"$AXE_CORE_VERSION\"" "$axe_package"; then
    echo "setup: installing axe-core $AXE_CORE_VERSION from npm into .browser-deps" >&2
    if ! command -v npm >/dev/null; then
      local sudo=""; (( EUID == 0 )) || sudo="sudo"
      $sudo apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >&2
    fi
    mkdir -p "$BROWSER_DEPS"
    npm install --silent --no-save --no-package-lock --no-audit --no-fund \
        --prefix "$BROWSER_DEPS" "axe-core@$AXE_CORE_VERSION" >&2
  fi
}

# start_local_neo4j NAME PORT: unless NEO4J_URI is set, start .neo4j/NAME on PORT, point
# NEO4J_URI at it and stop it when the calling script exits.
start_local_neo4j() {
  if [[ -n "${NEO4J_URI:-}" ]]; then
    echo "setup: using the Neo4j at $NEO4J_URI" >&2
    return
  fi
  "$ROOT/scripts/neo4j.sh" start "$1" "$2"
  export NEO4J_URI="bolt://127.0.0.1:$2"
  LOCAL_NEO4J="$1"
  LOCAL_NEO4J_PORT="$2"
  trap 'stop_local_services' EXIT
  trap 'exit 130' INT TERM
}

# start_local_redis NAME PORT: unless REDIS_URL is set, start .redis/NAME on PORT
# (Debian's redis-server, bound to 127.0.0.1) and point REDIS_URL at it.
start_local_redis() {
  if [[ -n "${REDIS_URL:-}" ]]; then
    echo "setup: using the Redis at ${REDIS_URL%%@*}..." >&2
    return
  fi
  "$ROOT/scripts/redis.sh" start "$1" "$2"
  export REDIS_URL="redis://127.0.0.1:$2/0"
  LOCAL_REDIS="$1"
  LOCAL_REDIS_PORT="$2"
  trap 'stop_local_services' EXIT
  trap 'exit 130' INT TERM
}

stop_local_neo4j() {
  if [[ -n "${LOCAL_NEO4J:-}" ]]; then
    "$ROOT/scripts/neo4j.sh" stop "$LOCAL_NEO4J" || true
  fi
}

stop_local_services() {
  if [[ -n "${LOCAL_REDIS:-}" ]]; then
    "$ROOT/scripts/redis.sh" stop "$LOCAL_REDIS" || true
  fi
  stop_local_neo4j
}
