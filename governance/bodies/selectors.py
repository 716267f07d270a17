"""Reads about governing bodies: their composition and who votes on their ballots."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.types import Actor

# The tabling rules read the constitution through this module.
from governance.ballots.methods import fraction_text, methods
from governance.bodies.constitution import bounds_for, source_text
from governance.bodies.constitution import constitution_for as constitution_for
from governance.bodies.models import Body, Constitution, Electorate, SeatHolder, current_term_q
from members.models import Chamber, MembershipStatus, Organisation, Person


def body_list() -> QuerySet[Body]:
    """Every body (bodies are public), in their fixed order, with their number of seats."""
    return Body.objects.annotate(seat_total=Sum("seats__seats")).order_by("order", "name")


def body_get(*, slug: str) -> Body:
    """One body by slug (404 when there is none)."""
    return get_object_or_404(Body, slug=slug)


@dataclass
class BoundRow:
    method: str  # the method's label
    value: str  # its stored value
    quorum: str  # "1/2"
    threshold: str  # "2/3", or "" for a method without a threshold


@dataclass
class ConstitutionSummary:
    """A body's constitution in words, for its page and the API."""

    constitution: Constitution
    bounds: list[BoundRow]
    amendments_by: Body
    source: str  # "adopted by decision 12", or the founding settings
    decision_seq: int | None  # the public log's decision that set it
    founding: bool


def constitution_summary(*, body: Body) -> ConstitutionSummary:
    """The constitution that binds ``body`` now, in words: each ballot method's lowest quorum
    and threshold, the consultation, tabling and admission rules, who amends its decisions
    and the decision that set it. Three queries at most."""
    constitution = constitution_for(body)
    rows = []
    for method in methods():
        bounds = bounds_for(constitution, method.value)
        rows.append(
            BoundRow(
                method=method.label,
                value=method.value,
                quorum=fraction_text(bounds.quorum),
                threshold=fraction_text(bounds.threshold) if bounds.threshold else "",
            )
        )
    decision = constitution.adopted_by
    return ConstitutionSummary(
        constitution=constitution,
        bounds=rows,
        amendments_by=constitution.amendments_by or body,
        source=source_text(constitution),
        decision_seq=decision.log_entry_id if decision is not None else None,
        founding=decision is None,
    )


def constitution_history(*, body: Body) -> QuerySet[Constitution]:
    """Every version of the body's constitution, newest first, with the decision that set
    each (one query)."""
    return (
        Constitution.objects.filter(body=body)
        .select_related("adopted_by__proposal", "amendments_by")
        .order_by("-number")
    )


def body_electorate(*, body: Body, on: date | None = None) -> QuerySet[Organisation]:
    """The organisations that vote on ``body``'s ballots on the day ``on`` (today by default):
    every active member organisation for a body whose electorate is all members (the general
    assembly); otherwise the active member organisations holding a seat whose term covers
    that day. Ballots (Governance II) and consultation participation both use this."""
    on = on or timezone.localdate()
    active = Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE)
    if body.electorate == Electorate.ALL_ACTIVE_MEMBERS:
        return active
    holders = SeatHolder.objects.filter(current_term_q(on), body=body).values("organisation_id")
    return active.filter(pk__in=holders)


def electorate_by_chamber(*, body: Body, on: date | None = None) -> dict[int, int]:
    """Chamber id → number of organisations in ``body_electorate`` (one query)."""
    rows = (
        body_electorate(body=body, on=on)
        .order_by()
        .values("chamber_id")
        .annotate(n=Count("pk"))
        .values_list("chamber_id", "n")
    )
    return dict(rows)


@dataclass
class HolderRow:
    holder: SeatHolder
    person_name: str  # empty when there is no person or the reader may not see them


@dataclass
class ChamberSeats:
    chamber: Chamber
    seats: int
    holders: list[HolderRow] = field(default_factory=list)
    voting_organisations: int = 0

    @property
    def vacant(self) -> int:
        return max(self.seats - len(self.holders), 0)


@dataclass
class Composition:
    on: date
    chambers: list[ChamberSeats]
    former: list[HolderRow]


def _holder_rows(user: Actor, holders: list[SeatHolder]) -> list[HolderRow]:
    person_ids = [h.person_id for h in holders if h.person_id is not None]
    visible_ids = (
        set(
            policy.visible(user, Person.objects.filter(pk__in=person_ids)).values_list(
                "pk", flat=True
            )
        )
        if person_ids
        else set()
    )
    rows = []
    for holder in holders:
        name = ""
        if holder.person_id in visible_ids and holder.person is not None:
            name = holder.person.user.display_name  # never the email address
        rows.append(HolderRow(holder=holder, person_name=name))
    return rows


def body_composition(*, user: Actor, body: Body, on: date | None = None) -> Composition:
    """The body's composition by chamber on the day ``on`` (today by default), in chamber
    order: seats per chamber, current seat holders, and how many organisations of the chamber
    vote on the body's ballots; plus former seat holders. A seat holder's person is named only
    when the access policy lets the reader see that person. A constant number of queries."""
    on = on or timezone.localdate()
    holders = list(
        SeatHolder.objects.filter(body=body)
        .select_related("organisation__chamber", "person__user")
        .order_by("organisation__chamber__order", "organisation__name", "-term_start")
    )
    rows = _holder_rows(user, holders)
    seats = {seat.chamber_id: seat.seats for seat in body.seats.all()}
    voters = electorate_by_chamber(body=body, on=on)
    chambers = []
    for chamber in Chamber.objects.order_by("order", "name"):
        current = [
            row
            for row in rows
            if row.holder.organisation.chamber_id == chamber.pk and row.holder.is_current(on)
        ]
        if chamber.pk not in seats and not current and not voters.get(chamber.pk):
            continue
        chambers.append(
            ChamberSeats(
                chamber=chamber,
                seats=seats.get(chamber.pk, 0),
                holders=current,
                voting_organisations=voters.get(chamber.pk, 0),
            )
        )
    former = [row for row in rows if not row.holder.is_current(on) and row.holder.term_start <= on]
    return Composition(on=on, chambers=chambers, former=former)
