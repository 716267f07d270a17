"""Issue 16's demo data for the input slice (item 7): input recorded on behalf of a community
by phone, counted in participation by chamber; a translated consultation; decisions with a
review date, one reviewed in the log."""

from __future__ import annotations

import pytest

from governance.consultations.models import Channel, Comment, ProposalTranslation
from governance.consultations.selectors import consultation_participation
from governance.decision_log.models import DecisionLogEntry
from governance.demo_input import LITHIUM
from governance.proposals.models import Proposal
from governance.reviews.models import DecisionReview

pytestmark = pytest.mark.django_db


def test_the_demo_records_input_by_phone_for_a_community_and_counts_it(demo, client) -> None:
    proposal = Proposal.objects.get(title=LITHIUM)
    by_phone = Comment.objects.get(proposal=proposal, channel=Channel.PHONE)
    assert by_phone.organisation is not None
    assert by_phone.organisation.chamber.slug == "affected-communities-labour"
    assert by_phone.received_as == (f"Received by phone on behalf of {by_phone.organisation.name}")
    rows = {row.chamber.slug: row for row in consultation_participation(proposal=proposal).chambers}
    communities = rows["affected-communities-labour"]
    # The phone call and the interpreted group input (under test settings the demo's other
    # comments are recorded too, so there may be more).
    assert communities.offline >= 2
    assert communities.groups == 1
    assert communities.commented >= 1
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "Received by phone on behalf of Comunidad Atacameña de Peine" in html
    assert ProposalTranslation.objects.filter(proposal=proposal, language="es").exists()
    assert (
        "Guía de consentimiento"
        in client.get(f"{proposal.get_absolute_url()}?lang=es").content.decode()
    )


def test_the_demo_has_review_dates_and_a_review_in_the_log(demo, client) -> None:
    assert DecisionReview.objects.filter(outcome="").exists()
    recorded = DecisionReview.objects.exclude(outcome="").get()
    assert recorded.log_entry is not None
    assert DecisionLogEntry.objects.filter(kind="review").count() == 1
    page = client.get(f"/governance/decisions/{recorded.decision_id}/").content.decode()
    assert "Review: Confirmed: the decision stands" in page
    open_review = DecisionReview.objects.get(outcome="")
    page = client.get(f"/governance/decisions/{open_review.decision_id}/").content.decode()
    assert "To be reviewed by" in page
