"""schemathesis over the whole OpenAPI schema (issue 14), in-process against the WSGI app,
anonymous and as each role (an API token each), on the access matrix's world: every operation
with generated parameters and bodies, half of them aimed at the world's real objects (the
matrix's sample path arguments), half anywhere. Checks: no 5xx, every answer's status is one
the schema lists for the operation and its body conforms to the schema.

The number of cases per operation and role is small in ``make test`` (and three roles) and
larger under ``make security-report`` (``SECURITY_REPORT=1``, every role). Writes land in the test's transaction and are
rolled back; the rate-limit counts are cleared before each request, so the answers are the
endpoint's own (a throttle's 429 is documented, but would hide what the endpoint does).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.cache import caches
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from alliance_portal.accounts.services import api_token_issue
from alliance_portal.roles import Role
from tests.access.test_matrix import API
from tests.conftest import World
from tests.security.figures import record

pytestmark = pytest.mark.security

FULL = bool(os.environ.get("SECURITY_REPORT"))
# Cases per operation, per role: 80 operations x 7 roles.
CASES = 10 if FULL else 1
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@contextmanager
def _one_transaction() -> Iterator[None]:
    """Requests through the WSGI handler keep the test's connection (and its transaction), as
    Django's test client does: no closing of "old" connections at each request's start and end."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _known_path_arguments(world: World, method: str, path: str) -> list[dict[str, Any]]:
    arguments = []
    for case in API.get((method, path), []):
        kwargs = case.kwargs(world)
        if kwargs:
            arguments.append({key: str(value) for key, value in kwargs.items()})
    return arguments


# Every role under the report; in ``make test`` the three that see the most different answers.
ROLES = list(Role) if FULL else [Role.ANONYMOUS, Role.ORGANISATION_REPRESENTATIVE, Role.SECRETARIAT]


@pytest.mark.parametrize("role", ROLES, ids=[str(r) for r in ROLES])
def test_schemathesis_finds_no_server_error_and_no_schema_violation(
    probe_world: World, role: Role
) -> None:
    headers: dict[str, str] = {}
    user = probe_world.users[role]
    if user is not None:
        _token, key = api_token_issue(actor=user, user=user)
        headers["Authorization"] = f"Token {key}"
    cases = 0
    server_errors: list[str] = []
    violations: list[str] = []
    with _one_transaction():
        app = get_wsgi_application()
        schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app)
        for result in schema.get_all_operations():
            operation = result.ok()
            known = _known_path_arguments(probe_world, operation.method.lower(), operation.path)
            strategies = [operation.as_strategy()]
            strategies += [operation.as_strategy(path_parameters=args) for args in known]

            @settings(
                max_examples=CASES * (2 if known else 1),
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
                phases=[p for p in settings.default.phases if p.name != "shrink"],
            )
            @given(st.one_of(strategies))
            def probe(case: Any) -> None:
                nonlocal cases
                cases += 1
                caches["throttle"].clear()
                response = case.call(headers=headers)
                label = f"{case.method} {case.formatted_path} -> {response.status_code}"
                if response.status_code >= 500:
                    server_errors.append(label)
                try:
                    case.validate_response(response, checks=CHECKS, headers=headers)
                except (AssertionError, BaseExceptionGroup) as failure:  # a check failed
                    if response.status_code < 500:
                        violations.append(f"{label}: {str(failure)[:600]}")

            probe()
    record("schemathesis.cases", cases)
    record("schemathesis.server_errors", len(server_errors))
    record("schemathesis.schema_violations", len(violations))
    assert server_errors == [], "\n".join(server_errors)
    assert violations == [], "\n\n".join(violations)
