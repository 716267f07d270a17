"""The ballots part of the dashboard: what is open, what needs a person's vote."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.types import Actor
from governance.ballots.models import (
    Ballot,
    BallotOutcome,
    ConflictDeclaration,
    Decision,
)
from governance.ballots.models.interests import RECUSING
from governance.ballots.selectors.ballots import _visible_proposals, ballot_list

# --- dashboard ----------------------------------------------------------------------------------


@dataclass
class BallotDashboard:
    decisions_by_outcome: list[tuple[str, str, int]]  # (outcome, label, number)
    endorsements: int
    endorsed_decisions: int


def ballot_dashboard(*, user: Actor) -> BallotDashboard:
    """How many decisions this user may see per outcome, and the endorsements of those
    decisions by governments and public bodies (how many, and of how many decisions). One
    query."""
    rows = (
        Decision.objects.filter(proposal__in=_visible_proposals(user))
        .order_by()
        .values("outcome")
        .annotate(
            decided=Count("pk", distinct=True),
            endorsement_total=Count("endorsements"),
            endorsed_total=Count("endorsements__decision", distinct=True),
        )
    )
    counts = {row["outcome"]: row for row in rows}
    return BallotDashboard(
        decisions_by_outcome=[
            (
                outcome.value,
                outcome.label,
                counts[outcome.value]["decided"] if outcome in counts else 0,
            )
            for outcome in BallotOutcome
            if outcome != BallotOutcome.CANCELLED
        ],
        endorsements=sum(row["endorsement_total"] for row in counts.values()),
        endorsed_decisions=sum(row["endorsed_total"] for row in counts.values()),
    )


def ballots_needing(*, user: Actor) -> list[Ballot]:
    """Open ballots where this representative's organisation is in the electorate and has not
    voted and is not recused (for "needs my action"). One query."""
    organisation_id = policy.represented_organisation_id(user)
    if organisation_id is None or not policy.may(user, "ballot.vote"):
        return []
    recused_in = ConflictDeclaration.objects.filter(RECUSING, organisation_id=organisation_id)
    return list(
        ballot_list(user=user, state="open")
        .filter(electors__organisation_id=organisation_id, closes_at__gt=timezone.now())
        .exclude(votes__organisation_id=organisation_id)
        .exclude(pk__in=recused_in.values("ballot_id"))
        .distinct()
    )
