"""Browser journey of the governance app: a member reads an open consultation and comments
on a numbered paragraph, without JavaScript of ours; axe-core on every page."""

from __future__ import annotations

import pytest

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.consultations.models import Comment
from governance.proposals.models import ProposalStatus
from tests.browser.errors import assert_guided
from tests.conftest import PASSWORD
from tests.governance.factories import make_proposal, member_comment

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_comments_on_a_numbered_paragraph(page, world, assert_accessible) -> None:
    proposal = make_proposal(
        status=ProposalStatus.CONSULTATION,
        title="Community-consent guidance for lithium projects",
    )
    member_comment(proposal, world.other, "We **support** paragraph one.", paragraph=1)

    page.goto("/governance/")
    assert_accessible(page)
    page.get_by_role("link", name="Community-consent guidance for lithium projects").first.click()
    page.get_by_role("heading", level=1, name="Community-consent guidance").wait_for()
    assert_accessible(page)
    assert page.locator("#p2 .paragraph-number").inner_text() == "¶2"
    page.get_by_role("link", name="Sign in").last.click()  # "Sign in to comment"
    page.get_by_label("Email address").wait_for()
    assert_accessible(page)
    page.get_by_label("Email address").fill("member@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", level=1, name="Community-consent guidance").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Comment on ¶2").click()
    assert_accessible(page)
    assert page.get_by_label("Paragraph commented on").input_value() == "2"
    page.get_by_role("button", name="Publish my comment").click()
    page.get_by_role("link", name="Enter your comment").wait_for()
    assert_accessible(page)
    page.get_by_label("Your comment", exact=True).fill("Paragraph two should name a *deadline*.")
    page.get_by_role("button", name="Publish my comment").click()

    page.get_by_text("Your comment is published").wait_for()
    assert_accessible(page)
    comment = Comment.objects.get(paragraph=2)
    article = page.locator(f"#comment-{comment.pk}")
    assert "on ¶2" in article.inner_text()
    assert article.locator("em").inner_text() == "deadline"
    assert comment.organisation == world.own
    row = page.locator(f'tr[data-chamber="{world.own.chamber.slug}"]')
    assert row.get_attribute("data-commented") == "2"  # own and other organisation


def test_the_secretariat_hears_an_external_voice_and_answers_it(
    page, world, assert_accessible
) -> None:
    from datetime import date

    from governance.bodies import services as body_services
    from governance.bodies.models import Body, BodySeat
    from governance.consultations import services as consultation_services
    from governance.objectives import services as objective_services

    board = Body.objects.create(slug="board", name="Executive Board", kind="executive_board")
    BodySeat.objects.create(body=board, chamber=world.own.chamber, seats=2)
    body_services.seat_holder_add(
        actor=SYSTEM, body=board, organisation=world.own, term_start=date(2024, 1, 1)
    )
    objective_services.issue_create(
        actor=SYSTEM, title="Water use", status="contentious", reason="Disputed."
    )
    proposal = make_proposal(
        status=ProposalStatus.CONSULTATION, public_consultation=True, title="Water monitoring"
    )
    held = consultation_services.comment_post(
        actor=world.users[Role.EXTERNAL_STAKEHOLDER],
        proposal=proposal,
        text="Hold the meetings in the villages.",
        paragraph=2,
    )
    for url in ("/governance/objectives/", "/governance/bodies/board/", "/governance/proposals/"):
        page.goto(url)
        assert_accessible(page)

    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("secretariat@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/governance/my-actions/")
    assert_accessible(page)
    page.get_by_role("link", name="Water monitoring").first.click()
    # The held comment is confidential: the secretariat says why first, then comes back.
    page.get_by_role("heading", name="Why are you reading confidential material?").wait_for()
    assert_accessible(page)
    page.get_by_label("Review (routine secretariat work)").check()
    page.get_by_role("button", name="Continue to the page").click()
    assert_accessible(page)
    page.get_by_label("Reject: do not show it").check()
    page.get_by_role("button", name="Record the decision").click()
    assert_guided(page, {"Say why the comment is rejected.": f"id_c{held.pk}_reason"})
    assert_accessible(page)
    page.get_by_label("Approve: show it").check()
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("decision recorded").wait_for()

    page.goto(proposal.get_absolute_url())
    page.get_by_role("link", name="Respond to comment").first.click()
    assert_accessible(page)
    page.get_by_label("Accepted", exact=True).check()
    page.get_by_label("Reason").fill("Meetings will be held in each village.")
    page.get_by_role("button", name="Save the response").click()
    page.get_by_text("Meetings will be held in each village.").first.wait_for()
    assert_accessible(page)

    page.goto(f"/governance/proposals/{proposal.pk}/impact-assessment/")
    assert_accessible(page)
    page.goto(f"/governance/proposals/{proposal.pk}/transition/")
    assert_accessible(page)
    page.goto(f"/governance/proposals/{proposal.pk}/print/")
    assert_accessible(page)
    assert page.locator("main form").count() == 0
