"""No Docker engine runs here, so the compose stack is checked by reading it: every service the
production-like stack needs exists, and each command names modules and settings that exist."""

from __future__ import annotations

import importlib
import importlib.util
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _module_exists(dotted: str) -> bool:
    return importlib.util.find_spec(dotted) is not None


def test_compose_has_the_production_like_services(compose: dict) -> None:
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(compose["services"])
    for name in ("web", "worker", "beat", "migrate"):
        assert compose["services"][name]["build"] == "."


def test_every_app_service_uses_existing_production_settings(compose: dict) -> None:
    for name in ("web", "worker", "beat", "migrate"):
        environment = compose["services"][name]["environment"]
        settings_module = environment["DJANGO_SETTINGS_MODULE"]
        assert _module_exists(settings_module), settings_module
        assert settings_module.endswith(".production")
        assert "${DJANGO_SECRET_KEY:?" in environment["DJANGO_SECRET_KEY"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["REDIS_URL"].startswith("redis://redis:")


def test_web_runs_gunicorn_on_our_wsgi_application(compose: dict) -> None:
    command = compose["services"]["web"]["command"]
    assert command[0] == "gunicorn"
    module, attribute = command[1].split(":")
    assert hasattr(importlib.import_module(module), attribute)


@pytest.mark.parametrize("service", ["worker", "beat"])
def test_celery_services_name_our_celery_app(compose: dict, service: str) -> None:
    command = compose["services"][service]["command"]
    assert command[:3] == ["celery", "-A", "alliance_portal"]
    assert command[3] == service
    from celery import Celery

    assert isinstance(importlib.import_module("alliance_portal").celery_app, Celery)


def test_migrate_runs_django_migrate_then_grants_the_app_role(compose: dict) -> None:
    command = compose["services"]["migrate"]["command"]
    assert command[:2] == ["sh", "-c"]
    assert command[2] == (
        "python manage.py migrate --no-input && python manage.py grant_app_role --role portal_app"
    )


def _database_user(url: str) -> str:
    return url.removeprefix("postgres://").split(":", 1)[0]


def test_only_migrate_connects_as_the_owner(compose: dict) -> None:
    """The app role owns nothing, so web, worker and beat cannot switch a trigger off; they
    are not even given the owner's password."""
    owner = compose["services"]["postgres"]["environment"]["POSTGRES_USER"]
    migrate = compose["services"]["migrate"]["environment"]
    assert _database_user(migrate["DATABASE_URL"]) == owner
    assert "${APP_DB_PASSWORD:?" in migrate["APP_DB_PASSWORD"]
    for name in ("web", "worker", "beat"):
        environment = compose["services"][name]["environment"]
        assert _database_user(environment["DATABASE_URL"]) == "portal_app"
        assert "${APP_DB_PASSWORD:?" in environment["DATABASE_URL"]
        assert not any("POSTGRES_PASSWORD" in value for value in environment.values())
        assert "${PORTAL_BASE_URL:?" in environment["PORTAL_BASE_URL"]


def test_dockerfile_copies_only_paths_that_exist() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    for sources in re.findall(r"^COPY (.+) \S+$", dockerfile, flags=re.MULTILINE):
        for source in sources.split():
            assert (ROOT / source).exists(), source
    assert "alliance_portal.wsgi:application" in dockerfile
