"""Reads of downstream demands.

- A buyer's own people and the secretariat read its demands row by row (``demand_list``,
  through the access policy).
- Everyone else sees only aggregates (``demand_aggregate``): per requirement (or standard
  element) and material, how many distinct buyers ask, never which, and only where at least
  ``THRESHOLD`` ask; a smaller cell reads "fewer than 3 buyers". Cells are never added up
  across materials or requirements, so no published figure minus others gives a small cell.
  Every baseline requirement gets a cell for the material (0, 1 and 2 buyers read alike); an
  element of another standard is listed only once 3 buyers ask for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from alliance_portal import policy
from alliance_portal.policy.principals import principal
from members.models import MembershipStatus, Organisation
from members.vocabularies import Material
from standards.models import Demand, Element, VersionStatus
from standards.selectors.registry import baseline_requirements, baseline_version
from standards.suppression import THRESHOLD, publishable

FEWER = f"fewer than {THRESHOLD} buyers"


def _base() -> QuerySet[Demand]:
    return Demand.objects.select_related("organisation", "element__version__standard")


def demand_list(
    *, user: Any, organisation: Organisation | None = None, material: str | None = None
) -> QuerySet[Demand]:
    """The demands ``user`` may read (their own organisation's; every one for the
    secretariat), by organisation, material, then the element's place in its standard."""
    queryset = policy.visible(user, _base())
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    if material:
        queryset = queryset.filter(material=material)
    return queryset.order_by(
        "organisation__name",
        "material",
        "element__version__standard__title",
        "element__order",
        "element__ref",
        "pk",
    )


def demand_get(*, user: Any, pk: int) -> Demand:
    return policy.get_visible_or_404(user, _base(), pk=pk)


@dataclass(frozen=True)
class DemandCell:
    """How many buyers ask suppliers of ``material`` for ``element``: ``buyers`` is None
    when fewer than ``THRESHOLD`` do."""

    element: Element
    material: str
    buyers: int | None

    @property
    def shown(self) -> bool:
        return self.buyers is not None

    @property
    def buyers_text(self) -> str:
        return FEWER if self.buyers is None else f"{self.buyers} buyers"


@dataclass
class MaterialDemand:
    material: str
    baseline: list[DemandCell] = field(default_factory=list)  # every baseline requirement
    others: list[DemandCell] = field(default_factory=list)  # elements asked by 3 or more
    declared: bool = False  # the reader's organisation declared this material

    @property
    def label(self) -> str:
        return str(Material(self.material).label)

    @property
    def published(self) -> int:
        """How many of its cells reach the threshold (a count of cells, not of buyers)."""
        return sum(cell.shown for cell in self.baseline) + len(self.others)


@dataclass
class DemandAggregate:
    materials: list[MaterialDemand]
    baseline_label: str | None
    threshold: int = THRESHOLD


def _shown(count: int) -> int | None:
    """A cell's count of buyers, when published (the one suppression rule)."""
    return publishable(count, count)


def own_organisation(user: Any) -> Organisation | None:
    """The reader's own organisation, when they are one of its people."""
    organisation_id = principal(user).organisation_id
    if organisation_id is None:
        return None
    return Organisation.objects.filter(pk=organisation_id).first()


def declared_materials(user: Any) -> list[str]:
    """The materials the reader's organisation declared on its profile (none for others)."""
    organisation_id = principal(user).organisation_id
    if organisation_id is None:
        return []
    found = Organisation.objects.filter(pk=organisation_id).values_list("materials", flat=True)
    return list(next(iter(found), []) or [])


def demand_aggregate(*, user: Any, material: str | None = None) -> DemandAggregate:
    """Aggregated demand, for anyone: one material's cells when ``material`` is given, else
    the materials with at least one published cell and those the reader's organisation
    declared. Counts only active members' demands. Four queries whatever the rows."""
    counts: dict[tuple[str, int], int] = {}
    demands = Demand.objects.filter(organisation__membership_status=MembershipStatus.ACTIVE)
    if material:
        demands = demands.filter(material=material)
    for row in demands.values("material", "element_id").annotate(
        buyers=Count("organisation_id", distinct=True)
    ):
        counts[(row["material"], row["element_id"])] = row["buyers"]
    baseline = baseline_version()
    requirements = baseline_requirements(baseline=baseline) if baseline else []
    for requirement in requirements:
        requirement.version = baseline  # type: ignore[assignment]  # with its standard, read once
    requirement_ids = {requirement.pk for requirement in requirements}
    other_ids = {
        element_id
        for (_, element_id), count in counts.items()
        if _shown(count) is not None and element_id not in requirement_ids
    }
    others = {
        element.pk: element
        for element in Element.objects.filter(pk__in=other_ids)
        .exclude(version__standard__kind="alliance_baseline")
        .exclude(version__status__in=(VersionStatus.DRAFT, VersionStatus.WITHDRAWN))
        .select_related("version__standard")
        .order_by("version__standard__title", "order", "ref")
    }
    declared = declared_materials(user)
    if material:
        chosen = [material]
    else:
        reached = {key[0] for key, count in counts.items() if _shown(count) is not None}
        chosen = [value for value in Material.values if value in reached or value in declared]
    materials = []
    for value in chosen:
        cells = [
            DemandCell(requirement, value, _shown(counts.get((value, requirement.pk), 0)))
            for requirement in requirements
        ]
        extra = [
            DemandCell(element, value, counts[(value, element.pk)])
            for element in others.values()
            if _shown(counts.get((value, element.pk), 0)) is not None
        ]
        materials.append(MaterialDemand(value, cells, extra, declared=value in declared))
    label = f"{baseline.standard.short_name} {baseline.label}" if baseline else None
    return DemandAggregate(materials=materials, baseline_label=label)


def demandable_requirements() -> list[Element]:
    """The requirements of the current alliance baseline (what the form offers)."""
    baseline = baseline_version()
    return baseline_requirements(baseline=baseline) if baseline else []
