"""Access cases of member-tabled proposals (issue 16, item 1).

An organisation's representative drafts a proposal for it, asks other organisations to
co-sponsor, tables it and revises it after a decline; the author organisation's people (member
and representative, never the secretariat) edit its draft; the representative of another
organisation co-sponsors it (and withdraws); only the secretariat admits or declines a tabled
proposal. Nobody acts in another organisation's name: the secretariat neither drafts, edits,
co-sponsors nor tables a member's proposal.

``populate`` adds, with organisations in two other chambers (each with a representative): a
public draft of the own organisation (co-sponsored from two other chambers, so it can be
tabled), a public draft of the other organisation (which the own organisation co-sponsors), a
second one of the other organisation (not co-sponsored), two tabled proposals of the own
organisation, and a declined one.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from alliance_portal.policy import SYSTEM
from governance.proposals import services
from tests.access.matrix import Case
from tests.governance.factories import assembly
from tests.governance.tabling_support import draft, tabled, tabling_world

REDIRECT = frozenset({302})
FORM = frozenset({200, 302})  # 302 when done; 200 when the form comes back with a message
ONCE = frozenset({200, 201, 400})  # the first allowed role does it; the next finds it done


def populate(world) -> None:
    if "governance_tabling" in world.extra:
        return
    assembly()
    tabling = tabling_world()
    own_draft = draft(world.own, title="Own draft, co-sponsored")
    for organisation in (tabling.miner, tabling.community):
        services.proposal_sponsor(actor=SYSTEM, proposal=own_draft, organisation=organisation)
    other_sponsored = draft(world.other, title="Other's draft, co-sponsored by own")
    services.proposal_sponsor(actor=SYSTEM, proposal=other_sponsored, organisation=world.own)
    other_draft = draft(world.other, title="Other's draft")
    sponsors = [tabling.miner, tabling.community]
    declined = tabled(world.own, sponsors, title="Own declined proposal")
    services.proposal_decline(actor=SYSTEM, proposal=declined, reason="Out of scope.")
    world.extra["governance_tabling"] = {
        "own_draft": own_draft,
        "other_sponsored": other_sponsored,
        "other_draft": other_draft,
        "tabled": tabled(world.own, sponsors, title="Own tabled proposal"),
        "tabled_to_decline": tabled(world.own, sponsors, title="Own proposal to decline"),
        "declined": declined,
    }


def _pk(key: str):
    def kwargs(world) -> dict[str, Any]:
        populate(world)
        return {"pk": world.extra["governance_tabling"][key].pk}

    return kwargs


def _id(key: str):
    def kwargs(world) -> dict[str, Any]:
        return {"id": _pk(key)(world)["pk"]}

    return kwargs


DRAFT = {
    "title": "A member's proposal",
    "summary": "Summary.",
    "text": "One paragraph.",
    "disclosure": "public",
}


PAGES: dict[str, list[Case]] = {
    "governance:proposal-draft": [
        Case("representative"),
        Case(
            "representative",
            method="post",
            data={**DRAFT, "body": "not-a-body"},
            ok=frozenset({200}),
            label="the form asks to choose a body",
        ),
    ],
    "governance:proposal-draft-edit": [
        Case("own-organisation-people", kwargs=_pk("own_draft")),
        Case(
            "own-organisation-people",
            kwargs=_pk("own_draft"),
            method="post",
            data={"title": ""},
            ok=frozenset({200}),
            label="the form says what is missing",
        ),
    ],
    "governance:proposal-sponsor": [
        Case("representative", kwargs=_pk("other_draft"), method="post", ok=REDIRECT)
    ],
    "governance:proposal-sponsor-withdraw": [
        Case("representative", kwargs=_pk("other_sponsored"), method="post", ok=REDIRECT)
    ],
    "governance:proposal-sponsors-request": [
        Case("representative", kwargs=_pk("own_draft")),
        Case(
            "representative",
            kwargs=_pk("own_draft"),
            method="post",
            data={"organisations": []},
            ok=frozenset({200}),
            label="the form asks to choose",
        ),
    ],
    "governance:proposal-table": [
        Case("representative", kwargs=_pk("own_draft"), method="post", ok=REDIRECT)
    ],
    "governance:proposal-revise": [
        Case("representative", kwargs=_pk("declined"), method="post", ok=REDIRECT)
    ],
    "governance:proposal-admit": [
        Case("secretariat", kwargs=_pk("tabled")),
        Case(
            "secretariat",
            kwargs=_pk("tabled"),
            method="post",
            data={"consultation_closes_at": ""},
            ok=frozenset({200}),
            label="the form asks for the closing time",
        ),
    ],
    "governance:proposal-decline": [
        Case("secretariat", kwargs=_pk("tabled_to_decline")),
        Case(
            "secretariat",
            kwargs=_pk("tabled_to_decline"),
            method="post",
            data={"reason": "Out of scope."},
            ok=FORM,
            label="decline (the second staff role finds it declined)",
        ),
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("post", "/api/v1/proposals/{id}/sponsors/"): [
        Case("representative", kwargs=_id("other_draft"), ok=frozenset({201}))
    ],
    ("delete", "/api/v1/proposals/{id}/sponsors/"): [
        Case("representative", kwargs=_id("other_sponsored"))
    ],
    ("post", "/api/v1/proposals/{id}/sponsor-requests/"): [
        Case(
            "representative",
            kwargs=_id("own_draft"),
            data={"organisations": ["copperbelt-mining"]},
        )
    ],
    ("post", "/api/v1/proposals/{id}/table/"): [Case("representative", kwargs=_id("own_draft"))],
    ("post", "/api/v1/proposals/{id}/revise/"): [Case("representative", kwargs=_id("declined"))],
    ("post", "/api/v1/proposals/{id}/admit/"): [
        Case(
            "secretariat",
            kwargs=_id("tabled"),
            data={"consultation_closes_at": (timezone.now() + timedelta(days=20)).isoformat()},
            ok=ONCE,
            label="admit (the second staff role finds it admitted)",
        )
    ],
    ("post", "/api/v1/proposals/{id}/decline/"): [
        Case(
            "secretariat",
            kwargs=_id("tabled_to_decline"),
            data={"reason": "Out of scope."},
            ok=ONCE,
            label="decline (the second staff role finds it declined)",
        )
    ],
}
