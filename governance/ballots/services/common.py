"""Rules shared by the ballot use cases: locks, whom a representative speaks for, the checks on
a running ballot."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.types import Actor
from governance.ballots.methods import ChamberBalanced, OneMemberOneVote
from governance.ballots.models import (
    Ballot,
    BallotElector,
)
from governance.bodies.models import BodyKind
from governance.proposals.models import Proposal, ProposalStatus
from members.models import Organisation

S = ProposalStatus
DEFAULT_VOTING_PERIOD = timedelta(days=14)
MAX_TEXT = 10_000
# PositiveSmallIntegerField holds numerators and denominators up to this.
MAX_TERM = 32_767


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d %B %Y at %H:%M} UTC"


def default_method(proposal: Proposal) -> str:
    """The general assembly votes chamber-balanced; boards and working groups, whose seats are
    already shared out by chamber, one member one vote."""
    if proposal.body.kind == BodyKind.GENERAL_ASSEMBLY:
        return ChamberBalanced.value
    return OneMemberOneVote.value


def _speaking_for(actor: Actor, organisation: Organisation | None, what: str) -> Organisation:
    """The organisation ``actor`` acts for, once the policy has let them act: the one a
    representative represents (naming another is refused), or the one the system (demo data,
    imports) or the secretariat names."""
    own_id = policy.represented_organisation_id(actor)
    if own_id is None:
        if organisation is None:
            raise ValidationError({"organisation": "Say which organisation."})
        return organisation
    own = Organisation.objects.get(pk=own_id)
    if organisation is not None and organisation.pk != own.pk:
        raise PermissionDenied(
            f"You represent {own.name}, not {organisation.name}: you may {what} for your own "
            "organisation only."
        )
    return own


def _lock(ballot: Ballot) -> Ballot:
    return (
        Ballot.objects.select_for_update(of=("self",))
        .select_related("proposal__body")
        .get(pk=ballot.pk)
    )


def _check_running(ballot: Ballot, now: datetime) -> None:
    """Refuse unless the ballot takes declarations and votes now."""
    if ballot.opened_at is None or ballot.closes_at is None:
        raise ValidationError("The ballot has not opened yet.")
    if ballot.closed_at is not None:
        raise ValidationError(
            f"The ballot closed on {_when(ballot.closed_at)}: nothing more is taken."
        )
    if ballot.closes_at <= now:
        raise ValidationError(
            f"The ballot closed on {_when(ballot.closes_at)}: nothing more is taken."
        )
    if ballot.proposal.status != S.VOTING:
        raise ValidationError("The proposal is no longer put to the vote.")


def _check_elector(ballot: Ballot, organisation: Organisation) -> None:
    if not BallotElector.objects.filter(ballot=ballot, organisation=organisation).exists():
        raise ValidationError(
            f"{organisation.name} is not in this ballot's electorate (the organisations that "
            f"vote on the {ballot.proposal.body.name}'s ballots when it opened)."
        )


def _text(value: str, field: str, missing: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError({field: missing})
    if len(value) > MAX_TEXT:
        raise ValidationError({field: f"At most {MAX_TEXT} characters."})
    return value
