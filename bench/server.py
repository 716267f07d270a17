"""gunicorn on loopback for one run: the portal or the raw baseline, the same settings."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.loadgen import fetch, request_bytes

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent
STATIC_ROOT = ROOT / ".data" / "bench-static"


def default_workers(cores: int | None = None) -> int:
    """Sync workers for ``cores`` shared with PostgreSQL and the load generator: one a core
    (at least two, so one slow request does not stall the other). Measured here: 2-3 sync
    workers with persistent connections beat more workers, gthread and ASGI workers."""
    return max(2, cores or os.cpu_count() or 1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def site_environment(port: int) -> dict[str, str]:
    """The environment of the bench's Django processes: production settings (bench.settings),
    DEBUG off, a secret generated per run, persistent database connections."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        PORTAL_BASE_URL=f"http://{HOST}:{port}",
        # Plain HTTP on loopback: no redirect to https (TLS ends at the proxy in production).
        SECURE_SSL_REDIRECT="False",
        DATABASE_CONN_MAX_AGE="600",
        STATIC_ROOT=str(STATIC_ROOT),
        LOG_LEVEL="WARNING",
    )
    env.pop("DJANGO_DEBUG", None)
    return env


@dataclass(frozen=True)
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]


def collectstatic(env: dict[str, str]) -> None:
    """The production storage needs its manifest: collect the static files once per run."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


@contextmanager
def gunicorn(
    name: str, app: str, *, workers: int, env: dict[str, str], probe: str = "/"
) -> Iterator[Server]:
    """Serve the WSGI ``app`` under gunicorn sync workers on a free loopback port until the
    block ends; waits until ``probe`` answers (any HTTP status)."""
    port = free_port()
    env = {**env, "PORTAL_BASE_URL": f"http://{HOST}:{port}"}
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--backlog=256",
        "--timeout=120",
        "--log-level=warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        _wait_until_answering(port, probe, process)
        yield Server(name, port, process)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_answering(port: int, probe: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before answering")
        try:
            status, _size = fetch(HOST, port, request_bytes(HOST, port, probe))
        except OSError:
            time.sleep(0.2)
            continue
        if status:
            return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port} within 90 s")
