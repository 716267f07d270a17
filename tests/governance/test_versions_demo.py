"""The demo holds issue 16's first check as one story: a member's proposal co-sponsored from
two other chambers, tabled and admitted; its consultation's accepted comment changes version
2, which the author submitted and the secretariat published; the ballot is open on version 2."""

from __future__ import annotations

import re

from django.test import Client

from governance.ballots.models import Ballot
from governance.proposals.models import Proposal, ProposalOrigin, ProposalStatus
from governance.versions.demo import TITLE
from governance.versions.models import ResponseChange, SubmissionStatus


def test_demo_tells_the_member_proposal_story_up_to_a_ballot_on_version_2(demo) -> None:
    proposal = Proposal.objects.get(title=TITLE)
    assert proposal.origin == ProposalOrigin.MEMBER
    assert proposal.proposed_by is not None
    steps = list(proposal.status_changes.order_by("pk").values_list("to_status", flat=True))
    assert steps == ["tabled", "consultation", "deliberation", "voting"]
    author_chamber = proposal.proposed_by.chamber_id
    assert (
        proposal.sponsors.exclude(chamber_id=author_chamber).values("chamber").distinct().count()
        >= 2
    )

    _first, second = proposal.versions.order_by("number")
    assert second.number == 2
    assert second.author_agreed
    assert second.submission.status == SubmissionStatus.PUBLISHED
    accepted = ResponseChange.objects.get(version=second, response__outcome="accepted")
    assert accepted.paragraph == 2

    ballot = Ballot.objects.get(proposal=proposal)
    assert proposal.status == ProposalStatus.VOTING
    assert ballot.version == second
    assert ballot.version.sha256 == second.sha256

    redline = Client().get(f"/governance/proposals/{proposal.pk}/versions/compare/?old=1&new=2")
    html = re.sub(r"\s+", " ", redline.content.decode())
    assert redline.status_code == 200
    assert f"comment #{accepted.response.comment_id}" in html
    assert "<ins>" in html
