"""Country pages show the work (issue 17, item 4): the proposals and the decisions concerning
a country, as far as the reader may see them, a few latest each with a link to the full list."""

from __future__ import annotations

import pytest
from django.test import Client

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.ballots import services as ballot_services
from governance.ballots.models import Ballot
from governance.proposals import services as proposal_services
from governance.proposals.models import ProposalStatus
from members.models import FocusCountry
from tests.governance.factories import add_impact_assessment, make_proposal, respond_to_all
from tests.governance.test_ballots_factories import vote

S = ProposalStatus


@pytest.fixture
def bolivia(db) -> FocusCountry:
    return FocusCountry.objects.create(country="BO", role="producer")


def _decided(world, title: str, countries: list[str]) -> None:
    proposal = make_proposal(status=S.DELIBERATION, title=title, countries=countries)
    add_impact_assessment(proposal)
    respond_to_all(proposal)
    proposal_services.proposal_transition(actor=SYSTEM, proposal=proposal, to_status=S.VOTING)
    ballot = Ballot.objects.get(proposal=proposal)
    vote(ballot, world.own, "yes")
    vote(ballot, world.other, "yes")
    ballot_services.ballot_close(
        actor=world.users[Role.SECRETARIAT], ballot=ballot, reason="Everyone has voted."
    )


def _page(world, role: Role) -> str:
    response = world.client_for(role).get("/countries/BO/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_proposal_tagged_bolivia_is_on_its_country_page(world, bolivia) -> None:
    make_proposal(status=S.CONSULTATION, title="Lithium brine water rule", countries=["BO"])
    make_proposal(status=S.CONSULTATION, title="Copper rule for Chile", countries=["CL"])
    html = _page(world, Role.ANONYMOUS)
    assert 'id="section-country-proposals"' in html
    assert "Lithium brine water rule" in html
    assert "Copper rule for Chile" not in html
    assert "/governance/proposals/?country=BO" in html


def test_a_members_only_proposal_is_not_shown_to_anonymous_readers(world, bolivia) -> None:
    make_proposal(
        status=S.CONSULTATION,
        title="Confidential smelter audit plan",
        countries=["BO"],
        disclosure=DisclosureLevel.MEMBERS,
    )
    assert "Confidential smelter audit plan" not in _page(world, Role.ANONYMOUS)
    assert "Confidential smelter audit plan" not in _page(world, Role.EXTERNAL_STAKEHOLDER)
    assert "Confidential smelter audit plan" in _page(world, Role.MEMBER)


def test_the_decisions_concerning_the_country_are_listed(world, bolivia) -> None:
    _decided(world, "Salar community consent rule", ["BO"])
    _decided(world, "Chilean copper rule", ["CL"])
    html = _page(world, Role.ANONYMOUS)
    assert 'id="section-country-decisions"' in html
    assert "Salar community consent rule" in html
    assert "Chilean copper rule" not in html
    assert "/governance/decisions/?country=BO" in html


def test_a_country_without_governance_work_says_so(world, bolivia) -> None:
    html = _page(world, Role.ANONYMOUS)
    assert "No proposal concerning Bolivia" in html
    assert "No decision concerning Bolivia has been published yet." in html


def test_only_the_latest_few_are_shown_with_a_link_to_all(world, bolivia) -> None:
    for number in range(7):
        make_proposal(status=S.DRAFT, title=f"Bolivian rule {number}", countries=["BO"])
    html = _page(world, Role.SECRETARIAT)
    assert sum(f"Bolivian rule {n}<" in html for n in range(7)) == 5
    assert "All proposals concerning Bolivia" in html


@pytest.mark.parametrize("role", [Role.ANONYMOUS, Role.MEMBER])
def test_the_country_page_queries_do_not_grow_with_its_rows(
    world, bolivia, role, django_assert_max_num_queries
) -> None:
    for number in range(3):
        make_proposal(status=S.CONSULTATION, title=f"Bolivian rule {number}", countries=["BO"])
    _decided(world, "Salar community consent rule", ["BO"])
    client: Client = world.client_for(role)
    with django_assert_max_num_queries(16):
        assert client.get("/countries/BO/").status_code == 200
