"""Member-tabled proposals through the API, and the rules the services hold whatever the door:
the tabling rule counts chambers other than the author's, a member's draft reaches consultation
only through admission, and nobody but its author words it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.proposals import services
from governance.proposals.models import Proposal, ProposalStatus
from governance.proposals.tabling import TablingRules, tabling_rules
from tests.governance.factories import assembly
from tests.governance.tabling_support import draft, tabled, tabling_world

S = ProposalStatus
pytestmark = pytest.mark.django_db

DRAFT = {
    "body": "general-assembly",
    "title": "Shared grievance channel",
    "summary": "One channel for every member's grievances.",
    "text": "Members run one grievance channel.\n\nThe secretariat reports on it yearly.",
    "disclosure": "public",
    "countries": ["CD"],
    "materials": ["cobalt"],
}


def _api(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_the_rule_defaults_to_two_other_chambers_and_thirty_days() -> None:
    assert tabling_rules(assembly()) == TablingRules(other_chambers=2, admission_days=30)


def test_a_representative_drafts_co_sponsors_tables_and_the_secretariat_admits(
    world, api_for
) -> None:
    tabling = tabling_world()
    assembly()
    rep = api_for(Role.ORGANISATION_REPRESENTATIVE)
    created = rep.post("/api/v1/proposals/", DRAFT, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["proposed_by"] == world.own.slug
    assert data["tabling"]["origin"] == "member"
    assert data["tabling"]["sponsors"] == []
    pk = data["id"]

    refused = rep.post(f"/api/v1/proposals/{pk}/table/")
    assert refused.status_code == 400
    assert "2 more chambers must join" in str(refused.json())
    asked = rep.post(
        f"/api/v1/proposals/{pk}/sponsor-requests/",
        {"organisations": [tabling.miner.slug, tabling.community.slug]},
        format="json",
    )
    assert asked.json() == {"emails_queued": 2}
    for user in (tabling.miner_rep, tabling.community_rep):
        assert _api(user).post(f"/api/v1/proposals/{pk}/sponsors/").status_code == 201
    listed = APIClient().get("/api/v1/proposals/").json()["results"]
    row = next(item for item in listed if item["id"] == pk)
    assert [(s["chamber"], s["organisation"]) for s in row["tabling"]["sponsors"]] == [
        ("industry-upstream", tabling.miner.slug),
        ("affected-communities", tabling.community.slug),
    ]
    tabled_now = rep.post(f"/api/v1/proposals/{pk}/table/")
    assert tabled_now.status_code == 200
    assert tabled_now.json()["status"] == "tabled"
    assert tabled_now.json()["tabling"]["admission_due_at"] is not None

    staff = api_for(Role.SECRETARIAT)
    past = staff.post(
        f"/api/v1/proposals/{pk}/admit/",
        {"consultation_closes_at": (timezone.now() - timedelta(days=1)).isoformat()},
        format="json",
    )
    assert past.status_code == 400
    assert "consultation_closes_at" in past.json()
    admitted = staff.post(
        f"/api/v1/proposals/{pk}/admit/",
        {"consultation_closes_at": (timezone.now() + timedelta(days=21)).isoformat()},
        format="json",
    )
    assert admitted.status_code == 200
    assert admitted.json()["status"] == "consultation"
    assert admitted.json()["consultation"]["is_open"] is True


def test_a_draft_does_not_set_what_only_the_secretariat_sets(world, api_for) -> None:
    assembly()
    rep = api_for(Role.ORGANISATION_REPRESENTATIVE)
    response = rep.post(
        "/api/v1/proposals/",
        {**DRAFT, "consultation_opens_at": timezone.now().isoformat(), "proposed_by": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"consultation_opens_at", "proposed_by"}
    assert not Proposal.objects.exists()
    assert api_for(Role.MEMBER).post("/api/v1/proposals/", DRAFT, format="json").status_code == 403


def test_only_the_author_words_a_members_draft(world, api_for) -> None:
    proposal = draft(world.own)
    member = api_for(Role.MEMBER)  # a person of the author organisation
    assert (
        member.patch(f"/api/v1/proposals/{proposal.pk}/", {"summary": "Shorter."}).status_code
        == 200
    )
    staff = api_for(Role.SECRETARIAT).patch(
        f"/api/v1/proposals/{proposal.pk}/", {"text": "The secretariat's words."}
    )
    assert staff.status_code == 400
    assert "worded by its author" in str(staff.json())
    proposal.refresh_from_db()
    assert proposal.summary == "Shorter."


def test_only_other_chambers_count_and_the_author_does_not_sponsor(world) -> None:
    tabling = tabling_world()
    proposal = draft(world.own)
    # The other organisation sits in the author's chamber: welcome, but not counted.
    services.proposal_sponsor(actor=SYSTEM, proposal=proposal, organisation=world.other)
    services.proposal_sponsor(actor=SYSTEM, proposal=proposal, organisation=tabling.miner)
    with pytest.raises(ValidationError, match="it has 1, so 1 more chamber must join"):
        services.proposal_table(actor=SYSTEM, proposal=proposal)
    with pytest.raises(ValidationError, match="does not co-sponsor its own"):
        services.proposal_sponsor(actor=SYSTEM, proposal=proposal, organisation=world.own)
    services.proposal_sponsor(actor=SYSTEM, proposal=proposal, organisation=tabling.community)
    assert services.proposal_table(actor=SYSTEM, proposal=proposal).status == S.TABLED


def test_a_members_proposal_reaches_consultation_only_through_admission(world) -> None:
    tabling = tabling_world()
    proposal = draft(world.own)
    with pytest.raises(ValidationError, match="only once it is tabled"):
        services.consultation_open(actor=SYSTEM, proposal=proposal)
    proposal = tabled(world.own, [tabling.miner, tabling.community], title="Tabled")
    for status in (S.CONSULTATION, S.DECLINED):
        with pytest.raises(ValidationError, match="through their own steps"):
            services.proposal_transition(
                actor=SYSTEM, proposal=proposal, to_status=status, reason="By hand."
            )
    # The secretariat's own proposals still go from draft to consultation directly.
    from tests.governance.factories import make_proposal

    assert make_proposal(status=S.CONSULTATION).status == S.CONSULTATION


def test_decline_needs_a_reason_and_is_refused_to_others(world, api_for) -> None:
    tabling = tabling_world()
    proposal = tabled(world.own, [tabling.miner, tabling.community])
    staff = api_for(Role.SECRETARIAT)
    assert (
        staff.post(f"/api/v1/proposals/{proposal.pk}/decline/", {"reason": ""}).status_code == 400
    )
    rep = api_for(Role.ORGANISATION_REPRESENTATIVE)
    assert (
        rep.post(f"/api/v1/proposals/{proposal.pk}/decline/", {"reason": "No."}).status_code == 403
    )
    declined = staff.post(f"/api/v1/proposals/{proposal.pk}/decline/", {"reason": "Out of scope."})
    assert declined.status_code == 200
    assert declined.json()["story"][-1]["reason"] == "Out of scope."
    revised = rep.post(f"/api/v1/proposals/{proposal.pk}/revise/")
    assert revised.json()["status"] == "draft"
    assert len(revised.json()["tabling"]["sponsors"]) == 2


def test_proposal_list_api_query_budget(world, django_assert_max_num_queries) -> None:
    tabling = tabling_world()
    for number in range(5):
        proposal = draft(world.own, title=f"Draft {number}")
        services.proposal_sponsor(actor=SYSTEM, proposal=proposal, organisation=tabling.miner)
    api = APIClient()
    api.get("/api/v1/proposals/")
    with django_assert_max_num_queries(6):
        response = api.get("/api/v1/proposals/")
    assert len(response.json()["results"]) == 5
