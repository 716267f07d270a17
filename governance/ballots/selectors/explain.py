"""Reads that let a ballot explain itself to its reader: whether they vote and, if not, why
(the access policy's refusal) and who votes for their organisation; where their organisation
stands; and the closed ballot's roll-call and conflicts in words (labels, never stored
values)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from alliance_portal import policy
from alliance_portal.types import Actor
from governance.ballots.models import Ballot, VoteChoice
from governance.ballots.selectors.ballots import VoterStatus, voter_status
from members.models import Organisation, Person


def names_text(names: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class Representatives:
    """Who votes for an organisation: the named representatives (display names, as the
    reader may see them) and how many there are in all."""

    names: list[str] = field(default_factory=list)
    count: int = 0

    @property
    def text(self) -> str:
        return names_text(self.names) if self.names else ""


def representatives_of(*, user: Actor, organisation: Organisation) -> Representatives:
    """The organisation's active representatives this reader may see (each person's own
    disclosure level), by name. One query."""
    people = (
        policy.visible(
            user,
            Person.objects.filter(
                organisation=organisation, is_representative=True, user__is_active=True
            ),
        )
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )
    names, count = [], 0
    for person in people:
        count += 1
        name = person.user.display_name or person.user.get_full_name()
        if name:
            names.append(name)
    return Representatives(names=names, count=count)


@dataclass(frozen=True)
class VotingPosition:
    """The reader's place in an open ballot. ``refusal`` is None when the reader votes (for
    ``organisation``), else the policy's reason. ``status`` is the reader's organisation's
    place in the ballot when the reader may know it (its representative, or its people: that
    it voted, never how); ``representatives`` who vote for it when the reader does not."""

    refusal: str | None
    organisation: Organisation | None = None
    status: VoterStatus | None = None
    representatives: Representatives | None = None

    @property
    def votes_here(self) -> bool:
        return self.refusal is None


def voting_position(*, user: Actor, ballot: Ballot) -> VotingPosition:
    """Whether this reader votes in the ballot and, if not, why and who votes for their
    organisation. No query for a reader without an organisation; five at most."""
    refusal = policy.refusal(user, "ballot.vote", ballot)
    if refusal is None:
        organisation_id = policy.represented_organisation_id(user)
    else:
        organisation_id = policy.principal(user).organisation_id
    organisation = (
        Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None
    )
    if organisation is None:
        return VotingPosition(refusal=refusal)
    status = None
    if refusal is None or policy.may(user, "vote.read_own", ballot):
        status = voter_status(ballot=ballot, organisation=organisation)
    representatives = (
        None if refusal is None else representatives_of(user=user, organisation=organisation)
    )
    return VotingPosition(refusal, organisation, status, representatives)


def roll_call_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """A closed roll-call ballot's rows as a reader reads them: the chamber's name, the vote
    labelled ("Yes", "Did not vote", "Recused (conflict of interest: …)") and the reason."""
    chambers = {
        row["chamber"]["slug"]: row["chamber"]["name"] for row in record["tally"]["chambers"]
    }
    natures = {
        row["organisation"]["slug"]: row["nature"]
        for row in record.get("conflict_declarations", [])
        if row["conflict"]
    }
    labels = dict(VoteChoice.choices)
    rows = []
    for row in record.get("roll_call") or []:
        slug = row["organisation"]["slug"]
        if row["recused"]:
            nature = natures.get(slug)
            vote = f"Recused (conflict of interest: {nature})" if nature else "Recused"
        elif row["choice"]:
            vote = str(labels.get(row["choice"], row["choice"]))
        else:
            vote = "Did not vote"
        rows.append(
            {
                "organisation": row["organisation"],
                "chamber": chambers.get(row["chamber"], ""),
                "vote": vote,
                "reason": row.get("reason") or "",
            }
        )
    return rows


@dataclass(frozen=True)
class ConflictSummary:
    """A closed ballot's conflict declarations: those that declared a conflict (with the
    recusal or exemption), and how many declared none."""

    conflicts: list[dict[str, Any]]
    none_declared: int


def conflict_summary(record: dict[str, Any]) -> ConflictSummary:
    rows = record.get("conflict_declarations", [])
    conflicts = [row for row in rows if row["conflict"]]
    return ConflictSummary(conflicts=conflicts, none_declared=len(rows) - len(conflicts))
