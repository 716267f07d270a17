from __future__ import annotations

import pytest

from tests.browser.errors import assert_guided
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_and_out_with_the_keyboard(page, make_user, assert_accessible) -> None:
    make_user(email="member@example.org", display_name="Dana Member")
    page.goto("/")
    assert_accessible(page)
    # The skip link is the first thing the keyboard reaches, and it moves focus to <main>.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    account_nav = page.get_by_role("navigation", name="Account")
    account_nav.get_by_role("link", name="Sign in").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill("member@example.org")
    page.get_by_label("Password").fill("not-the-password")
    page.keyboard.press("Enter")
    page.get_by_text("Please enter a correct").wait_for()
    assert_accessible(page)

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as Dana Member").wait_for()
    page.get_by_role("button", name="Sign out").click()
    account_nav.get_by_role("link", name="Sign in").wait_for()


def test_signup_form_reports_errors_accessibly(page, assert_accessible) -> None:
    page.goto("/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Your name").fill("Amara")
    page.get_by_label("Email address").fill("amara@example")
    page.get_by_role("button", name="Create account").click()
    message = "Enter your email address in the right form, like name@example.org"
    assert_guided(page, {message: "id_email"})
    assert page.get_by_label("Email address").input_value() == "amara@example"
    assert_accessible(page)
    page.get_by_label("Email address").fill("amara@example.org")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()
    assert_accessible(page)


def test_api_docs_render_under_the_content_security_policy(page) -> None:
    response = page.goto("/api/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".swagger-ui .information-container").wait_for()
    page.get_by_text("Alliance Portal API").first.wait_for()
    # The page fixture fails the test on any console error, CSP violations included.


def test_representative_edits_the_profile_and_the_public_sees_it(
    page, world, assert_accessible
) -> None:
    page.goto("/members/")
    assert_accessible(page)
    page.get_by_label("Search").fill("Own")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Own Organisation").click()
    assert_accessible(page)
    assert page.get_by_text(world.own.contact_email).count() == 0  # contacts: members only

    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("rep@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"/members/{world.own.slug}/")
    page.get_by_role("link", name="Edit this profile").click()
    assert_accessible(page)
    page.get_by_label("Description").fill("We monitor **cobalt** supply chains.")
    page.get_by_label("Contact email").fill("not an email")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_role(
        "link", name="Enter the contact email in the right form, like name@example.org"
    ).wait_for()
    assert_accessible(page)
    page.get_by_label("Contact email").fill("desk@own.example")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("The profile is saved.").wait_for()
    assert page.locator(".prose strong").inner_text() == "cobalt"
    page.get_by_text("desk@own.example").wait_for()
