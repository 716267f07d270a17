"""Seeding the ballot demo through the real services."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from fractions import Fraction

from django.utils import timezone

from alliance_portal.policy import SYSTEM
from governance.ballots import services as ballot_services
from governance.ballots.demo.plans import (
    INTERESTS,
    NEW_PROPOSALS,
    PLANS,
    RESULTS,
    BallotPlan,
    SeedProposal,
)
from governance.ballots.models import Ballot, BallotElector, Decision, InterestDeclaration
from governance.proposals import services as proposal_services
from governance.proposals.models import Proposal, ProposalStatus
from members.models import Organisation

logger = logging.getLogger(__name__)
S = ProposalStatus
DAY = timedelta(days=1)


# --- seeding ------------------------------------------------------------------------------------


def _organisations() -> dict[str, Organisation]:
    return {o.name: o for o in Organisation.objects.all()}


def take_to_ballot(
    proposal: Proposal, *, status: str, opens: datetime, now: datetime | None = None
) -> None:
    """Open the proposal's ballot at ``opens`` (as its plan sets it up) and, when ``status``
    is a result, play its declarations and votes, close it on time and add the statements
    and endorsements that follow. Called by ``governance.demo`` for each proposal that reaches
    the ballot, once, when the proposal is created."""
    now = now or timezone.now()
    plan = PLANS.get(proposal.title) or _new_plan(proposal.title) or BallotPlan()
    ballot_services.ballot_configure(
        actor=SYSTEM,
        proposal=proposal,
        method=plan.method,
        quorum=Fraction(1, 2),
        threshold=Fraction(2, 3),
        concurrent_majority=plan.concurrent_majority,
        secret=plan.secret,
        closes_at=now + plan.closes_in_days * DAY if plan.closes_in_days else None,
    )
    proposal_services.proposal_transition(
        actor=SYSTEM, proposal=proposal, to_status=S.VOTING, reason="Ballot opened.", now=opens
    )
    ballot = Ballot.objects.select_related("proposal__body").get(proposal=proposal)
    _play(ballot, plan, opens)
    if status not in RESULTS:
        return
    assert ballot.closes_at is not None  # noqa: S101 (an open ballot has its closing time)
    decision = ballot_services.ballot_close(actor=SYSTEM, ballot=ballot, now=ballot.closes_at)
    if decision is None:
        return
    if decision.outcome != status:
        logger.warning("Demo ballot on %s gave %s, not %s", proposal, decision.outcome, status)
    _follow_up(decision, plan)


def _play(ballot: Ballot, plan: BallotPlan, opens: datetime) -> None:
    organisations = _organisations()
    electors = set(
        BallotElector.objects.filter(ballot=ballot).values_list("organisation_id", flat=True)
    )

    def known(name: str) -> Organisation | None:
        organisation = organisations.get(name)
        return organisation if organisation is not None and organisation.pk in electors else None

    moment = opens + timedelta(hours=2)
    for name, nature in plan.conflicts:
        organisation = known(name)
        if organisation is not None:
            ballot_services.conflict_declare(
                actor=SYSTEM,
                ballot=ballot,
                organisation=organisation,
                has_conflict=True,
                nature=nature,
                now=moment,
            )
    for name, reason in plan.exemptions:
        organisation = known(name)
        if organisation is not None:
            ballot_services.recusal_exempt(
                actor=SYSTEM, ballot=ballot, organisation=organisation, reason=reason, now=moment
            )
    conflicted = {name for name, _ in plan.conflicts}
    assert ballot.closes_at is not None  # noqa: S101
    step = min((ballot.closes_at - moment) / (len(plan.votes) + 2), timedelta(hours=6))
    for index, (name, choice, reason) in enumerate(plan.votes, start=1):
        organisation = known(name)
        if organisation is None:
            continue
        when = moment + step * index
        if name not in conflicted:
            ballot_services.conflict_declare(
                actor=SYSTEM,
                ballot=ballot,
                organisation=organisation,
                has_conflict=False,
                now=when,
            )
        ballot_services.vote_cast(
            actor=SYSTEM,
            ballot=ballot,
            organisation=organisation,
            choice=choice,
            reason=reason,
            now=when,
        )


def _follow_up(decision: Decision, plan: BallotPlan) -> None:
    organisations = _organisations()
    decided = decision.decided_at
    for name, text in plan.dissents:
        if name in organisations:
            ballot_services.dissent_file(
                actor=SYSTEM,
                decision=decision,
                organisation=organisations[name],
                text=text,
                now=decided + 3 * DAY,
            )
    for text in plan.reviewer_statements:
        ballot_services.reviewer_statement_file(
            actor=SYSTEM, decision=decision, text=text, now=decided + 6 * DAY
        )
    for item in plan.endorsements:
        organisation = organisations.get(item.organisation) if item.organisation else None
        if item.organisation and organisation is None:
            continue
        when = min(decided + 30 * DAY, timezone.now())
        ballot_services.endorsement_record(
            actor=SYSTEM,
            decision=decision,
            organisation=organisation,
            endorser_name=item.name,
            endorser_kind=item.kind,
            country=item.country,
            statement=item.statement,
            evidence_url=item.evidence_url,
            evidence_note=item.evidence_note,
            endorsed_on=timezone.localdate(when),
            now=when,
        )


def _new_plan(title: str) -> BallotPlan | None:
    for spec, plan in NEW_PROPOSALS:
        if spec.title == title:
            return plan
    return None


def seed(
    now: datetime, organisations: dict[str, Organisation], seed_proposal: SeedProposal
) -> None:
    """The four proposals of this module (through ``governance.demo``'s own proposal seeding,
    which brings each to its ballot with ``take_to_ballot``) and the register of interests.
    Idempotent."""
    for spec, _plan in NEW_PROPOSALS:
        if not Proposal.objects.filter(title=spec.title).exists():
            seed_proposal(spec, now, organisations)
    for name, kind, description in INTERESTS:
        organisation = organisations.get(name)
        if organisation is None:
            continue
        if InterestDeclaration.objects.filter(
            organisation=organisation, description=description
        ).exists():
            continue
        ballot_services.interest_declare(
            actor=SYSTEM,
            organisation=organisation,
            kind=kind,
            description=description,
            now=now - 200 * DAY,
        )
