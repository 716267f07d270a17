"""Browser journey of ballots: the representative finds the open ballot in "needs my action",
declares that the organisation has no conflict of interest, votes, and changes the vote;
without JavaScript of ours; axe-core on every page."""

from __future__ import annotations

import pytest
from django.utils import timezone

from governance.ballots.models import ConflictDeclaration, Vote
from tests.conftest import PASSWORD
from tests.governance.test_ballots_factories import open_ballot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_representative_declares_votes_and_changes_the_vote(
    page, world, assert_accessible
) -> None:
    ballot = open_ballot(title="Shared water-monitoring network in the Salar de Atacama")
    closes = f"{timezone.localtime(ballot.closes_at):%-d %B %Y, %H:%M} UTC"

    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("rep@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/governance/my-actions/")
    assert_accessible(page)
    page.get_by_role("link", name="Shared water-monitoring network").click()

    page.get_by_role("heading", level=1, name="Vote on").wait_for()
    assert_accessible(page)
    assert closes in page.locator("#current-vote").inner_text()
    page.get_by_role("link", name="Declare now").click()

    page.get_by_role("heading", level=1, name="Conflict of interest").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Declare").click()
    page.get_by_text("This field is required.").first.wait_for()  # summary and field
    assert_accessible(page)
    page.get_by_label("No conflict of interest").check()
    page.get_by_role("button", name="Declare").click()

    page.get_by_text("No conflict of interest declared. You may now vote.").wait_for()
    assert_accessible(page)
    assert "has not voted yet" in page.locator("#current-vote").inner_text()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Cast my organisation's vote").click()

    page.get_by_text("Own Organisation's vote is recorded.").wait_for()
    assert_accessible(page)
    assert "current vote: Yes" in page.locator("#current-vote").inner_text()
    assert page.get_by_label("Yes").is_checked()
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Reason (optional; required to object)").fill("The budget is too thin.")
    page.get_by_role("button", name="Change my organisation's vote").click()

    page.get_by_text("Own Organisation's vote is recorded.").wait_for()
    assert_accessible(page)
    current = page.locator("#current-vote").inner_text()
    assert "current vote: No" in current
    assert "The budget is too thin." in current
    assert closes in current

    assert list(Vote.objects.values_list("organisation", "choice")) == [(world.own.pk, "no")]
    assert ConflictDeclaration.objects.get().has_conflict is False
    page.goto(f"/governance/proposals/{ballot.proposal_id}/")
    assert_accessible(page)
    assert "Own Organisation voted on" in page.locator("#your-organisation").inner_text()
