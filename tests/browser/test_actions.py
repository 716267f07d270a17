"""Browser: the actions after decisions on a phone (390 px) and a desktop: the list filtered to
the overdue ones, an action's page with its timeline, and the owner's progress form, without
sideways scrolling and without a serious accessibility finding."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from alliance_portal.policy import SYSTEM
from governance.actions import services
from tests.conftest import build_world, civil_society, organisation_maker
from tests.governance.actions_support import action, decision

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_overdue_actions_and_their_timeline_on_a_phone_and_a_desktop(
    page, assert_accessible, width
) -> None:
    world = build_world(organisation_maker(civil_society()))
    adopted = decision("Adopt the cobalt due-diligence rule with a long title for phones")
    late = action(
        world.own,
        on=adopted,
        title="Brief the site operators",
        due=timezone.localdate() - timedelta(days=3),
    )
    action(world.other, on=adopted, title="Publish the guidance")
    services.action_progress_post(
        actor=SYSTEM,
        item=late,
        text="Briefings held in **Kolwezi**; Likasi next.",
        evidence_url="https://example.org/a-very-long-evidence-address/briefings/2026/kolwezi.pdf",
        status="in_progress",
        percent=40,
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/governance/actions/")
    overdue = page.get_by_label("Overdue")
    if width == 390:  # on a phone the filters fold behind a "Filter" disclosure
        page.locator("details.filter-disclosure > summary", has_text="Filter").click()
    overdue.select_option(label="Overdue only")
    page.get_by_role("button", name="Filter").click()
    page.get_by_text("1 action matches these filters").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)

    page.get_by_role("link", name="Brief the site operators").click()
    page.get_by_role("heading", name="Timeline").wait_for()
    assert "Overdue: was due" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
