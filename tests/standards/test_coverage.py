"""Baseline coverage, by the rule of issue 6, as a reader of the crosswalk page, its CSV and the
API sees it; and recomputed here, independently, from the approved mappings the API lists."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict

import pytest
from django.test import Client
from rest_framework.test import APIClient

from alliance_portal.policy import SYSTEM
from standards.models import MappingStatus
from standards.selectors.coverage import coverage_matrix

FULL, PARTLY, NOT, UNMAPPED = "fully_covered", "partly_covered", "not_covered", "unmapped"


def _coverage_api(version_path: str) -> dict[str, str]:
    response = APIClient().get(f"/api/v1/standards/{version_path}/coverage/")
    assert response.status_code == 200, response.content
    return {row["ref"]: row["coverage_class"] for row in response.json()["requirements"]}


def _matrix_page(client: Client) -> dict[tuple[str, str], str]:
    html = client.get("/standards/crosswalk/").content.decode()
    cells = re.findall(
        r'data-requirement="([^"]+)" data-standard="([^"]+)" data-version="[^"]+" '
        r'data-coverage="([^"]+)"',
        html,
    )
    return {(requirement, standard): coverage for requirement, standard, coverage in cells}


def test_each_class_follows_the_rule(crosswalk, make_mapping, client) -> None:
    make_mapping("B-1.1", "subset_of", "1.1")  # B subset_of E: fully
    make_mapping("B-1.1", "intersects_with", "1.2")  # does not lower "fully"
    make_mapping("B-1.2", "intersects_with", "1.2")  # partly
    make_mapping("B-1.3", "superset_of", "1.1")  # B superset_of E: partly
    make_mapping("B-2.1", "no_relationship", "2.1")  # every mapping "no relationship": not covered
    make_mapping("B-2.1", "no_relationship", "1.1")
    make_mapping("B-2.2", "equal", "2.1", status=MappingStatus.REVIEWED)  # not approved: unmapped
    expected = {"B-1.1": FULL, "B-1.2": PARTLY, "B-1.3": PARTLY, "B-2.1": NOT, "B-2.2": UNMAPPED}
    assert _coverage_api("alpha/versions/2.0") == expected
    page = _matrix_page(client)
    assert {ref: page[(ref, "alpha")] for ref in expected} == expected


def test_no_relationship_beside_a_partial_one_is_partly_covered(crosswalk, make_mapping) -> None:
    make_mapping("B-1.1", "no_relationship", "2.1")
    make_mapping("B-1.1", "intersects_with", "1.1")
    assert _coverage_api("alpha/versions/2.0")["B-1.1"] == PARTLY


def test_mappings_stored_from_the_other_side_are_read_in_reverse(crosswalk, make_mapping) -> None:
    beta = crosswalk.to_beta  # focal: beta, reference: the baseline
    make_mapping("Art. 1", "superset_of", "B-1.1", mapping_set=beta)  # B subset_of E: fully
    make_mapping("Art. 1", "subset_of", "B-1.2", mapping_set=beta)  # B superset_of E: partly
    make_mapping("Art. 2", "equal", "B-1.3", mapping_set=beta)
    make_mapping("Art. 2", "no_relationship", "B-2.1", mapping_set=beta)
    assert _coverage_api("beta/versions/2017") == {
        "B-1.1": FULL,
        "B-1.2": PARTLY,
        "B-1.3": FULL,
        "B-2.1": NOT,
        "B-2.2": UNMAPPED,
    }


def test_mappings_between_two_other_standards_never_count(crosswalk, make_mapping) -> None:
    from standards import services

    between = services.mapping_set_create(
        actor=SYSTEM,
        focal_version=crosswalk.alpha,
        reference_version=crosswalk.beta,
        purpose="Not about the baseline",
    )
    make_mapping("1.1", "equal", "Art. 1", mapping_set=between)
    assert set(_coverage_api("alpha/versions/2.0").values()) == {UNMAPPED}
    assert set(_coverage_api("beta/versions/2017").values()) == {UNMAPPED}


def test_counts_and_percentages(crosswalk, make_mapping) -> None:
    make_mapping("B-1.1", "equal", "1.1")
    make_mapping("B-1.2", "intersects_with", "1.2")
    make_mapping("B-2.1", "no_relationship", "2.1")
    data = APIClient().get("/api/v1/standards/alpha/versions/2.0/coverage/").json()
    assert data["baseline_standard"] == "alliance-baseline"
    assert data["total"] == 5
    assert data["counts"] == {FULL: 1, PARTLY: 1, NOT: 1, UNMAPPED: 2}
    assert data["percentages"] == {FULL: "20.0", PARTLY: "20.0", NOT: "20.0", UNMAPPED: "40.0"}
    html = Client().get("/standards/crosswalk/").content.decode()
    assert "20.0 % (1)" in html
    assert "40.0 % (2)" in html


def test_the_baseline_is_not_measured_against_itself(crosswalk) -> None:
    response = APIClient().get("/api/v1/standards/alliance-baseline/versions/1.0/coverage/")
    assert response.status_code == 400
    assert "not measured against itself" in response.content.decode()


def test_the_page_labels_every_class_in_words_not_colour_alone(crosswalk, make_mapping) -> None:
    make_mapping("B-1.1", "equal", "1.1")
    make_mapping("B-1.2", "intersects_with", "1.2")
    make_mapping("B-2.1", "no_relationship", "2.1")
    html = Client().get("/standards/crosswalk/").content.decode()
    for label, value in [
        ("Fully covered", FULL),
        ("Partly covered", PARTLY),
        ("Not covered", NOT),
        ("Unmapped", UNMAPPED),
    ]:
        assert re.search(rf'data-coverage="{value}">{label}', html), label
    assert "<caption" in html
    assert 'scope="col"' in html
    assert 'scope="row"' in html


def _api_all(path: str) -> list[dict]:
    api, results, url = APIClient(), [], path
    while url:
        response = api.get(url)
        assert response.status_code == 200
        results += response.json()["results"]
        url = response.json()["next"]
    return results


def _recompute(approved: list[dict], baseline_refs: set[str], baseline: tuple[str, str]):
    """The rule of issue 6, written out here again from the API's mapping records only."""
    inverse = {
        "equal": "equal",
        "subset_of": "superset_of",
        "superset_of": "subset_of",
        "intersects_with": "intersects_with",
        "no_relationship": "no_relationship",
    }
    seen: dict[tuple[str, tuple[str, str]], list[str]] = defaultdict(list)

    def side(element: dict) -> tuple[str, str]:
        return (element["standard"], element["version"])

    for mapping in approved:
        focal, reference = mapping["focal_element"], mapping["reference_element"]
        if (
            side(focal) == baseline
            and focal["ref"] in baseline_refs
            and side(reference) != baseline
        ):
            seen[(focal["ref"], side(reference))].append(mapping["relationship"])
        if (
            side(reference) == baseline
            and reference["ref"] in baseline_refs
            and side(focal) != baseline
        ):
            seen[(reference["ref"], side(focal))].append(inverse[mapping["relationship"]])

    def classify(relationships: list[str]) -> str:
        if {"equal", "subset_of"} & set(relationships):
            return FULL
        if {"intersects_with", "superset_of"} & set(relationships):
            return PARTLY
        if relationships and set(relationships) == {"no_relationship"}:
            return NOT
        return UNMAPPED

    return lambda ref, version: classify(seen.get((ref, version), []))


@pytest.mark.django_db
def test_demo_coverage_recomputed_from_the_api_matches_the_matrix_csv_and_api(demo, client) -> None:
    [baseline_standard] = _api_all("/api/v1/standards/?kind=alliance_baseline")
    [current] = [v for v in baseline_standard["versions"] if v["status"] == "current"]
    baseline = (baseline_standard["code"], current["label"])
    elements = _api_all(
        f"/api/v1/standards/{baseline[0]}/versions/{baseline[1]}/elements/?page_size=200"
    )
    requirements = {e["ref"] for e in elements if e["kind"] == "requirement"}
    approved = _api_all("/api/v1/mappings/?status=approved&page_size=200")
    assert {m["status"] for m in approved} == {"approved"}
    classify = _recompute(approved, requirements, baseline)
    versions = [
        (standard["code"], version["label"])
        for standard in _api_all("/api/v1/standards/?page_size=200")
        if standard["kind"] != "alliance_baseline"
        for version in standard["versions"]
        if version["status"] == "current"
    ]
    page = _matrix_page(client)
    rows = list(
        csv.reader(io.StringIO(client.get("/standards/crosswalk/coverage.csv").content.decode()))
    )
    header = rows[0]
    csv_cells = {
        (row[0], header[index]): value
        for row in rows[1:]
        if row[0] in requirements
        for index, value in enumerate(row[2:], start=2)
    }
    checked = set()
    for code, label in versions:
        api = _coverage_api(f"{code}/versions/{label}")
        assert set(api) == requirements
        for ref in requirements:
            expected = classify(ref, (code, label))
            assert api[ref] == expected, (code, ref)
            assert page[(ref, code)] == expected, (code, ref)
            assert csv_cells[(ref, f"{code} {label}")] == expected, (code, ref)
            checked.add(expected)
    assert checked == {FULL, PARTLY, NOT, UNMAPPED}
    assert len(versions) == len(coverage_matrix().columns) == 8


@pytest.mark.parametrize("standards", [5, 50])
def test_crosswalk_page_query_count_does_not_grow_with_standards(
    crosswalk, make_mapping, django_assert_max_num_queries, standards: int
) -> None:
    from standards import services
    from tests.standards.conftest import ALPHA_CSV, make_version

    for number in range(standards - 2):
        version = make_version(f"extra-{number}", "certification_standard", "1", ALPHA_CSV)
        mapping_set = services.mapping_set_create(
            actor=SYSTEM, focal_version=crosswalk.baseline, reference_version=version, purpose="x"
        )
        make_mapping("B-1.1", "equal", "1.1", mapping_set=mapping_set)
        make_mapping("B-1.2", "intersects_with", "1.2", mapping_set=mapping_set)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    with django_assert_max_num_queries(6), CaptureQueriesContext(connection) as queries:
        response = client.get("/standards/crosswalk/")
    assert response.status_code == 200
    assert response.content.decode().count('data-coverage="fully_covered"') == standards - 2
    assert len(queries) == CROSSWALK_QUERIES


# The crosswalk page's queries, the same with 5 and with 50 standards: the crosswalk data's
# generation, then (the matrix not yet rendered for it) the baseline version, its requirements,
# the current versions, the approved mappings; the mapping sets.
CROSSWALK_QUERIES = 6
# Once rendered, until a standard, version, element or mapping changes: the generation and the
# mapping sets.
CROSSWALK_QUERIES_KEPT = 2


def test_the_rendered_matrix_is_kept_and_follows_every_change(
    crosswalk, make_mapping, django_assert_num_queries
) -> None:
    from django.db import connection

    client = Client()
    assert _matrix_page(client)[("B-1.1", "alpha")] == UNMAPPED
    with django_assert_num_queries(CROSSWALK_QUERIES_KEPT):
        assert _matrix_page(client)[("B-1.1", "alpha")] == UNMAPPED
    make_mapping("B-1.1", "subset_of", "1.1")  # through the services
    assert _matrix_page(client)[("B-1.1", "alpha")] == FULL
    with connection.cursor() as cursor:  # and behind their back, in raw SQL
        cursor.execute(
            "UPDATE standards_element SET title = 'Renamed in raw SQL' WHERE version_id = %s"
            " AND ref = 'B-1.2'",
            [crosswalk.baseline.pk],
        )
    assert "Renamed in raw SQL" in client.get("/standards/crosswalk/").content.decode()
