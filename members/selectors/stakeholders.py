"""The stakeholder map, partner alliances and country pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from alliance_portal import policy
from alliance_portal.collation import name_sort_key
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.types import Actor
from members.models import (
    CountryRiskNote,
    FocusCountry,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    PartnerAlliance,
    StakeholderGroup,
)
from members.selectors.organisations import in_country_q


def stakeholder_group_list() -> QuerySet[StakeholderGroup]:
    """Every stakeholder group, most influential and affected first, with the organisations
    and partner alliances that engage them. Members-level: callers ask the policy
    (``stakeholder_map.read``)."""
    return (
        StakeholderGroup.objects.select_related("chamber")
        .prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
            Prefetch("partner_alliances", queryset=PartnerAlliance.objects.order_by("name")),
        )
        .order_by("-influence", "-impact", "name")
    )


def partner_alliance_list() -> QuerySet[PartnerAlliance]:
    """Partner alliances with the chambers they cover, by name."""
    return PartnerAlliance.objects.prefetch_related("chambers").order_by("name")


def partner_alliance_shows_liaison(user: Actor) -> bool:
    """The liaison contact of a partner alliance is members-level."""
    return policy.reaches(user, DisclosureLevel.MEMBERS)


def focus_country_list() -> list[FocusCountry]:
    """The countries the alliance works in, sorted by their name in the active language (the
    reader's), accents and case aside: "Côte d'Ivoire" before "Cuba" and "Chile" before
    "Congo", whatever the ISO codes say. One query."""
    return sorted(FocusCountry.objects.all(), key=lambda row: name_sort_key(row.country.name))


@dataclass
class CountryPage:
    country: FocusCountry
    members: list[Organisation]
    government_members: list[Organisation]
    partner_alliances: list[PartnerAlliance]
    critical_groups: list[StakeholderGroup]
    risk_notes: list[CountryRiskNote]


def country_page(*, user: Actor, code: str) -> CountryPage:
    """Everything the members app knows about one country the alliance works in: active
    member organisations headquartered or operating there (government bodies apart), partner
    alliances covering it, critical stakeholder groups located there, and the risk notes this
    user may read. Higher apps add their sections through the page-section registry."""
    from django.shortcuts import get_object_or_404

    country = get_object_or_404(FocusCountry, country=code.upper())
    organisations = list(
        Organisation.objects.filter(in_country_q(code), membership_status=MembershipStatus.ACTIVE)
        .select_related("chamber")
        .order_by("name")
    )
    return CountryPage(
        country=country,
        members=[o for o in organisations if o.kind != OrganisationKind.GOVERNMENT_BODY],
        government_members=[o for o in organisations if o.kind == OrganisationKind.GOVERNMENT_BODY],
        partner_alliances=list(
            PartnerAlliance.objects.filter(countries__contains=code.upper()).order_by("name")
        ),
        critical_groups=list(
            StakeholderGroup.objects.filter(
                StakeholderGroup.critical_q(), countries__contains=code.upper()
            ).order_by("-influence", "-impact", "name")
        ),
        risk_notes=list(
            policy.visible(user, CountryRiskNote.objects.filter(country=country)).order_by(
                "-noted_on"
            )
        ),
    )


@dataclass(frozen=True)
class ChartPoint:
    number: int
    group: StakeholderGroup
    x: float
    y: float


CHART_LEFT, CHART_TOP, CELL = 60, 20, 96


def stakeholder_chart(groups: list[StakeholderGroup]) -> list[ChartPoint]:
    """Where each group sits on the influence × impact chart (numbered as in the table);
    groups sharing a cell are spread out so that none hides another."""
    seen: dict[tuple[int, int], int] = {}
    points = []
    for number, group in enumerate(groups, start=1):
        cell = (group.impact, group.influence)
        index = seen.get(cell, 0)
        seen[cell] = index + 1
        x = CHART_LEFT + (group.impact - 0.5) * CELL + (index % 3 - 1) * 28
        y = CHART_TOP + (5 - group.influence + 0.5) * CELL + (index // 3 - 0.5) * 28
        points.append(ChartPoint(number=number, group=group, x=x, y=y))
    return points
