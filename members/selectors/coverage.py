"""Coverage of the value chain by the membership, and its gaps."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from alliance_portal.collation import name_sort_key
from members.models import (
    Chamber,
    EngagementStatus,
    FocusCountry,
    FocusMaterial,
    MembershipStatus,
    Organisation,
    PartnerAlliance,
    StakeholderGroup,
)
from members.selectors.organisations import in_country_q
from members.vocabularies import Material, ValueChainStage


@dataclass(frozen=True)
class CoverageCell:
    chamber: Chamber
    stage: str
    members: int  # active member organisations of the chamber working at the stage
    partners: int  # partner alliances covering the chamber and the stage


@dataclass
class Gap:
    kind: str  # "stakeholder_group", "material", "country"
    subject: str  # what the gap is about: a group's name, a material, a country
    missing: str  # who is missing
    group: StakeholderGroup | None = None


@dataclass
class CoverageMatrix:
    chambers: list[Chamber]
    stages: list[tuple[str, str]]
    rows: list[tuple[Chamber, list[CoverageCell]]]
    material: str | None = None
    country: str | None = None
    gaps: list[Gap] = field(default_factory=list)

    def cell(self, chamber_slug: str, stage: str) -> CoverageCell:
        for chamber, cells in self.rows:
            if chamber.slug == chamber_slug:
                return next(cell for cell in cells if cell.stage == stage)
        raise KeyError(chamber_slug)


def _member_facts(material: str | None, country: str | None) -> list[tuple[int, list[str]]]:
    queryset = Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE)
    if material:
        queryset = queryset.filter(materials__contains=[material])
    if country:
        queryset = queryset.filter(in_country_q(country))
    return list(queryset.values_list("chamber_id", "value_chain_stages"))


def coverage_matrix(*, material: str | None = None, country: str | None = None) -> CoverageMatrix:
    """Chamber × value-chain stage: in each cell the number of active member organisations of
    that chamber working at that stage (an organisation counts once in every stage it works
    at), and apart from it the partner alliances covering the same chamber and stage; both
    narrowed to a material and a country when given. Four queries whatever the numbers."""
    chambers = list(Chamber.objects.order_by("order", "name"))
    members = Counter(
        (chamber_id, stage)
        for chamber_id, stages in _member_facts(material, country)
        for stage in set(stages)
    )
    alliances = PartnerAlliance.objects.prefetch_related("chambers")
    if material:
        alliances = alliances.filter(materials__contains=[material])
    if country:
        alliances = alliances.filter(countries__contains=country.upper())
    partners = Counter(
        (chamber.pk, stage)
        for alliance in alliances
        for chamber in alliance.chambers.all()
        for stage in set(alliance.value_chain_stages)
    )
    rows = [
        (
            chamber,
            [
                CoverageCell(
                    chamber=chamber,
                    stage=stage,
                    members=members[(chamber.pk, stage)],
                    partners=partners[(chamber.pk, stage)],
                )
                for stage in ValueChainStage.values
            ],
        )
        for chamber in chambers
    ]
    return CoverageMatrix(
        chambers=chambers,
        stages=list(ValueChainStage.choices),
        rows=rows,
        material=material,
        country=country,
        gaps=coverage_gaps(chambers=chambers),
    )


def coverage_gaps(*, chambers: list[Chamber] | None = None) -> list[Gap]:
    """What the alliance is missing: every critical stakeholder group that is not engaged;
    and, for each material and each country the alliance works on, the chambers and the
    value-chain stages with no active member organisation for it."""
    chambers = chambers if chambers is not None else list(Chamber.objects.order_by("order"))
    gaps = [
        Gap(kind="stakeholder_group", subject=group.name, missing="not engaged", group=group)
        for group in StakeholderGroup.objects.filter(
            StakeholderGroup.critical_q(), engagement=EngagementStatus.NOT_ENGAGED
        ).order_by("-influence", "-impact", "name")
    ]
    facts = list(
        Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE).values_list(
            "chamber_id",
            "value_chain_stages",
            "materials",
            "headquarters_country",
            "countries_of_operation",
        )
    )
    stage_labels = dict(ValueChainStage.choices)

    def missing_for(matches: list[tuple[int, list[str]]]) -> list[str]:
        present_chambers = {chamber_id for chamber_id, _ in matches}
        present_stages = {stage for _, stages in matches for stage in stages}
        return [f"{c.name} (chamber)" for c in chambers if c.pk not in present_chambers] + [
            f"{stage_labels[s]} (stage)" for s in ValueChainStage.values if s not in present_stages
        ]

    for focus in FocusMaterial.objects.order_by("material"):
        matches = [
            (c, stages) for c, stages, materials, _, _ in facts if focus.material in materials
        ]
        label = Material(focus.material).label
        gaps += [Gap(kind="material", subject=str(label), missing=m) for m in missing_for(matches)]
    for focus_country in sorted(
        FocusCountry.objects.all(), key=lambda row: name_sort_key(row.country.name)
    ):
        code = focus_country.country.code
        matches = [
            (c, stages)
            for c, stages, _, hq, operations in facts
            if hq == code or code in _codes(operations)
        ]
        gaps += [
            Gap(kind="country", subject=str(focus_country.country.name), missing=m)
            for m in missing_for(matches)
        ]
    return gaps


def _codes(value: Any) -> list[str]:
    # values_list gives django-countries' multiple field as its stored comma-separated text.
    if isinstance(value, str):
        return [code for code in value.split(",") if code]
    return [getattr(country, "code", country) for country in value or []]
