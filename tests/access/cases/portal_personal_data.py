"""Access cases of personal data (issue 20, items 4 and 5): each person's own export and
erasure request (page and API, signed in), the secretariat's erasure requests and answers."""

from __future__ import annotations

from tests.access.matrix import Case


def populate(world) -> None:
    if "personal_data" in world.extra:
        return
    from alliance_portal.erasure.services import erasure_request
    from alliance_portal.models import User

    requests = {}
    for key in ("confirm", "decline"):
        person = User.objects.create_user(
            email=f"erasure-{key}@example.org", password=None, display_name=f"Vera {key.title()}"
        )
        requests[key] = erasure_request(actor=person, user=person)
    world.extra["personal_data"] = requests


def _request(key: str, name: str = "pk"):
    def kwargs(world) -> dict[str, int]:
        populate(world)
        return {name: world.extra["personal_data"][key].pk}

    return kwargs


# The secretariat answers first; the superuser then finds it answered (a message, 302 / 400).
PAGES: dict[str, list[Case]] = {
    "my_data": [Case("signed-in")],
    "my_data_export": [Case("signed-in")],
    "my_data_erasure": [
        Case("signed-in", method="post", data={"confirm": "yes"}, ok=frozenset({302}))
    ],
    "my_data_erasure_cancel": [Case("signed-in", method="post", ok=frozenset({302}))],
    "erasure_requests": [Case("secretariat")],
    "erasure_request_confirm": [
        Case("secretariat", kwargs=_request("confirm"), method="post", ok=frozenset({302}))
    ],
    "erasure_request_decline": [
        Case(
            "secretariat",
            kwargs=_request("decline"),
            method="post",
            data={"reason": "A legal duty to keep the record."},
            ok=frozenset({302}),
        )
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/me/data/"): [Case("signed-in")],
    ("get", "/api/v1/me/erasure-request/"): [Case("signed-in", ok=frozenset({200, 404}))],
    ("post", "/api/v1/me/erasure-request/"): [Case("signed-in", ok=frozenset({201}))],
    ("delete", "/api/v1/me/erasure-request/"): [Case("signed-in", ok=frozenset({204, 404}))],
    ("get", "/api/v1/erasure-requests/"): [Case("secretariat")],
    ("post", "/api/v1/erasure-requests/{id}/confirm/"): [
        Case("secretariat", kwargs=_request("confirm", "id"), ok=frozenset({200, 400}))
    ],
    ("post", "/api/v1/erasure-requests/{id}/decline/"): [
        Case(
            "secretariat",
            kwargs=_request("decline", "id"),
            data={"reason": "A legal duty to keep the record."},
            ok=frozenset({200, 400}),
        )
    ],
}
