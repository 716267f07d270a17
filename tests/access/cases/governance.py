"""Access cases of the governance app.

``populate`` adds: the General Assembly and an Executive Board (a seat of the own
organisation's chamber, held by the own organisation), an objective with an indicator and a
measurement, an RS issue, and proposals: a public one whose consultation is open to the public
(a shown member comment with a response, an external comment held for moderation, an impact
assessment), a public one whose consultation is for members only, a members-only one in
consultation, and a draft.

Unsafe operations run for every role in turn on the same objects, so a second allowed role may
find the object already moved on: where that answers differently the case says so in ``ok``.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from governance.bodies import services as body_services
from governance.bodies.models import Body, BodyKind, BodySeat, Electorate
from governance.consultations import services as consultation_services
from governance.consultations.models import AuthorKind
from governance.objectives import services as objective_services
from governance.objectives.models import Indicator, Objective
from governance.proposals.models import ProposalStatus
from tests.access.matrix import Case
from tests.governance.factories import add_impact_assessment, assembly, make_proposal

S = ProposalStatus
REDIRECT = frozenset({302})
FORM = frozenset({200, 302})  # 302 when saved; 200 when the form comes back with a message


def populate(world) -> None:
    if "governance" in world.extra:
        return
    assembly()
    board = Body.objects.create(
        slug="executive-board",
        name="Executive Board",
        kind=BodyKind.EXECUTIVE_BOARD,
        electorate=Electorate.SEAT_HOLDERS,
    )
    BodySeat.objects.create(body=board, chamber=world.own.chamber, seats=2)
    body_services.seat_holder_add(
        actor=SYSTEM, body=board, organisation=world.own, term_start=date(2024, 1, 1)
    )
    objective = Objective.objects.create(slug="traceable-cobalt", title="Traceable cobalt")
    indicator = Indicator.objects.create(
        objective=objective,
        name="Volumes traced",
        unit="%",
        baseline_value=Decimal(20),
        baseline_date=date(2022, 1, 1),
        target_value=Decimal(80),
        target_date=date(2027, 12, 31),
    )
    objective_services.indicator_record_measurement(
        actor=SYSTEM,
        indicator=indicator,
        measured_on=timezone.localdate() - timedelta(days=30),
        value=Decimal(35),
    )
    issue = objective_services.issue_create(
        actor=SYSTEM, title="Child labour", status="contentious", reason="Views differ."
    )
    public = make_proposal(
        status=S.CONSULTATION, public_consultation=True, title="Public consultation"
    )
    shown = consultation_services.comment_record_received(
        actor=SYSTEM,
        proposal=public,
        text="We support it.",
        author_kind=AuthorKind.MEMBER,
        organisation=world.other,
        paragraph=1,
    )
    held = consultation_services.comment_record_received(
        actor=SYSTEM, proposal=public, text="From a community.", author_kind=AuthorKind.EXTERNAL
    )
    consultation_services.comment_respond(
        actor=SYSTEM, comment=shown, outcome="accepted", reason="Thanks."
    )
    add_impact_assessment(public)
    members_consultation = make_proposal(
        status=S.CONSULTATION, title="Public proposal, consultation for members"
    )
    members_only = make_proposal(
        status=S.CONSULTATION, disclosure=DisclosureLevel.MEMBERS, title="Members-only proposal"
    )
    draft = make_proposal(status=S.DRAFT, title="Draft proposal")
    world.extra["governance"] = {
        "board": board,
        "objective": objective,
        "indicator": indicator,
        "issue": issue,
        "public": public,
        "members_consultation": members_consultation,
        "members_only": members_only,
        "draft": draft,
        "shown": shown,
        "held": held,
    }


def _get(world, key: str):
    populate(world)  # the API test gets the bare world
    return world.extra["governance"][key]


def _pk(key: str):
    return lambda world: {"pk": _get(world, key).pk}


def _id(key: str):
    return lambda world: {"id": _get(world, key).pk}


PAGES: dict[str, list[Case]] = {
    "governance:dashboard": [Case("public")],
    "governance:objective-list": [Case("public")],
    "governance:body-list": [Case("public")],
    "governance:body-detail": [
        Case("public", kwargs=lambda w: {"slug": _get(w, "board").slug}, label="board")
    ],
    "governance:proposal-list": [Case("public")],
    "governance:proposal-detail": [
        Case("public", kwargs=_pk("public"), label="public proposal"),
        Case("members", kwargs=_pk("members_only"), label="members-only proposal"),
    ],
    "governance:proposal-print": [
        Case("public", kwargs=_pk("public"), label="public proposal"),
        Case("members", kwargs=_pk("members_only"), label="members-only proposal"),
    ],
    "governance:comment-create": [
        Case("signed-in", kwargs=_pk("public"), label="consultation open to the public"),
        Case(
            "members",
            kwargs=_pk("members_consultation"),
            label="public proposal, members' consultation",
        ),
        Case("members", kwargs=_pk("members_only"), label="members-only proposal"),
        Case(
            "signed-in",
            kwargs=_pk("public"),
            method="post",
            data={"text": "A comment.", "paragraph": "2"},
            ok=REDIRECT,
            label="post on a public consultation",
        ),
        Case(
            "members",
            kwargs=_pk("members_consultation"),
            method="post",
            data={"text": "A comment."},
            ok=REDIRECT,
            label="external stakeholders may not post on a members' consultation",
        ),
    ],
    "governance:comment-moderation": [
        Case("secretariat", kwargs=_pk("public")),
        Case("secretariat", kwargs=_pk("members_only"), label="members-only proposal"),
    ],
    "governance:comment-moderate": [
        Case(
            "secretariat",
            kwargs=lambda w: {"pk": _get(w, "public").pk, "comment_pk": _get(w, "held").pk},
            method="post",
            data={"decision": "approve"},
            ok=REDIRECT,
            label="approve the held comment (the second staff role approves it again)",
        )
    ],
    "governance:comment-response": [
        Case(
            "secretariat",
            kwargs=lambda w: {"pk": _get(w, "public").pk, "comment_pk": _get(w, "shown").pk},
        ),
        Case(
            "secretariat",
            kwargs=lambda w: {"pk": _get(w, "public").pk, "comment_pk": _get(w, "shown").pk},
            method="post",
            data={"outcome": "partly_accepted", "reason": "In part."},
            ok=REDIRECT,
            label="record a response",
        ),
    ],
    "governance:impact-assessment-edit": [
        Case("secretariat", kwargs=_pk("public")),
        Case(
            "secretariat",
            kwargs=_pk("public"),
            method="post",
            data={},
            ok=frozenset({200}),
            label="invalid input comes back with messages",
        ),
    ],
    "governance:proposal-transition": [
        Case("secretariat", kwargs=_pk("public")),
        Case(
            "secretariat",
            kwargs=_pk("draft"),
            method="post",
            data={"to_status": "withdrawn", "reason": "Not needed."},
            ok=FORM,
            label="withdraw (the second staff role finds it withdrawn)",
        ),
    ],
    "governance:my-actions": [Case("signed-in")],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/bodies/"): [Case("public")],
    ("get", "/api/v1/bodies/{slug}/"): [
        Case("public", kwargs=lambda w: {"slug": _get(w, "board").slug})
    ],
    ("get", "/api/v1/objectives/"): [Case("public")],
    ("get", "/api/v1/objectives/{slug}/"): [
        Case("public", kwargs=lambda w: {"slug": _get(w, "objective").slug})
    ],
    ("get", "/api/v1/indicators/"): [Case("public")],
    ("post", "/api/v1/indicators/{id}/measurements/"): [
        Case(
            "secretariat",
            kwargs=_id("indicator"),
            data={"measured_on": "2024-06-30", "value": "41.5", "source": "Survey"},
            ok=frozenset({201}),
        )
    ],
    ("get", "/api/v1/issues/"): [Case("public")],
    ("get", "/api/v1/issues/{id}/"): [Case("public", kwargs=_id("issue"))],
    ("post", "/api/v1/issues/{id}/status/"): [
        Case(
            "secretariat",
            kwargs=_id("issue"),
            data={"status": "agreed", "reason": "Consensus reached."},
            ok=frozenset({200, 400}),
            label="the second staff role finds it agreed already (400)",
        )
    ],
    ("get", "/api/v1/proposals/"): [Case("public")],
    ("post", "/api/v1/proposals/"): [
        # The secretariat puts a proposal forward; a representative drafts one for its
        # organisation (member-tabled proposals, see governance_tabling).
        Case(
            "own-organisation-edit",
            data={
                "body": "general-assembly",
                "title": "A new proposal",
                "summary": "Summary.",
                "text": "One paragraph.",
                "disclosure": "public",
                "countries": ["CD"],
                "materials": ["cobalt"],
            },
            ok=frozenset({201}),
        )
    ],
    ("get", "/api/v1/proposals/{id}/"): [
        Case("public", kwargs=_id("public"), label="public proposal"),
        Case("members", kwargs=_id("members_only"), label="members-only proposal"),
    ],
    ("patch", "/api/v1/proposals/{id}/"): [
        Case("secretariat", kwargs=_id("draft"), data={"summary": "Shorter."}, label="draft"),
        Case(
            "secretariat",
            kwargs=_id("members_only"),
            data={"materials": ["tin"]},
            label="members-only proposal",
        ),
    ],
    ("post", "/api/v1/proposals/{id}/transitions/"): [
        Case(
            "secretariat",
            kwargs=_id("members_consultation"),
            data={"to_status": "deliberation"},
            ok=frozenset({200, 400}),
            label="close the consultation (400 for the second staff role: closed already)",
        )
    ],
    ("get", "/api/v1/proposals/{id}/participation/"): [
        Case("public", kwargs=_id("public"), label="public proposal"),
        Case("members", kwargs=_id("members_only"), label="members-only proposal"),
    ],
    ("get", "/api/v1/proposals/{id}/comments/"): [
        Case("public", kwargs=_id("public"), label="public proposal"),
        Case("members", kwargs=_id("members_only"), label="members-only proposal"),
    ],
    ("post", "/api/v1/proposals/{id}/comments/"): [
        Case(
            "signed-in",
            kwargs=_id("public"),
            data={"text": "A comment.", "paragraph": 1},
            ok=frozenset({201}),
            label="consultation open to the public",
        ),
        Case(
            "members",
            kwargs=_id("members_consultation"),
            data={"text": "A comment."},
            ok=frozenset({201}),
            label="external stakeholders may not comment on a members' consultation",
        ),
        Case(
            "members",
            kwargs=_id("members_only"),
            data={"text": "A comment."},
            ok=frozenset({201}),
            label="members-only proposal",
        ),
    ],
    ("get", "/api/v1/proposals/{id}/responses/"): [
        Case("public", kwargs=_id("public"), label="public proposal"),
        Case("members", kwargs=_id("members_only"), label="members-only proposal"),
    ],
    ("get", "/api/v1/proposals/{id}/impact-assessment/"): [
        Case("public", kwargs=_id("public"), label="public proposal")
    ],
    ("put", "/api/v1/proposals/{id}/impact-assessment/"): [
        Case(
            "secretariat",
            kwargs=_id("public"),
            data={
                "rationale": "Because.",
                "trade_offs": "Some.",
                "options": [
                    {"title": "Adopt", "is_chosen": True},
                    {"title": "Do nothing"},
                ],
                "costs": [
                    {
                        "kind": kind,
                        "dimension": dimension,
                        "borne_by": "Members",
                        "magnitude": "low",
                        "horizon": "short",
                        "confidence": "high",
                        "amount": "1200.00",
                        "currency": "EUR",
                    }
                    for kind in ("action", "inaction")
                    for dimension in ("economic", "social", "environmental")
                ],
            },
        )
    ],
    ("post", "/api/v1/comments/{id}/moderation/"): [
        Case(
            "secretariat",
            kwargs=_id("held"),
            data={"decision": "reject", "reason": "Off topic."},
            label="reject the held comment",
        )
    ],
    ("put", "/api/v1/comments/{id}/response/"): [
        Case(
            "secretariat",
            kwargs=_id("shown"),
            data={"outcome": "not_accepted", "reason": "Out of scope."},
        )
    ],
}
