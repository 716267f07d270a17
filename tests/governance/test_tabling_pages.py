"""Member-tabled proposals through the pages, as people use them: a representative drafts,
asks for co-sponsors, organisations of two other chambers co-sponsor, the author tables it, and
the secretariat admits it to consultation or declines it with a published reason."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from alliance_portal.models import OutboundEmail
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.proposals import services
from governance.proposals.models import Proposal, ProposalOrigin, ProposalStatus
from tests.governance.factories import assembly
from tests.governance.tabling_support import draft, tabled, tabling_world

S = ProposalStatus
pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_draft_co_sponsor_table_admit_through_the_pages(world) -> None:
    """The first check of issue 16, up to the consultation."""
    tabling = tabling_world()
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    assembly()

    assert "Draft a proposal for your organisation" in _text(rep.get("/governance/proposals/"))
    form = rep.get("/governance/proposals/new/")
    assert form.status_code == 200
    assert "in the name of Own Organisation" in _text(form)
    response = rep.post(
        "/governance/proposals/new/",
        {
            "body": assembly().pk,
            "title": "Shared grievance channel",
            "summary": "One channel for every member's grievances.",
            "text": "Members run one grievance channel.\n\nThe secretariat reports on it yearly.",
            "disclosure": "public",
            "countries": ["CD"],
            "materials": ["cobalt"],
        },
    )
    proposal = Proposal.objects.get(title="Shared grievance channel")
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert proposal.origin == ProposalOrigin.MEMBER
    assert proposal.proposed_by == world.own
    assert proposal.status == S.DRAFT

    page = _text(rep.get(proposal.get_absolute_url()))
    assert "Drafted by Own Organisation (Civil society)" in page
    assert "2 more chambers must join" in page
    assert "No co-sponsor yet" in page
    refused = rep.post(f"/governance/proposals/{proposal.pk}/table/", follow=True)
    assert "2 more chambers must join" in _messages(refused)
    assert Proposal.objects.get(pk=proposal.pk).status == S.DRAFT

    # The author asks two organisations; their representatives are emailed once each.
    asked = rep.post(
        f"/governance/proposals/{proposal.pk}/co-sponsors/ask/",
        {"organisations": [tabling.miner.pk, tabling.community.pk]},
    )
    assert asked.status_code == 302
    requests = OutboundEmail.objects.filter(event_key__startswith="governance:sponsor-request:")
    assert sorted(requests.values_list("recipient", flat=True)) == [
        "rep@community.example",
        "rep@miner.example",
    ]
    assert (
        "Own Organisation asks Copperbelt Mining"
        in requests.get(recipient="rep@miner.example").body
    )

    # Two organisations of two other chambers co-sponsor.
    for user in (tabling.miner_rep, tabling.community_rep):
        client = tabling.client(user)
        assert "Co-sponsor for my organisation" in _text(client.get(proposal.get_absolute_url()))
        assert client.post(f"/governance/proposals/{proposal.pk}/sponsor/").status_code == 302
    page = _text(rep.get(proposal.get_absolute_url()))
    assert "Industry upstream Copperbelt Mining" in page
    assert "Affected communities Kolwezi Women Miners" in page
    assert "that is the case now" in page

    listing = _text(Client().get("/governance/proposals/"))
    assert "Own Organisation Co-sponsors: Industry upstream: Copperbelt Mining" in listing

    # The author tables it; the secretariat is told and has 30 days.
    before = timezone.now()
    assert rep.post(f"/governance/proposals/{proposal.pk}/table/").status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == S.TABLED
    assert proposal.admission_due_at is not None
    assert proposal.tabled_at is not None
    assert proposal.admission_due_at - proposal.tabled_at == timedelta(days=30)
    assert proposal.tabled_at >= before
    assert OutboundEmail.objects.filter(
        event_key__startswith="governance:proposal-tabled:", recipient="secretariat@example.org"
    ).exists()

    # The secretariat admits it, with a consultation window: the consultation opens.
    staff = world.client_for(Role.SECRETARIAT)
    page = _text(staff.get(proposal.get_absolute_url()))
    assert "Admit to consultation" in page
    assert "Decline, with a reason" in page
    assert "Tabled by Own Organisation: admit it" in _text(staff.get("/governance/my-actions/"))
    closes = (timezone.now() + timedelta(days=21)).strftime("%Y-%m-%dT%H:%M")
    admitted = staff.post(
        f"/governance/proposals/{proposal.pk}/admit/",
        {"consultation_closes_at": closes, "consultation_public": "on"},
    )
    assert admitted.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == S.CONSULTATION
    assert proposal.consultation_public is True
    assert proposal.consultation_opened_at is not None
    told = OutboundEmail.objects.filter(event_key__startswith="governance:proposal-admitted:")
    assert sorted(told.values_list("recipient", flat=True)) == [
        "rep@community.example",
        "rep@example.org",
        "rep@miner.example",
    ]
    story = _text(Client().get(proposal.get_absolute_url()))
    assert "Tabled, awaiting admission → In consultation . Admitted to consultation" in story
    # Members of other organisations may now comment.
    assert "Add a comment" in _text(
        tabling.client(tabling.miner_rep).get(proposal.get_absolute_url())
    )


def test_declined_with_a_published_reason_then_revised_and_tabled_again(world) -> None:
    tabling = tabling_world()
    proposal = tabled(world.own, [tabling.miner, tabling.community])
    staff = world.client_for(Role.SECRETARIAT)
    empty = staff.post(f"/governance/proposals/{proposal.pk}/decline/", {"reason": ""})
    assert empty.status_code == 200
    assert "Enter the reason for declining" in _text(empty)
    response = staff.post(
        f"/governance/proposals/{proposal.pk}/decline/",
        {"reason": "It duplicates the grievance standard adopted last year."},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == S.DECLINED
    # The reason is public with the (public) proposal: anyone reads it.
    page = _text(Client().get(proposal.get_absolute_url()))
    assert "Declined by the secretariat on" in page
    assert "It duplicates the grievance standard adopted last year." in page
    assert OutboundEmail.objects.filter(
        event_key__startswith="governance:proposal-declined:", recipient="rep@example.org"
    ).exists()
    assert "Declined by the secretariat" in _text(
        Client().get("/governance/proposals/?status=declined")
    )

    # The author revises it: a draft again, co-sponsors kept until the wording changes.
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    assert "Revise and table again" in _text(rep.get(proposal.get_absolute_url()))
    assert rep.post(f"/governance/proposals/{proposal.pk}/revise/").status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == S.DRAFT
    assert proposal.sponsors.count() == 2
    page = _text(rep.get(proposal.get_absolute_url()))
    assert "Its author reopened it for revision." in page

    edit = rep.post(
        f"/governance/proposals/{proposal.pk}/edit/",
        {
            "body": proposal.body_id,
            "title": proposal.title,
            "summary": proposal.summary,
            "text": "A narrower text that complements last year's standard.",
            "disclosure": "public",
        },
        follow=True,
    )
    assert "2 co-sponsorships were released" in _messages(edit)
    assert proposal.sponsors.count() == 0
    for organisation in (tabling.miner, tabling.community):
        services.proposal_sponsor(actor=SYSTEM, proposal=proposal, organisation=organisation)
    assert rep.post(f"/governance/proposals/{proposal.pk}/table/").status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == S.TABLED
    assert [c.to_status for c in proposal.status_changes.order_by("pk")] == [
        "tabled",
        "declined",
        "draft",
        "tabled",
    ]


def test_who_sees_which_buttons(world) -> None:
    tabling = tabling_world()
    proposal = draft(world.own)
    url = proposal.get_absolute_url()
    member = _text(world.client_for(Role.MEMBER).get(url))
    assert "Edit the draft" in member  # the author organisation's people edit it
    assert "Table the proposal" not in member  # its representative tables it
    assert "Co-sponsor for my organisation" not in member
    rep = _text(world.client_for(Role.ORGANISATION_REPRESENTATIVE).get(url))
    assert "Table the proposal" in rep
    assert "Co-sponsor for my organisation" not in rep
    other = _text(tabling.client(tabling.miner_rep).get(url))
    assert "Co-sponsor for my organisation" in other
    assert "Edit the draft" not in other
    staff = _text(world.client_for(Role.SECRETARIAT).get(url))
    assert "Edit the draft" not in staff
    assert "Admit to consultation" not in staff
    anonymous = _text(Client().get(url))
    assert "Co-sponsor for my organisation" not in anonymous
    assert "No co-sponsor yet" in anonymous
    # The author's own representative cannot co-sponsor; a mere member cannot draft.
    own_sponsor = world.client_for(Role.ORGANISATION_REPRESENTATIVE).post(
        f"/governance/proposals/{proposal.pk}/sponsor/"
    )
    assert own_sponsor.status_code == 403
    assert world.client_for(Role.MEMBER).get("/governance/proposals/new/").status_code == 403
    assert (
        world.client_for(Role.SECRETARIAT)
        .get(f"/governance/proposals/{proposal.pk}/edit/")
        .status_code
        == 403
    )


def test_withdrawing_a_co_sponsorship_while_a_draft(world) -> None:
    tabling = tabling_world()
    proposal = draft(world.own)
    client = tabling.client(tabling.miner_rep)
    client.post(f"/governance/proposals/{proposal.pk}/sponsor/")
    assert "Withdraw my organisation's co-sponsorship" in _text(
        client.get(proposal.get_absolute_url())
    )
    again = client.post(f"/governance/proposals/{proposal.pk}/sponsor/", follow=True)
    assert "Copperbelt Mining already co-sponsors this proposal." in _messages(again)
    client.post(f"/governance/proposals/{proposal.pk}/sponsor/withdraw/")
    assert proposal.sponsors.count() == 0
    client.post(f"/governance/proposals/{proposal.pk}/sponsor/")
    services.proposal_sponsor(actor=SYSTEM, proposal=proposal, organisation=tabling.community)
    services.proposal_table(actor=SYSTEM, proposal=proposal)
    late = client.post(f"/governance/proposals/{proposal.pk}/sponsor/withdraw/", follow=True)
    assert "co-sponsors withdraw only while it is a draft" in _messages(late)
    assert proposal.sponsors.count() == 2


def test_overdue_admission_is_flagged(world) -> None:
    tabling = tabling_world()
    proposal = tabled(
        world.own,
        [tabling.miner, tabling.community],
        now=timezone.now() - timedelta(days=31),
    )
    staff = world.client_for(Role.SECRETARIAT)
    assert "Overdue: the secretariat should have admitted or declined" in _text(
        staff.get(proposal.get_absolute_url())
    )
    assert "admission overdue" in _text(staff.get("/governance/proposals/"))
    assert "Overdue: tabled by Own Organisation" in _text(staff.get("/governance/my-actions/"))


def test_proposal_list_query_budget_with_sponsors(world, django_assert_max_num_queries) -> None:
    tabling = tabling_world()
    for number in range(6):
        proposal = draft(world.own, title=f"Draft {number}")
        services.proposal_sponsor(actor=SYSTEM, proposal=proposal, organisation=tabling.miner)
        services.proposal_sponsor(actor=SYSTEM, proposal=proposal, organisation=tabling.community)
    client = Client()
    client.get("/governance/proposals/")  # warm the per-process caches (sessions, sites)
    with django_assert_max_num_queries(6):
        response = client.get("/governance/proposals/")
    assert _text(response).count("Co-sponsors:") == 6
