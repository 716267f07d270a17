"""Baseline coverage: how far another standard's version covers the alliance baseline.

The rule (issue 6), implemented once here and used by the crosswalk page, its CSV, the API and
the tests. For a baseline requirement B and a standard version S, take the **approved** crosswalk
mappings between B and an element E of S, stored in either direction; a stored "E subset_of B"
is read "B superset_of E" (``INVERSE``). Mappings between two non-baseline standards never count.

- **fully covered**: some E has "B equal E" or "B subset_of E";
- **partly covered**: otherwise, some E has "B intersects_with E" or "B superset_of E";
- **not covered**: all of B's approved mappings to S are "no_relationship";
- **unmapped**: otherwise (B has no approved mapping to S).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from standards.models import (
    INVERSE,
    Element,
    Mapping,
    MappingStatus,
    Relationship,
    StandardKind,
    StandardVersion,
    VersionStatus,
)
from standards.selectors.registry import baseline_requirements, baseline_version


class CoverageClass(models.TextChoices):
    FULLY_COVERED = "fully_covered", "Fully covered"
    PARTLY_COVERED = "partly_covered", "Partly covered"
    NOT_COVERED = "not_covered", "Not covered"
    UNMAPPED = "unmapped", "Unmapped"


FULL = frozenset({Relationship.EQUAL, Relationship.SUBSET_OF})
PARTIAL = frozenset({Relationship.INTERSECTS_WITH, Relationship.SUPERSET_OF})


def coverage_class(relationships: Collection[str]) -> CoverageClass:
    """The class of a baseline requirement B from its approved relationships to the elements
    of one standard version, each read "B <relationship> E"."""
    if any(relationship in FULL for relationship in relationships):
        return CoverageClass.FULLY_COVERED
    if any(relationship in PARTIAL for relationship in relationships):
        return CoverageClass.PARTLY_COVERED
    if relationships and all(r == Relationship.NO_RELATIONSHIP for r in relationships):
        return CoverageClass.NOT_COVERED
    return CoverageClass.UNMAPPED


@dataclass(frozen=True)
class CoveringElement:
    """An element E of the standard version, as related to the requirement: "B <relationship> E"."""

    element_id: int
    ref: str
    relationship: str


@dataclass(frozen=True)
class RequirementCoverage:
    requirement: Element
    version: StandardVersion
    coverage: CoverageClass
    elements: tuple[CoveringElement, ...]  # those that decide the class, by reference code

    @property
    def coverage_label(self) -> str:
        return str(self.coverage.label)


@dataclass(frozen=True)
class VersionCoverage:
    baseline: StandardVersion
    version: StandardVersion
    requirements: list[RequirementCoverage]
    counts: dict[str, int]
    percentages: dict[str, Decimal]

    @property
    def total(self) -> int:
        return len(self.requirements)

    def summary(self) -> list[tuple[CoverageClass, int, Decimal]]:
        return [(cls, self.counts[cls], self.percentages[cls]) for cls in CoverageClass]


@dataclass(frozen=True)
class CoverageMatrix:
    baseline: StandardVersion | None
    requirements: list[Element]
    columns: list[VersionCoverage]

    def summary_rows(self) -> list[tuple[CoverageClass, list[tuple[int, Decimal]]]]:
        """One row per coverage class, with each column's count and percentage."""
        return [
            (cls, [(column.counts[cls], column.percentages[cls]) for column in self.columns])
            for cls in CoverageClass
        ]

    def rows(self) -> list[tuple[Element, list[RequirementCoverage]]]:
        """One row per baseline requirement, with its coverage by each column's version."""
        return [
            (requirement, [column.requirements[index] for column in self.columns])
            for index, requirement in enumerate(self.requirements)
        ]


def percent(count: int, total: int) -> Decimal:
    """``count`` out of ``total`` as a percentage with one decimal, rounded half up (0 when
    there is nothing to count)."""
    if total == 0:
        return Decimal("0.0")
    return (Decimal(count) * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def baseline_coverage(
    *, baseline: StandardVersion | None, versions: Sequence[StandardVersion]
) -> CoverageMatrix:
    """The coverage of every requirement of ``baseline`` by each of ``versions``, by the rule
    of the module docstring. Three queries whatever the number of versions and requirements:
    the requirements, the approved mappings between them and the versions' elements, and
    nothing per cell. A version of the baseline standard among ``versions`` is refused."""
    if baseline is None:
        return CoverageMatrix(baseline=None, requirements=[], columns=[])
    if any(version.standard_id == baseline.standard_id for version in versions):
        raise ValidationError("The alliance baseline is not measured against itself.")
    requirements = baseline_requirements(baseline=baseline)
    requirement_ids = {requirement.pk for requirement in requirements}
    version_ids = [version.pk for version in versions]
    # (requirement id, version id) -> [(element id, element ref, relationship read from B)]
    found: dict[tuple[int, int], list[CoveringElement]] = defaultdict(list)
    rows = (
        Mapping.objects.filter(status=MappingStatus.APPROVED)
        .filter(
            Q(focal_element__in=requirement_ids, reference_element__version__in=version_ids)
            | Q(reference_element__in=requirement_ids, focal_element__version__in=version_ids)
        )
        .values_list(
            "focal_element_id",
            "focal_element__ref",
            "focal_element__version_id",
            "relationship",
            "reference_element_id",
            "reference_element__ref",
            "reference_element__version_id",
        )
        .order_by("pk")
    )
    for focal_id, focal_ref, focal_version, relationship, ref_id, ref_ref, ref_version in rows:
        if focal_id in requirement_ids and ref_version in version_ids:
            found[(focal_id, ref_version)].append(CoveringElement(ref_id, ref_ref, relationship))
        if ref_id in requirement_ids and focal_version in version_ids:
            found[(ref_id, focal_version)].append(
                CoveringElement(focal_id, focal_ref, INVERSE[relationship])
            )
    columns = [_version_coverage(baseline, version, requirements, found) for version in versions]
    return CoverageMatrix(baseline=baseline, requirements=requirements, columns=columns)


def _version_coverage(
    baseline: StandardVersion,
    version: StandardVersion,
    requirements: list[Element],
    found: dict[tuple[int, int], list[CoveringElement]],
) -> VersionCoverage:
    results = []
    counts = dict.fromkeys(CoverageClass.values, 0)
    for requirement in requirements:
        related = found.get((requirement.pk, version.pk), [])
        coverage = coverage_class([item.relationship for item in related])
        deciding = {
            CoverageClass.FULLY_COVERED: FULL,
            CoverageClass.PARTLY_COVERED: PARTIAL,
            CoverageClass.NOT_COVERED: {Relationship.NO_RELATIONSHIP},
            CoverageClass.UNMAPPED: set(),
        }[coverage]
        elements = tuple(
            sorted(
                {item for item in related if item.relationship in deciding},
                key=lambda item: (item.ref, item.relationship),
            )
        )
        results.append(RequirementCoverage(requirement, version, coverage, elements))
        counts[coverage] += 1
    percentages = {name: percent(count, len(requirements)) for name, count in counts.items()}
    return VersionCoverage(
        baseline=baseline,
        version=version,
        requirements=results,
        counts=counts,
        percentages=percentages,
    )


def crosswalk_versions() -> list[StandardVersion]:
    """The columns of the crosswalk matrix: the current version of every standard other than
    the alliance baseline, by the standard's short name. One query."""
    return list(
        StandardVersion.objects.filter(status=VersionStatus.CURRENT)
        .exclude(standard__kind=StandardKind.ALLIANCE_BASELINE)
        .select_related("standard")
        .order_by("standard__short_name", "standard__code")
    )


def coverage_matrix() -> CoverageMatrix:
    """Baseline requirements × the current version of every other standard (see
    ``baseline_coverage``): five queries whatever the number of standards. Coverage uses
    approved mappings only, which are public, so it is the same for every reader."""
    return baseline_coverage(baseline=baseline_version(), versions=crosswalk_versions())


def version_coverage(*, version: StandardVersion) -> VersionCoverage:
    """The coverage of the current baseline by one version (``ValidationError`` when there is
    no current baseline, or when ``version`` is the baseline itself)."""
    baseline = baseline_version()
    if baseline is None:
        raise ValidationError("The alliance has no current baseline yet.")
    return baseline_coverage(baseline=baseline, versions=[version]).columns[0]
