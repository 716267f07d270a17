"""Ballots explain themselves (issue 15 item 6): whoever cannot vote is told why, on the
proposal's ballot section and on the vote page (still a refusal, never a bare 403 page); the
vote is step 2, its form disabled until step 1, the conflict declaration, is made; the reason
says "required to object" only where there is an object choice; a closed ballot's roll-call
and conflicts read in words."""

from __future__ import annotations

import re

import pytest

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.ballots import services
from governance.ballots.forms import VoteForm
from governance.ballots.models import Ballot, Vote
from members import services as member_services
from tests.conftest import create_user
from tests.governance.test_ballots_factories import close, open_ballot, vote

pytestmark = pytest.mark.django_db

NOT_REPRESENTATIVE = "Only an organisation&#x27;s representative may vote."
WHY = {
    Role.MEMBER: "Your organisation, Own Organisation, votes through its representative, Ravi Rep.",
    Role.EXTERNAL_STAKEHOLDER: "Your account does not belong to a member organisation",
    Role.CIVIL_SOCIETY_REVIEWER: "Civil-society reviewers do not vote",
    Role.SECRETARIAT: "The secretariat does not vote: it runs the ballot.",
    Role.SUPERUSER: "The secretariat does not vote: it runs the ballot.",
}


def _text(response) -> str:
    return response.content.decode()


def _urls(ballot: Ballot) -> tuple[str, str, str]:
    base = f"/governance/proposals/{ballot.proposal_id}/"
    return base, base + "ballot/vote/", base + "ballot/declaration/"


def _controls(page: str, name: str) -> list[str]:
    """The HTML tags of the vote form's controls named ``name``."""
    return re.findall(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page)


def _submit(page: str) -> str:
    found = re.search(r"<button type=\"submit\"[^>]*>(?:Cast|Change) my organisation", page)
    assert found, "the vote form's button"
    return found.group(0)


@pytest.mark.parametrize("role", list(WHY))
def test_whoever_cannot_vote_is_told_why(world, role: Role) -> None:
    ballot = open_ballot()
    proposal_url, vote_url, declaration_url = _urls(ballot)
    client = world.client_for(role)

    refused = client.get(vote_url)
    assert refused.status_code == 403  # still a refusal, for the access matrix and the log
    page = _text(refused)
    assert "You cannot vote in this ballot" in page
    assert NOT_REPRESENTATIVE in page
    assert WHY[role] in page
    assert "You may not see this page" not in page  # not the bare 403 page
    assert f'href="{proposal_url}#ballot"' in page

    posted = client.post(vote_url, {"choice": "yes"})
    assert posted.status_code == 403
    assert WHY[role] in _text(posted)
    assert not Vote.objects.exists()

    section = _text(client.get(proposal_url))
    assert WHY[role] in section
    assert "Declare, then vote" not in section

    declaration = client.get(declaration_url)
    assert declaration.status_code == 403
    assert "You cannot declare conflicts of interest in this ballot" in _text(declaration)


def test_an_anonymous_reader_learns_who_votes(world) -> None:
    ballot = open_ballot()
    proposal_url, vote_url, _ = _urls(ballot)
    page = _text(world.client_for(Role.ANONYMOUS).get(proposal_url))
    assert "Member organisations vote, through their representatives" in page
    assert world.client_for(Role.ANONYMOUS).get(vote_url).status_code == 302  # to sign in


def test_a_member_names_every_representative_and_sees_that_its_organisation_voted(
    world,
) -> None:
    ana = create_user("ana@example.org", display_name="Ana Lima")
    member_services.person_add(
        actor=SYSTEM, organisation=world.own, user=ana, is_representative=True
    )
    ballot = open_ballot(secret=True)
    proposal_url, vote_url, _ = _urls(ballot)
    member = world.client_for(Role.MEMBER)
    page = _text(member.get(vote_url))
    assert "votes through its representatives, Ana Lima and Ravi Rep." in page
    assert "Own Organisation has not declared its conflicts of interest or voted yet." in page

    vote(ballot, world.own, "no")
    section = _text(member.get(proposal_url))
    assert "Own Organisation has voted (on" in section
    assert "its representative may change the vote until" in section


def test_a_representative_whose_organisation_voted_may_change_the_vote(world) -> None:
    ballot = open_ballot()
    vote(ballot, world.own, "yes")
    proposal_url, vote_url, _ = _urls(ballot)
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    assert "Own Organisation voted on" in _text(rep.get(proposal_url))
    page = _text(rep.get(vote_url))
    assert "current vote: <strong>Yes</strong>" in page
    assert "Change my organisation's vote" in page
    assert "disabled" not in _submit(page)


def test_a_recused_organisation_learns_why_and_how_to_ask_for_an_exemption(world) -> None:
    ballot = open_ballot()
    proposal_url, vote_url, declaration_url = _urls(ballot)
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    declared = rep.post(declaration_url, {"has_conflict": "yes", "nature": "We fund the sponsor."})
    assert declared.status_code == 302

    pages = [_text(rep.get(url)) for url in (proposal_url, vote_url, declaration_url)]
    for page in pages:
        assert "Own Organisation declared a conflict of interest and is recused" in page
        assert "(the conflict: We fund the sponsor.)" in page
        assert "ask the alliance secretariat for an exemption" in page
    page = _text(rep.get(vote_url))
    assert all("disabled" in tag for tag in _controls(page, "choice"))
    assert 'disabled aria-describedby="vote-locked"' in _submit(page)

    services.recusal_exempt(
        actor=SYSTEM, ballot=ballot, organisation=world.own, reason="A small grant, long ago."
    )
    page = _text(rep.get(vote_url))
    assert "(exempted by the secretariat)" in page
    assert not any("disabled" in tag for tag in _controls(page, "choice"))


def test_the_declaration_comes_first_and_the_vote_stays_disabled_until_it_is_made(world) -> None:
    ballot = open_ballot()
    _, vote_url, declaration_url = _urls(ballot)
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    page = _text(rep.get(vote_url))
    step_1 = page.index("Step 1: declare conflicts of interest")
    step_2 = page.index("Step 2: vote")
    assert step_1 < step_2
    # Step 1's form is on the page, before the vote's.
    assert page.index(f'action="{declaration_url}"') < step_2
    assert 'name="has_conflict"' in page[step_1:step_2]
    # Step 2: every control disabled, with the reason given.
    assert "The vote opens once step 1 is done" in page
    choices = _controls(page, "choice")
    assert len(choices) == 3
    assert all("disabled" in tag for tag in [*choices, *_controls(page, "reason")])
    assert "disabled" in _submit(page)
    # The server refuses a vote sent anyway.
    refused = rep.post(vote_url, {"choice": "yes"})
    assert "First declare whether Own Organisation has a conflict" in _text(refused)
    assert not Vote.objects.exists()

    assert rep.post(declaration_url, {"has_conflict": "no"})["Location"] == vote_url
    page = _text(rep.get(vote_url))
    assert "<strong>Done.</strong>" in page
    assert "no conflict of interest" in page
    assert 'name="has_conflict"' not in page
    assert "The vote opens once step 1 is done" not in page
    assert not any("disabled" in tag for tag in _controls(page, "choice"))
    assert "disabled" not in _submit(page)
    assert rep.post(vote_url, {"choice": "yes"}).status_code == 302
    assert Vote.objects.get().choice == "yes"


@pytest.mark.parametrize(
    ("method", "objects"),
    [("chamber_balanced", False), ("one_member_one_vote", False), ("consent", True)],
)
def test_required_to_object_only_where_one_can_object(world, method: str, objects: bool) -> None:
    ballot = open_ballot(method=method)
    form = VoteForm(ballot=ballot)
    assert ("required to object" in str(form["reason"].label)) is objects
    vote(ballot, world.own, "abstain")
    page = _text(world.client_for(Role.ORGANISATION_REPRESENTATIVE).get(_urls(ballot)[1]))
    assert ("Reason (optional; required to object)" in page) is objects
    assert "Reason (optional" in page


def test_the_reason_says_where_it_is_published(world) -> None:
    assert (
        "Published with the roll-call" in VoteForm(ballot=open_ballot()).fields["reason"].help_text
    )
    secret = VoteForm(ballot=open_ballot(title="Secret", secret=True))
    assert "never published" in secret.fields["reason"].help_text


def test_a_closed_roll_call_reads_in_words(world, make_organisation) -> None:
    quiet = make_organisation("Quiet Organisation")
    ballot = open_ballot()
    vote(ballot, world.own, "yes")
    vote(ballot, world.other, "", conflict="We sell to the sponsor.")
    close(ballot)
    page = _text(world.client_for(Role.ANONYMOUS).get(_urls(ballot)[0]))
    table = page[
        page.index('id="roll-call-table"') : page.index(
            "</table>", page.index('id="roll-call-table"')
        )
    ]
    chamber = world.own.chamber
    assert f"<td>{chamber.name}</td>" in table
    assert f"<td>{chamber.slug}</td>" not in table or chamber.slug == chamber.name
    assert "<td>Yes</td>" in table
    assert "<td>Recused (conflict of interest: We sell to the sponsor.)</td>" in table
    assert f'data-organisation="{quiet.slug}"' in table
    assert "<td>Did not vote</td>" in table
    assert "None" not in table
    conflicts = page[page.index('id="conflicts"') : page.index('id="dissents"')]
    assert (
        "Other Organisation: conflict of interest (We sell to the sponsor.), recused" in conflicts
    )
    assert "Own Organisation" not in conflicts  # it declared none: counted, not listed
    assert "1 organisation declared no conflict of interest." in conflicts
