"""A small closed-loop load generator: ``concurrency`` threads, each sending one request at a
time until ``requests`` have been sent, every request on a new connection.

Why not locust: its gevent workers and statistics cost more CPU than the server pages on two
cores shared with PostgreSQL and gunicorn, and it is not installed; and gunicorn's sync workers
close the connection after each answer anyway (no keep-alive), so a client needs no more than a
socket, one ``sendall`` and reads until the server closes. Threads spend their time blocked in
the kernel (the GIL is released), so the generator's own cost is a few tens of microseconds a
request. An answer other than 200, or no answer, counts as an error.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field

from bench.stats import Summary, summarise

TIMEOUT_S = 30.0


@dataclass
class _Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    bytes: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


def request_bytes(host: str, port: int, path: str) -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: alliance-portal-bench\r\n"
        "Accept: */*\r\nConnection: close\r\n\r\n"
    ).encode("ascii")


def fetch(host: str, port: int, raw_request: bytes) -> tuple[int, int]:
    """One request on a new connection: (status, bytes received); status 0 when the answer
    is not HTTP."""
    with socket.create_connection((host, port), timeout=TIMEOUT_S) as sock:
        sock.sendall(raw_request)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    data = b"".join(chunks)
    try:
        status = int(data.split(b" ", 2)[1])
    except (IndexError, ValueError):
        status = 0
    return status, len(data)


def run(host: str, port: int, path: str, *, requests: int, concurrency: int) -> Summary:
    """Send ``requests`` GETs of ``path`` with ``concurrency`` in flight; their summary."""
    raw_request = request_bytes(host, port, path)
    remaining = [requests]
    lock = threading.Lock()
    tallies = [_Tally() for _ in range(concurrency)]

    def worker(tally: _Tally) -> None:
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            started = time.perf_counter()
            try:
                status, size = fetch(host, port, raw_request)
            except OSError:
                status, size = 0, 0
            tally.latencies.append(time.perf_counter() - started)
            tally.bytes += size
            tally.statuses[status] = tally.statuses.get(status, 0) + 1
            if status != 200:
                tally.errors += 1

    threads = [threading.Thread(target=worker, args=(tally,), daemon=True) for tally in tallies]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return summarise(
        [value for tally in tallies for value in tally.latencies],
        errors=sum(tally.errors for tally in tallies),
        seconds=elapsed,
        total_bytes=sum(tally.bytes for tally in tallies),
    )
