"""Seat holders of governing bodies."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q

from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.bodies.models import Body, BodySeat, SeatHolder
from governance.common.services import require_staff
from members.models import MembershipStatus, Organisation, Person


def _overlapping(body: Body, start: date, end: date | None) -> Q:
    """Seat-holder terms on ``body`` that share at least one day with [start, end]."""
    condition = Q(body=body) & (Q(term_end__isnull=True) | Q(term_end__gte=start))
    if end is not None:
        condition &= Q(term_start__lte=end)
    return condition


@use_case
def seat_holder_add(
    *,
    actor: Actor | None,
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
    require_staff(actor, "change the composition of bodies")
    errors: dict[str, str] = {}
    if term_end is not None and term_end < term_start:
        errors["term_end"] = "The term ends after it starts."
    if organisation.membership_status != MembershipStatus.ACTIVE:
        errors["organisation"] = "Only an active member organisation holds a seat."
    if person is not None and person.organisation_id != organisation.pk:
        errors["person"] = f"This person is not of {organisation}."
    seat = BodySeat.objects.filter(body=body, chamber_id=organisation.chamber_id).first()
    if seat is None:
        errors["organisation"] = f"The {organisation.chamber} chamber has no seat on {body}."
    if errors:
        raise ValidationError(errors)
    overlapping = SeatHolder.objects.select_for_update().filter(
        _overlapping(body, term_start, term_end), organisation__chamber_id=organisation.chamber_id
    )
    if any(holder.organisation_id == organisation.pk for holder in overlapping):
        raise ValidationError(
            {"organisation": f"{organisation} holds a seat for part of this term already."}
        )
    if seat is not None and len(overlapping) >= seat.seats:
        raise ValidationError(
            {
                "organisation": f"The {organisation.chamber} chamber's {seat.seats} "
                f"seat{'s' if seat.seats != 1 else ''} on {body} are taken for part of this term."
            }
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
def seat_holder_end_term(*, actor: Actor | None, holder: SeatHolder, term_end: date) -> SeatHolder:
    """End (or shorten) a seat holder's term. The secretariat."""
    require_staff(actor, "change the composition of bodies")
    if term_end < holder.term_start:
        raise ValidationError({"term_end": "The term ends after it starts."})
    holder.term_end = term_end
    holder.save(update_fields=["term_end"])
    return holder
