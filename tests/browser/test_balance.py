"""Browser: the balance of consultation and action on the governance dashboard, on a phone
and a desktop: charts with their tables, nothing wider than the screen, the period chosen with
the keyboard alone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from alliance_portal.policy import SYSTEM
from governance.proposals import services as proposal_services
from governance.proposals.models import Proposal, ProposalStatus
from members import services as member_services
from members.models import Chamber, MembershipStatus, OrganisationKind
from tests.governance.factories import make_proposal, member_comment

pytestmark = pytest.mark.django_db(transaction=True)


def _history() -> None:
    chamber, _ = Chamber.objects.get_or_create(
        slug="civil-society", defaults={"name": "Civil society", "order": 4}
    )
    organisation = member_services.organisation_create(
        actor=SYSTEM,
        name="River Council",
        chamber=chamber,
        kind=OrganisationKind.NGO,
        membership_status=MembershipStatus.ACTIVE,
    )
    now = timezone.now()
    for number, (opened, closed) in enumerate(((40, 20), (200, 150))):
        proposal = make_proposal(status=ProposalStatus.CONSULTATION, title=f"Rule {number}")
        member_comment(proposal, organisation)
        proposal_services.consultation_close(actor=SYSTEM, proposal=proposal)
        Proposal.objects.filter(pk=proposal.pk).update(
            consultation_opened_at=now - timedelta(days=opened),
            consultation_closed_at=now - timedelta(days=closed),
        )


@pytest.mark.parametrize("width", [390, 1280])
def test_the_balance_figures_read_on_a_phone_and_by_keyboard(page, assert_accessible, width):
    _history()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/governance/")
    section = page.get_by_role("region", name="Balance of consultation and action")
    assert "Figures for the last 12 months" in section.inner_text()
    chart = section.get_by_role("figure", name="Median days: time in consultation")
    assert "35.0 days" in chart.inner_text()  # 20 and 50 days: the median of both
    table = section.get_by_role("table", name="Time in consultation and time to decide")
    assert "35.0 days" in table.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)

    period = section.get_by_role("combobox", name="Period")
    period.focus()
    period.select_option(label="Last 90 days")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Show"
    page.keyboard.press("Enter")
    page.wait_for_url("**/governance/?period=90d#balance")
    assert "Figures for the last 90 days" in section.inner_text()
    assert "20.0 days" in section.get_by_role("figure", name="Median days").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
