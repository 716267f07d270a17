"""Reads about decisions and the published records of what is said about them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, QuerySet

from alliance_portal.types import Actor
from governance.ballots.models import (
    DISSENTING_CHOICES,
    Decision,
    DissentingStatement,
    Endorsement,
    ReviewerStatement,
    Vote,
)
from governance.ballots.secrecy import public_record
from governance.ballots.selectors.ballots import (
    DISSENT_DAYS,
    REVIEWER,
    _visible_proposals,
    organisation_ref,
    recused_ids,
    timestamp,
)
from governance.proposals.models import Proposal


def decision_public_record(decision: Decision) -> dict[str, Any]:
    """The decision's public record: what the members' decision page and the API show and what
    the public decision log publishes, the same frozen content for all, with a secret ballot's
    figures withheld by today's rule (``secrecy.public_record``: a record frozen before the
    rule was tightened is shown, and published later, by it)."""
    return public_record(decision.record)


def decision_of(*, proposal: Proposal) -> Decision | None:
    return Decision.objects.filter(proposal=proposal).select_related("log_entry").first()


def dissent_public_record(dissent: DissentingStatement, decision_seq: int) -> dict[str, Any]:
    """The public record of a dissenting statement (names the organisation)."""
    return {
        "decision_seq": decision_seq,
        "proposal": {"id": dissent.decision.proposal_id},
        "organisation": organisation_ref(dissent.organisation),
        "text": dissent.text,
        "filed_at": timestamp(dissent.filed_at),
    }


def reviewer_statement_public_record(
    statement: ReviewerStatement, decision_seq: int
) -> dict[str, Any]:
    """The public record of a reviewer statement: "a civil-society reviewer", not a person."""
    return {
        "decision_seq": decision_seq,
        "proposal": {"id": statement.decision.proposal_id},
        "author": REVIEWER,
        "text": statement.text,
        "filed_at": timestamp(statement.filed_at),
    }


def endorsement_public_record(endorsement: Endorsement, decision_seq: int) -> dict[str, Any]:
    """The public record of an endorsement, with its evidence."""
    return {
        "decision_seq": decision_seq,
        "proposal": {"id": endorsement.decision.proposal_id},
        "endorser": {
            "name": endorsement.endorser_name,
            "kind": endorsement.endorser_kind,
            "country": str(endorsement.country.code) if endorsement.country else None,
            "organisation": organisation_ref(endorsement.organisation)
            if endorsement.organisation
            else None,
        },
        "organisation": {"slug": None, "name": endorsement.endorser_name}
        if endorsement.organisation is None
        else organisation_ref(endorsement.organisation),
        "text": endorsement.statement,
        "endorsed_on": endorsement.endorsed_on.isoformat(),
        "evidence": {"url": endorsement.evidence_url, "note": endorsement.evidence_note},
    }


def dissent_deadline(decision: Decision) -> datetime:
    return decision.decided_at + timedelta(days=DISSENT_DAYS)


def dissent_open_to(*, decision: Decision, organisation_id: int | None, now: datetime) -> bool:
    """True when the organisation can still attach a dissenting statement (who may file it
    for the organisation is the policy's ``dissent.file``): a roll-call ballot, within 14
    days, it voted no or objected (and was not recused), none filed yet."""
    if organisation_id is None or decision.ballot.secret or now > dissent_deadline(decision):
        return False
    if DissentingStatement.objects.filter(
        decision=decision, organisation_id=organisation_id
    ).exists():
        return False
    return bool(
        Vote.objects.filter(
            ballot_id=decision.ballot_id,
            organisation_id=organisation_id,
            choice__in=DISSENTING_CHOICES,
        ).exists()
        and organisation_id not in recused_ids(ballot=decision.ballot)
    )


@dataclass
class DecisionView:
    """A decision with what was said about it, for its page and the API."""

    decision: Decision
    record: dict[str, Any]
    dissents: list[DissentingStatement]
    reviewer_statements: list[ReviewerStatement]
    endorsements: list[Endorsement]


def decision_view(*, decision: Decision) -> DecisionView:
    """The decision's public record with its dissenting statements, reviewer statements and
    endorsements (oldest first). Four queries."""
    return DecisionView(
        decision=decision,
        record=decision_public_record(decision),
        dissents=list(decision.dissents.select_related("organisation", "log_entry")),
        reviewer_statements=list(decision.reviewer_statements.select_related("log_entry")),
        endorsements=list(decision.endorsements.select_related("organisation", "log_entry")),
    )


def decision_list(*, user: Actor) -> QuerySet[Decision]:
    """Decisions this user may see, newest first, with proposal and body loaded and the number
    of endorsements counted. One query."""
    return (
        Decision.objects.filter(proposal__in=_visible_proposals(user))
        .select_related("proposal__body", "log_entry")
        .annotate(endorsement_count=Count("endorsements"))
        .order_by("-decided_at", "-pk")
    )
