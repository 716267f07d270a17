"""Access cases of action items (issue 17, item 1).

``populate`` adds an adopted decision with a public action owned by A (the matrix's member and
representative are A's people), and one of A's actions whose due date moved, about which the
secretariat can publish a statement. Actions are read as their disclosure level allows; the
secretariat creates, changes and publishes statements; the owner organisation's people (A's
member and representative, not the secretariat) post updates and change the status."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.access.matrix import Case

REDIRECT = frozenset({302})
FORM = frozenset({200, 302})  # 302 when saved; 200 when the form comes back with a message
EDIT_FORM: dict = {}
CREATE_API: dict = {}


def populate(world) -> None:
    if "actions" in world.extra:
        return
    from alliance_portal.policy import SYSTEM
    from governance.actions import services
    from tests.governance.actions_support import action, decision

    adopted = decision("Matrix adopted decision")
    item = action(world.own, on=adopted, title="Matrix public action")
    moved = action(world.own, on=adopted, title="Matrix moved action")
    services.action_item_update(
        actor=SYSTEM, item=moved, changes={"due_date": moved.due_date + timedelta(days=30)}
    )
    EDIT_FORM.update(
        title="Matrix public action",
        owner=world.own.pk,
        due_date=(timezone.localdate() + timedelta(days=45)).isoformat(),
        disclosure="public",
        progress_mode="percent",
    )
    CREATE_API.update(
        decision=adopted.seq, title="A new action", owner=world.own.slug, due_date="2031-03-01"
    )
    world.extra["actions"] = {"decision": adopted, "item": item, "moved": moved}


def _get(world, key: str):
    populate(world)
    return world.extra["actions"][key]


def _pk(key: str):
    return lambda world: {"pk": _get(world, key).pk}


def _id(key: str):
    return lambda world: {"id": _get(world, key).pk}


PAGES: dict[str, list[Case]] = {
    "governance:action-list": [Case("public")],
    "governance:action-detail": [Case("public", kwargs=_pk("item"), label="public action")],
    "governance:action-create": [
        Case("secretariat", kwargs=lambda w: {"seq": _get(w, "decision").seq})
    ],
    "governance:action-edit": [
        Case("secretariat", kwargs=_pk("item")),
        Case(
            "secretariat",
            kwargs=_pk("item"),
            method="post",
            data=EDIT_FORM,
            ok=REDIRECT,
            label="move the due date",
        ),
    ],
    "governance:action-progress": [
        Case("own-organisation-people", kwargs=_pk("item")),
        Case(
            "own-organisation-people",
            kwargs=_pk("item"),
            method="post",
            data={"text": "Half done.", "status": "in_progress", "percent": "50"},
            ok=REDIRECT,
            label="post a progress update",
        ),
    ],
    "governance:action-statement": [
        Case("secretariat", kwargs=_pk("moved")),
        Case(
            "secretariat",
            kwargs=_pk("moved"),
            method="post",
            data={"text": "Now due a month later."},
            ok=FORM,
            label="publish the new date (the second staff role finds it published)",
        ),
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/actions/"): [Case("public")],
    ("post", "/api/v1/actions/"): [
        Case(
            "secretariat",
            data=CREATE_API,
            ok=frozenset({201}),
        )
    ],
    ("get", "/api/v1/actions/{id}/"): [Case("public", kwargs=_id("item"))],
    ("patch", "/api/v1/actions/{id}/"): [
        Case("secretariat", kwargs=_id("item"), data={"due_date": "2031-06-01"})
    ],
    ("get", "/api/v1/actions/{id}/updates/"): [Case("public", kwargs=_id("item"))],
    ("post", "/api/v1/actions/{id}/updates/"): [
        Case(
            "own-organisation-people",
            kwargs=_id("item"),
            data={"text": "Going well.", "evidence_url": "https://example.org/e"},
            ok=frozenset({201}),
        )
    ],
    ("post", "/api/v1/actions/{id}/status/"): [
        Case("own-organisation-people", kwargs=_id("item"), data={"status": "in_progress"})
    ],
    ("post", "/api/v1/actions/{id}/statement/"): [
        Case(
            "secretariat",
            kwargs=_id("moved"),
            data={"text": "Now due a month later."},
            ok=frozenset({201, 400}),
            label="publish (400 for the second staff role: published already)",
        )
    ],
}
