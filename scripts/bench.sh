#!/usr/bin/env bash
# Runs the benchmarks: `python -m bench` with the arguments given (see --help). Installs
# what it needs, starts a dedicated local Neo4j (.neo4j/bench on NEO4J_BENCH_PORT, default
# 7689, with NEO4J_HEAP=4g, NEO4J_PAGECACHE_MB=3072, NEO4J_KEEPALIVE_SECONDS=10 and
# NEO4J_TRANSACTION_TIMEOUT_SECONDS=1800 unless set) unless NEO4J_URI is set, and stops
# it at the end. The bench database is reused across runs of the same data set.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

ensure_python requirements-dev.txt
if [[ -z "${NEO4J_URI:-}" ]]; then
  # Measure Neo4j itself, without the start-up gate's relay in front of Bolt.
  export NEO4J_BOLT_MODE="${NEO4J_BOLT_MODE:-direct}"
  export NEO4J_HEAP="${NEO4J_HEAP:-4g}" NEO4J_PAGECACHE_MB="${NEO4J_PAGECACHE_MB:-3072}"
  # The drivers give a connection up after 2 keep-alive periods without a byte. The test
  # servers' 1 s period drops the loader's 10,000-row batches when the machine is busy (a
  # CPU-starved or GC-paused server is silent for more than 2 s); 10 s keeps them.
  export NEO4J_KEEPALIVE_SECONDS="${NEO4J_KEEPALIVE_SECONDS:-10}"
  # The network index's build reads the whole graph in one read transaction; at 100k
  # members on a busy shared machine it ran past the test servers' 5 minutes.
  export NEO4J_TRANSACTION_TIMEOUT_SECONDS="${NEO4J_TRANSACTION_TIMEOUT_SECONDS:-1800}"
fi
start_local_neo4j bench "${NEO4J_BENCH_PORT:-7689}"

"$PY" -m bench "$@"
