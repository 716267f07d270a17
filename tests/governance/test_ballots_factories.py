"""Helpers that build ballots through the services, for the ballot tests, the access matrix
and the browser journey (no tests here). Everything is done as the system (``actor=SYSTEM``)
unless a test says otherwise."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import Any

from django.utils import timezone
from rest_framework.test import APIClient

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from governance.ballots import services as ballot_services
from governance.ballots.models import Ballot
from governance.bodies import services as body_services
from governance.bodies.models import Body, BodyKind, BodySeat, Electorate
from governance.proposals import services as proposal_services
from governance.proposals.models import Proposal, ProposalStatus
from members.models import Chamber, Organisation
from tests.governance.factories import add_impact_assessment, make_proposal, respond_to_all

S = ProposalStatus


def chamber(slug: str, order: int) -> Chamber:
    found, _ = Chamber.objects.get_or_create(
        slug=slug, defaults={"name": slug.replace("-", " ").capitalize(), "order": order}
    )
    return found


def open_ballot(
    *,
    title: str = "Common rule for cobalt sourcing",
    disclosure: str = DisclosureLevel.PUBLIC,
    body: Body | None = None,
    **settings: Any,
) -> Ballot:
    """A proposal taken to its ballot, which opens with ``settings`` (method, quorum...) when
    given, or the body's defaults."""
    proposal = make_proposal(status=S.DELIBERATION, title=title, disclosure=disclosure, body=body)
    add_impact_assessment(proposal)
    respond_to_all(proposal)
    if settings:
        settings.setdefault("method", "chamber_balanced")
        ballot_services.ballot_configure(actor=SYSTEM, proposal=proposal, **settings)
    proposal_services.proposal_transition(actor=SYSTEM, proposal=proposal, to_status=S.VOTING)
    return Ballot.objects.select_related("proposal__body").get(proposal=proposal)


def vote(
    ballot: Ballot,
    organisation: Organisation,
    choice: str,
    reason: str = "",
    *,
    conflict: str = "",
) -> None:
    """Declare (no conflict, or the conflict given) and vote for ``organisation``."""
    ballot_services.conflict_declare(
        actor=SYSTEM,
        ballot=ballot,
        organisation=organisation,
        has_conflict=bool(conflict),
        nature=conflict,
    )
    if not conflict:
        ballot_services.vote_cast(
            actor=SYSTEM, ballot=ballot, organisation=organisation, choice=choice, reason=reason
        )


def close(ballot: Ballot) -> Ballot:
    """Close this ballot as the system does when its time has come (other ballots stay)."""
    ballot.refresh_from_db()
    ballot_services.ballot_close(actor=SYSTEM, ballot=ballot, now=ballot.closes_at)
    ballot.refresh_from_db()
    return ballot


def proposal_of(ballot: Ballot) -> Proposal:
    return Proposal.objects.get(pk=ballot.proposal_id)


def now() -> Any:
    return timezone.now()


# --- the rules of the issue, written out again (independently of governance.tally) -----------


def expected_outcome(
    *,
    method: str,
    quorum: Fraction,
    threshold: Fraction,
    concurrent_majority: bool,
    electorate: list[tuple[str, str]],
    recused: set[str],
    choices: dict[str, str],
) -> str:
    """The result by Governance II item 3: ``electorate`` is (organisation, chamber) pairs,
    ``choices`` organisation → its choice."""
    groups: dict[str, set[str]] = defaultdict(set)
    for organisation, chamber_slug in electorate:
        groups[chamber_slug if method == "chamber_balanced" else "all"].add(organisation)
    parts = []
    for members in groups.values():
        eligible = members - recused
        if not eligible:
            continue  # a chamber whose organisations are all recused takes no part
        cast = [choices[o] for o in eligible if choices.get(o)]
        yes = sum(1 for c in cast if c in ("yes", "consent"))
        no = cast.count("no")
        share = Fraction(yes, yes + no) if yes + no else Fraction(0)
        quorum_met = len(cast) >= math.ceil(quorum * len(eligible))
        parts.append((quorum_met, share, cast.count("object")))
    if not parts or not all(met for met, _, _ in parts):
        return "no_quorum"
    if method == "consent":
        return "rejected" if parts[0][2] else "adopted"
    support = sum((share for _, share, _ in parts), Fraction(0)) / len(parts)
    adopted = support >= threshold
    if concurrent_majority:
        adopted = adopted and all(share > Fraction(1, 2) for _, share, _ in parts)
    return "adopted" if adopted else "rejected"


def _fraction(value: dict[str, int]) -> Fraction:
    return Fraction(value["num"], value["den"])


def recompute_from_api(api: APIClient, ballot_id: int, *, method: str | None = None) -> str:
    """Fetch a closed roll-call ballot's rules, electorate, declarations and votes through the
    public API and recompute its result (``method`` overrides the ballot's, to compare)."""
    detail = api.get(f"/api/v1/ballots/{ballot_id}/").json()
    votes = api.get(f"/api/v1/ballots/{ballot_id}/votes/").json()
    declarations = api.get(f"/api/v1/ballots/{ballot_id}/declarations/").json()
    return expected_outcome(
        method=method or detail["method"],
        quorum=_fraction(detail["quorum"]),
        threshold=_fraction(detail["threshold"]),
        concurrent_majority=detail["concurrent_majority"] and method in (None, "chamber_balanced"),
        electorate=[(e["organisation"], e["chamber"]) for e in detail["electorate"]],
        recused={d["organisation"] for d in declarations if d["recused"]},
        choices={v["organisation"]: v["choice"] for v in votes},
    )


def working_group(organisations: list[Organisation], slug: str = "wg-ballots") -> Body:
    """A working group whose seat holders (and so its electorate) are ``organisations``."""
    body = Body.objects.create(
        slug=slug,
        name=f"Working group {slug}",
        kind=BodyKind.WORKING_GROUP,
        electorate=Electorate.SEAT_HOLDERS,
    )
    for chamber_id, seats in Counter(o.chamber_id for o in organisations).items():
        BodySeat.objects.create(body=body, chamber_id=chamber_id, seats=seats)
    for organisation in organisations:
        body_services.seat_holder_add(
            actor=SYSTEM, body=body, organisation=organisation, term_start=date(2024, 1, 1)
        )
    return body


RECUSED = "recused"


def scenario(
    make_organisation: Any,
    chambers: Mapping[str, Sequence[str | None]],
    *,
    title: str = "Scenario",
    **settings: Any,
) -> tuple[Ballot, dict[str, list[Organisation]]]:
    """A ballot of a working group whose chambers hold one organisation per listed choice:
    ``None`` does not vote, ``RECUSED`` declares a conflict. Returns the open ballot and the
    organisations per chamber."""
    by_chamber: dict[str, list[Organisation]] = {}
    for order, (slug, choices) in enumerate(chambers.items(), start=10):
        home = chamber(slug, order)
        by_chamber[slug] = [
            make_organisation(f"{title} {slug} {index}", chamber=home)
            for index in range(1, len(choices) + 1)
        ]
    body = working_group(
        [o for organisations in by_chamber.values() for o in organisations],
        slug=f"wg-{title.lower().replace(' ', '-')}",
    )
    settings.setdefault("method", "chamber_balanced")
    ballot = open_ballot(title=title, body=body, **settings)
    for slug, choices in chambers.items():
        for organisation, choice in zip(by_chamber[slug], choices, strict=True):
            if choice == RECUSED:
                vote(ballot, organisation, "", conflict="Declared for the test.")
            elif choice is not None:
                vote(ballot, organisation, choice, "Because." if choice == "object" else "")
    return ballot, by_chamber
