"""Downstream demands (issue 18, item 5): a downstream organisation's representative records
which baseline requirements (or elements of named standards) it demands of its suppliers, per
material; its own people and the secretariat read them in full; everyone else sees only how
many buyers ask, never which, and only where at least 3 ask."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from members.models import Organisation
from standards import services
from standards.models import Demand, Element
from tests.guided import guided
from tests.standards.conftest import api_for

AGGREGATE = "/api/v1/demands/aggregate/"


def downstream(organisation: Organisation, materials=("cobalt",)) -> Organisation:
    Organisation.objects.filter(pk=organisation.pk).update(
        value_chain_stages=["products"], materials=list(materials)
    )
    organisation.refresh_from_db()
    return organisation


def demand(organisation, material, *elements: Element, note: str = "") -> list[Demand]:
    return services.demand_record(
        actor=SYSTEM, organisation=organisation, material=material, elements=elements, note=note
    )


@pytest.fixture
def buyers(world, make_organisation) -> list[Organisation]:
    """Four downstream buyers: A (the world's own), B (the other) and two more."""
    return [
        downstream(world.own),
        downstream(world.other),
        *(
            make_organisation(f"Buyer {n}", value_chain_stages=["components"], materials=["cobalt"])
            for n in (3, 4)
        ),
    ]


def req(crosswalk, ref: str) -> Element:
    return crosswalk.element(crosswalk.baseline, ref)


# --- Who records -----------------------------------------------------------------------------


def test_the_representative_records_demands_with_the_form(world, crosswalk, buyers):
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    url = reverse("standards:demand-create", args=[world.own.slug])
    assert "Never enter" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "material": "cobalt",
            "requirements": [req(crosswalk, "B-1.1").pk, req(crosswalk, "B-1.2").pk],
            "version": crosswalk.alpha.pk,
            "refs": "1.1, 2.1",
            "note": "Supplier code, section 4",
        },
    )
    assert response.status_code == 302
    rows = Demand.objects.filter(organisation=world.own)
    assert sorted(rows.values_list("element__ref", flat=True)) == ["1.1", "2.1", "B-1.1", "B-1.2"]
    assert {row.recorded_by for row in rows} == {world.users[Role.ORGANISATION_REPRESENTATIVE]}
    page = client.get(response.url).content.decode()
    assert "Supplier code, section 4" in page
    assert "Withdraw" in page
    # Recording the same again adds nothing.
    client.post(url, {"material": "cobalt", "requirements": [req(crosswalk, "B-1.1").pk]})
    assert rows.count() == 4


def test_the_form_says_what_to_fix(world, crosswalk, buyers):
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    url = reverse("standards:demand-create", args=[world.own.slug])
    html = client.post(url, {"material": "", "version": crosswalk.alpha.pk, "refs": "9.9"})
    guided(
        html.content.decode(),
        {
            "Choose the material you buy": "id_material",
            "ALPHA 2.0 has no element 9.9: check the codes.": "id_refs",
        },
    )
    assert not Demand.objects.exists()


def test_an_organisation_that_is_not_downstream_records_no_demands(world, crosswalk):
    with pytest.raises(Exception, match="component or product manufacturing"):
        demand(world.own, "cobalt", req(crosswalk, "B-1.1"))
    assert not Demand.objects.exists()


def test_only_current_baseline_requirements_and_published_elements(world, crosswalk, buyers):
    principle = crosswalk.element(crosswalk.baseline, "B-1")
    with pytest.raises(Exception, match="not a baseline requirement"):
        demand(world.own, "cobalt", principle)
    assert not Demand.objects.exists()


@pytest.mark.parametrize(
    "role", [Role.MEMBER, Role.CIVIL_SOCIETY_REVIEWER, Role.EXTERNAL_STAKEHOLDER]
)
def test_nobody_else_records_or_withdraws(world, crosswalk, buyers, role):
    (own,) = demand(world.own, "cobalt", req(crosswalk, "B-1.1"))
    client = world.client_for(role)
    create = client.post(
        reverse("standards:demand-create", args=[world.own.slug]),
        {"material": "cobalt", "requirements": [req(crosswalk, "B-1.2").pk]},
    )
    withdraw = client.post(reverse("standards:demand-withdraw", args=[world.own.slug, own.pk]))
    assert create.status_code == withdraw.status_code == 403
    assert list(Demand.objects.values_list("pk", flat=True)) == [own.pk]


def test_another_organisations_representative_is_refused_through_the_api(world, crosswalk, buyers):
    api = api_for(world, Role.ORGANISATION_REPRESENTATIVE)
    body = {"material": "cobalt", "standard": "alliance-baseline", "refs": ["B-1.1"]}
    refused = api.post("/api/v1/demands/", {**body, "organisation": world.other.slug})
    assert refused.status_code == 403
    assert not Demand.objects.exists()
    created = api.post("/api/v1/demands/", {**body, "organisation": world.own.slug})
    assert created.status_code == 201, created.content
    assert [row["ref"] for row in created.json()] == ["B-1.1"]
    withdrawn = api.post("/api/v1/demands/withdraw/", {**body, "organisation": world.own.slug})
    assert withdrawn.json() == {"withdrawn": 1}
    assert not Demand.objects.exists()


def test_the_representative_withdraws_a_demand(world, crosswalk, buyers):
    (own,) = demand(world.own, "cobalt", req(crosswalk, "B-1.1"))
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    url = reverse("standards:demand-withdraw", args=[world.own.slug, own.pk])
    assert client.post(url).status_code == 302
    assert not Demand.objects.exists()
    assert client.post(url).status_code == 302  # withdrawn already: no error


# --- Who reads them in full ------------------------------------------------------------------


READS_OWN = {
    Role.MEMBER: True,
    Role.ORGANISATION_REPRESENTATIVE: True,
    Role.SECRETARIAT: True,
    Role.CIVIL_SOCIETY_REVIEWER: False,
    Role.EXTERNAL_STAKEHOLDER: False,
}


@pytest.mark.parametrize("role", list(READS_OWN))
def test_only_the_organisations_people_and_the_secretariat_read_its_demands(
    world, crosswalk, buyers, role
):
    demand(world.own, "cobalt", req(crosswalk, "B-1.1"), note="Own note")
    demand(world.other, "cobalt", req(crosswalk, "B-1.2"), note="Other note")
    client, api = world.client_for(role), api_for(world, role)
    own_page = client.get(reverse("standards:organisation-demands", args=[world.own.slug]))
    other_page = client.get(reverse("standards:organisation-demands", args=[world.other.slug]))
    notes = {row["note"] for row in api.get("/api/v1/demands/").json()["results"]}
    assert (own_page.status_code == 200) is READS_OWN[role]
    assert (other_page.status_code == 200) is (role == Role.SECRETARIAT)
    assert ("Own note" in notes) is READS_OWN[role]
    assert ("Other note" in notes) is (role == Role.SECRETARIAT)


# --- What everyone else sees: aggregates -----------------------------------------------------


def test_a_cell_is_published_from_three_buyers_and_never_names_one(world, crosswalk, buyers):
    a, b, c, d = buyers
    for buyer in (a, b, c):
        demand(buyer, "cobalt", req(crosswalk, "B-1.1"))
    for buyer in (a, d):
        demand(buyer, "cobalt", req(crosswalk, "B-1.2"))
    for buyer in (a, b, c, d):
        demand(buyer, "cobalt", crosswalk.element(crosswalk.alpha, "1.1"))
    demand(a, "cobalt", crosswalk.element(crosswalk.alpha, "2.1"))
    names = [buyer.name for buyer in buyers] + [buyer.slug for buyer in buyers]
    for role in Role:
        client, api = world.client_for(role), api_for(world, role)
        page = client.get(reverse("standards:demand-aggregate") + "?material=cobalt")
        html = page.content.decode()
        assert page.status_code == 200
        data = api.get(AGGREGATE, {"material": "cobalt"}).json()
        text = str(data)
        assert [name for name in names if name in text] == [], role
        (cobalt,) = data["materials"]
        cells = {cell["ref"]: cell for cell in cobalt["baseline"]}
        assert cells["B-1.1"]["buyers"] == 3
        assert cells["B-1.2"]["buyers"] is None
        assert cells["B-1.2"]["buyers_text"] == "fewer than 3 buyers"
        assert cells["B-2.1"]["buyers"] is None  # nobody: reads the same as 1 or 2
        assert [(cell["ref"], cell["buyers"]) for cell in cobalt["others"]] == [("1.1", 4)]
        assert "B-1.1 Supply-chain policy</th><td>3 buyers" in html
        assert "B-1.2 Grievance mechanism</th><td>fewer than 3 buyers" in html
        assert "Tailings" not in html  # asked by one buyer only: not listed at all


def test_the_aggregate_names_no_buyer_for_anyone_but_its_own_people(world, crosswalk, buyers):
    """The page links a downstream reader to its own organisation's list; nothing else on it
    names an organisation, for any role."""
    for buyer in buyers[:3]:
        demand(buyer, "cobalt", req(crosswalk, "B-1.1"))
    for role in Role:
        html = world.client_for(role).get(reverse("standards:demand-aggregate")).content.decode()
        for buyer in buyers:
            shown = buyer.name in html
            assert shown is (
                buyer == world.own and role in (Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE)
            ), (role, buyer.name)


def test_no_count_is_added_up_so_no_small_cell_is_recovered(world, crosswalk, buyers):
    """Counts are per requirement and material only: no total per material or requirement
    from which a suppressed cell could be worked out by subtraction."""
    a, b, c, _ = buyers
    for buyer in (a, b, c):
        demand(buyer, "cobalt", req(crosswalk, "B-1.1"))
    demand(a, "lithium", req(crosswalk, "B-1.1"))
    data = api_for(world, Role.ANONYMOUS).get(AGGREGATE).json()
    figures = [
        cell["buyers"]
        for material in data["materials"]
        for cell in material["baseline"] + material["others"]
        if cell["buyers"] is not None
    ]
    assert figures == [3]
    assert {material["material"] for material in data["materials"]} == {"cobalt"}
    assert set(data) == {"threshold", "baseline", "materials"}


def test_an_upstream_member_sees_the_materials_it_declared(world, crosswalk, buyers):
    Organisation.objects.filter(pk=world.own.pk).update(
        value_chain_stages=["exploration_extraction"], materials=["tin"]
    )
    html = world.client_for(Role.MEMBER).get(reverse("standards:demand-aggregate")).content
    assert "Tin</a>: no requirement asked by 3 buyers or more (a material your organisation" in (
        html.decode()
    )


# --- Query budgets ---------------------------------------------------------------------------


def test_the_pages_and_the_api_read_in_a_fixed_number_of_queries(
    world, crosswalk, buyers, django_assert_max_num_queries
):
    for buyer in buyers:
        for material in ("cobalt", "lithium", "nickel"):
            demand(buyer, material, req(crosswalk, "B-1.1"), req(crosswalk, "B-1.2"))
            demand(buyer, material, crosswalk.element(crosswalk.alpha, "1.1"))
    client, api = world.client_for(Role.MEMBER), api_for(world, Role.MEMBER)
    aggregate = reverse("standards:demand-aggregate")
    own = reverse("standards:organisation-demands", args=[world.own.slug])
    for url in (aggregate, own):
        client.get(url)  # warm the process caches
    for url in (AGGREGATE, "/api/v1/demands/"):
        api.get(url)
    with django_assert_max_num_queries(12):
        assert client.get(aggregate).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(aggregate + "?material=cobalt").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(own).status_code == 200
    with django_assert_max_num_queries(8):
        assert api.get(AGGREGATE).status_code == 200
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/demands/").status_code == 200
