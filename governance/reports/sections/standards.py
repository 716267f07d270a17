"""Standards crosswalk coverage and how it changed over the period."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime

from django.db.models import Q

from governance.reports.sections.registry import ReportContext, register_section
from governance.reports.values import INTEGER, Column, SectionContent, Table
from standards.models import INVERSE, Element, Mapping, MappingStatus, StandardVersion
from standards.selectors.coverage import CoverageClass, coverage_class, crosswalk_versions
from standards.selectors.registry import baseline_requirements, baseline_version

IN_FORCE = (MappingStatus.APPROVED, MappingStatus.SUPERSEDED)
CLASSES = list(CoverageClass)


def coverage_at(
    moment: datetime, requirements: list[Element], versions: list[StandardVersion]
) -> dict[int, Counter[str]]:
    """For each version, how many baseline requirements were in each coverage class at
    ``moment``, by the rule of ``standards.selectors.coverage`` applied to the mappings in force
    then: approved before ``moment`` and not yet superseded at it. One query."""
    requirement_ids = {r.pk for r in requirements}
    version_ids = [v.pk for v in versions]
    found: dict[tuple[int, int], list[str]] = defaultdict(list)
    rows = (
        Mapping.objects.filter(status__in=IN_FORCE, approved_at__lt=moment)
        .filter(Q(superseded_at__isnull=True) | Q(superseded_at__gte=moment))
        .filter(
            Q(focal_element__in=requirement_ids, reference_element__version__in=version_ids)
            | Q(reference_element__in=requirement_ids, focal_element__version__in=version_ids)
        )
        .values_list(
            "focal_element_id",
            "focal_element__version_id",
            "relationship",
            "reference_element_id",
            "reference_element__version_id",
        )
        .order_by("pk")
    )
    for focal_id, focal_version, relationship, reference_id, reference_version in rows:
        if focal_id in requirement_ids and reference_version in version_ids:
            found[(focal_id, reference_version)].append(relationship)
        if reference_id in requirement_ids and focal_version in version_ids:
            found[(reference_id, focal_version)].append(INVERSE[relationship])
    return {
        version.pk: Counter(
            str(coverage_class(found.get((requirement.pk, version.pk), [])))
            for requirement in requirements
        )
        for version in versions
    }


@register_section(
    key="standards",
    title="Standards crosswalk coverage",
    order=80,
    description=(
        "How far the current version of each standard covers the alliance baseline, at the "
        "start and at the end of the period, counting the approved crosswalk mappings in force "
        "at each moment (the coverage rule of the crosswalk page); and the mappings approved "
        "and superseded in the period."
    ),
)
def standards_section(context: ReportContext) -> SectionContent:
    period = context.period
    content = SectionContent()
    baseline = baseline_version()
    in_period = Q(approved_at__gte=period.starts_at, approved_at__lt=period.ends_before)
    content.figure(
        "mappings_approved",
        "Crosswalk mappings approved",
        Mapping.objects.filter(in_period, status__in=IN_FORCE).count(),
    )
    content.figure(
        "mappings_superseded",
        "Crosswalk mappings superseded",
        Mapping.objects.filter(
            status=MappingStatus.SUPERSEDED,
            superseded_at__gte=period.starts_at,
            superseded_at__lt=period.ends_before,
        ).count(),
    )
    if context.members_edition:
        content.figure(
            "mappings_proposed",
            "Crosswalk mappings proposed (members' edition)",
            Mapping.objects.filter(
                created_at__gte=period.starts_at, created_at__lt=period.ends_before
            ).count(),
        )
        content.figure(
            "mappings_in_review",
            "Mappings in draft or reviewed, not yet approved (members' edition)",
            Mapping.objects.filter(
                status__in=(MappingStatus.DRAFT, MappingStatus.REVIEWED)
            ).count(),
        )
    if baseline is None:
        content.notes.append(
            "The alliance has no current baseline: there is no coverage to report."
        )
        return content
    requirements = baseline_requirements(baseline=baseline)
    versions = crosswalk_versions()
    start = coverage_at(period.starts_at, requirements, versions)
    end = coverage_at(period.ends_before, requirements, versions)
    content.figure(
        "baseline",
        "Alliance baseline",
        f"{baseline.standard.short_name} {baseline.label}",
    )
    content.figure("baseline_requirements", "Baseline requirements", len(requirements))
    columns = [
        Column("standard", "Standard"),
        Column("standard_code", "Standard (identifier)", hidden=True),
        Column("version", "Version"),
        Column("requirements", "Baseline requirements", INTEGER),
    ]
    for cls in CLASSES:
        columns += [
            Column(f"{cls.value}_at_start", f"{cls.label} at the start", INTEGER),
            Column(f"{cls.value}_at_end", f"{cls.label} at the end", INTEGER),
        ]
    table = Table(
        "standards-coverage",
        "Baseline coverage by standard, at the start and the end of the period",
        columns,
        pdf_columns=[
            "standard",
            "version",
            "fully_covered_at_start",
            "fully_covered_at_end",
            "partly_covered_at_end",
            "unmapped_at_end",
        ],
    )
    for version in versions:
        cells: list[str | int | bool | None] = [
            version.standard.short_name,
            version.standard.code,
            version.label,
            len(requirements),
        ]
        for cls in CLASSES:
            cells += [start[version.pk][cls.value], end[version.pk][cls.value]]
        table.add(*cells)
    content.tables.append(table)
    content.figure(
        "fully_covered_gained",
        "Net gain in fully covered requirements over the period, added up over the standards",
        sum(
            max(
                0, end[v.pk][CoverageClass.FULLY_COVERED] - start[v.pk][CoverageClass.FULLY_COVERED]
            )
            for v in versions
        ),
    )
    return content
