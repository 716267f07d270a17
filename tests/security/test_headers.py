"""Security headers (issue 14) on every kind of response: HTML pages, the API, the admin,
errors (404, 400, 429) and downloads (exports, a report's PDF and open data, a commitment
letter). Each carries X-Content-Type-Options: nosniff, a Referrer-Policy, X-Frame-Options or a
CSP frame-ancestors, and Cross-Origin-Opener-Policy; a page (HTML) a Content-Security-Policy.
Under production settings, a response over HTTPS carries HSTS as well (checked in a process of
its own, with the settings ``make check-deploy`` uses: the liveness probe, which needs no
collected static files)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client

from alliance_portal.roles import Role
from tests.conftest import World
from tests.security.figures import record

pytestmark = pytest.mark.security

ROOT = Path(__file__).resolve().parents[2]


def missing_headers(response: Any) -> list[str]:
    missing = []
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    if headers.get("X-Content-Type-Options", "").lower() != "nosniff":
        missing.append("X-Content-Type-Options")
    if not headers.get("Referrer-Policy"):
        missing.append("Referrer-Policy")
    if not headers.get("X-Frame-Options") and "frame-ancestors" not in csp:
        missing.append("X-Frame-Options / frame-ancestors")
    if not headers.get("Cross-Origin-Opener-Policy"):
        missing.append("Cross-Origin-Opener-Policy")
    if headers.get("Content-Type", "").startswith("text/html") and not csp:
        missing.append("Content-Security-Policy")
    return missing


def _report(world: World, key: str) -> int:
    return world.extra["governance_reports"][key].pk


def _throttled(client: Client, send: Callable[[], Any]) -> Any:
    caches["throttle"].clear()
    for _ in range(100):
        response = send()
        if response.status_code == 429:
            return response
    raise AssertionError("never throttled")


# (label, role, how to get the response, the status it must have)
REQUESTS: list[tuple[str, Role, Callable[[Client, World], Any], int]] = [
    ("home page", Role.ANONYMOUS, lambda c, w: c.get("/"), 200),
    ("glossary page", Role.MEMBER, lambda c, w: c.get("/glossary/"), 200),
    ("sign-in page", Role.ANONYMOUS, lambda c, w: c.get("/accounts/login/"), 200),
    ("API list", Role.ANONYMOUS, lambda c, w: c.get("/api/v1/chambers/"), 200),
    ("API detail", Role.MEMBER, lambda c, w: c.get("/api/v1/me/"), 200),
    ("API schema", Role.ANONYMOUS, lambda c, w: c.get("/api/schema/"), 200),
    ("API docs", Role.ANONYMOUS, lambda c, w: c.get("/api/docs/"), 200),
    ("admin index", Role.SECRETARIAT, lambda c, w: c.get("/admin/"), 200),
    ("admin sign-in", Role.ANONYMOUS, lambda c, w: c.get("/admin/login/"), 200),
    (
        "admin change list",
        Role.SECRETARIAT,
        lambda c, w: c.get("/admin/members/organisation/"),
        200,
    ),
    ("page 404", Role.ANONYMOUS, lambda c, w: c.get("/no-such-page/"), 404),
    ("API 404", Role.ANONYMOUS, lambda c, w: c.get("/api/v1/chambers/no-such-chamber/"), 404),
    ("page 400 (NUL byte)", Role.ANONYMOUS, lambda c, w: c.get("/countries/%00/"), 400),
    ("API 400", Role.ANONYMOUS, lambda c, w: c.get("/api/v1/organisations/?page_size=x"), 400),
    ("API 403", Role.EXTERNAL_STAKEHOLDER, lambda c, w: c.post("/api/v1/reports/", {}), 403),
    (
        "page 429",
        Role.ANONYMOUS,
        lambda c, w: _throttled(
            c, lambda: c.post("/accounts/password_reset/", {"email": "a@example.org"})
        ),
        429,
    ),
    (
        "API 429",
        Role.ANONYMOUS,
        lambda c, w: _throttled(
            c,
            lambda: c.post(
                "/api/v1/auth/token/",
                {"username": "a@example.org", "password": "x"},
                content_type="application/json",
            ),
        ),
        429,
    ),
    ("glossary CSV export", Role.ANONYMOUS, lambda c, w: c.get("/glossary/export.csv"), 200),
    ("glossary TBX export", Role.ANONYMOUS, lambda c, w: c.get("/glossary/export.tbx"), 200),
    (
        "crosswalk CSV export",
        Role.ANONYMOUS,
        lambda c, w: c.get("/standards/crosswalk/coverage.csv"),
        200,
    ),
    (
        "mapping set JSON export",
        Role.ANONYMOUS,
        lambda c, w: c.get(
            f"/standards/crosswalk/sets/{w.extra['standards']['set'].pk}/mappings.json"
        ),
        200,
    ),
    ("coverage CSV", Role.ANONYMOUS, lambda c, w: c.get("/members/coverage.csv"), 200),
    (
        "report PDF",
        Role.ANONYMOUS,
        lambda c, w: c.get(f"/governance/reports/{_report(w, 'public')}/files/pdf/"),
        200,
    ),
    (
        "report open data",
        Role.ANONYMOUS,
        lambda c, w: c.get(f"/governance/reports/{_report(w, 'public')}/files/zip/"),
        200,
    ),
    (
        "decision canonical JSON",
        Role.ANONYMOUS,
        lambda c, w: c.get(f"/governance/decisions/{w.extra['decision_seq']}/canonical.json"),
        200,
    ),
    (
        "commitment letter",
        Role.SECRETARIAT,
        lambda c, w: c.get(f"/members/applications/{w.extra['application'].pk}/letter/"),
        200,
    ),
]


def test_every_kind_of_response_carries_the_security_headers(probe_world: World) -> None:
    problems = []
    for label, role, send, status in REQUESTS:
        response = send(probe_world.client_for(role), probe_world)
        assert response.status_code == status, f"{label}: {response.status_code}"
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        missing = missing_headers(response)
        if missing:
            problems.append(f"{label}: {', '.join(missing)}")
    record("headers.responses", len(REQUESTS))
    record("headers.missing", len(problems))
    assert problems == [], "\n".join(problems)


PRODUCTION_PROBE = """
import json, django
django.setup()
from django.test import Client
response = Client().get("/healthz", secure=True, headers={"host": "portal.example.org"})
print(json.dumps({"status": response.status_code, "headers": dict(response.headers)}))
"""


def production_environment() -> dict[str, str]:
    """The environment ``make check-deploy`` runs under (without what the test run itself sets
    for Django, such as DJANGO_ALLOW_ASYNC_UNSAFE, which no deployment has)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(
        DJANGO_SETTINGS_MODULE="alliance_portal.settings.production",
        DJANGO_SECRET_KEY="check-deploy-" + os.urandom(32).hex(),
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
        ALLOWED_HOSTS="portal.example.org",
        PORTAL_BASE_URL="https://portal.example.org",
    )
    return environment


def test_production_answers_over_https_with_hsts() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    headers = answer["headers"]

    class Response:
        pass

    response = Response()
    response.headers = headers  # type: ignore[attr-defined]
    missing = missing_headers(response)
    hsts = headers.get("Strict-Transport-Security", "")
    if "max-age=31536000" not in hsts or "includeSubDomains" not in hsts:
        missing.append("Strict-Transport-Security")
    record("headers.responses", 1)
    record("headers.missing", 1 if missing else 0)
    assert answer["status"] in {200, 503}  # healthz: whatever the servers say
    assert missing == []
