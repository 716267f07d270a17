"""Access cases of the shared layer: home, accounts, health, API schema and docs."""

from __future__ import annotations

from django.utils import timezone

from alliance_portal.accounts.services import api_token_issue
from alliance_portal.models import (
    LoginLockout,
    PendingSignup,
    SecurityEvent,
    SecurityEventKind,
    User,
)
from tests.access.matrix import Case


def populate(world) -> None:
    """An API token of an account outside the roles: nobody else's to see or revoke; a
    sign-in lockout and a failed sign-in in the audit trail."""
    stranger = User.objects.create_user(email="token-owner@example.org", password="x" * 16)
    token, _key = api_token_issue(actor=stranger, user=stranger)
    world.extra["stranger_token"] = token
    LoginLockout.objects.create(
        username="token-owner@example.org", ip_address="192.0.2.1", failures_since_start=2
    )
    # A sign-up waiting for its address to be confirmed (read-only in the admin).
    PendingSignup.objects.create(
        email="waiting@example.org",
        display_name="Waiting Person",
        token_digest="0" * 64,
        requested_at=timezone.now(),
    )
    # The audit trail's admin has a change (read-only) page per event.
    SecurityEvent.objects.create(
        kind=SecurityEventKind.SIGN_IN_FAILED,
        email="token-owner@example.org",
        ip_address="192.0.2.1",
        path="/accounts/login/",
        method="POST",
    )


def _stranger_token(world) -> dict[str, int]:
    return {"pk": world.extra["stranger_token"].pk}


def _stranger_token_id(world) -> dict[str, int]:
    return {"id": world.extra["stranger_token"].pk}


PAGES: dict[str, list[Case]] = {
    "home": [Case("public")],
    "healthz": [Case("public")],
    "favicon": [Case("public", ok=frozenset({301}))],
    "login": [Case("guest")],
    "logout": [Case("public", method="post", ok=frozenset({302}))],
    "password_change": [Case("signed-in")],
    "password_change_done": [Case("signed-in")],
    "password_reset": [Case("public")],
    "password_reset_done": [Case("public")],
    "password_reset_confirm": [
        Case(
            "public",
            kwargs=lambda w: {"uidb64": "MQ", "token": "invalid-token"},
            label="invalid link",
        )
    ],
    "password_reset_complete": [Case("public")],
    "signup": [Case("guest")],
    "token_list": [Case("signed-in")],
    "token_revoke": [
        Case(
            "signed-in",
            kwargs=_stranger_token,
            method="post",
            ok=frozenset({404}),
            label="another's token (not found)",
        )
    ],
    "signup_confirm": [
        Case(
            "public",
            kwargs=lambda w: {"uidb64": "MQ", "token": "invalid-token"},
            ok=frozenset({400}),
            label="invalid link",
        )
    ],
    "api-schema": [Case("public")],
    "api-docs": [Case("public")],
}

API: dict[tuple[str, str], list[Case]] = {
    ("post", "/api/v1/auth/token/"): [
        # The sixth wrong password in a row (seven roles ask in turn) meets the lockout: 429.
        Case(
            "public",
            data={"username": "x@example.org", "password": "wrong"},
            ok=frozenset({400, 429}),
        )
    ],
    ("get", "/api/v1/me/"): [Case("signed-in")],
    ("get", "/api/v1/auth/tokens/"): [Case("signed-in")],
    ("delete", "/api/v1/auth/tokens/{id}/"): [
        Case("signed-in", kwargs=_stranger_token_id, ok=frozenset({404}), label="another's token")
    ],
}
