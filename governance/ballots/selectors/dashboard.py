"""The ballots part of the dashboard: what is open, what needs a person's vote."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.roles import Role
from governance.ballots.models import (
    Ballot,
    BallotOutcome,
    Decision,
)
from governance.ballots.selectors.ballots import _visible_proposals, ballot_list

# --- dashboard ----------------------------------------------------------------------------------


@dataclass
class BallotDashboard:
    decisions_by_outcome: list[tuple[str, str, int]]  # (outcome, label, number)
    endorsements: int
    endorsed_decisions: int


def ballot_dashboard(*, user: Any) -> BallotDashboard:
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


def ballots_needing(*, user: Any) -> list[Ballot]:
    """Open ballots where this representative's organisation is in the electorate and has not
    voted and is not recused (for "needs my action"). One query."""
    who = policy.principal(user)
    if who.role != Role.ORGANISATION_REPRESENTATIVE or who.organisation_id is None:
        return []
    return list(
        ballot_list(user=user, state="open")
        .filter(electors__organisation_id=who.organisation_id, closes_at__gt=timezone.now())
        .exclude(
            Q(votes__organisation_id=who.organisation_id)
            | Q(
                declarations__organisation_id=who.organisation_id,
                declarations__has_conflict=True,
            )
        )
        .distinct()
    )
