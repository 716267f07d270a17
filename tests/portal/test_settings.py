from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from alliance_portal.settings.env import database_config, redis_py_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SECRET_KEY": "x" * 20 + "-production-like-key-with-enough-entropy-0123456789",
    "DATABASE_URL": "postgres://portal:pw@db.internal:5432/portal",
    "ALLOWED_HOSTS": "portal.example.org",
    "PORTAL_BASE_URL": "https://portal.example.org",
}


def _manage(env_overrides: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE belongs to the test process only.
        if key not in {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update({"DJANGO_SETTINGS_MODULE": "alliance_portal.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION))
def test_production_refuses_to_start_without_each_required_variable(missing: str) -> None:
    env = {key: value for key, value in PRODUCTION.items() if key != missing}
    result = _manage(env, "check")
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_production_deploy_check_prints_nothing() -> None:
    result = _manage(PRODUCTION, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert result.stderr == ""
    assert result.stdout.strip() in {"", "System check identified no issues (0 silenced)."}


def test_importing_settings_starts_no_server() -> None:
    # DATABASE_URL unset: settings fall back to a URL, they never start an embedded server.
    code = (
        "import os, psutil; os.environ.pop('DATABASE_URL', None); os.environ.pop('REDIS_URL', None);"
        "import django; os.environ['DJANGO_SETTINGS_MODULE']='alliance_portal.settings.local';"
        "django.setup(); print(len(psutil.Process().children(recursive=True)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"


def test_database_url_with_a_unix_socket_directory() -> None:
    assert database_config("postgres://postgres@/portal?host=/run/pg")["HOST"] == "/run/pg"
    assert database_config("postgres://postgres@%2Frun%2Fpg/portal")["HOST"] == "/run/pg"
    config = database_config("postgres://user:pw@db:5433/portal")
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db", 5433, "portal")


def test_redis_socket_url_is_spelled_for_redis_py() -> None:
    assert redis_py_url("redis+socket:///tmp/r.sock") == "unix:///tmp/r.sock"
    assert redis_py_url("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0"
