"""Issue 16's first check, across its slices: a member's draft, co-sponsored from two other
chambers, is tabled and admitted; its consultation leads to a revised version; the ballot is on
that version and the decision record names its sha256; the redline shows the accepted comment's
change."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from alliance_portal.policy import SYSTEM
from governance.ballots.models import Ballot, Decision
from governance.consultations import services as consultation_services
from governance.decision_log.models import DecisionLogEntry
from governance.decision_log.verify import decision_log_verify
from governance.proposals import services as proposal_services
from governance.proposals.models import ProposalOrigin, ProposalStatus
from governance.versions import services as version_services
from tests.governance.factories import TEXT, add_impact_assessment, member_comment
from tests.governance.tabling_support import tabled, tabling_world
from tests.governance.test_ballots_factories import close, vote

S = ProposalStatus
REVISED = TEXT.replace("within 30 days", "within 14 days, and say what they did about it")
pytestmark = pytest.mark.django_db


def test_a_members_proposal_goes_from_draft_to_a_decision_on_its_revised_version(
    world, client
) -> None:
    alliance = tabling_world()
    proposal = tabled(world.own, [alliance.miner, alliance.community])
    assert proposal.status == S.TABLED
    assert proposal.origin == ProposalOrigin.MEMBER
    proposal = proposal_services.proposal_admit(
        actor=SYSTEM, proposal=proposal, consultation_closes_at=timezone.now() + timedelta(days=20)
    )
    assert proposal.status == S.CONSULTATION

    accepted = member_comment(proposal, alliance.miner, "Thirty days is too long.", paragraph=2)
    refused = member_comment(proposal, alliance.community, "Drop the review.", paragraph=4)
    proposal_services.consultation_close(actor=SYSTEM, proposal=proposal)
    consultation_services.comment_respond(
        actor=SYSTEM, comment=accepted, outcome="accepted", reason="Now 14 days."
    )
    consultation_services.comment_respond(
        actor=SYSTEM, comment=refused, outcome="not_accepted", reason="The review stays."
    )
    accepted.refresh_from_db()
    version = version_services.version_publish(
        actor=SYSTEM,
        proposal=proposal,
        text=REVISED,
        note="Reporting within 14 days, as the miners asked.",
        author_agreed=True,
        changes={accepted.response.pk: [2]},
    )
    assert version.number == 2

    add_impact_assessment(proposal)
    proposal_services.proposal_transition(actor=SYSTEM, proposal=proposal, to_status=S.VOTING)
    ballot = Ballot.objects.get(proposal=proposal)
    assert ballot.version == version
    for organisation in (world.own, world.other, alliance.miner, alliance.community):
        vote(ballot, organisation, "yes")
    close(ballot)

    decision = Decision.objects.get(proposal=proposal)
    assert decision.record["version"] == {"number": 2, "sha256": version.sha256}
    entry = DecisionLogEntry.objects.get(seq=decision.log_entry_id)
    assert json.loads(entry.canonical)["record"]["version"]["sha256"] == version.sha256
    assert decision_log_verify().ok

    redline = client.get(f"/governance/proposals/{proposal.pk}/versions/compare/?old=1&new=2")
    html = redline.content.decode()
    assert redline.status_code == 200
    assert "<ins>" in html
    assert "14" in html.split("<ins>", 1)[1]
    assert f"comment #{accepted.pk}" in html
