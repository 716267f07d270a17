"""Reads of the members app, used by views, API, reports and the access policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from alliance_portal import policy
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.roles import Membership
from members.models import Chamber, MembershipStatus, Organisation, Person


def membership_lookup(user: Any) -> Membership | None:
    """The user's place in a member organisation, for the role of DESIGN.md §2."""
    person = (
        Person.objects.filter(user_id=user.pk)
        .select_related("organisation")
        .only("is_representative", "organisation__membership_status")
        .first()
    )
    if person is None:
        return None
    return Membership(
        organisation_id=person.organisation_id,
        is_member=person.organisation.membership_status == MembershipStatus.ACTIVE,
        is_representative=person.is_representative,
    )


def chamber_list() -> QuerySet[Chamber]:
    """All chambers in their fixed order, with the number of active member organisations."""
    return Chamber.objects.annotate(
        active_members=Count(
            "organisations", filter=Q(organisations__membership_status=MembershipStatus.ACTIVE)
        )
    ).order_by("order", "name")


def organisation_list(
    *,
    user: Any,
    chamber: str | None = None,
    country: str | None = None,
    status: str | None = None,
    search: str | None = None,
) -> QuerySet[Organisation]:
    """Organisations this user may see, with their chamber loaded, filtered by chamber slug,
    country (headquarters or operations), membership status and a name search."""
    queryset = policy.visible(user, Organisation.objects.select_related("chamber"))
    if chamber:
        queryset = queryset.filter(chamber__slug=chamber)
    if country:
        code = country.upper()
        queryset = queryset.filter(
            Q(headquarters_country=code) | Q(countries_of_operation__contains=code)
        )
    if status:
        queryset = queryset.filter(membership_status=status)
    if search:
        queryset = queryset.filter(name__icontains=search)
    return queryset.order_by("name")


def organisation_get(*, user: Any, slug: str) -> Organisation:
    """One organisation this user may see (404 otherwise)."""
    return policy.get_visible_or_404(
        user, Organisation.objects.select_related("chamber"), slug=slug
    )


def organisation_shows_contacts(*, user: Any, organisation: Organisation) -> bool:
    """Contacts are members-level: members, reviewers, staff, and the organisation's own people."""
    who = policy.principal(user)
    return policy.reaches(user, DisclosureLevel.MEMBERS) or who.organisation_id == organisation.pk


def organisation_people(*, user: Any, organisation: Organisation) -> QuerySet[Person]:
    """The organisation's people this user may see (each person's own disclosure level)."""
    return (
        policy.visible(user, Person.objects.filter(organisation=organisation))
        .select_related("user")
        .order_by("-is_representative", "user__display_name", "user__email")
    )
