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
def test_the_demo_has_a_closed_cycle_of_reports_and_an_open_one_with_drafts(demo) -> None:
    from standards.models import AnswerStatus, Report, ReportingCycle
    from standards.selectors.reports import report_aggregates

    closed = ReportingCycle.objects.get(title="2025 annual")
    assert closed.status == "closed"
    submitted = Report.objects.filter(cycle=closed, first_submitted_at__isnull=False)
    assert submitted.count() >= 12
    assert 1 <= sum(report.on_time is False for report in submitted) < submitted.count()
    assert any(report.versions.count() == 2 for report in submitted)
    levels = set(submitted.values_list("versions__answers__disclosure", flat=True).distinct())
    assert levels == {"public", "members", "secretariat"}
    opened = ReportingCycle.objects.get(title="2026 annual")
    assert opened.status == "open"
    assert Report.objects.filter(cycle=opened, first_submitted_at__isnull=True).count() >= 1
    aggregates = report_aggregates(cycle=closed)
    cells = [cell for row in aggregates.by_chamber.rows for cell in row.cells]
    assert any(cell.suppressed for cell in cells)
    assert any(cell.share is not None for cell in cells)
    assert all(cell.suppressed or cell.contributors >= 3 for cell in cells)
    assert AnswerStatus.NOT_APPLICABLE in set(
        submitted.values_list("versions__answers__status", flat=True)
    )
    # Seeding again adds nothing.
    before = Report.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Report.objects.count() == before


def test_the_demo_has_a_submitted_acceptance_request_with_evidence(demo) -> None:
    from standards.models import AcceptanceRequest, AcceptanceStatus
    from standards.selectors.acceptance import claim_coverage

    request = AcceptanceRequest.objects.select_related("organisation", "version__standard").get()
    assert request.status == AcceptanceStatus.SUBMITTED
    assert request.disclosure == "public"
    assert request.organisation.chamber.slug == "industry-upstream"
    coverage = claim_coverage(request=request)
    assert coverage.total == len(request.requirement_refs)
    assert coverage.counts["fully_covered"] >= 3
    assert coverage.counts["partly_covered"] >= 1
    call_command("seed_demo", stdout=io.StringIO())
    assert AcceptanceRequest.objects.count() == 1


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


@pytest.mark.django_db
def test_with_demo_logins_the_secretariat_read_confidential_answers_with_reasons(
    demo_with_logins,
) -> None:
    from django.test import Client

    from alliance_portal.models import AccessLogEntry
    from members.models import Person

    rows = AccessLogEntry.objects.filter(user__email="secretariat@demo.alliance.example")
    assert sorted(rows.values_list("reason", flat=True)) == sorted(
        ["review", "verification", "member_request", "other"]
    )
    assert {row.content_type.model for row in rows} == {"answer"}
    owners = set(rows.values_list("owner_organisation_id", flat=True))
    assert len(owners) == 1
    # A person of that organisation sees them on its access-log page.
    person = Person.objects.filter(organisation_id=owners.pop()).select_related(
        "organisation", "user"
    )[0]
    client = Client()
    client.force_login(person.user)
    page = client.get(f"/members/{person.organisation.slug}/access-log/")
    assert page.status_code == 200
    assert page.content.decode().count("<td>Sam Secretariat</td>") == 4
