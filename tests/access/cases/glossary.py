"""Access cases of the glossary: agreed, deprecated and superseded concepts (and their agreed
revisions) are public; proposals, revisions under review and rejected ones are members-level
(anonymous visitors are asked to sign in, external stakeholders get 404); people who read
members-level material propose concepts and revisions and open the usage-note page; the
secretariat reviews, agrees, rejects and retires."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from tests.access.matrix import Case

ONCE = frozenset({200, 400})  # the first allowed role does it; the next finds it done (400)


def populate(world) -> None:
    """A proposal by the member (created first: the lowest ids, so the admin's delete pages
    show a proposal), two agreed concepts, an open revision and one under review of the agreed
    concept, and the own organisation's usage note on it."""
    if "glossary" in world.extra:
        return
    from glossary import services
    from tests.glossary.factories import agreed_concept, content, proposed_concept

    member = world.users[Role.MEMBER]
    proposed = proposed_concept("Matrix proposal", actor=member)
    agreed = agreed_concept("Matrix agreed term", alt=("MAT",))
    replacement = agreed_concept("Matrix replacement term")
    open_revision = services.revision_propose(
        actor=member,
        concept=agreed,
        content=content("Matrix agreed term", "An open revision.", alt=("MAT",)),
        rationale="Clearer.",
    )
    reviewed = services.revision_propose(
        actor=member,
        concept=agreed,
        content=content("Matrix agreed term", "A revision under review.", alt=("MAT",)),
        rationale="Clearer still.",
    )
    services.revision_submit_for_review(actor=SYSTEM, revision=reviewed)
    services.usage_note_write(actor=member, concept=agreed, text="How we use it.")
    world.extra["glossary"] = {
        "proposed": proposed,
        "agreed": agreed,
        "replacement": replacement,
        "agreed_revision": agreed.current_revision,
        "proposal_revision": proposed.current_revision,
        "open_revision": open_revision,
        "reviewed_revision": reviewed,
    }


def _get(world, key: str) -> Any:
    populate(world)
    return world.extra["glossary"][key]


def _slug(key: str):
    def kwargs(world) -> dict[str, Any]:
        return {"slug": _get(world, key).slug}

    return kwargs


def _pk(key: str):
    def kwargs(world) -> dict[str, Any]:
        return {"pk": _get(world, key).pk}

    return kwargs


def _id(key: str):
    def kwargs(world) -> dict[str, Any]:
        return {"id": _get(world, key).pk}

    return kwargs


def _no_kwargs(world) -> dict[str, Any]:
    populate(world)
    return {}


def _supersede(world) -> dict[str, Any]:
    return {"slug": _get(world, "agreed").slug}


CONTENT = {
    "labels": [{"language": "en", "text": "Matrix API proposal"}],
    "definitions": [{"language": "en", "text": "Proposed through the API."}],
    "rationale": "Members need it.",
}
REVISION = {
    "labels": [
        {"language": "en", "text": "Matrix agreed term"},
        {"language": "fr", "text": "terme convenu"},
    ],
    "definitions": [
        {"language": "en", "text": "Revised through the API."},
        {"language": "fr", "text": "Révisé par l'API."},
    ],
    "rationale": "A translation.",
}

PAGES: dict[str, list[Case]] = {
    "glossary:concept-list": [Case("public", kwargs=_no_kwargs)],
    "glossary:export-turtle": [Case("public", kwargs=_no_kwargs)],
    "glossary:export-jsonld": [Case("public", kwargs=_no_kwargs)],
    "glossary:export-csv": [Case("public", kwargs=_no_kwargs)],
    "glossary:export-tbx": [Case("public", kwargs=_no_kwargs)],
    "glossary:feed": [Case("public", kwargs=_no_kwargs)],
    "glossary:autocomplete": [Case("public", kwargs=_no_kwargs)],
    "glossary:concept-propose": [Case("members", kwargs=_no_kwargs)],
    "glossary:revision-list": [Case("members", kwargs=_no_kwargs)],
    "glossary:revision-detail": [
        Case("public", kwargs=_pk("agreed_revision"), label="agreed revision"),
        Case("members", kwargs=_pk("proposal_revision"), label="proposal of a new concept"),
        Case("members", kwargs=_pk("open_revision"), label="open revision of an agreed concept"),
    ],
    "glossary:revision-submit": [
        Case(
            "secretariat",
            kwargs=_pk("open_revision"),
            method="post",
            ok=frozenset({302}),
            label="proposed revision by a member",
        )
    ],
    "glossary:revision-reject": [
        Case("secretariat", kwargs=_pk("open_revision"), label="proposed revision")
    ],
    "glossary:concept-detail": [
        Case("public", kwargs=_slug("agreed"), label="agreed"),
        Case("members", kwargs=_slug("proposed"), label="proposed"),
    ],
    "glossary:concept-revise": [Case("members", kwargs=_slug("agreed"))],
    "glossary:usage-note-edit": [
        Case("members", kwargs=_slug("agreed"), label="agreed"),
        Case("members", kwargs=_slug("proposed"), label="proposed"),
    ],
    "glossary:concept-retire": [Case("secretariat", kwargs=_slug("agreed"))],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/glossary/concepts/"): [Case("public", kwargs=_no_kwargs)],
    ("post", "/api/v1/glossary/concepts/"): [
        Case("members", kwargs=_no_kwargs, data=CONTENT, ok=frozenset({201}))
    ],
    ("get", "/api/v1/glossary/concepts/{slug}/"): [
        Case("public", kwargs=_slug("agreed"), label="agreed"),
        Case("members", kwargs=_slug("proposed"), label="proposed"),
    ],
    ("get", "/api/v1/glossary/concepts/{slug}/labels/"): [
        Case("public", kwargs=_slug("agreed"), label="agreed"),
        Case("members", kwargs=_slug("proposed"), label="proposed"),
    ],
    ("get", "/api/v1/glossary/concepts/{slug}/revisions/"): [
        Case("public", kwargs=_slug("agreed"), label="agreed"),
        Case("members", kwargs=_slug("proposed"), label="proposed"),
    ],
    ("post", "/api/v1/glossary/concepts/{slug}/revisions/"): [
        Case("members", kwargs=_slug("agreed"), data=REVISION, ok=frozenset({201}))
    ],
    ("get", "/api/v1/glossary/concepts/{slug}/usage-notes/"): [
        Case("public", kwargs=_slug("agreed"), label="agreed"),
        Case("members", kwargs=_slug("proposed"), label="proposed"),
    ],
    ("post", "/api/v1/glossary/concepts/{slug}/deprecate/"): [
        Case(
            "secretariat",
            kwargs=_slug("agreed"),
            data={"reason": "No longer used."},
            ok=ONCE,
            label="agreed (the superuser then finds it deprecated)",
        )
    ],
    ("post", "/api/v1/glossary/concepts/{slug}/supersede/"): [
        Case(
            "secretariat",
            kwargs=_supersede,
            data={"reason": "Replaced.", "replaced_by": "matrix-replacement-term"},
            ok=ONCE,
            label="agreed (the superuser then finds it superseded)",
        )
    ],
    ("get", "/api/v1/glossary/revisions/"): [Case("public", kwargs=_no_kwargs)],
    ("get", "/api/v1/glossary/revisions/{id}/"): [
        Case("public", kwargs=_id("agreed_revision"), label="agreed revision"),
        Case("members", kwargs=_id("open_revision"), label="open revision"),
    ],
    ("post", "/api/v1/glossary/revisions/{id}/submit/"): [
        Case("secretariat", kwargs=_id("open_revision"), ok=ONCE, label="proposed revision")
    ],
    ("post", "/api/v1/glossary/revisions/{id}/reject/"): [
        Case(
            "secretariat",
            kwargs=_id("open_revision"),
            data={"reason": "Not needed."},
            ok=ONCE,
            label="proposed revision",
        )
    ],
    ("get", "/api/v1/glossary/search/"): [Case("public", kwargs=_no_kwargs)],
}
