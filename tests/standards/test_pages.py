"""The registry, a version's tree and the mapping pages as a reader meets them, with query
budgets that do not grow with the number of rows."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from standards import services
from standards.models import Element, MappingStatus, StandardKind
from tests.standards.conftest import make_version


def test_the_registry_lists_and_filters_standards(crosswalk, client: Client) -> None:
    html = client.get("/standards/").content.decode()
    assert "3 standards" in html
    assert 'href="/standards/alpha/2.0/"' in html
    cobalt = client.get("/standards/?material=cobalt").content.decode()
    assert "1 standard<" in cobalt
    assert "Alpha" in cobalt
    assert "Beta" not in cobalt
    regulations = client.get("/standards/?kind=regulation").content.decode()
    assert "1 standard<" in regulations
    assert "Beta" in regulations
    assert "0 standards" in client.get("/standards/?q=nothing-like-this").content.decode()


def test_a_standard_page_lists_its_versions(crosswalk, client: Client) -> None:
    html = client.get("/standards/alpha/").content.decode()
    assert "<h1>Alpha</h1>" in html
    assert 'href="/standards/alpha/2.0/"' in html
    assert client.get("/standards/nope/").status_code == 404
    assert client.get("/standards/alpha/9.9/").status_code == 404


def test_the_version_tree_opens_the_top_level_and_works_without_javascript(
    crosswalk, make_mapping, client: Client
) -> None:
    make_mapping("B-1.1", "subset_of", "1.1")
    make_mapping("B-2.1", "no_relationship", "2.1")
    html = client.get("/standards/alpha/2.0/").content.decode()
    # The tree is HTML only: no script of the page's own (the site's menu script aside).
    assert [tag for tag in re.findall(r"<script[^>]*>", html) if "menu.js" not in tag] == []
    assert html.count("<details open>") == 2  # chapters 1 and 2: the top level
    assert "<summary>" in html
    # Each element's mappings are read from its own side; "not yet mapped" is not "no relationship".
    assert "1.1 is a superset of" in html
    assert "2.1 has no relationship with" in html
    assert html.count("Not yet mapped") == 1  # 1.2
    everything = client.get("/standards/alpha/2.0/?open=all").content.decode()
    assert everything.count("<details open>") == 2
    assert "<details>" not in everything


def test_search_within_a_version_opens_the_path_to_each_match(crosswalk, client: Client) -> None:
    html = client.get("/standards/alliance-baseline/1.0/?q=emissions").content.decode()
    assert "1 element match “emissions”." in html
    b21 = Element.objects.get(version=crosswalk.baseline, ref="B-2.1")
    assert f'href="#element-{b21.pk}"' in html
    assert "(in B-2)" in html
    # Only the principle holding the match is open.
    assert html.count("<details open>") == 1
    assert (
        client.get("/standards/alliance-baseline/1.0/?q=B-1.3")
        .content.decode()
        .count("matches your search")
        == 1
    )
    stemmed = client.get("/standards/alliance-baseline/1.0/?q=emission").content.decode()
    assert "1 element match" in stemmed


def test_the_mapping_set_page_shows_what_is_not_yet_mapped(world, crosswalk, make_mapping):
    make_mapping("B-1.1", "subset_of", "1.1")
    make_mapping("B-1.2", "no_relationship", "1.2")
    make_mapping("B-1.3", "equal", "1.2", status=MappingStatus.DRAFT)
    url = f"/standards/crosswalk/sets/{crosswalk.to_alpha.pk}/"
    public = Client().get(url).content.decode()
    assert "2 mappings" in public  # the draft is members-level
    assert "has no relationship with" in public
    not_yet = public.split('id="unmapped"')[1]
    assert "B-1.3" in not_yet
    assert "B-2.1" in not_yet
    assert "B-1.2" not in not_yet
    assert "Propose a mapping" not in public
    member = world.client_for(Role.MEMBER).get(url).content.decode()
    assert "3 mappings" in member
    assert "Propose a mapping" in member
    assert "B-1.3" not in member.split('id="unmapped"')[1]
    filtered = Client().get(f"{url}?relationship=no_relationship").content.decode()
    assert "1 mapping<" in filtered


def test_people_are_named_to_members_only(world, crosswalk, make_mapping) -> None:
    mapping = make_mapping("B-1.1", "equal", "1.1", author=world.users[Role.MEMBER])
    public = Client().get(mapping.get_absolute_url()).content.decode()
    assert "Mia Member" not in public
    assert "Own Organisation" in public
    member = world.client_for(Role.MEMBER).get(mapping.get_absolute_url()).content.decode()
    assert "by Mia Member, Own Organisation" in member


def test_a_draft_is_hidden_from_the_public(world, crosswalk, make_mapping) -> None:
    draft = make_mapping("B-1.1", "equal", "1.1", status=MappingStatus.DRAFT)
    anonymous = Client().get(draft.get_absolute_url())
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    assert (
        world.client_for(Role.EXTERNAL_STAKEHOLDER).get(draft.get_absolute_url()).status_code == 404
    )
    tree = Client().get("/standards/alpha/2.0/").content.decode()
    assert f"mapping {draft.pk}" not in tree


@pytest.mark.parametrize("rows", [10, 200])
def test_registry_query_count_does_not_grow_with_rows(
    db, client: Client, django_assert_max_num_queries, rows: int
) -> None:
    for number in range(rows):
        make_version(
            f"s-{number:03d}",
            StandardKind.CERTIFICATION_STANDARD,
            "1",
            "ref,kind,title\n1,chapter,A\n",
        )
    with django_assert_max_num_queries(3):
        response = client.get("/standards/")
    assert f"{rows} standards" in response.content.decode()
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/standards/?page_size=200")
    assert response.json()["count"] == rows


@pytest.mark.parametrize("rows", [10, 200])
def test_mapping_lists_query_count_does_not_grow_with_rows(
    world, crosswalk, django_assert_max_num_queries, rows: int
) -> None:
    lines = "\n".join(f"X{n},,criterion,Criterion {n}" for n in range(rows))
    services.version_import_elements_csv(
        actor=SYSTEM, version=crosswalk.alpha, csv_text=f"ref,parent_ref,kind,title\n{lines}\n"
    )
    csv_rows = "\n".join(f"B-1.1,semantic,intersects_with,X{n},5" for n in range(rows))
    services.mapping_set_import_csv(
        actor=world.users[Role.MEMBER],
        mapping_set=crosswalk.to_alpha,
        csv_text="Focal Document Element,Rationale,Relationship,Reference Document Element,"
        f"Strength of Relationship\n{csv_rows}\n",
    )
    member = world.client_for(Role.MEMBER)
    member.get("/")  # sign-in bookkeeping out of the way
    # A member's pages include the policy's object-permission lookups, a fixed few per model.
    with django_assert_max_num_queries(14):
        response = member.get(f"/standards/crosswalk/sets/{crosswalk.to_alpha.pk}/")
    assert f"{rows} mappings" in response.content.decode()
    with django_assert_max_num_queries(7):
        response = member.get("/api/v1/mappings/?page_size=200")
    assert response.json()["count"] == rows
    with django_assert_max_num_queries(3):
        response = Client().get("/api/v1/standards/alpha/versions/2.0/elements/?page_size=200")
    assert response.json()["count"] == rows + 5
    # The version page: one more query lists the organisations recognised under it.
    with django_assert_max_num_queries(14):
        response = member.get("/standards/alpha/2.0/")
    assert response.content.decode().count("Criterion ") == rows
    with django_assert_max_num_queries(5):
        response = Client().get("/standards/alpha/2.0/")
    assert response.content.decode().count("Criterion ") == rows


def test_bad_filters_get_a_400(crosswalk) -> None:
    from rest_framework.test import APIClient

    api = APIClient()
    assert api.get("/api/v1/mappings/?relationship=similar").status_code == 400
    assert api.get("/api/v1/mappings/?status=maybe").status_code == 400
    bad = api.get("/api/v1/mappings/?standard=no-such-standard")
    assert bad.status_code == 400
    assert "No standard has the code" in bad.json()["standard"][0]
    assert api.get("/api/v1/standards/?kind=novel").status_code == 400
    assert api.get("/api/v1/mappings/?standard=alpha&status=approved").status_code == 200


def test_api_filters_mappings(crosswalk, make_mapping) -> None:
    from rest_framework.test import APIClient

    make_mapping("B-1.1", "subset_of", "1.1")
    make_mapping("B-1.2", "equal", "1.2")
    make_mapping("Art. 1", "equal", "B-1.1", mapping_set=crosswalk.to_beta)
    api = APIClient()

    def ids(query: str) -> int:
        return api.get(f"/api/v1/mappings/?{query}").json()["count"]

    assert ids("") == 3
    assert ids("relationship=equal") == 2
    assert ids("standard=beta") == 1
    assert ids("standard=alliance-baseline&relationship=subset_of") == 1
    assert ids(f"mapping_set={crosswalk.to_alpha.pk}") == 2
