"""Lockout and throttles, measured (issue 14, defect 2): for every endpoint a robot would
hammer, the number of requests until the answer is 429 with ``Retry-After`` (a scoped throttle)
or the sign-in lockout (django-axes, after 5 failures per username and address).

Each endpoint starts from no counts (the throttle cache is cleared; lockouts live in the test's
rolled-back transaction). The rates are production's (``REST_FRAMEWORK`` in settings/base.py):
auth-token 10/minute, signup and password-reset 5/hour, search 60/minute, export 20/minute,
report-create 10/hour; so a limit of N answers the (N+1)th request with 429.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client
from rest_framework.settings import api_settings

from alliance_portal.models import User
from alliance_portal.roles import Role
from tests.conftest import PASSWORD, World
from tests.security.figures import record

pytestmark = pytest.mark.security

LOCKOUT_AFTER = 5  # failures: the fifth is answered with the lockout itself


@dataclass
class Probe:
    name: str
    scope: str
    method: str
    url: Callable[[World], str]
    role: Role = Role.ANONYMOUS
    data: Callable[[int], dict[str, Any]] = lambda n: {}
    json: bool = False


def _report(world: World, key: str) -> int:
    return world.extra["governance_reports"][key].pk


def _standards(world: World, key: str) -> int:
    return world.extra["standards"][key].pk


SEC = Role.SECRETARIAT
PROBES = [
    Probe(
        "api-token",
        "auth-token",
        "post",
        lambda w: "/api/v1/auth/token/",
        data=lambda n: {"username": f"nobody{n}@example.org", "password": "wrong"},
        json=True,
    ),
    Probe(
        "signup",
        "signup",
        "post",
        lambda w: "/accounts/signup/",
        data=lambda n: {"email": f"new{n}@example.org"},
    ),
    Probe(
        "password-reset",
        "password-reset",
        "post",
        lambda w: "/accounts/password_reset/",
        data=lambda n: {"email": f"someone{n}@example.org"},
    ),
    # Search: pages and API, throttled when they search (?q=).
    Probe("search-standards-page", "search", "get", lambda w: "/standards/?q=policy"),
    Probe(
        "search-standard-version-page",
        "search",
        "get",
        lambda w: "/standards/matrix-standard/2.0/?q=policy",
    ),
    Probe("search-glossary-page", "search", "get", lambda w: "/glossary/?q=term"),
    Probe(
        "search-glossary-autocomplete", "search", "get", lambda w: "/glossary/autocomplete/?q=te"
    ),
    Probe("search-decisions-page", "search", "get", lambda w: "/governance/decisions/?q=vote"),
    Probe("search-proposals-page", "search", "get", lambda w: "/governance/proposals/?q=plan"),
    Probe("search-api-standards", "search", "get", lambda w: "/api/v1/standards/?q=policy"),
    Probe(
        "search-api-standard-elements",
        "search",
        "get",
        lambda w: "/api/v1/standards/matrix-standard/versions/2.0/elements/?q=policy",
    ),
    Probe("search-api-glossary", "search", "get", lambda w: "/api/v1/glossary/search/?q=term"),
    Probe("search-api-proposals", "search", "get", lambda w: "/api/v1/proposals/?q=plan"),
    Probe("search-members-page", "search", "get", lambda w: "/members/?q=organisation"),
    Probe("search-api-organisations", "search", "get", lambda w: "/api/v1/organisations/?q=org"),
    # Exports and downloads.
    Probe(
        "export-crosswalk-coverage-csv",
        "export",
        "get",
        lambda w: "/standards/crosswalk/coverage.csv",
    ),
    Probe(
        "export-mapping-set-csv",
        "export",
        "get",
        lambda w: f"/standards/crosswalk/sets/{_standards(w, 'set')}/mappings.csv",
    ),
    Probe(
        "export-mapping-set-json",
        "export",
        "get",
        lambda w: f"/standards/crosswalk/sets/{_standards(w, 'set')}/mappings.json",
    ),
    Probe(
        "export-standard-elements-csv",
        "export",
        "get",
        lambda w: "/standards/matrix-standard/2.0/elements.csv",
    ),
    Probe("export-glossary-turtle", "export", "get", lambda w: "/glossary/export.ttl"),
    Probe("export-glossary-jsonld", "export", "get", lambda w: "/glossary/export.jsonld"),
    Probe("export-glossary-csv", "export", "get", lambda w: "/glossary/export.csv"),
    Probe("export-glossary-tbx", "export", "get", lambda w: "/glossary/export.tbx"),
    Probe("export-members-coverage-csv", "export", "get", lambda w: "/members/coverage.csv"),
    Probe(
        "export-access-log-csv",
        "export",
        "get",
        lambda w: f"/members/{w.own.slug}/access-log.csv",
        Role.MEMBER,
    ),
    Probe(
        "export-report-pdf",
        "export",
        "get",
        lambda w: f"/governance/reports/{_report(w, 'public')}/files/pdf/",
    ),
    Probe(
        "export-report-open-data",
        "export",
        "get",
        lambda w: f"/governance/reports/{_report(w, 'public')}/files/zip/",
    ),
    # Asking for a report (and building one again): the secretariat. An invalid request
    # counts as well: the limit is on attempts.
    Probe("report-create-page", "report-create", "post", lambda w: "/governance/reports/", SEC),
    Probe(
        "report-rebuild-page",
        "report-create",
        "post",
        lambda w: f"/governance/reports/{_report(w, 'building')}/rebuild/",
        SEC,
    ),
    Probe(
        "report-create-api", "report-create", "post", lambda w: "/api/v1/reports/", SEC, json=True
    ),
    # A correction: the first asks for the corrected edition, the next ones find it on its way.
    Probe(
        "report-correct-page",
        "report-create",
        "post",
        lambda w: f"/governance/reports/{_report(w, 'public')}/correct/",
        SEC,
    ),
    Probe(
        "report-correct-api",
        "report-create",
        "post",
        lambda w: f"/api/v1/reports/{_report(w, 'public')}/correct/",
        SEC,
        json=True,
    ),
    Probe(
        "report-rebuild-api",
        "report-create",
        "post",
        lambda w: f"/api/v1/reports/{_report(w, 'building')}/rebuild/",
        SEC,
        json=True,
    ),
]


def _limit(scope: str) -> int:
    rate = api_settings.DEFAULT_THROTTLE_RATES[scope]
    return int(rate.split("/")[0])


def _count_until(send: Callable[[int], Any], status: int, cap: int) -> tuple[int, Any]:
    """Send requests until one answers ``status``; return how many were sent and that answer."""
    for n in range(1, cap + 1):
        response = send(n)
        if response.status_code == status:
            return n, response
    raise AssertionError(f"no {status} within {cap} requests")


@pytest.mark.parametrize("probe", PROBES, ids=[p.name for p in PROBES])
def test_requests_until_429(probe_world: World, probe: Probe) -> None:
    caches["throttle"].clear()
    client: Client = probe_world.client_for(probe.role)
    url = probe.url(probe_world)

    def send(n: int) -> Any:
        if probe.method == "get":
            return client.get(url)
        if probe.json:
            return client.post(url, probe.data(n), content_type="application/json")
        return client.post(url, probe.data(n))

    limit = _limit(probe.scope)
    # Under the limit, the endpoint answers as usual (never a 429 nor a server error).
    count, response = _count_until(send, 429, limit + 5)
    record(f"throttle.{probe.name}", count)
    assert count == limit + 1, f"{probe.name}: 429 after {count} requests, expected {limit + 1}"
    assert 0 < int(response["Retry-After"]) <= 3600


LOGINS = {
    "accounts-login": "/accounts/login/",
    "admin-login": "/admin/login/",
    "api-token": "/api/v1/auth/token/",
}


@pytest.mark.parametrize("name", sorted(LOGINS))
def test_requests_until_lockout(db, name: str) -> None:
    User.objects.create_superuser(email="target@example.org", password=PASSWORD)
    client = Client()
    url = LOGINS[name]

    def send(n: int) -> Any:
        body = {"username": "target@example.org", "password": f"wrong-{n}"}
        if name == "api-token":
            return client.post(url, body, content_type="application/json")
        return client.post(url, body)

    count, response = _count_until(send, 429, LOCKOUT_AFTER + 5)
    record(f"lockout.{name}", count)
    assert count == LOCKOUT_AFTER
    assert int(response["Retry-After"]) == 15 * 60
    # Locked: the right password no longer signs in.
    right = {"username": "target@example.org", "password": PASSWORD}
    if name == "api-token":
        assert client.post(url, right, content_type="application/json").status_code == 429
    else:
        assert client.post(url, right).status_code == 429
        assert "_auth_user_id" not in client.session
