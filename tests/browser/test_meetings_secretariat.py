"""The secretariat's new pages in the browser (issue 16): scheduling a meeting with its agenda
and saying what a proposal changes, by keyboard alone and at 390 px: a failed submit puts focus
on the error summary, its links lead to the fields, axe finds nothing serious."""

from __future__ import annotations

import re

import pytest

from alliance_portal.roles import Role
from governance.meetings.models import Meeting
from governance.proposals.models import ProposalStatus
from tests.browser.conftest import SCREENSHOTS
from tests.conftest import PASSWORD
from tests.governance.factories import assembly, make_proposal

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _fits_a_phone(page, name: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}_390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_meeting_is_scheduled_by_keyboard_and_the_effect_page_fits_a_phone(
    page, world, assert_accessible
) -> None:
    assembly()
    proposal = make_proposal(status=ProposalStatus.DELIBERATION, title="Fewer indicators")
    _sign_in(page, world.users[Role.SECRETARIAT].email)
    page.goto("/governance/meetings/")
    page.get_by_role("link", name="Schedule a meeting").click()
    page.wait_for_load_state()
    assert_accessible(page)
    _fits_a_phone(page, "meeting_schedule")
    # An empty submit: the summary takes focus, its link leads to the title.
    page.get_by_role("button", name="Schedule the meeting").press("Enter")
    page.wait_for_load_state()
    page.wait_for_function(
        "document.activeElement && document.activeElement.matches('[data-error-summary]')"
    )
    page.get_by_role("link", name="Enter the title").click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_title'")
    assert_accessible(page)
    _fits_a_phone(page, "meeting_schedule_errors")
    page.select_option("#id_body", label="General Assembly")
    page.fill("#id_title", "Keyboard assembly")
    page.fill("#id_starts_at", "2031-05-04T09:00")
    page.fill("#id_ends_at", "2031-05-04T12:00")
    page.fill("#id_place", "Lubumbashi")
    page.fill("#id_agenda-0-title", "Opening")
    page.get_by_role("button", name="Schedule the meeting").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/governance/meetings/\d+/$"))
    assert Meeting.objects.filter(title="Keyboard assembly").exists()
    assert "Change the meeting or its agenda" in page.content()
    _fits_a_phone(page, "meeting_detail_secretariat")
    page.goto(f"/governance/proposals/{proposal.pk}/effect/?kind=objectives")
    assert_accessible(page)
    _fits_a_phone(page, "effect_objectives")
    page.goto(f"/governance/proposals/{proposal.pk}/effect/?kind=constitution")
    assert_accessible(page)
    _fits_a_phone(page, "effect_constitution")
