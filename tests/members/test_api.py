from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from alliance_portal.roles import Role
from members.models import Organisation

CONTACT_FIELDS = {"contact_name", "contact_email", "contact_phone"}


def _api(world, role: Role) -> APIClient:
    api = APIClient()
    if world.users[role] is not None:
        api.force_authenticate(world.users[role])
    return api


@pytest.mark.django_db
def test_anonymous_callers_list_the_demo_organisations_without_contact_data(demo, client) -> None:
    response = APIClient().get("/api/v1/organisations/?page_size=200")
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) >= 20
    assert response.json()["count"] == len(results)
    for organisation in results:
        assert CONTACT_FIELDS.isdisjoint(organisation)
        assert organisation["membership_status"] != "applicant"
    assert "@demo-organisation.example" not in response.content.decode()


def test_members_see_contacts_of_other_organisations(world) -> None:
    response = _api(world, Role.MEMBER).get(f"/api/v1/organisations/{world.other.slug}/")
    assert response.status_code == 200
    assert response.json()["contact_email"] == world.other.contact_email


def test_an_applicant_is_not_disclosed_to_the_public(world) -> None:
    assert APIClient().get(f"/api/v1/organisations/{world.applicant.slug}/").status_code == 401
    member = _api(world, Role.MEMBER)
    assert member.get(f"/api/v1/organisations/{world.applicant.slug}/").status_code == 404
    listed = {o["slug"] for o in member.get("/api/v1/organisations/").json()["results"]}
    assert world.applicant.slug not in listed
    secretariat = _api(world, Role.SECRETARIAT)
    assert secretariat.get(f"/api/v1/organisations/{world.applicant.slug}/").status_code == 200


def test_filters(world, make_organisation) -> None:
    make_organisation("Kivu Cobalt", headquarters_country="CD", countries_of_operation=["CD", "ZM"])
    make_organisation("Lima Metals", headquarters_country="PE")
    api = APIClient()
    names = lambda url: {o["name"] for o in api.get(url).json()["results"]}  # noqa: E731
    assert names("/api/v1/organisations/?country=zm") == {"Kivu Cobalt"}
    assert names("/api/v1/organisations/?country=PE") == {"Lima Metals"}
    assert names("/api/v1/organisations/?q=metals") == {"Lima Metals"}
    bad = api.get("/api/v1/organisations/?status=nonsense")
    assert bad.status_code == 400
    assert "status" in bad.json()


def test_the_representative_edits_their_own_organisation(world) -> None:
    api = _api(world, Role.ORGANISATION_REPRESENTATIVE)
    response = api.patch(
        f"/api/v1/organisations/{world.own.slug}/",
        {"description": "We *campaign* for fair cobalt.", "countries_of_operation": ["CD", "ZM"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    world.own.refresh_from_db()
    assert world.own.description == "We *campaign* for fair cobalt."
    assert [c.code for c in world.own.countries_of_operation] == ["CD", "ZM"]


@pytest.mark.parametrize(
    "role",
    [
        Role.ANONYMOUS,
        Role.EXTERNAL_STAKEHOLDER,
        Role.MEMBER,
        Role.ORGANISATION_REPRESENTATIVE,
        Role.CIVIL_SOCIETY_REVIEWER,
    ],
)
def test_nobody_but_its_own_representative_and_staff_edits_an_organisation(
    world, role: Role
) -> None:
    before = Organisation.objects.get(pk=world.other.pk).description
    response = _api(world, role).patch(
        f"/api/v1/organisations/{world.other.slug}/", {"description": "defaced"}, format="json"
    )
    assert response.status_code in {401, 403}
    assert Organisation.objects.get(pk=world.other.pk).description == before


def test_a_representative_cannot_move_their_organisation_to_another_chamber(world) -> None:
    from members.models import Chamber

    other_chamber = Chamber.objects.create(slug="industry-upstream", name="Industry upstream")
    response = _api(world, Role.ORGANISATION_REPRESENTATIVE).patch(
        f"/api/v1/organisations/{world.own.slug}/", {"chamber": other_chamber.slug}, format="json"
    )
    assert response.status_code == 403
    world.own.refresh_from_db()
    assert world.own.chamber.slug == "civil-society"
    staff = _api(world, Role.SECRETARIAT).patch(
        f"/api/v1/organisations/{world.own.slug}/", {"chamber": other_chamber.slug}, format="json"
    )
    assert staff.status_code == 200
    world.own.refresh_from_db()
    assert world.own.chamber == other_chamber


def test_bad_input_gets_field_errors_and_changes_nothing(world) -> None:
    api = _api(world, Role.ORGANISATION_REPRESENTATIVE)
    response = api.patch(
        f"/api/v1/organisations/{world.own.slug}/",
        {"website": "not a url", "headquarters_country": "XX", "description": "kept?"},
        format="json",
    )
    assert response.status_code == 400
    assert {"website", "headquarters_country"} <= set(response.json())
    world.own.refresh_from_db()
    assert world.own.description != "kept?"


def test_chambers_list_counts_active_members(world) -> None:
    response = APIClient().get("/api/v1/chambers/")
    assert response.status_code == 200
    assert response.json() == [
        {
            "slug": "civil-society",
            "name": "Civil society",
            "description": "",
            "order": 4,
            "active_members": 2,
        }
    ]
    assert APIClient().get("/api/v1/chambers/civil-society/").json()["active_members"] == 2
    assert APIClient().get("/api/v1/chambers/nope/").status_code == 404


def test_me_reports_the_role(world) -> None:
    response = _api(world, Role.ORGANISATION_REPRESENTATIVE).get("/api/v1/me/")
    assert response.json()["role"] == "organisation_representative"
    assert response.json()["organisation_id"] == world.own.pk
