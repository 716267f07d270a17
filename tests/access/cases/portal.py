"""Access cases of the shared layer: home, accounts, health, API schema and docs."""

from __future__ import annotations

from tests.access.matrix import Case

PAGES: dict[str, list[Case]] = {
    "home": [Case("public")],
    "healthz": [Case("public")],
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
        Case("public", data={"username": "x@example.org", "password": "wrong"}, ok=frozenset({400}))
    ],
    ("get", "/api/v1/me/"): [Case("signed-in")],
}
