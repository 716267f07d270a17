"""Forms guide in the browser (issue 15): after a failed submit the error summary ("There is
a problem") has focus and each of its links moves focus to its field, on three forms: the
public membership application, the comment form and the secretariat's response to a comment.
Also: the country filter, and the author lands on the success message after commenting."""

from __future__ import annotations

import pytest

from alliance_portal.roles import Role
from governance.proposals.models import ProposalStatus
from tests.browser.conftest import SCREENSHOTS
from tests.browser.errors import assert_guided
from tests.conftest import PASSWORD
from tests.governance.factories import make_proposal, member_comment

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def _fits_a_phone(page, name: str) -> None:
    """At 390 px the page with its error summary does not scroll sideways (screenshot kept)."""
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"forms_guide_{name}_390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _check_summary(page, links: dict[str, str]) -> None:
    """The page's one summary has focus, each field shows its own message too, and each named
    link moves focus to the field with that id."""
    summary = assert_guided(page, links)
    page.wait_for_function(
        "document.activeElement && document.activeElement.matches('[data-error-summary]')"
    )
    for text, field_id in links.items():
        summary.get_by_role("link", name=text).click()
        page.wait_for_function(
            f"document.activeElement && document.activeElement.id === '{field_id}'"
        )
        assert _focused_id(page) == field_id
        assert page.locator(f"#{field_id}").is_visible()


def test_the_application_form_guides_a_failed_submit(page, world, assert_accessible) -> None:
    page.goto("/members/apply/")
    assert_accessible(page)
    page.get_by_label("Filter the countries").fill("congo")
    page.get_by_label("Democratic Republic of the Congo").check()
    assert not page.get_by_label("Peru").is_visible()  # filtered out
    page.get_by_label("Website").fill("not a web address")
    page.get_by_role("button", name="Send the application").click()
    _check_summary(
        page,
        {
            "Enter the organisation name": "id_organisation_name",
            "Choose the chamber": "id_chamber",
            "Enter the website as a web address, like https://example.org": "id_website",
            "Enter the date the commitment was signed": "id_commitment_signed_on",
            "Choose the file: the signed commitment letter": "id_commitment_letter",
        },
    )
    assert page.get_by_label("Democratic Republic of the Congo").is_checked()
    assert page.locator("#id_commitment_signed_on").get_attribute("type") == "date"
    assert_accessible(page)
    _fits_a_phone(page, "application")


def test_the_comment_form_guides_previews_and_lands_on_the_message(
    page, world, assert_accessible
) -> None:
    proposal = make_proposal(status=ProposalStatus.CONSULTATION, title="Tailings rule")
    _sign_in(page, world.users[Role.MEMBER].email)
    page.goto(f"/governance/proposals/{proposal.pk}/comment/")
    page.get_by_text(f"You are commenting for {world.own.name}.").wait_for()
    page.get_by_role("button", name="Publish my comment").click()
    _check_summary(page, {"Enter your comment": "id_text"})
    assert_accessible(page)
    _fits_a_phone(page, "comment")
    page.get_by_role("textbox", name="Your comment").fill("We **support** it.")
    page.get_by_role("button", name="Preview").click()
    assert page.locator("#preview strong").inner_text() == "support"
    assert page.get_by_role("textbox", name="Your comment").input_value() == "We **support** it."
    assert_accessible(page)
    page.get_by_role("button", name="Publish my comment").click()
    page.wait_for_url(f"**{proposal.get_absolute_url()}#messages")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'messages'")
    assert "Your comment is published" in page.evaluate("document.activeElement.textContent")
    assert_accessible(page)


def test_the_response_form_guides_the_secretariat(page, world, assert_accessible) -> None:
    proposal = make_proposal(status=ProposalStatus.CONSULTATION)
    comment = member_comment(proposal, world.other, "Add a deadline.")
    _sign_in(page, world.users[Role.SECRETARIAT].email)
    page.goto(f"/governance/proposals/{proposal.pk}/comments/{comment.pk}/response/")
    page.get_by_role("button", name="Save the response").click()
    _check_summary(page, {"Choose the outcome": "id_outcome_0", "Enter the reason": "id_reason"})
    assert_accessible(page)
    _fits_a_phone(page, "response")
