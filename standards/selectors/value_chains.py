"""Common value chains: per material, the chain of stages with, at each stage, how many active
members work there, the standards recognised there and the share of those members holding a
current certification under one of them.

Only counts and standards: no organisation is named, and nothing says who supplies whom (the
portal collects no customer or supplier lists). A certification counts only when the reader
may read it (as for an organisation's baseline coverage), so a confidential certification never
shows through a share.

The chain leaves out retail (it sells, it does not transform the material), finance and
assurance (they serve the chain, they are not a stage of it); "other" is no one material, so it
has no chain.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from alliance_portal import policy
from members.models import MembershipStatus, Organisation
from members.vocabularies import Material, ValueChainStage
from standards.models import Certification, Standard, StandardKind, VersionStatus, current_q
from standards.selectors.coverage import percent
from standards.selectors.demands import declared_materials
from standards.suppression import THRESHOLD, publishable

CHAIN_STAGES: tuple[str, ...] = (
    ValueChainStage.EXPLORATION_EXTRACTION,
    ValueChainStage.ASM,
    ValueChainStage.PROCESSING,
    ValueChainStage.COMPONENTS,
    ValueChainStage.PRODUCTS,
    ValueChainStage.RECYCLING,
)
CHAIN_MATERIALS: tuple[str, ...] = tuple(
    value for value in Material.values if value != Material.OTHER
)

NO_STANDARD = "No recognised standard covers this stage"
NO_MEMBER = "No member works at this stage"
NO_CERTIFIED = "No member here holds a current certification under a standard recognised here"
FEW_MEMBERS = (
    f"Fewer than {THRESHOLD} members work here: how many hold a certification is not published"
)


@dataclass
class Stage:
    stage: str
    members: int = 0
    certified: int = 0
    standards: list[Standard] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(ValueChainStage(self.stage).label)

    @property
    def published_certified(self) -> int | None:
        """How many of its members hold a certification, published only over at least
        ``THRESHOLD`` members (the one suppression rule); None otherwise."""
        return publishable(self.certified, self.members)

    @property
    def share(self) -> Decimal | None:
        """Per cent of its members with a current certification (None when not published)."""
        certified = self.published_certified
        return percent(certified, self.members) if certified is not None else None

    @property
    def gaps(self) -> list[str]:
        gaps = []
        if not self.standards:
            gaps.append(NO_STANDARD)
        if not self.members:
            gaps.append(NO_MEMBER)
        elif self.published_certified is None:
            gaps.append(FEW_MEMBERS)
        elif not self.certified:
            gaps.append(NO_CERTIFIED)
        return gaps

    @property
    def covered(self) -> bool:
        return not self.gaps


@dataclass
class ValueChain:
    material: str
    stages: list[Stage]
    declared: bool = False  # the reader's organisation declared this material
    # Active members working with the material at one stage or more (not a sum of stages).
    members: int = 0

    @property
    def label(self) -> str:
        return str(Material(self.material).label)

    @property
    def gaps(self) -> list[Stage]:
        return [stage for stage in self.stages if stage.gaps]


def _covers(values: list[str], value: str) -> bool:
    """An empty list of a standard's materials or stages means it is not limited to any."""
    return not values or value in values


def value_chains(*, user: Any, material: str | None = None) -> list[ValueChain]:
    """The value chains of every material (or of ``material``), as ``user`` may see them: three
    queries (and the access policy's) whatever the number of members."""
    materials = [material] if material else list(CHAIN_MATERIALS)
    organisations = list(
        Organisation.objects.filter(
            membership_status=MembershipStatus.ACTIVE, materials__overlap=materials
        ).values_list("pk", "value_chain_stages", "materials")
    )
    standards = list(
        Standard.objects.exclude(kind=StandardKind.ALLIANCE_BASELINE)
        .filter(versions__status=VersionStatus.CURRENT)
        .distinct()
        .order_by("title")
    )
    held: dict[int, list[tuple[int, list[str]]]] = defaultdict(list)
    certifications = policy.visible(
        user,
        Certification.objects.filter(
            current_q(timezone.localdate()),
            organisation__membership_status=MembershipStatus.ACTIVE,
        ),
    ).values_list("organisation_id", "version__standard_id", "materials")
    for organisation_id, standard_id, covered in certifications:
        held[organisation_id].append((standard_id, list(covered)))
    declared = set(declared_materials(user))
    chains = []
    for value in materials:
        stages = []
        for stage_value in CHAIN_STAGES:
            recognised = [
                standard
                for standard in standards
                if _covers(standard.materials, value)
                and _covers(standard.value_chain_stages, stage_value)
            ]
            ids = {standard.pk for standard in recognised}
            working = [
                pk
                for pk, org_stages, org_materials in organisations
                if value in org_materials and stage_value in org_stages
            ]
            certified = sum(
                any(
                    standard_id in ids and _covers(covered, value)
                    for standard_id, covered in held.get(pk, [])
                )
                for pk in working
            )
            stages.append(Stage(stage_value, len(working), certified, recognised))
        members = sum(
            1
            for _, org_stages, org_materials in organisations
            if value in org_materials and any(stage in CHAIN_STAGES for stage in org_stages)
        )
        chains.append(ValueChain(value, stages, declared=value in declared, members=members))
    return chains
