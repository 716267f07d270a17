"""Figures of one run: requests/s and latency percentiles (pure; no I/O)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` in 0..1) of ``values``: the smallest value
    with at least that fraction of the values at or below it; 0.0 for no values."""
    if not 0 <= fraction <= 1:
        raise ValueError("fraction must be between 0 and 1")
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Summary:
    """One request driven at one concurrency: latencies in milliseconds."""

    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_bytes: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def summarise(
    latencies_s: Sequence[float], *, errors: int, seconds: float, total_bytes: int = 0
) -> Summary:
    """Summary of a run: ``latencies_s`` of every answered request (errors included: an error
    answered fast still took a worker's time), ``seconds`` the wall time of the whole run."""
    count = len(latencies_s)
    ms = [value * 1000 for value in latencies_s]
    return Summary(
        requests=count,
        errors=errors,
        seconds=round(seconds, 3),
        rps=round(count / seconds, 1) if seconds > 0 else 0.0,
        p50_ms=round(percentile(ms, 0.50), 1),
        p95_ms=round(percentile(ms, 0.95), 1),
        p99_ms=round(percentile(ms, 0.99), 1),
        mean_bytes=total_bytes // count if count else 0,
    )
