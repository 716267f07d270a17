"""Reads of certifications, and the baseline coverage an organisation's current
certifications give it (Standards I's coverage rule, applied to each version it is recognised
under, taking for each baseline requirement the best class any of them reaches)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from alliance_portal import policy
from members.models import Organisation
from members.selectors.organisations import in_country_q
from standards.models import Certification, Element, StandardVersion, current_q
from standards.selectors.coverage import CoverageClass, baseline_coverage, percent
from standards.selectors.registry import baseline_version

# Best first: a requirement is as covered as the best of the organisation's certifications.
RANK = (
    CoverageClass.FULLY_COVERED,
    CoverageClass.PARTLY_COVERED,
    CoverageClass.NOT_COVERED,
    CoverageClass.UNMAPPED,
)


def _base() -> QuerySet[Certification]:
    return Certification.objects.select_related(
        "organisation", "organisation__chamber", "version", "version__standard"
    )


def today() -> date:
    """Today in the portal's time zone: the day "current" certifications are valid on."""
    return timezone.localdate()


def certification_list(
    *,
    user: Any,
    organisation: Organisation | None = None,
    standard_code: str | None = None,
    status: str | None = None,
    material: str | None = None,
    country: str | None = None,
    current_on: date | None = None,
) -> QuerySet[Certification]:
    """The certifications ``user`` may read, filtered; by organisation, then standard."""
    queryset = policy.visible(user, _base())
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    if standard_code:
        queryset = queryset.filter(version__standard__code=standard_code)
    if status:
        queryset = queryset.filter(status=status)
    if material:
        queryset = queryset.filter(materials__contains=[material])
    if country:
        queryset = queryset.filter(in_country_q(country, prefix="organisation__"))
    if current_on is not None:
        queryset = queryset.filter(current_q(current_on))
    return queryset.order_by("organisation__name", "version__standard__title", "-valid_from", "pk")


def certification_get(*, user: Any, pk: int) -> Certification:
    return policy.get_visible_or_404(user, _base(), pk=pk)


@dataclass(frozen=True)
class RequirementStanding:
    requirement: Element
    coverage: CoverageClass
    versions: tuple[StandardVersion, ...]  # the certifications' versions that reach it

    @property
    def coverage_label(self) -> str:
        return str(self.coverage.label)


@dataclass(frozen=True)
class OrganisationCoverage:
    """How far an organisation's current certifications cover the alliance baseline."""

    baseline: StandardVersion | None
    versions: list[StandardVersion]
    requirements: list[RequirementStanding]
    counts: dict[str, int]
    percentages: dict[str, Decimal]
    as_of: date

    def summary(self) -> list[tuple[CoverageClass, int, Decimal]]:
        return [(cls, self.counts[cls], self.percentages[cls]) for cls in CoverageClass]


def organisation_coverage(
    *, user: Any, organisation: Organisation, today: date | None = None
) -> OrganisationCoverage:
    """The baseline coverage from the certifications of ``organisation`` that ``user`` may
    read and that are current ``today``: a reader who may not see a certification does not
    see the coverage it gives either."""
    today = today or timezone.localdate()
    versions = list(
        {
            certification.version_id: certification.version
            for certification in certification_list(
                user=user, organisation=organisation, current_on=today
            )
        }.values()
    )
    baseline = baseline_version()
    counts = dict.fromkeys(CoverageClass.values, 0)
    if baseline is None:
        return OrganisationCoverage(None, versions, [], counts, {}, today)
    versions = [version for version in versions if version.standard_id != baseline.standard_id]
    matrix = baseline_coverage(baseline=baseline, versions=versions)
    standings = []
    for requirement, cells in matrix.rows():
        best = min((cell.coverage for cell in cells), key=RANK.index, default=None)
        coverage = CoverageClass(best) if best is not None else CoverageClass.UNMAPPED
        reaching = tuple(cell.version for cell in cells if cell.coverage == coverage)
        if coverage == CoverageClass.UNMAPPED:
            reaching = ()
        standings.append(RequirementStanding(requirement, coverage, reaching))
        counts[coverage] += 1
    total = len(standings)
    percentages = {name: percent(count, total) for name, count in counts.items()}
    return OrganisationCoverage(baseline, versions, standings, counts, percentages, today)


def recognised_organisations(*, user: Any, version: StandardVersion) -> QuerySet[Certification]:
    """The current certifications under ``version`` that ``user`` may read (its page lists
    the organisations recognised under it)."""
    return certification_list(user=user, current_on=timezone.localdate()).filter(version=version)
