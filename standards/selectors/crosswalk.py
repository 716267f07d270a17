"""Reads of the crosswalk: mapping sets and crosswalk mappings, each filtered by the access
policy (draft and reviewed mappings are members-level, approved and superseded ones public)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from alliance_portal import policy
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.types import Actor
from standards.models import Element, Mapping, MappingSet, MappingStatus


def mapping_set_list(*, user: Actor, standard: str | None = None) -> QuerySet[MappingSet]:
    """Mapping sets (public), with both versions and their standards loaded, optionally only
    those where the standard with code ``standard`` is the focal or the reference side."""
    queryset = policy.visible(user, MappingSet.objects.all())
    if standard:
        queryset = queryset.filter(
            Q(focal_version__standard__code=standard)
            | Q(reference_version__standard__code=standard)
        )
    return queryset.select_related(
        "focal_version__standard", "reference_version__standard"
    ).order_by("focal_version__standard__title", "reference_version__standard__title", "pk")


def mapping_set_get(*, user: Actor, pk: int) -> MappingSet:
    """One mapping set (404 if none)."""
    return policy.get_visible_or_404(
        user,
        MappingSet.objects.select_related("focal_version__standard", "reference_version__standard"),
        pk=pk,
    )


def mapping_list(
    *,
    user: Actor,
    mapping_set: MappingSet | int | None = None,
    relationship: str | None = None,
    status: str | None = None,
    standard: str | None = None,
) -> QuerySet[Mapping]:
    """The crosswalk mappings this user may see, with everything a listing shows loaded in
    the same query (elements, their versions and standards, author and reviewers), filtered
    by set, relationship, status and standard code (focal or reference side)."""
    queryset = policy.visible(user, Mapping.objects.all())
    if mapping_set is not None:
        queryset = queryset.filter(mapping_set=mapping_set)
    if relationship:
        queryset = queryset.filter(relationship=relationship)
    if status:
        queryset = queryset.filter(status=status)
    if standard:
        queryset = queryset.filter(
            Q(focal_element__version__standard__code=standard)
            | Q(reference_element__version__standard__code=standard)
        )
    return queryset.select_related(
        "focal_element__version__standard",
        "reference_element__version__standard",
        "author__person__organisation",
        "reviewed_by",
        "approved_by",
    ).order_by("mapping_set_id", "focal_element__order", "focal_element__ref", "pk")


def mapping_get(*, user: Actor, pk: int) -> Mapping:
    """One mapping this user may see, with its set, elements, people and the mapping it
    supersedes loaded (404 otherwise; an anonymous visitor asking for a draft signs in)."""
    return policy.get_visible_or_404(
        user,
        Mapping.objects.select_related(
            "mapping_set__focal_version__standard",
            "mapping_set__reference_version__standard",
            "focal_element__version__standard",
            "reference_element__version__standard",
            "author__person__organisation",
            "reviewed_by",
            "approved_by",
            "supersedes",
        ),
        pk=pk,
    )


def mapping_replacements(*, user: Actor, mapping: Mapping) -> QuerySet[Mapping]:
    """The mappings proposed to replace ``mapping`` that this user may see."""
    return policy.visible(user, mapping.replacements.all()).order_by("pk")


def mapping_status_counts(*, user: Actor, mapping_set: MappingSet) -> dict[str, int]:
    """How many of the set's mappings this user may see are in each status (every status
    present, zero included). One query."""
    counts = dict.fromkeys(MappingStatus.values, 0)
    rows = (
        policy.visible(user, Mapping.objects.filter(mapping_set=mapping_set))
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts[row["status"]] = row["n"]
    return counts


def unmapped_focal_elements(*, user: Actor, mapping_set: MappingSet) -> QuerySet[Element]:
    """The focal version's elements that have no mapping in the set that this user may see
    (superseded ones aside): "not yet mapped", which is not the same as "no relationship"."""
    mapped = policy.visible(
        user,
        Mapping.objects.filter(mapping_set=mapping_set, focal_element=OuterRef("pk")).exclude(
            status=MappingStatus.SUPERSEDED
        ),
    )
    return (
        Element.objects.filter(version_id=mapping_set.focal_version_id)
        .filter(~Exists(mapped))
        .order_by("order", "ref", "pk")
    )


def shows_people(*, user: Actor) -> bool:
    """Names of mappings' authors and reviewers are members-level; everyone sees the author's
    organisation."""
    return policy.reaches(user, DisclosureLevel.MEMBERS)
