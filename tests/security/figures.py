"""Figures for ``make security-report``, recorded by the tests that measure them.

A test that measures something the report prints calls ``record("matrix.cells", 412)``. Under
``make security-report`` (``SECURITY_FIGURES_DIR`` set) each call appends one JSON line to a
file of that process's own (xdist workers write side by side); ``tools/security_report.py``
adds up the lines of each key and prints them. In a plain ``make test`` nothing is written:
the same tests still assert what the figures must be (0 leaks, 0 5xx, ...), so the figure and
the assertion come from one measurement.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def record(key: str, value: int) -> None:
    """Add ``value`` to the figure ``key`` (figures of the same key from several tests add up)."""
    directory = os.environ.get("SECURITY_FIGURES_DIR")
    if not directory:
        return
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with (path / f"{worker}-{os.getpid()}.jsonl").open("a", encoding="utf-8") as out:
        out.write(json.dumps({"key": key, "value": int(value)}) + "\n")
