"""Browser: an initiative's page on a phone (390 px) and a desktop: nothing wider than the
screen, the funding table scrolls in its own box, and a representative pledges for their
organisation with the keyboard alone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from governance.initiatives.models import Pledge
from tests.browser.conftest import SCREENSHOTS
from tests.conftest import PASSWORD
from tests.governance.initiatives_support import (
    make_initiative,
    partner_alliance,
    partner_pledge,
    pledge,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _fits(page, name: str, assert_accessible) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), width
        assert_accessible(page)
        page.screenshot(path=str(SCREENSHOTS / f"initiatives-{name}-{width}.png"), full_page=True)


def test_a_representative_pledges_by_keyboard_on_a_phone(page, world, assert_accessible) -> None:
    initiative = make_initiative(
        world.other,
        title="Community water monitoring around the Uyuni brines",
        budget_amount=Decimal("250000"),
        countries=["BO"],
    )
    pledge(initiative, world.other, "60000", "EUR")
    partner_pledge(initiative, partner_alliance("Andean Water Dialogue"), "15000", "USD")

    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/governance/initiatives/")
    _fits(page, "list", assert_accessible)
    page.goto(initiative.get_absolute_url())
    assert "190,000 EUR still missing" in page.locator("#funding").locator("..").inner_text()
    _fits(page, "public", assert_accessible)

    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("rep@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(initiative.get_absolute_url())
    link = page.get_by_role("link", name="Make a pledge")
    link.focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Pledge for Own Organisation").wait_for()
    _fits(page, "pledge-form", assert_accessible)
    page.get_by_label("Amount pledged").focus()
    page.keyboard.type("2500")
    page.keyboard.press("Tab")
    page.keyboard.type("EUR")  # a select takes the typed code
    page.get_by_role("button", name="Pledge").focus()
    page.keyboard.press("Enter")
    page.get_by_text("The pledge is recorded.").wait_for()
    made = Pledge.objects.get(organisation=world.own)
    assert (made.amount, made.currency) == (Decimal("2500"), "EUR")
    assert "2,500 EUR" in page.locator("#pledges").locator("..").inner_text()
    _fits(page, "member", assert_accessible)
