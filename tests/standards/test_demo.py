from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import call_command

from alliance_portal.models import User
from standards.models import Mapping, MappingStatus, Relationship, Standard, StandardKind
from standards.selectors.coverage import CoverageClass, coverage_matrix

REAL_FRAMEWORKS = {
    "oecd-ddg-minerals",
    "irma-std-001",
    "rmi-rra",
    "asi-performance-standard",
    "responsiblesteel",
    "copper-mark-jdds",
    "lbma-rgg",
    "eu-2017-821",
}


def _snapshot():
    return (
        Standard.objects.count(),
        Mapping.objects.count(),
        sorted(Mapping.objects.values_list("status", flat=True)),
    )


@pytest.mark.django_db
def test_seed_demo_loads_the_frameworks_the_baseline_and_mappings_idempotently(demo) -> None:
    first = _snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert _snapshot() == first
    assert set(Standard.objects.values_list("code", flat=True)) >= REAL_FRAMEWORKS
    baseline = Standard.objects.get(kind=StandardKind.ALLIANCE_BASELINE)
    requirements = baseline.versions.get(status="current").elements.filter(kind="requirement")
    assert 18 <= requirements.count() <= 25
    assert 70 <= Mapping.objects.count() <= 95
    assert set(Mapping.objects.values_list("status", flat=True)) == set(MappingStatus.values)
    assert set(Mapping.objects.values_list("relationship", flat=True)) == set(Relationship.values)
    # Under test settings no login is created: the mappings are system work.
    # Meeting requesters are accounts without a password (nobody signs in with them).
    assert not [user.email for user in User.objects.all() if user.has_usable_password()]


@pytest.mark.django_db
def test_the_demo_matrix_shows_every_coverage_class(demo) -> None:
    matrix = coverage_matrix()
    assert len(matrix.columns) == 8
    seen = Counter(cell.coverage for _, cells in matrix.rows() for cell in cells)
    assert set(seen) == set(CoverageClass)


@pytest.mark.django_db
def test_with_demo_logins_the_mappings_have_authors_and_reviewers(demo_with_logins) -> None:
    approved = Mapping.objects.filter(status=MappingStatus.APPROVED)
    assert approved.filter(approved_by__email="secretariat@demo.alliance.example").count() == (
        approved.count()
    )
    authors = set(Mapping.objects.values_list("author__email", flat=True))
    # The members app's demo people author mappings when they may act as members.
    assert authors == {
        "member@demo.alliance.example",
        "representative@demo.alliance.example",
    }
    for mapping in Mapping.objects.exclude(author=None):
        assert mapping.author_id not in {mapping.reviewed_by_id, mapping.approved_by_id}


@pytest.mark.django_db
def test_the_demo_demands_come_from_five_buyers_and_some_cells_reach_three(demo) -> None:
    from standards import demo_demands
    from standards.models import Demand
    from standards.selectors.demands import demand_aggregate

    before = Demand.objects.count()
    assert Demand.objects.values("organisation").distinct().count() == 5
    demo_demands.seed()
    assert Demand.objects.count() == before  # idempotent
    aggregate = demand_aggregate(user=None)
    published = {
        (material.material, cell.element.ref): cell.buyers
        for material in aggregate.materials
        for cell in material.baseline + material.others
        if cell.shown
    }
    assert published[("cobalt", "AB-1.3")] == 4
    assert published[("cobalt", "Step 1D")] == 3
    assert ("cobalt", "AB-2.2") not in published  # one buyer: "fewer than 3 buyers"
    assert all((buyers or 0) >= 3 for buyers in published.values())
