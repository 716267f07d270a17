"""Access cases of proposal versions (issue 16, texts that change through consultation).

A proposal's versions, their redline and their exact texts are read by whoever may read the
proposal (public, or members-level). The secretariat publishes revised versions and names the
paragraphs an accepted response changed; whoever may move the proposal along (the
secretariat) opens a further consultation round.

``populate`` adds a public proposal in deliberation whose accepted comment changed ¶2 of its
version 2, a public proposal in deliberation with version 1 only, and a members-only proposal
in consultation.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from governance.consultations import services as consultation_services
from governance.proposals import services as proposal_services
from governance.proposals.models import ProposalStatus
from governance.versions import services
from tests.access.matrix import Case
from tests.governance.factories import TEXT, make_proposal, member_comment

S = ProposalStatus
FORM = frozenset({200, 302})  # 302 when saved; 200 when the form comes back with a message
ONCE = frozenset({200, 201, 400})  # the first allowed role does it; the next finds it done
REVISED = TEXT.replace("within 30 days", "within 14 days")


def populate(world) -> None:
    if "governance_versions" in world.extra:
        return
    revised = make_proposal(status=S.CONSULTATION, title="Revised after consultation")
    comment = member_comment(revised, world.own, "Thirty days is too long.", paragraph=2)
    proposal_services.consultation_close(actor=SYSTEM, proposal=revised)
    consultation_services.comment_respond(
        actor=SYSTEM, comment=comment, outcome="accepted", reason="Now 14 days."
    )
    comment.refresh_from_db()
    services.version_publish(
        actor=SYSTEM,
        proposal=revised,
        text=REVISED,
        note="Reporting within 14 days.",
        changes={comment.response.pk: [2]},
    )
    first = make_proposal(status=S.DELIBERATION, title="To be revised")
    members = make_proposal(
        status=S.CONSULTATION, title="Members-only text", disclosure=DisclosureLevel.MEMBERS
    )
    world.extra["governance_versions"] = {
        "revised": revised,
        "comment": comment,
        "first": first,
        "members": members,
    }


def _get(world, key: str) -> Any:
    populate(world)
    return world.extra["governance_versions"][key]


def _pk(key: str):
    return lambda world: {"pk": _get(world, key).pk}


def _id(key: str):
    return lambda world: {"id": _get(world, key).pk}


def _version(key: str, number: int):
    return lambda world: {"pk": _get(world, key).pk, "number": number}


def _response(world) -> dict[str, Any]:
    return {"pk": _get(world, "revised").pk, "number": 2, "comment": _get(world, "comment").pk}


def _api_version(key: str, number: int):
    return lambda world: {"id": _get(world, key).pk, "number": number}


def _api_response(world) -> dict[str, Any]:
    return {"id": _get(world, "revised").pk, "number": 2, "comment": _get(world, "comment").pk}


def _later() -> str:
    return (timezone.now() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")


PAGES: dict[str, list[Case]] = {
    "governance:version-list": [
        Case("public", kwargs=_pk("revised"), label="public proposal"),
        Case("members", kwargs=_pk("members"), label="members-only proposal"),
    ],
    "governance:version-compare": [
        Case("public", kwargs=_pk("revised"), label="public proposal"),
        Case("members", kwargs=_pk("members"), label="members-only proposal"),
    ],
    "governance:version-detail": [
        Case("public", kwargs=_version("revised", 2), label="public proposal"),
        Case("members", kwargs=_version("members", 1), label="members-only proposal"),
    ],
    "governance:version-text": [
        Case("public", kwargs=_version("revised", 1), label="public proposal"),
        Case("members", kwargs=_version("members", 1), label="members-only proposal"),
    ],
    "governance:version-publish": [
        Case("secretariat", kwargs=_pk("first")),
        Case(
            "secretariat",
            kwargs=_pk("first"),
            method="post",
            data={"title": "To be revised", "summary": "S.", "text": REVISED, "note": "Why."},
            ok=FORM,
            label="publish (the second staff role finds the same text published)",
        ),
    ],
    "governance:version-response-changes": [
        Case("secretariat", kwargs=_response),
        Case(
            "secretariat",
            kwargs=_response,
            method="post",
            data={"paragraphs": "2, 3"},
            ok=FORM,
            label="name the paragraphs",
        ),
    ],
    "governance:consultation-reopen": [
        Case("secretariat", kwargs=_pk("revised")),
        Case(
            "secretariat",
            kwargs=_pk("revised"),
            method="post",
            data={"closes_at": _later()},
            ok=FORM,
            label="open round 2 (the second staff role finds it open)",
        ),
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/proposals/{id}/versions/"): [
        Case("public", kwargs=_id("revised"), label="public proposal"),
        Case("members", kwargs=_id("members"), label="members-only proposal"),
    ],
    ("post", "/api/v1/proposals/{id}/versions/"): [
        Case(
            "secretariat",
            kwargs=_id("first"),
            data={"text": REVISED, "note": "Why."},
            ok=ONCE,
            label="publish (the second staff role finds the same text published)",
        ),
    ],
    ("get", "/api/v1/proposals/{id}/versions/compare/"): [
        Case("public", kwargs=_id("revised"), label="public proposal"),
        Case("members", kwargs=_id("members"), label="members-only proposal"),
    ],
    ("get", "/api/v1/proposals/{id}/versions/{number}/"): [
        Case("public", kwargs=_api_version("revised", 2), label="public proposal"),
        Case("members", kwargs=_api_version("members", 1), label="members-only proposal"),
    ],
    ("put", "/api/v1/proposals/{id}/versions/{number}/responses/{comment}/"): [
        Case("secretariat", kwargs=_api_response, data={"paragraphs": [2]}),
    ],
    ("post", "/api/v1/proposals/{id}/consultation/reopen/"): [
        Case(
            "secretariat",
            kwargs=_id("revised"),
            data={"closes_at": (timezone.now() + timedelta(days=20)).isoformat()},
            ok=ONCE,
            label="open round 2 (the second staff role finds it open)",
        ),
    ],
}
