"""The standards app's parts of a member's standing (issue 18, items 6 and 8): the tier the
organisation had committed to on the day, with the progress its latest public answers show,
and, per reporting cycle due by the day, whether its report was submitted on time. Both are
recomputed from the records, and both state only what anyone may read."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from standards import services
from standards.models import AnswerStatus, ReportingCycle, Tier

TODAY = timezone.localdate()
TIER_REFS = ("B-1.1", "B-1.2", "B-1.3")


def adopted_tier(crosswalk) -> Tier:
    tier = services.tier_draft(
        actor=SYSTEM,
        fields=services.TierFields(
            name="Advanced",
            rank=2,
            description="Advanced tier.",
            baseline_requirements=[crosswalk.element(crosswalk.baseline, ref) for ref in TIER_REFS],
            further_requirements=["Publish a grievance summary."],
        ),
    )
    with transaction.atomic():
        return services.tier_adopt(
            actor=SYSTEM,
            tier=tier,
            decision_ref="Decision 7 of the General Assembly",
            decision_url="/governance/decisions/7/",
            on=TODAY,
        )


def cycle(title: str, due_in: int) -> ReportingCycle:
    return services.reporting_cycle_open(
        actor=SYSTEM,
        title=title,
        opens_on=TODAY - timedelta(days=90),
        due_on=TODAY + timedelta(days=due_in),
    )


def report(world, crosswalk, cycle: ReportingCycle, levels: dict[str, str]) -> None:
    """The own organisation's report, every requirement implemented, each answer at its level
    in ``levels`` (secretariat when not named)."""
    actor = world.users[Role.ORGANISATION_REPRESENTATIVE]
    answers = [
        services.AnswerFields(
            requirement=requirement,
            status=AnswerStatus.IMPLEMENTED,
            disclosure=levels.get(requirement.ref, DisclosureLevel.SECRETARIAT),
        )
        for requirement in (
            question.requirement
            for question in cycle.questions.select_related("requirement").order_by("order")
        )
    ]
    version = services.report_save_draft(
        actor=actor, cycle=cycle, organisation=world.own, answers=answers
    )
    services.report_submit(actor=actor, report=version.report)


def standing(world) -> dict:
    url = f"/api/v1/organisations/{world.own.slug}/standing/"
    response = APIClient().get(url)
    assert response.status_code == 200
    return response.json()["parts"]


def test_the_tier_part_counts_public_implemented_answers_only(world, crosswalk):
    tier = adopted_tier(crosswalk)
    services.tier_commitment_declare(
        actor=SYSTEM, organisation=world.own, tier=tier, target_date=TODAY + timedelta(days=400)
    )
    assert standing(world)["tier"]["report"] is None
    past = cycle("2025 annual", due_in=-1)
    report(world, crosswalk, past, {"B-1.1": "public", "B-1.2": "members"})

    tier_part = standing(world)["tier"]
    assert tier_part["tier"] == "Advanced"
    assert tier_part["requirements"] == 3
    # B-1.2 is implemented too, but shared with members only: the public standing keeps it out.
    assert tier_part["reported_implemented"] == 1
    assert tier_part["report"] == "2025 annual"

    page = APIClient().get(reverse("members:organisation-standing", args=[world.own.slug]))
    html = page.content.decode()
    assert "to the <a" in html
    assert "Advanced</a> tier" in html
    assert "states 1 of the tier's 3 baseline requirements implemented in public answers" in html


def test_a_commitment_declared_after_the_day_is_not_stated_for_it(world, crosswalk):
    tier = adopted_tier(crosswalk)
    services.tier_commitment_declare(
        actor=SYSTEM, organisation=world.own, tier=tier, target_date=TODAY + timedelta(days=400)
    )
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    url = f"/api/v1/organisations/{world.own.slug}/standing/?as_of={yesterday}"
    assert "tier" not in APIClient().get(url).json()["parts"]


def test_the_reports_part_states_cycles_due_by_the_day_and_on_time(world, crosswalk):
    late = cycle("2024 annual", due_in=-30)
    cycle("2025 annual", due_in=-1)  # due, no report
    cycle("2026 annual", due_in=30)  # not due yet: not judged
    report(world, crosswalk, late, {})
    ReportingCycle.objects.filter(pk=late.pk).update(due_on=TODAY - timedelta(days=60))

    reports = standing(world)["reports"]
    assert reports["cycles"] == 2
    assert reports["on_time"] == 0
    rows = {row["cycle"]: row for row in reports["reports"]}
    assert set(rows) == {"2024 annual", "2025 annual"}
    assert rows["2024 annual"]["submitted_on"] == TODAY.isoformat()
    assert rows["2024 annual"]["on_time"] is False
    assert rows["2025 annual"]["submitted_on"] is None

    html = APIClient().get(reverse("members:organisation-standing", args=[world.own.slug]))
    text = html.content.decode()
    assert "0 of 2 reports due by" in text
    assert "Not submitted" in text


def test_the_report_page_shows_progress_against_the_committed_tier(world, crosswalk):
    tier = adopted_tier(crosswalk)
    services.tier_commitment_declare(
        actor=SYSTEM, organisation=world.own, tier=tier, target_date=TODAY + timedelta(days=400)
    )
    past = cycle("2025 annual", due_in=-1)
    report(world, crosswalk, past, {"B-1.1": "public"})
    own_report = past.reports.get(organisation=world.own)
    url = reverse("standards:report-detail", args=[own_report.pk])

    own = world.client_for(Role.ORGANISATION_REPRESENTATIVE).get(url).content.decode()
    assert "Progress against its commitment tier" in own
    assert "states 3 of the tier's 3 baseline requirements implemented." in own

    # Another member reads the public answer only, and is told what is counted.
    other = world.client_for(Role.EXTERNAL_STAKEHOLDER).get(url).content.decode()
    assert "states 1 of the tier's 3 baseline requirements implemented, counting the" in other
    assert "Not stated as implemented: B-1.2" in other


def test_every_form_collecting_member_information_carries_the_sharing_protocol(world, crosswalk):
    world.own.value_chain_stages = ["products"]
    world.own.save(update_fields=["value_chain_stages"])
    adopted_tier(crosswalk)
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    slug = world.own.slug
    for url in (
        reverse("standards:certification-create", args=[slug]),
        reverse("standards:commitment-declare", args=[slug]),
        reverse("standards:demand-create", args=[slug]),
        reverse("standards:acceptance-create"),
        reverse("standards:report-form", args=[cycle("2026 annual", due_in=30).pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "What you share, and with whom" in html, url
        assert "customer or supplier lists" in html, url
