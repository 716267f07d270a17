from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from alliance_portal.roles import Role


@pytest.fixture
def demo_world(world, demo):
    """The world's people accept the demo's charter and protocol, so its members stay members."""
    from members.models import Person
    from members.selectors import current_agreements
    from members.services import agreements_accept

    for person in Person.objects.filter(organisation__in=[world.own, world.other]):
        agreements_accept(actor=person.user, person=person, agreements=current_agreements())
    return world


def test_country_index_and_page_for_anonymous_visitors(demo, client) -> None:
    index = client.get("/countries/").content.decode()
    for name in ("Peru", "Chile", "Germany", "Indonesia"):
        assert name in index
    assert 'href="/countries/cd/"' in index
    page = client.get("/countries/cd/").content.decode()
    assert "Katanga Copper-Cobalt Mining" in page
    assert "Ministry of Mines, Democratic Republic of the Congo" in page  # government member
    assert "Great Lakes ASM Initiative" in page  # partner alliance
    assert "Artisanal miners in South Kivu" in page  # critical group located there
    assert "Eastern provinces designated conflict-affected" in page  # public risk note
    assert "Child labour at artisanal cobalt sites" not in page  # members-level note
    assert client.get("/countries/zz/").status_code == 404


def test_members_read_members_level_risk_notes(demo_world) -> None:
    world = demo_world
    page = world.client_for(Role.MEMBER).get("/countries/cd/").content.decode()
    assert "Child labour at artisanal cobalt sites" in page


def test_country_api_follows_the_same_rules(demo) -> None:
    api = APIClient()
    assert len(api.get("/api/v1/countries/").json()) >= 10
    cd = api.get("/api/v1/countries/cd/").json()
    assert "katanga-copper-cobalt-mining" in cd["members"]
    assert all(note["disclosure"] == "public" for note in cd["risk_notes"])


def test_stakeholder_map_is_for_members(demo_world) -> None:
    world = demo_world
    assert world.client_for(Role.ANONYMOUS).get("/members/stakeholders/").status_code == 302
    assert (
        world.client_for(Role.EXTERNAL_STAKEHOLDER).get("/members/stakeholders/").status_code == 403
    )
    page = world.client_for(Role.MEMBER).get("/members/stakeholders/").content.decode()
    assert "Communities around nickel smelters in Morowali" in page
    assert "<svg" in page
    assert APIClient().get("/api/v1/stakeholder-groups/").status_code in {401, 403}
    api = APIClient()
    api.force_authenticate(world.users[Role.MEMBER])
    groups = api.get("/api/v1/stakeholder-groups/").json()
    assert len(groups) == 15
    assert {g["is_critical"] for g in groups} == {True, False}


def test_partner_liaison_is_for_members(demo_world) -> None:
    world = demo_world
    public = APIClient().get("/api/v1/partner-alliances/").json()
    assert len(public) == 3
    assert all("liaison_email" not in a for a in public)
    api = APIClient()
    api.force_authenticate(world.users[Role.MEMBER])
    assert all(a["liaison_email"] for a in api.get("/api/v1/partner-alliances/").json())
    assert (
        "liaison@"
        not in world.client_for(Role.ANONYMOUS).get("/members/partners/").content.decode()
    )
