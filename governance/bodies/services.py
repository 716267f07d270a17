"""Seat holders of governing bodies: every change of who holds a seat, and for which term, goes
through these use cases (the admin's too). The chamber's seat row (``BodySeat``) is locked
while a term is checked and written, so two additions at once cannot both take the last seat;
the database itself refuses overlapping terms of one organisation on one body (an exclusion
constraint), whatever writes them."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.bodies.models import Body, BodySeat, SeatHolder
from members.models import MembershipStatus, Organisation, Person


def _overlapping(body: Body, start: date, end: date | None) -> Q:
    """Seat-holder terms on ``body`` that share at least one day with [start, end]."""
    condition = Q(body=body) & (Q(term_end__isnull=True) | Q(term_end__gte=start))
    if end is not None:
        condition &= Q(term_start__lte=end)
    return condition


def _locked_seat(body: Body, organisation: Organisation) -> BodySeat | None:
    """The seats of ``organisation``'s chamber on ``body``, locked until the use case ends."""
    return (
        BodySeat.objects.select_for_update()
        .filter(body=body, chamber_id=organisation.chamber_id)
        .first()
    )


def _check_term(
    *,
    body: Body,
    organisation: Organisation,
    seat: BodySeat,
    term_start: date,
    term_end: date | None,
) -> None:
    """Refuse the days [term_start, term_end] (a new term, or the days a longer one adds) when
    the organisation holds a seat on the body for part of them already, or the chamber's seats
    are all taken for part of them. The caller holds the lock on ``seat``."""
    overlapping = SeatHolder.objects.filter(
        _overlapping(body, term_start, term_end), organisation__chamber_id=organisation.chamber_id
    )
    others = list(overlapping.values_list("organisation_id", flat=True))
    if organisation.pk in others:
        raise ValidationError(
            {"organisation": f"{organisation} holds a seat for part of this term already."}
        )
    if len(others) >= seat.seats:
        raise ValidationError(
            {
                "organisation": f"The {organisation.chamber} chamber's {seat.seats} "
                f"seat{'s' if seat.seats != 1 else ''} on {body} are taken for part of this term."
            }
        )


@use_case
def seat_holder_add(
    *,
    actor: Actor,
    body: Body,
    organisation: Organisation,
    term_start: date,
    term_end: date | None = None,
    person: Person | None = None,
    position: str = "",
) -> SeatHolder:
    """Give ``organisation`` one of its chamber's seats on ``body`` for a term, optionally
    naming the person who sits for it. The secretariat. Refused: a body whose members are all
    organisations (the assembly), an organisation that is not an active member, a person of
    another organisation, a term ending before it starts, an organisation already seated for
    part of the term, and a chamber whose seats are all taken for part of the term."""
    policy.require(actor, "seat.change", body)
    errors: dict[str, str] = {}
    if term_end is not None and term_end < term_start:
        errors["term_end"] = "The term ends after it starts."
    if organisation.membership_status != MembershipStatus.ACTIVE:
        errors["organisation"] = "Only an active member organisation holds a seat."
    if person is not None and person.organisation_id != organisation.pk:
        errors["person"] = f"This person is not of {organisation}."
    seat = _locked_seat(body, organisation)
    if seat is None:
        errors["organisation"] = f"The {organisation.chamber} chamber has no seat on {body}."
    if errors:
        raise ValidationError(errors)
    assert seat is not None  # noqa: S101 (refused above otherwise)
    _check_term(
        body=body,
        organisation=organisation,
        seat=seat,
        term_start=term_start,
        term_end=term_end,
    )
    return SeatHolder.objects.create(
        body=body,
        organisation=organisation,
        person=person,
        position=position.strip(),
        term_start=term_start,
        term_end=term_end,
    )


@use_case
def seat_holder_update(
    *, actor: Actor, holder: SeatHolder, term_end: date | None, position: str | None = None
) -> SeatHolder:
    """Change a seat holder's term end (end or shorten the term, extend it, or leave it open)
    and, when given, their position. The secretariat. Ending or shortening a term is always
    possible; the days a longer term adds are checked as a new term would be: refused when
    they overlap another term of the organisation on the body, or when the chamber's seats are
    all taken for part of them."""
    policy.require(actor, "seat.change", holder.body)
    current = SeatHolder.objects.select_related("body", "organisation__chamber").get(pk=holder.pk)
    if term_end is not None and term_end < current.term_start:
        raise ValidationError({"term_end": "The term ends after it starts."})
    if current.term_end is not None and (term_end is None or term_end > current.term_end):
        seat = _locked_seat(current.body, current.organisation)
        if seat is None:
            raise ValidationError(
                {
                    "term_end": f"The {current.organisation.chamber} chamber has no seat on "
                    f"{current.body} any more: the term cannot be longer."
                }
            )
        _check_term(
            body=current.body,
            organisation=current.organisation,
            seat=seat,
            term_start=current.term_end + timedelta(days=1),
            term_end=term_end,
        )
    current.term_end = term_end
    fields = ["term_end"]
    if position is not None:
        current.position = position.strip()
        fields.append("position")
    current.save(update_fields=fields)
    return current
