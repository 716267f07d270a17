"""CSRF (issue 14): every unsafe-method URL of the access matrix (pages, and API operations
that take session authentication: not the token endpoint, which acts on the credentials in its
body only and answers nothing a cross-site page could read) sent signed in, by a role allowed to use it, without the CSRF
token: every one is refused with 403, and nothing is written."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import resolve, reverse
from rest_framework.authentication import SessionAuthentication

from alliance_portal.roles import Role
from tests.access.matrix import EXPECT, OK, Case
from tests.access.test_matrix import ALL_PAGES, API
from tests.conftest import World
from tests.security.figures import record

pytestmark = pytest.mark.security

UNSAFE = {"post", "put", "patch", "delete"}
# Unsafe URLs exempt from CSRF by design, each with its reason (tested where it is built).
EXEMPT = {
    # RFC 8058 one-click unsubscribe: a mail program POSTs the emailed link with no session
    # and no token; the link's signature is the check, and all it does is turn one kind of
    # notification off (tests/portal/test_notifications.py).
    "notifications_unsubscribe",
}


def _signed_in(world: World, case: Case) -> Client:
    """A client that keeps CSRF checks, signed in as the first role the case allows (the
    secretariat for pages only guests use: the check comes before the view)."""
    allowed = [r for r, got in EXPECT[case.level].items() if got == OK and r != Role.ANONYMOUS]
    user = world.users[allowed[0] if allowed else Role.SECRETARIAT]
    client = Client(enforce_csrf_checks=True)
    assert user is not None
    client.force_login(user)
    return client


def _takes_the_session(url: str) -> bool:
    view = getattr(resolve(url).func, "cls", None)
    classes = getattr(view, "authentication_classes", ())
    return any(issubclass(c, SessionAuthentication) for c in classes)


def test_unsafe_methods_without_a_csrf_token_are_refused(probe_world: World) -> None:
    sent: list[str] = []
    accepted: list[str] = []
    for name, cases in sorted(ALL_PAGES.items()):
        if name in EXEMPT:
            continue
        for case in cases:
            if case.method not in UNSAFE:
                continue
            url = reverse(name, kwargs=case.kwargs(probe_world))
            response = getattr(_signed_in(probe_world, case), case.method)(url, case.data)
            sent.append(f"{case.method.upper()} {url}")
            if response.status_code != 403:
                accepted.append(f"{sent[-1]} -> {response.status_code}")
    for (method, path), cases in sorted(API.items()):
        if method not in UNSAFE:
            continue
        for case in cases:
            url = path.format(**case.kwargs(probe_world))
            if not _takes_the_session(url):
                continue
            client = _signed_in(probe_world, case)
            response = getattr(client, method)(url, case.data, content_type="application/json")
            sent.append(f"{method.upper()} {url}")
            if response.status_code != 403:
                accepted.append(f"{sent[-1]} -> {response.status_code}")
    record("csrf.unsafe_total", len(sent))
    record("csrf.unsafe_refused", len(sent) - len(accepted))
    assert len(sent) > 50
    assert accepted == [], "\n".join(accepted)
