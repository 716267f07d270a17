"""The decision record's "you said, we did" names the community group and the channel of
input recorded on its behalf, never the secretariat's person who typed it in; the decision-log
entry carries the same, and the decision page reads it in words."""

from __future__ import annotations

import json

import pytest

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.ballots.models import Ballot, Decision
from governance.consultations import services as consultation_services
from governance.decision_log.models import DecisionLogEntry
from governance.proposals import services as proposal_services
from governance.proposals.models import ProposalStatus
from members.models import Chamber
from tests.governance.factories import add_impact_assessment, make_proposal
from tests.governance.test_ballots_factories import close, vote

S = ProposalStatus
pytestmark = pytest.mark.django_db


def test_the_record_names_the_group_and_channel_not_who_recorded_it(world, client) -> None:
    communities = Chamber.objects.create(
        slug="affected-communities", name="Affected communities", order=2
    )
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    staff = world.users[Role.SECRETARIAT]
    heard = consultation_services.comment_record_received(
        actor=staff,
        proposal=proposal,
        text="Hold the grievance hearings in Kolwezi.",
        author_kind="group",
        group_name="Kasulo Women's Collective",
        group_chamber=communities,
        channel="phone",
        paragraph=2,
    )
    assert heard.recorded_by == staff
    proposal_services.consultation_close(actor=SYSTEM, proposal=proposal)
    consultation_services.comment_respond(
        actor=SYSTEM, comment=heard, outcome="accepted", reason="Hearings move to Kolwezi."
    )
    add_impact_assessment(proposal)
    proposal_services.proposal_transition(actor=SYSTEM, proposal=proposal, to_status=S.VOTING)
    ballot = Ballot.objects.get(proposal=proposal)
    for organisation in (world.own, world.other):
        vote(ballot, organisation, "yes")
    close(ballot)

    decision = Decision.objects.get(proposal=proposal)
    (row,) = decision.record["consultation_responses"]
    assert row["speaker"]["group"] == {
        "name": "Kasulo Women's Collective",
        "chamber": {"slug": "affected-communities", "name": "Affected communities"},
    }
    assert row["speaker"]["channel"] == "phone"
    entry = DecisionLogEntry.objects.get(seq=decision.log_entry_id)
    canonical = entry.canonical
    logged = json.loads(canonical)["record"]["consultation_responses"][0]["speaker"]
    assert logged["group"]["name"] == "Kasulo Women's Collective"
    assert logged["channel"] == "phone"
    # The staff member who typed it in is in neither.
    for secret in {staff.email, str(staff)}:
        assert secret not in json.dumps(decision.record)
        assert secret not in canonical

    page = client.get(f"/governance/decisions/{entry.seq}/").content.decode()
    assert "Kasulo Women&#x27;s Collective (received by phone)" in page


def test_who_recorded_offline_input_is_in_the_comments_api_for_the_secretariat_only(
    world, api_for
) -> None:
    communities = Chamber.objects.create(
        slug="affected-communities", name="Affected communities", order=2
    )
    proposal = make_proposal(status=S.CONSULTATION, public_consultation=True)
    staff = world.users[Role.SECRETARIAT]
    consultation_services.comment_record_received(
        actor=staff,
        proposal=proposal,
        text="Hold the hearings in Kolwezi.",
        author_kind="group",
        group_name="Kasulo Women's Collective",
        group_chamber=communities,
        channel="radio",
    )
    url = f"/api/v1/proposals/{proposal.pk}/comments/"
    (seen_by_staff,) = api_for(Role.SECRETARIAT).get(url).json()["results"]
    assert seen_by_staff["recorded_by"] == str(staff)
    for role in (Role.MEMBER, Role.ANONYMOUS):
        (seen,) = api_for(role).get(url).json()["results"]
        assert "recorded_by" not in seen
        assert seen["received_as"] == "Received by radio on behalf of Kasulo Women's Collective"
