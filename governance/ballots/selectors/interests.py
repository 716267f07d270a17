"""Reads of the register of interests."""

from __future__ import annotations

from django.db.models import QuerySet

from alliance_portal import policy
from alliance_portal.types import Actor
from governance.ballots.models import (
    InterestDeclaration,
)
from members.models import Person

# --- the register of interests ------------------------------------------------------------------


def interest_register(
    *, organisation: str | None = None, current_only: bool = False
) -> QuerySet[InterestDeclaration]:
    """The standing register of interests (public): every declared interest, current and
    ended, by organisation name, newest first; ``organisation`` a slug. One query."""
    queryset = InterestDeclaration.objects.select_related("organisation__chamber")
    if organisation:
        queryset = queryset.filter(organisation__slug=organisation)
    if current_only:
        queryset = queryset.filter(ended_at__isnull=True)
    return queryset.order_by("organisation__name", "ended_at", "-declared_at", "-pk")


def declarer_names(*, user: Actor, interests: list[InterestDeclaration]) -> dict[int, str]:
    """Who declared each interest, as this reader may see it (interest id → display name):
    named only when the access policy lets the reader see that person. One query."""
    user_ids = {i.declared_by_id for i in interests if i.declared_by_id}
    if not user_ids:
        return {}
    people = {
        person.user_id: person.user.display_name
        for person in policy.visible(
            user, Person.objects.filter(user_id__in=user_ids)
        ).select_related("user")
    }
    return {
        i.pk: people[i.declared_by_id]
        for i in interests
        if i.declared_by_id is not None and i.declared_by_id in people
    }
