from __future__ import annotations

import pytest
from django.test import Client

from alliance_portal.roles import Role


@pytest.mark.parametrize("rows", [10, 200])
def test_directory_query_count_does_not_grow_with_rows(
    client: Client, make_organisation, django_assert_max_num_queries, rows: int
) -> None:
    for number in range(rows):
        make_organisation(f"Org {number:03d}", headquarters_country="CD")
    with django_assert_max_num_queries(4):
        response = client.get("/members/")
    assert response.status_code == 200
    assert f"{rows} organisations" in response.content.decode()


@pytest.mark.parametrize("rows", [10, 200])
def test_api_list_query_count_does_not_grow_with_rows(
    client: Client, make_organisation, django_assert_max_num_queries, rows: int
) -> None:
    for number in range(rows):
        make_organisation(f"Org {number:03d}")
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/organisations/?page_size=200")
    assert response.json()["count"] == rows


def test_directory_filters_and_paginates(client: Client, make_organisation) -> None:
    for number in range(30):
        make_organisation(f"Org {number:02d}", headquarters_country="PE" if number % 2 else "CD")
    html = client.get("/members/?country=PE").content.decode()
    assert "15 organisations" in html
    assert "Org 01" in html
    assert "Org 00" not in html
    page_two = client.get("/members/?page=2").content.decode()
    assert "Page 2 of 2" in page_two
    assert "Org 29" in page_two


def test_profile_shows_contacts_to_members_only(world) -> None:
    url = world.other.get_absolute_url()
    for role in Role:
        html = world.client_for(role).get(url).content.decode()
        shows = world.other.contact_email in html
        assert shows is (role not in {Role.ANONYMOUS, Role.EXTERNAL_STAKEHOLDER}), role


def test_profile_lists_only_the_people_a_reader_may_see(world) -> None:
    html = world.client_for(Role.ANONYMOUS).get(world.other.get_absolute_url()).content.decode()
    assert "other public person" in html
    assert "other members person" not in html
    member_html = world.client_for(Role.MEMBER).get(world.other.get_absolute_url()).content.decode()
    assert "other members person" in member_html
    assert "other secretariat person" not in member_html


def test_the_representative_edits_the_profile_through_the_page(world) -> None:
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    url = f"/members/{world.own.slug}/edit/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "description": "Hello **world**",
            "website": "own.example",
            "contact_email": "a@own.example",
        },
    )
    assert response.status_code == 302
    world.own.refresh_from_db()
    assert world.own.website == "https://own.example"
    html = client.get(world.own.get_absolute_url()).content.decode()
    assert "Hello <strong>world</strong>" in html


def test_nobody_else_edits_the_profile_through_the_page(world) -> None:
    url = f"/members/{world.other.slug}/edit/"
    expected = {
        Role.ANONYMOUS: 302,
        Role.EXTERNAL_STAKEHOLDER: 403,
        Role.MEMBER: 403,
        Role.ORGANISATION_REPRESENTATIVE: 403,
        Role.CIVIL_SOCIETY_REVIEWER: 403,
    }
    for role, status in expected.items():
        response = world.client_for(role).post(url, {"description": "defaced"})
        assert response.status_code == status, role
    world.other.refresh_from_db()
    assert world.other.description != "defaced"


def test_invalid_profile_input_is_refused_with_a_message(world) -> None:
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    response = client.post(f"/members/{world.own.slug}/edit/", {"contact_email": "not-an-email"})
    assert response.status_code == 200
    assert "Enter the contact email in the right form, like name@example.org" in (
        response.content.decode()
    )


def test_home_page_shows_the_chambers_section(world, client: Client) -> None:
    html = client.get("/").content.decode()
    assert 'id="section-chambers"' in html
    assert "Civil society</a>: 2 active members" in html
