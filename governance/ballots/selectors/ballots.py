"""Reads about ballots: who may vote, the count, each voter's status, votes and declarations."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from fractions import Fraction
from typing import Any

from django.db.models import QuerySet

from alliance_portal import policy
from alliance_portal.types import Actor
from governance.ballots.models import (
    Ballot,
    BallotElector,
    ConflictDeclaration,
    Vote,
)
from governance.ballots.models.interests import RECUSING
from governance.proposals.models import Proposal
from governance.tally import TallyResult, tally
from members.models import Chamber, Organisation

# How long after a decision a dissenting statement may be attached.
DISSENT_DAYS = 14
REVIEWER = "civil-society reviewer"


# --- small formatting helpers for published records --------------------------------------------


def timestamp(moment: datetime) -> str:
    """UTC, whole seconds: ``YYYY-MM-DDTHH:MM:SSZ``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def fraction(value: Fraction) -> dict[str, int]:
    return {"num": value.numerator, "den": value.denominator}


def organisation_ref(organisation: Organisation) -> dict[str, str]:
    return {"slug": organisation.slug, "name": organisation.name}


def chamber_ref(chamber: Chamber) -> dict[str, str]:
    return {"slug": chamber.slug, "name": chamber.name}


# --- ballots ------------------------------------------------------------------------------------


def ballot_of(*, proposal: Proposal) -> Ballot | None:
    """The proposal's ballot (set up, open or closed), or None."""
    return (
        Ballot.objects.filter(proposal=proposal).select_related("proposal__body", "version").first()
    )


def ballot_get(*, user: Actor, pk: int) -> Ballot:
    """One ballot this user may see (the proposal's disclosure decides); 404 otherwise, or a
    request to sign in for an anonymous visitor."""
    queryset = Ballot.objects.select_related("proposal__body")
    return policy.get_visible_or_404(user, queryset, pk=pk)


def ballot_list(
    *, user: Actor, state: str | None = None, body: str | None = None
) -> QuerySet[Ballot]:
    """Ballots this user may see: ``state`` ``scheduled`` (set up, not open), ``open`` or
    ``closed``; ``body`` a body slug. Open ones first (closing soonest), then the rest, newest
    first. One query for any number of ballots (proposal and body loaded)."""
    queryset = Ballot.objects.filter(proposal__in=_visible_proposals(user)).select_related(
        "proposal__body"
    )
    if state == "scheduled":
        queryset = queryset.filter(opened_at__isnull=True)
    elif state == "open":
        queryset = queryset.filter(opened_at__isnull=False, closed_at__isnull=True)
    elif state == "closed":
        queryset = queryset.filter(closed_at__isnull=False)
    if body:
        queryset = queryset.filter(proposal__body__slug=body)
    return queryset.order_by("closed_at", "closes_at", "-opened_at", "-pk")


def _visible_proposals(user: Actor) -> QuerySet[Proposal, Any]:
    """The proposals this user may see, as a subquery: a ballot, a decision and what is said
    about it are read by whoever may read their proposal (the access policy's rule)."""
    return policy.visible(user, Proposal.objects.all()).values("pk")


def electorate(*, ballot: Ballot) -> dict[int, set[int]]:
    """Chamber id → ids of the organisations of that chamber in the ballot's electorate (taken
    when it opened), before recusals. One query."""
    chambers: dict[int, set[int]] = defaultdict(set)
    for chamber_id, organisation_id in BallotElector.objects.filter(ballot=ballot).values_list(
        "chamber_id", "organisation_id"
    ):
        chambers[chamber_id].add(organisation_id)
    return dict(chambers)


def _recusing(ballot: Ballot) -> QuerySet[ConflictDeclaration]:
    return ConflictDeclaration.objects.filter(RECUSING, ballot=ballot)


def recused_ids(*, ballot: Ballot) -> set[int]:
    """Organisations recused from the ballot (``ConflictDeclaration.recuses``: they declared
    a conflict of interest and the secretariat recorded no exemption). One query."""
    return set(_recusing(ballot).values_list("organisation_id", flat=True))


def recused_organisations(*, ballot: Ballot) -> QuerySet[Organisation]:
    """The organisations of ``recused_ids``, by name (those the secretariat may exempt)."""
    return Organisation.objects.filter(pk__in=_recusing(ballot).values("organisation_id")).order_by(
        "name"
    )


def ballot_tally(*, ballot: Ballot) -> TallyResult:
    """The ballot's result computed from the stored votes by ``governance.tally.tally``, the
    one implementation of the rules: E_c is the electorate of chamber c minus the recused
    organisations. Three queries. While the ballot is open this is the count so far (for the
    close only: never shown while the ballot runs)."""
    votes = dict(Vote.objects.filter(ballot=ballot).values_list("organisation_id", "choice"))
    return tally(
        method=ballot.method,
        eligible=electorate(ballot=ballot),
        votes=votes,
        recused=recused_ids(ballot=ballot),
        quorum=ballot.quorum,
        threshold=ballot.threshold,
        concurrent_majority=ballot.concurrent_majority,
    )


@dataclass(frozen=True)
class VoterStatus:
    """Where one organisation stands in a ballot. ``vote`` is its vote when the ballot is a
    roll-call; for a secret ballot only ``voted_at`` is known here, never the choice."""

    organisation: Organisation | None
    is_elector: bool
    declaration: ConflictDeclaration | None
    is_recused: bool
    vote: Vote | None
    voted_at: datetime | None

    @property
    def has_declared(self) -> bool:
        return self.declaration is not None


def voter_status(*, ballot: Ballot, organisation: Organisation | None) -> VoterStatus:
    """The organisation's place in the ballot: in the electorate or not, its conflict
    declaration (with any exemption), whether it is recused, and its vote. Three queries."""
    if organisation is None:
        return VoterStatus(None, False, None, False, None, None)
    is_elector = BallotElector.objects.filter(ballot=ballot, organisation=organisation).exists()
    declaration = (
        ConflictDeclaration.objects.filter(ballot=ballot, organisation=organisation)
        .select_related("exemption")
        .first()
    )
    recused = declaration is not None and declaration.recuses
    if ballot.secret:
        voted_at = (
            Vote.objects.filter(ballot=ballot, organisation=organisation)
            .values_list("cast_at", flat=True)
            .first()
        )
        return VoterStatus(organisation, is_elector, declaration, recused, None, voted_at)
    vote = Vote.objects.filter(ballot=ballot, organisation=organisation).first()
    return VoterStatus(
        organisation, is_elector, declaration, recused, vote, vote.cast_at if vote else None
    )


@dataclass(frozen=True)
class VoteRow:
    """A vote as a reader may see it; ``choice`` and ``reason`` are None for a secret ballot."""

    organisation: Organisation
    chamber: Chamber | None
    choice: str | None
    reason: str | None
    cast_at: datetime


def votes_visible_to(*, user: Actor, ballot: Ballot) -> list[VoteRow]:
    """The votes this reader may see (the caller has checked they may see the ballot):
    after a roll-call ballot closed, every vote (the roll-call); otherwise only the reader's
    own organisation's vote. A secret ballot's choices are never returned, to anyone: the own
    organisation learns only that, and when, its vote was recorded. Two queries."""
    votes = Vote.objects.filter(ballot=ballot).select_related("organisation")
    roll_call = ballot.closed_at is not None and not ballot.secret
    if not roll_call:
        own = policy.principal(user).organisation_id
        if own is None or not policy.may(user, "vote.read_own", ballot):
            return []
        votes = votes.filter(organisation_id=own)
    chambers = {
        elector.organisation_id: elector.chamber
        for elector in BallotElector.objects.filter(ballot=ballot).select_related("chamber")
    }
    rows = []
    for vote in votes.order_by("organisation__name"):
        secret = ballot.secret
        rows.append(
            VoteRow(
                organisation=vote.organisation,
                chamber=chambers.get(vote.organisation_id),
                choice=None if secret else vote.choice,
                reason=None if secret else vote.reason,
                cast_at=vote.cast_at,
            )
        )
    return rows


def declaration_list(*, ballot: Ballot) -> QuerySet[ConflictDeclaration]:
    """The ballot's conflict-of-interest declarations, with organisation, chamber and any
    exemption loaded, by organisation name. Public with the ballot: they name organisations,
    not the people who declared. One query."""
    return (
        ConflictDeclaration.objects.filter(ballot=ballot)
        .select_related("organisation__chamber", "exemption", "ballot__proposal")
        .order_by("organisation__name")
    )


@dataclass(frozen=True)
class ElectorRow:
    """An organisation of the electorate for the secretariat's view of a running ballot:
    whether it has declared, is recused and has voted (never how)."""

    elector: BallotElector
    declaration: ConflictDeclaration | None
    recused: bool
    voted: bool


def ballot_turnout(*, ballot: Ballot) -> list[ElectorRow]:
    """Every organisation of the electorate, in chamber order, with its declaration and
    whether it voted: for the secretariat while the ballot runs (who still has to declare
    or vote). Never a choice. Three queries."""
    declarations = {
        d.organisation_id: d
        for d in ConflictDeclaration.objects.filter(ballot=ballot).select_related("exemption")
    }
    voted = set(Vote.objects.filter(ballot=ballot).values_list("organisation_id", flat=True))
    rows = []
    for elector in BallotElector.objects.filter(ballot=ballot).select_related(
        "organisation", "chamber"
    ):
        declaration = declarations.get(elector.organisation_id)
        recused = declaration is not None and declaration.recuses
        rows.append(ElectorRow(elector, declaration, recused, elector.organisation_id in voted))
    return rows
