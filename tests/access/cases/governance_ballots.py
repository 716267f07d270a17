"""Access cases of ballots, conflicts of interest and decisions (Governance II).

Ballots and decisions are read by whoever may read their proposal (public, or members-level).
Only an organisation's representative declares conflicts, votes and files dissenting
statements for it: not its other people, not the secretariat, not the superuser (nobody
votes for an organisation it does not represent). Only civil-society reviewers file reviewer
statements. The secretariat sets ballots up, exempts, closes, records endorsements and
publishes members-only decisions. The register of interests is public; the representative
writes its own organisation's entries, the secretariat any.

``populate`` adds, in the General Assembly (the own and the other organisation vote): an open
ballot on a public proposal (the own organisation has declared no conflict, the other a
conflict), an open ballot on
a members-only proposal, a closed one-member-one-vote ballot on a public proposal (the own
organisation voted no, the other yes: adopted at threshold 1/2), a closed ballot on a
members-only proposal, a proposal in deliberation (its ballot not yet set up), and an interest
of the own organisation in the register.
"""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction
from typing import Any

from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from governance.ballots import services
from governance.proposals.models import ProposalStatus
from tests.access.matrix import Case
from tests.governance.factories import make_proposal
from tests.governance.test_ballots_factories import close, open_ballot, vote

REDIRECT = frozenset({302})
FORM = frozenset({200, 302})  # 302 when saved; 200 when the form comes back with a message
ONCE = frozenset({200, 201, 400})  # the first allowed role does it; the next finds it done


def populate(world) -> None:
    if "governance_ballots" in world.extra:
        return
    from tests.access.cases import governance

    governance.populate(world)  # the assembly and the board
    open_public = open_ballot(title="Open ballot, public proposal")
    services.conflict_declare(
        actor=SYSTEM, ballot=open_public, organisation=world.own, has_conflict=False
    )
    services.conflict_declare(
        actor=SYSTEM,
        ballot=open_public,
        organisation=world.other,
        has_conflict=True,
        nature="Sponsors the proposal.",
    )
    open_members = open_ballot(
        title="Open ballot, members-only proposal", disclosure=DisclosureLevel.MEMBERS
    )
    closed_public = open_ballot(
        title="Closed ballot, public proposal",
        method="one_member_one_vote",
        threshold=Fraction(1, 2),
    )
    vote(closed_public, world.own, "no", "Not yet.")
    vote(closed_public, world.other, "yes")
    close(closed_public)
    closed_members = open_ballot(
        title="Closed ballot, members-only proposal", disclosure=DisclosureLevel.MEMBERS
    )
    vote(closed_members, world.own, "yes")
    vote(closed_members, world.other, "yes")
    close(closed_members)
    deliberation = make_proposal(status=ProposalStatus.DELIBERATION, title="Ballot to set up")
    interest = services.interest_declare(
        actor=SYSTEM,
        organisation=world.own,
        kind="business",
        description="Buys from a member.",
    )
    world.extra["governance_ballots"] = {
        "open_public": open_public,
        "open_members": open_members,
        "closed_public": closed_public,
        "closed_members": closed_members,
        "deliberation": deliberation,
        "interest": interest,
    }


def _get(world, key: str) -> Any:
    populate(world)
    return world.extra["governance_ballots"][key]


def _proposal(key: str):
    return lambda world: {"pk": _get(world, key).proposal_id}


def _ballot(key: str):
    return lambda world: {"id": _get(world, key).pk}


def _deliberation(world) -> dict[str, Any]:
    return {"pk": _get(world, "deliberation").pk}


def _interest_pk(world) -> dict[str, Any]:
    return {"pk": _get(world, "interest").pk}


def _interest_id(world) -> dict[str, Any]:
    return {"id": _get(world, "interest").pk}


def _later() -> str:
    return (timezone.now() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")


PAGES: dict[str, list[Case]] = {
    "governance:ballot-vote": [
        Case("representative", kwargs=_proposal("open_public"), label="public proposal"),
        Case("representative", kwargs=_proposal("open_members"), label="members-only"),
        Case(
            "representative",
            kwargs=_proposal("open_public"),
            method="post",
            data={"choice": "yes"},
            ok=REDIRECT,
            label="cast the vote",
        ),
    ],
    "governance:ballot-declaration": [
        Case("representative", kwargs=_proposal("open_public")),
        Case(
            "representative",
            kwargs=_proposal("open_members"),
            method="post",
            data={"has_conflict": "no"},
            ok=REDIRECT,
            label="declare no conflict",
        ),
    ],
    "governance:ballot-settings": [
        Case("secretariat", kwargs=_deliberation),
        Case(
            "secretariat",
            kwargs=_deliberation,
            method="post",
            data={"method": "chamber_balanced", "quorum": "1/2", "threshold": "2/3"},
            ok=REDIRECT,
            label="set the ballot up",
        ),
    ],
    "governance:ballot-exemption": [Case("secretariat", kwargs=_proposal("open_public"))],
    "governance:ballot-close": [
        Case("secretariat", kwargs=_proposal("open_public")),
        Case(
            "secretariat",
            kwargs=_proposal("open_members"),
            method="post",
            data={"reason": "The assembly ended early."},
            ok=FORM,
            label="close early (the second staff role finds it closed)",
        ),
    ],
    "governance:ballot-dissent": [
        Case("representative", kwargs=_proposal("closed_public")),
        Case(
            "representative",
            kwargs=_proposal("closed_public"),
            method="post",
            data={"text": "We dissent."},
            ok=REDIRECT,
            label="file the dissent",
        ),
    ],
    "governance:ballot-reviewer-statement": [
        Case("reviewer", kwargs=_proposal("closed_public")),
        Case("reviewer", kwargs=_proposal("closed_members"), label="members-only decision"),
        Case(
            "reviewer",
            kwargs=_proposal("closed_public"),
            method="post",
            data={"text": "A statement."},
            ok=REDIRECT,
            label="file a statement",
        ),
    ],
    "governance:ballot-endorsement": [
        Case("secretariat", kwargs=_proposal("closed_public")),
        Case(
            "secretariat",
            kwargs=_proposal("closed_public"),
            method="post",
            data={
                "endorser_name": "Ministry of Mines",
                "endorser_kind": "government",
                "country": "ZM",
                "evidence_note": "Letter kept by the secretariat.",
                "endorsed_on": timezone.localdate().isoformat(),
            },
            ok=FORM,
            label="record (the second staff role finds it recorded)",
        ),
    ],
    "governance:ballot-publish": [
        Case("secretariat", kwargs=_proposal("closed_members")),
        Case(
            "secretariat",
            kwargs=_proposal("closed_members"),
            method="post",
            ok=FORM,
            label="publish (the second staff role finds it published)",
        ),
    ],
    "governance:interest-list": [Case("public")],
    "governance:interest-declare": [
        Case("own-organisation-edit"),
        Case(
            "own-organisation-edit",
            method="post",
            data={
                "organisation": "own-organisation",
                "kind": "funding",
                "description": "A grant.",
            },
            ok=REDIRECT,
            label="declare an interest",
        ),
    ],
    "governance:interest-end": [
        Case("own-organisation-edit", kwargs=_interest_pk),
        Case(
            "own-organisation-edit",
            kwargs=_interest_pk,
            method="post",
            data={"reason": "The contract ended."},
            ok=FORM,
            label="end it (the next allowed role finds it ended)",
        ),
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/ballots/"): [Case("public")],
    ("get", "/api/v1/ballots/{id}/"): [
        Case("public", kwargs=_ballot("closed_public"), label="public proposal"),
        Case("members", kwargs=_ballot("open_members"), label="members-only proposal"),
    ],
    ("get", "/api/v1/ballots/{id}/votes/"): [
        Case("public", kwargs=_ballot("closed_public"), label="roll-call"),
        Case("members", kwargs=_ballot("open_members"), label="members-only proposal"),
    ],
    ("post", "/api/v1/ballots/{id}/votes/"): [
        Case(
            "representative",
            kwargs=_ballot("open_public"),
            data={"choice": "abstain"},
            ok=frozenset({201}),
        )
    ],
    ("get", "/api/v1/ballots/{id}/declarations/"): [
        Case("public", kwargs=_ballot("open_public"), label="public proposal"),
        Case("members", kwargs=_ballot("open_members"), label="members-only proposal"),
    ],
    ("post", "/api/v1/ballots/{id}/declarations/"): [
        Case(
            "representative",
            kwargs=_ballot("open_members"),
            data={"has_conflict": True, "nature": "We supply the proposer."},
            ok=frozenset({201}),
        )
    ],
    ("post", "/api/v1/ballots/{id}/exemptions/"): [
        Case(
            "secretariat",
            kwargs=_ballot("open_public"),
            data={"organisation": "other-organisation", "reason": "A minor interest."},
            ok=ONCE,
            label="exempt (400 for the second staff role: exempted already)",
        )
    ],
    ("post", "/api/v1/ballots/{id}/close/"): [
        Case(
            "secretariat",
            kwargs=_ballot("open_members"),
            data={"reason": "The assembly ended early."},
            ok=ONCE,
            label="close early (400 for the second staff role: closed already)",
        )
    ],
    ("put", "/api/v1/proposals/{id}/ballot-settings/"): [
        Case(
            "secretariat",
            kwargs=lambda w: {"id": _get(w, "deliberation").pk},
            data={"method": "consent", "quorum": "2/3", "closes_at": None},
        )
    ],
    ("get", "/api/v1/ballots/{id}/decision/"): [
        Case("public", kwargs=_ballot("closed_public"), label="public proposal"),
        Case("members", kwargs=_ballot("closed_members"), label="members-only proposal"),
    ],
    ("get", "/api/v1/ballots/{id}/decision/dissents/"): [
        Case("public", kwargs=_ballot("closed_public"), label="public proposal"),
        Case("members", kwargs=_ballot("closed_members"), label="members-only proposal"),
    ],
    ("post", "/api/v1/ballots/{id}/decision/dissents/"): [
        Case(
            "representative",
            kwargs=_ballot("closed_public"),
            data={"text": "We dissent."},
            ok=frozenset({201}),
        )
    ],
    ("get", "/api/v1/ballots/{id}/decision/reviewer-statements/"): [
        Case("public", kwargs=_ballot("closed_public"), label="public proposal"),
        Case("members", kwargs=_ballot("closed_members"), label="members-only proposal"),
    ],
    ("post", "/api/v1/ballots/{id}/decision/reviewer-statements/"): [
        Case(
            "reviewer",
            kwargs=_ballot("closed_public"),
            data={"text": "A statement."},
            ok=frozenset({201}),
        )
    ],
    ("get", "/api/v1/ballots/{id}/decision/endorsements/"): [
        Case("public", kwargs=_ballot("closed_public"), label="public proposal"),
        Case("members", kwargs=_ballot("closed_members"), label="members-only proposal"),
    ],
    ("post", "/api/v1/ballots/{id}/decision/endorsements/"): [
        Case(
            "secretariat",
            kwargs=_ballot("closed_public"),
            data={
                "endorser_name": "Ministry of Mines",
                "country": "ZM",
                "evidence_url": "https://example.org/letter.pdf",
                "endorsed_on": "2025-01-15",
            },
            ok=ONCE,
            label="record (400 for the second staff role: recorded already)",
        )
    ],
    ("post", "/api/v1/ballots/{id}/decision/publish/"): [
        Case(
            "secretariat",
            kwargs=_ballot("closed_members"),
            ok=ONCE,
            label="publish (400 for the second staff role: published already)",
        )
    ],
    ("get", "/api/v1/interests/"): [Case("public")],
    ("post", "/api/v1/interests/"): [
        Case(
            "own-organisation-edit",
            data={"organisation": "own-organisation", "kind": "other", "description": "A seat."},
            ok=frozenset({201}),
        )
    ],
    ("post", "/api/v1/interests/{id}/end/"): [
        Case(
            "own-organisation-edit",
            kwargs=_interest_id,
            data={"reason": "Ended."},
            ok=ONCE,
            label="end it (400 for the next allowed role: ended already)",
        )
    ],
}
