"""A small crosswalk to test against: an alliance baseline with five requirements, two other
standards, and mapping sets from the baseline to each. ``make_mapping`` adds a mapping in the
state a test needs, through the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from rest_framework.test import APIClient

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from alliance_portal.types import Actor
from standards import services
from standards.models import (
    Element,
    Mapping,
    MappingSet,
    MappingStatus,
    Standard,
    StandardKind,
    StandardVersion,
)

BASELINE_CSV = (
    "ref,parent_ref,kind,title,summary\n"
    "B-1,,principle,Due diligence,How members find and handle risks.\n"
    "B-1.1,B-1,requirement,Supply-chain policy,Publish a sourcing policy.\n"
    "B-1.2,B-1,requirement,Grievance mechanism,Let anyone raise a concern.\n"
    "B-1.3,B-1,requirement,Independent audit,Have due diligence audited.\n"
    "B-2,,principle,Environment,Climate and water.\n"
    "B-2.1,B-2,requirement,Greenhouse gas emissions,Measure and cut emissions.\n"
    "B-2.2,B-2,requirement,Water stewardship,Use water carefully.\n"
)
ALPHA_CSV = (
    "ref,parent_ref,kind,title,summary\n"
    "1,,chapter,Management systems,Policies and people.\n"
    "1.1,1,criterion,Policy,A policy on sourcing.\n"
    "1.2,1,criterion,Complaints,A complaints channel.\n"
    "2,,chapter,Environment,Impacts on nature.\n"
    "2.1,2,criterion,Tailings,Safe tailings storage.\n"
)
BETA_CSV = (
    "ref,parent_ref,kind,title\nArt. 1,,article,Obligations of importers\nArt. 2,,article,Audits\n"
)


@dataclass
class Crosswalk:
    baseline: StandardVersion
    alpha: StandardVersion
    beta: StandardVersion
    to_alpha: MappingSet
    to_beta: MappingSet
    users: dict[Role, Any] = field(default_factory=dict)

    def element(self, version: StandardVersion, ref: str) -> Element:
        return Element.objects.get(version=version, ref=ref)


def make_version(code: str, kind: str, label: str, csv_text: str, **fields) -> StandardVersion:
    standard = Standard.objects.create(
        code=code,
        title=fields.pop("title", code.title()),
        short_name=fields.pop("short_name", code.upper()),
        issuing_body="Issuer",
        kind=kind,
        **fields,
    )
    version = StandardVersion.objects.create(standard=standard, label=label, status="current")
    services.version_import_elements_csv(actor=SYSTEM, version=version, csv_text=csv_text)
    return version


@pytest.fixture
def crosswalk(world) -> Crosswalk:
    baseline = make_version(
        "alliance-baseline", StandardKind.ALLIANCE_BASELINE, "1.0", BASELINE_CSV
    )
    alpha = make_version(
        "alpha", StandardKind.CERTIFICATION_STANDARD, "2.0", ALPHA_CSV, materials=["cobalt"]
    )
    beta = make_version("beta", StandardKind.REGULATION, "2017", BETA_CSV)
    return Crosswalk(
        baseline=baseline,
        alpha=alpha,
        beta=beta,
        to_alpha=services.mapping_set_create(
            actor=SYSTEM, focal_version=baseline, reference_version=alpha, purpose="Alpha"
        ),
        to_beta=services.mapping_set_create(
            actor=SYSTEM, focal_version=beta, reference_version=baseline, purpose="Beta"
        ),
        users=world.users,
    )


@pytest.fixture
def make_mapping(crosswalk):
    """A mapping "focal <relationship> reference" in the set between the two versions, in
    ``status``, proposed by ``author`` (the system unless given) and moved on by the system."""

    def make(
        focal: str,
        relationship: str,
        reference: str,
        *,
        mapping_set: MappingSet | None = None,
        status: str = MappingStatus.APPROVED,
        strength: int | None = None,
        author: Actor = SYSTEM,
    ) -> Mapping:
        mapping_set = mapping_set or crosswalk.to_alpha
        mapping = services.mapping_create(
            actor=author,
            mapping_set=mapping_set,
            focal_element=Element.objects.get(version=mapping_set.focal_version, ref=focal),
            reference_element=Element.objects.get(
                version=mapping_set.reference_version, ref=reference
            ),
            relationship=relationship,
            rationale="semantic",
            strength=strength if strength is not None else _default_strength(relationship),
        )
        if status in (MappingStatus.REVIEWED, MappingStatus.APPROVED):
            mapping = services.mapping_review(actor=SYSTEM, mapping=mapping)
        if status == MappingStatus.APPROVED:
            mapping = services.mapping_approve(actor=SYSTEM, mapping=mapping)
        return mapping

    return make


def _default_strength(relationship: str) -> int | None:
    return {"subset_of": 8, "superset_of": 6, "intersects_with": 5}.get(relationship)


def api_for(world, role: Role) -> APIClient:
    api = APIClient()
    user = world.users[role]
    if user is not None:
        api.force_authenticate(user)
    return api
