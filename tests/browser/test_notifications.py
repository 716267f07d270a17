"""A person changes their notifications on a phone, by keyboard alone (issue 17, item 5)."""

from __future__ import annotations

import pytest

from alliance_portal.notifications.selectors import preferences_of
from tests.conftest import PASSWORD, create_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_choices_are_changed_by_keyboard_on_a_phone(page, assert_accessible) -> None:
    person = create_user("reader@example.org")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/login/?next=/accounts/notifications/")
    page.get_by_label("Email address").fill("reader@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", level=1, name="Your notifications").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)

    weekly = page.locator("#id_decision_published_2")
    assert weekly.is_checked()
    weekly.focus()
    page.keyboard.press("ArrowDown")  # a radio group moves its choice with the arrows
    assert page.locator("#id_decision_published_3").is_checked()
    page.get_by_role("button", name="Save my notifications").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Your notifications are saved.").wait_for()
    assert "Decision published: never" in page.locator("main").inner_text()
    choices = {c.kind: c.frequency for c in preferences_of(person.pk)}
    assert choices["decision_published"] == "none"
    assert_accessible(page)
