from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from rest_framework.test import APIClient

from members.models import EngagementStatus, StakeholderGroup
from members.vocabularies import ValueChainStage


def _independent_counts(api: APIClient, material: str | None = None) -> Counter:
    """chamber × stage counts computed from the API's organisation list, not from our code."""
    query = "status=active&page_size=200" + (f"&material={material}" if material else "")
    counts: Counter = Counter()
    for organisation in api.get(f"/api/v1/organisations/?{query}").json()["results"]:
        for stage in set(organisation["value_chain_stages"]):
            counts[(organisation["chamber"], stage)] += 1
    return counts


@pytest.mark.parametrize("material", [None, "cobalt", "lithium"])
def test_coverage_counts_equal_counts_from_the_api(demo, material) -> None:
    api = APIClient()
    expected = _independent_counts(api, material)
    coverage = api.get("/api/v1/coverage/" + (f"?material={material}" if material else "")).json()
    got = {(cell["chamber"], cell["stage"]): cell["members"] for cell in coverage["cells"]}
    assert len(got) == 7 * len(ValueChainStage.values)
    for key, count in got.items():
        assert count == expected.get(key, 0), key
    assert sum(expected.values()) > 0


def test_page_and_csv_show_the_same_matrix(demo, client) -> None:
    html = client.get("/members/coverage/?material=cobalt").content.decode()
    assert "Active members (and partner alliances) per chamber" in html
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/members/coverage.csv?material=cobalt").content.decode())
        )
    )
    api = APIClient().get("/api/v1/coverage/?material=cobalt").json()["cells"]
    assert [(r["chamber"], r["value_chain_stage"], int(r["active_members"])) for r in rows] == [
        (c["chamber"], c["stage"], c["members"]) for c in api
    ]


def test_partner_alliances_show_apart_from_members(demo) -> None:
    cells = APIClient().get("/api/v1/coverage/").json()["cells"]
    retail = [c for c in cells if c["stage"] == "retail"]
    assert all(c["members"] == 0 for c in retail)  # no member in retail: a gap on purpose
    assert any(c["partners"] > 0 for c in retail)  # but a partner alliance covers some of it


def test_every_critical_group_that_is_not_engaged_is_in_the_gaps(demo, client) -> None:
    critical_not_engaged = {
        g.name
        for g in StakeholderGroup.objects.all()
        if (g.influence >= 4 or g.impact >= 4) and g.engagement == EngagementStatus.NOT_ENGAGED
    }
    assert critical_not_engaged  # the demo has some
    gaps = APIClient().get("/api/v1/coverage/").json()["gaps"]
    listed = {g["subject"] for g in gaps if g["kind"] == "stakeholder_group"}
    assert listed == critical_not_engaged
    html = client.get("/members/coverage/").content.decode()
    for name in critical_not_engaged:
        assert name in html
    # A group that is engaged, or not critical, is not a gap.
    assert "Retailers of consumer electronics" not in listed


def test_gaps_name_chambers_and_stages_missing_for_a_focus_material(demo) -> None:
    gaps = APIClient().get("/api/v1/coverage/").json()["gaps"]
    lithium = {g["missing"] for g in gaps if g["kind"] == "material" and g["subject"] == "Lithium"}
    assert "Retail (stage)" in lithium


def test_bad_filters_are_refused(demo) -> None:
    assert APIClient().get("/api/v1/coverage/?material=unobtainium").status_code == 400


@pytest.mark.parametrize("rows", [10, 1000])
def test_coverage_and_directory_query_counts_do_not_grow(
    rows, client, make_organisation, django_assert_max_num_queries
) -> None:
    from members.models import Organisation

    make_organisation("Seed", value_chain_stages=["asm"], materials=["gold"])
    seed = Organisation.objects.get(name="Seed")
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Bulk {n:04d}",
                slug=f"bulk-{n:04d}",
                chamber=seed.chamber,
                kind="ngo",
                membership_status="active",
                value_chain_stages=["asm", "retail"],
                materials=["gold"],
            )
            for n in range(rows - 1)
        ]
    )
    with django_assert_max_num_queries(8):
        response = client.get("/members/coverage/")
    assert response.context["matrix"].cell("civil-society", "asm").members == rows
    with django_assert_max_num_queries(4):
        assert client.get("/members/?material=gold").status_code == 200
