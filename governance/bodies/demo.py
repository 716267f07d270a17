"""Demo data: the General Assembly, the Executive Board with seats per chamber and seat holders,
and two working groups."""

from __future__ import annotations

from datetime import date

from alliance_portal.demo import demo_logins_enabled
from alliance_portal.policy import SYSTEM
from governance.bodies import services
from governance.bodies.models import Body, BodySeat, SeatHolder
from governance.demo_content import (
    BODIES,
    SEAT_HOLDERS,
)
from members.models import Chamber, MembershipStatus, Organisation, Person


def _seed_bodies(organisations: dict[str, Organisation]) -> None:
    chambers = {chamber.slug: chamber for chamber in Chamber.objects.all()}
    for slug, name, kind, electorate, mandate, order, seats in BODIES:
        body, created = Body.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "electorate": electorate,
                "mandate": mandate,
                "order": order,
            },
        )
        if not created:
            continue
        for chamber_slug, number in seats.items():
            if chamber_slug in chambers:
                BodySeat.objects.create(body=body, chamber=chambers[chamber_slug], seats=number)
    for body_slug, organisation_name, position, start, end in SEAT_HOLDERS:
        body = Body.objects.get(slug=body_slug)
        organisation = organisations.get(organisation_name)
        if organisation is None or organisation.membership_status != MembershipStatus.ACTIVE:
            continue
        if SeatHolder.objects.filter(
            body=body, organisation=organisation, term_start=date.fromisoformat(start)
        ).exists():
            continue
        services.seat_holder_add(
            actor=SYSTEM,
            body=body,
            organisation=organisation,
            person=_representative(organisation),
            position=position,
            term_start=date.fromisoformat(start),
            term_end=date.fromisoformat(end) if end else None,
        )


def _representative(organisation: Organisation) -> Person | None:
    """The organisation's demo representative, when the demo logins exist."""
    if not demo_logins_enabled():
        return None
    return Person.objects.filter(organisation=organisation, is_representative=True).first()
