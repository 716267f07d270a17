"""Ballot pages (no JavaScript needed): the representative's declaration and vote forms,
the decision on the proposal page, the secretariat's pages, the register of interests, the
dashboard's count of endorsements, the admin's close action; query budgets."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.utils import timezone

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.ballots import services
from governance.ballots.models import Ballot, ConflictDeclaration, Decision, Endorsement, Vote
from governance.proposals.models import ProposalStatus
from tests.governance.factories import make_proposal
from tests.governance.test_ballots_factories import close, open_ballot, vote

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def test_the_representative_declares_then_votes_and_changes_the_vote(world) -> None:
    ballot = open_ballot()
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    vote_url = f"/governance/proposals/{ballot.proposal_id}/ballot/vote/"
    page = _text(client.get(vote_url))
    assert "Your organisation has not voted yet." in page
    assert f"{timezone.localtime(ballot.closes_at):%-d %B %Y, %H:%M} UTC" in page
    assert "Before voting, declare whether Own Organisation has a conflict" in page

    refused = client.post(vote_url, {"choice": "yes"})
    assert refused.status_code == 200
    assert "First declare whether Own Organisation has a conflict" in _text(refused)
    assert not Vote.objects.exists()

    declared = client.post(
        f"/governance/proposals/{ballot.proposal_id}/ballot/declaration/", {"has_conflict": "no"}
    )
    assert declared.status_code == 302
    assert declared["Location"] == vote_url

    assert client.post(vote_url, {"choice": "yes"}).status_code == 302
    assert "current vote: <strong>Yes</strong>" in _text(client.get(vote_url))
    assert client.post(vote_url, {"choice": "no", "reason": "Changed."}).status_code == 302
    page = _text(client.get(vote_url))
    assert "current vote: <strong>No</strong>" in page
    assert 'value="no" required id="id_choice_1" checked' in page
    assert list(Vote.objects.values_list("choice", flat=True)) == ["no"]

    unknown = client.post(vote_url, {"choice": "consent"})
    assert unknown.status_code == 200
    assert "Choose your organisation&#x27;s vote from the list" in _text(unknown)
    assert list(Vote.objects.values_list("choice", flat=True)) == ["no"]


def test_a_declared_conflict_recuses_on_the_page(world) -> None:
    ballot = open_ballot()
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    url = f"/governance/proposals/{ballot.proposal_id}/ballot/declaration/"
    missing = client.post(url, {"has_conflict": "yes", "nature": ""})
    assert "Say what the conflict of interest is." in _text(missing)
    assert not ConflictDeclaration.objects.exists()
    response = client.post(url, {"has_conflict": "yes", "nature": "We fund the sponsor."})
    assert response.status_code == 302
    proposal_page = _text(client.get(f"/governance/proposals/{ballot.proposal_id}/"))
    assert "Own Organisation declared a conflict of interest and is recused" in proposal_page
    assert "Conflict: We fund the sponsor." in proposal_page


def test_only_representatives_reach_the_vote_form(world) -> None:
    ballot = open_ballot()
    url = f"/governance/proposals/{ballot.proposal_id}/ballot/vote/"
    for role in (Role.MEMBER, Role.CIVIL_SOCIETY_REVIEWER, Role.SECRETARIAT):
        assert world.client_for(role).post(url, {"choice": "yes"}).status_code == 403
    assert world.client_for(Role.ANONYMOUS).get(url).status_code == 302
    assert not Vote.objects.exists()


def test_the_proposal_page_shows_the_decision(world) -> None:
    ballot = open_ballot(method="one_member_one_vote", threshold=Fraction(1, 2))
    vote(ballot, world.own, "no", "Too soon for us.")
    vote(ballot, world.other, "yes")
    close(ballot)
    url = f"/governance/proposals/{ballot.proposal_id}/"
    page = _text(world.client_for(Role.ANONYMOUS).get(url))
    decision = Decision.objects.get()
    assert "Decision: Adopted" in page
    assert f'href="/governance/decisions/{decision.log_entry_id}/"' in page
    assert 'id="tally-table"' in page
    assert 'data-organisation="own-organisation"' in page
    assert "Too soon for us." in page
    assert "Attach your organisation" not in page

    rep_page = _text(world.client_for(Role.ORGANISATION_REPRESENTATIVE).get(url))
    assert "Attach your organisation's dissenting statement" in rep_page
    reviewer_page = _text(world.client_for(Role.CIVIL_SOCIETY_REVIEWER).get(url))
    assert "File a reviewer statement" in reviewer_page
    staff_page = _text(world.client_for(Role.SECRETARIAT).get(url))
    assert "Record an endorsement" in staff_page
    printable = _text(world.client_for(Role.ANONYMOUS).get(url + "print/"))
    assert "Decision: Adopted" in printable
    assert "Record an endorsement" not in printable


def test_statements_and_endorsements_through_the_pages(world) -> None:
    ballot = open_ballot(method="one_member_one_vote", threshold=Fraction(1, 2))
    vote(ballot, world.own, "no")
    vote(ballot, world.other, "yes")
    close(ballot)
    base = f"/governance/proposals/{ballot.proposal_id}/decision/"
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    assert rep.post(base + "dissent/", {"text": "We dissent."}).status_code == 302
    again = rep.post(base + "dissent/", {"text": "Again."})
    assert "has attached its dissenting statement already" in _text(again)
    reviewer = world.client_for(Role.CIVIL_SOCIETY_REVIEWER)
    assert reviewer.post(base + "reviewer-statement/", {"text": "Fair."}).status_code == 302
    staff = world.client_for(Role.SECRETARIAT)
    form = {
        "endorser_name": "Ministry of Mines, Zambia",
        "endorser_kind": "government",
        "country": "ZM",
        "evidence_url": "https://example.org/letter.pdf",
        "endorsed_on": timezone.localdate().isoformat(),
    }
    assert staff.post(base + "endorsement/", form).status_code == 302
    page = _text(
        world.client_for(Role.ANONYMOUS).get(f"/governance/proposals/{ballot.proposal_id}/")
    )
    assert "We dissent." in page
    assert "Civil-society reviewer" in page
    assert "reviewer@example.org" not in page
    assert "Ministry of Mines, Zambia" in page
    dashboard = _text(world.client_for(Role.ANONYMOUS).get("/governance/"))
    assert (
        "<strong>1</strong> endorsement by governments and public bodies, of 1 decision"
        in dashboard
    )
    assert Endorsement.objects.count() == 1


def test_the_secretariat_sets_up_closes_and_publishes(world) -> None:
    staff = world.client_for(Role.SECRETARIAT)
    proposal = make_proposal(status=ProposalStatus.DELIBERATION, disclosure="members")
    response = staff.post(
        f"/governance/proposals/{proposal.pk}/ballot/settings/",
        {"method": "consent", "quorum": "3/4", "threshold": "2/3", "secret": "on"},
    )
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert (ballot.method, ballot.quorum, ballot.secret) == ("consent", Fraction(3, 4), True)
    bad = staff.post(
        f"/governance/proposals/{proposal.pk}/ballot/settings/",
        {"method": "consent", "quorum": "one half", "threshold": "2/3"},
    )
    assert "Write a fraction such as 1/2 or 2/3." in _text(bad)

    ballot = open_ballot(title="Members only", disclosure="members")
    close_url = f"/governance/proposals/{ballot.proposal_id}/ballot/close/"
    refused = staff.post(close_url, {"reason": ""})
    assert "Say why the ballot closes before its time" in _text(refused)
    assert staff.post(close_url, {"reason": "The assembly ended."}).status_code == 302
    decision = Decision.objects.get(ballot=ballot)
    assert decision.outcome == "no_quorum"
    assert decision.log_entry is None
    publish = f"/governance/proposals/{ballot.proposal_id}/decision/publish/"
    assert "Make the proposal public" in _text(staff.get(publish))
    assert staff.post(publish).status_code == 302
    decision.refresh_from_db()
    assert decision.log_entry is not None


def test_the_admin_closes_ballots_and_shows_decisions_read_only(world) -> None:
    ballot = open_ballot()
    staff = world.client_for(Role.SECRETARIAT)
    data = {"action": "close_ballots", "_selected_action": [ballot.pk]}
    asked = staff.post("/admin/governance/ballot/", data)
    assert "Close the ballots and count the votes" in _text(asked)
    refused = staff.post(
        "/admin/governance/ballot/", {**data, "apply": "1", "reason": ""}, follow=True
    )
    assert "Say why the ballot closes before its time" in _text(refused)
    done = staff.post(
        "/admin/governance/ballot/", {**data, "apply": "1", "reason": "Early."}, follow=True
    )
    assert "1 ballot(s) closed." in _text(done)
    change = _text(staff.get(f"/admin/governance/ballot/{ballot.pk}/change/"))
    assert "Decision on" in change
    assert 'name="decision-0-outcome"' not in change  # read-only
    assert 'name="_save"' not in change or 'name="method"' not in change


def test_the_register_of_interests_page(world, django_assert_max_num_queries) -> None:
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    declared = rep.post(
        "/governance/interests/declare/", {"kind": "funding", "description": "A grant."}
    )
    assert declared.status_code == 302
    for number in range(30):
        services.interest_declare(
            actor=SYSTEM, organisation=world.other, kind="other", description=f"Seat {number}."
        )
    anonymous = world.client_for(Role.ANONYMOUS)
    with django_assert_max_num_queries(8):
        page = _text(anonymous.get("/governance/interests/"))
    assert "A grant." in page
    assert "Ravi Rep" not in page  # the representative's person is members-level
    member_page = _text(
        world.client_for(Role.MEMBER).get("/governance/interests/?organisation=own-organisation")
    )
    assert "by Ravi Rep" in member_page
    assert "Seat 1." not in member_page
    staff = world.client_for(Role.SECRETARIAT)
    with django_assert_max_num_queries(12):
        assert staff.get("/governance/interests/").status_code == 200


def test_my_actions_lists_ballots_to_vote_in(world) -> None:
    ballot = open_ballot(title="Vote needed")
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    assert "Vote needed" in _text(rep.get("/governance/my-actions/"))
    vote(ballot, world.own, "yes")
    assert "Vote needed" not in _text(rep.get("/governance/my-actions/"))


@pytest.mark.parametrize("decisions", [2, 12])
def test_the_dashboard_does_not_grow_with_decisions(
    world, django_assert_max_num_queries, decisions: int
) -> None:
    for number in range(decisions):
        ballot = open_ballot(title=f"Decided {number}")
        close(ballot)
    client = world.client_for(Role.MEMBER)
    client.get("/governance/")  # fills process caches (content types): not counted
    # 14 for the dashboard's lists and decided results, 7 for the consultation and
    # participation figures, 2 for the action figures, 2 for the funding figures.
    with django_assert_max_num_queries(25):
        page = _text(client.get("/governance/"))
    assert f'<td class="num">{decisions}</td>' in page
