"""Benchmarks: a seeded social graph at scale, the app's hot graph operations measured on
Neo4j, side by side with in-process baselines (networkx and a numpy/scipy CSR adjacency).

Run ``python -m bench --help`` (or ``bash scripts/bench.sh``). Never run by the test suite;
``tests/test_bench_generator.py`` checks the generator and the baselines at a tiny size.
"""
