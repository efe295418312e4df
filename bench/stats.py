"""Timing and summaries: latency percentiles in milliseconds."""
from __future__ import annotations

import gc
import time
from typing import Callable, Sequence

import numpy as np


def summarise(seconds: Sequence[float]) -> dict:
    """Count, p50, p95, p99, max and mean of ``seconds``, in milliseconds (numpy's linear
    interpolation between ranks)."""
    ms = np.asarray(seconds, dtype=float) * 1000.0
    p50, p95, p99 = np.percentile(ms, [50, 95, 99])
    return {"n": int(len(ms)), "p50": round(float(p50), 3), "p95": round(float(p95), 3),
            "p99": round(float(p99), 3), "max": round(float(ms.max()), 3),
            "mean": round(float(ms.mean()), 3)}


def settle() -> None:
    """Move every object alive now out of the garbage collector's reach. The baselines'
    graphs are tens of millions of Python objects; a full collection walking them takes
    ~0.4 s, which otherwise lands in whichever timed call triggers it (any variant's p99,
    or a Python phase such as Q3's parsing)."""
    gc.collect()
    gc.freeze()


def time_calls(call: Callable, argument_lists: Sequence[tuple]) -> list[float]:
    """Wall-clock seconds of ``call(*args)`` for each argument tuple, one after another
    (after ``settle()``)."""
    settle()
    timings = []
    for args in argument_lists:
        started = time.perf_counter()
        call(*args)
        timings.append(time.perf_counter() - started)
    return timings


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator rounded for a table, None when undefined."""
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 1 if numerator / denominator >= 10 else 2)
