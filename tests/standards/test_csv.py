"""CSV import and export: element trees and mapping sets are checked as a whole (a report of
every bad row, nothing imported), and exports round-trip through the imports."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from standards import services
from standards.csv_io import CsvImportError
from standards.models import Element, Mapping, MappingStatus
from tests.standards.conftest import api_for

NIST_HEADER = [
    "Focal Document Element",
    "Focal Document Element Description",
    "Rationale",
    "Relationship",
    "Reference Document Element",
    "Reference Document Element Description",
    "Strength of Relationship",
    "Comments",
]


def _snapshot(version):
    return sorted(
        Element.objects.filter(version=version).values_list("ref", "parent__ref", "title", "order")
    )


def test_an_element_csv_with_one_bad_row_imports_nothing_and_reports_the_row(world, crosswalk):
    before = _snapshot(crosswalk.alpha)
    text = (
        "ref,parent_ref,kind,title,summary\n"
        "3,,chapter,Communities,Neighbours.\n"
        "3.1,3,criterion,Engagement,Talk early.\n"
        "3.2,3,paragraph,Consent,Ask first.\n"
        "3.3,9,criterion,Benefits,Share them.\n"
    )
    response = api_for(world, Role.SECRETARIAT).post(
        "/api/v1/standards/alpha/versions/2.0/elements/import/", {"csv": text}, format="json"
    )
    assert response.status_code == 400
    problems = response.json()["csv"]
    assert problems[0] == "Nothing was imported: 2 problems in the file."
    assert any(p.startswith("Row 4, kind: Unknown kind 'paragraph'") for p in problems)
    assert any(p.startswith("Row 5, parent_ref: No element '9'") for p in problems)
    assert _snapshot(crosswalk.alpha) == before


def test_the_import_page_shows_a_row_by_row_report(world, crosswalk) -> None:
    client = world.client_for(Role.SECRETARIAT)
    upload = SimpleUploadedFile("tree.csv", b"ref,kind,title\n3,chapter,\n,chapter,No ref\n")
    response = client.post("/standards/alpha/2.0/import/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported: 2 problems in the file." in html
    assert "<caption>Problems in the file, by row" in html
    assert "A title is required." in html
    assert "A reference code is required." in html
    assert not Element.objects.filter(version=crosswalk.alpha, ref="3").exists()


def test_element_import_adds_updates_and_keeps_the_tree(world, crosswalk) -> None:
    text = (
        "ref,parent_ref,kind,title,summary,order\n"
        "1.1,1,criterion,Sourcing policy,Renamed.,5\n"  # update
        "2.2,2,criterion,Water,New.,\n"  # add under an existing parent
        "3,,chapter,Communities,,\n"  # add a new root...
        "3.1,3,criterion,Engagement,,\n"  # ...and a child of it
    )
    result = services.version_import_elements_csv(
        actor=world.users[Role.SECRETARIAT], version=crosswalk.alpha, csv_text=text
    )
    assert (result.created, result.updated, result.unchanged) == (3, 1, 0)
    assert Element.objects.get(version=crosswalk.alpha, ref="1.1").title == "Sourcing policy"
    assert Element.objects.get(version=crosswalk.alpha, ref="3.1").parent.ref == "3"
    assert Element.objects.get(version=crosswalk.alpha, ref="2.1").title == "Tailings"  # kept
    again = services.version_import_elements_csv(
        actor=SYSTEM, version=crosswalk.alpha, csv_text=text
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)


def test_element_import_may_move_elements_but_never_into_a_cycle(world, crosswalk) -> None:
    # Swap parent and child: 1.1 becomes the root and 1 its child.
    swapped = "ref,parent_ref,kind,title\n1.1,,chapter,Policy\n1,1.1,criterion,Management\n"
    services.version_import_elements_csv(actor=SYSTEM, version=crosswalk.alpha, csv_text=swapped)
    assert Element.objects.get(version=crosswalk.alpha, ref="1").parent.ref == "1.1"
    before = _snapshot(crosswalk.alpha)
    cycle = "ref,parent_ref,kind,title\n1.1,1,chapter,Policy\n1,1.1,criterion,Management\n"
    with pytest.raises(CsvImportError) as refused:
        services.version_import_elements_csv(actor=SYSTEM, version=crosswalk.alpha, csv_text=cycle)
    assert "would be its own ancestor" in str(refused.value.row_errors[0])
    assert _snapshot(crosswalk.alpha) == before


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "The file is empty."),
        ("ref,title\n1,x\n", "kind: This column is missing."),
        ("ref,kind,title,colour\n1,chapter,x,red\n", "colour: Unknown column."),
        ("ref,kind,title\n", "The file has a header but no rows."),
        ("ref,kind,title\n1,chapter,A\n1,chapter,B\n", "'1' appears already in row 2."),
    ],
)
def test_malformed_element_files_are_refused_whole(crosswalk, text, problem) -> None:
    with pytest.raises(CsvImportError) as refused:
        services.version_import_elements_csv(actor=SYSTEM, version=crosswalk.beta, csv_text=text)
    assert any(problem in str(error) for error in refused.value.row_errors)
    assert Element.objects.filter(version=crosswalk.beta).count() == 2


def test_only_the_secretariat_imports_elements(world, crosswalk) -> None:
    text = "ref,kind,title\n9,chapter,Nine\n"
    response = api_for(world, Role.MEMBER).post(
        "/api/v1/standards/alpha/versions/2.0/elements/import/", {"csv": text}, format="json"
    )
    assert response.status_code == 403
    assert world.client_for(Role.MEMBER).get("/standards/alpha/2.0/import/").status_code == 403


def _nist_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(NIST_HEADER)
    writer.writerows(rows)
    return buffer.getvalue()


def test_a_mapping_csv_with_one_bad_row_imports_nothing(world, crosswalk) -> None:
    text = _nist_csv(
        [
            ["B-1.1", "", "semantic", "subset_of", "1.1", "", "8", "fine"],
            ["B-1.2", "", "semantic", "equal", "1.2", "", "7", "equal must be 10"],
            ["B-2.1", "", "semantic", "no relationship with", "2.1", "", "", "fine (label)"],
        ]
    )
    response = api_for(world, Role.MEMBER).post(
        f"/api/v1/mapping-sets/{crosswalk.to_alpha.pk}/import/", {"csv": text}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["csv"] == [
        "Nothing was imported: 1 problem in the file.",
        "Row 3, Strength of Relationship: The strength of 'equal' is always 10.",
    ]
    assert not Mapping.objects.exists()


def test_a_valid_mapping_csv_becomes_drafts_in_the_importers_name(world, crosswalk) -> None:
    text = _nist_csv(
        [
            ["B-1.1", "Policy", "semantic", "subset_of", "1.1", "Policy", "8", "fine"],
            ["B-2.1", "", "Functional", "no relationship with", "2.1", "", "", ""],
        ]
    )
    response = api_for(world, Role.ORGANISATION_REPRESENTATIVE).post(
        f"/api/v1/mapping-sets/{crosswalk.to_alpha.pk}/import/", {"csv": text}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["created"] == 2
    mappings = Mapping.objects.order_by("pk")
    assert [(m.relationship, m.strength, m.rationale, m.status) for m in mappings] == [
        ("subset_of", 8, "semantic", "draft"),
        ("no_relationship", 0, "functional", "draft"),
    ]
    assert {m.author for m in mappings} == {world.users[Role.ORGANISATION_REPRESENTATIVE]}


def test_the_mapping_import_page_reports_every_bad_row(world, crosswalk) -> None:
    text = _nist_csv(
        [
            ["B-9", "", "semantic", "equal", "1.1", "", "", ""],
            ["B-1.1", "", "gut feeling", "kinda", "1.1", "", "12", ""],
        ]
    )
    client = world.client_for(Role.MEMBER)
    upload = SimpleUploadedFile("set.csv", text.encode())
    html = client.post(
        f"/standards/crosswalk/sets/{crosswalk.to_alpha.pk}/import/", {"file": upload}
    ).content.decode()
    assert "Nothing was imported: 3 problems in the file." in html
    assert "No element &#x27;B-9&#x27;" in html
    assert "Unknown rationale &#x27;gut feeling&#x27;" in html
    assert "Unknown relationship &#x27;kinda&#x27;" in html
    assert not Mapping.objects.exists()


def test_the_mapping_set_downloads(world, crosswalk, make_mapping, client) -> None:
    make_mapping("B-1.1", "subset_of", "1.1")
    make_mapping("B-1.2", "equal", "1.2", status=MappingStatus.DRAFT)
    make_mapping("B-2.1", "no_relationship", "2.1").explanation  # noqa: B018
    Mapping.objects.filter(status="draft").update(explanation='=HYPERLINK("x")')
    response = client.get(f"/standards/crosswalk/sets/{crosswalk.to_alpha.pk}/mappings.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == NIST_HEADER
    assert rows[1:] == [  # approved ones only: the published set
        ["B-1.1", "Supply-chain policy", "semantic", "subset_of", "1.1", "Policy", "8", ""],
        [
            "B-2.1",
            "Greenhouse gas emissions",
            "semantic",
            "no_relationship",
            "2.1",
            "Tailings",
            "0",
            "",
        ],
    ]
    member = world.client_for(Role.MEMBER)
    data = json.loads(
        member.get(f"/standards/crosswalk/sets/{crosswalk.to_alpha.pk}/mappings.json").content
    )
    assert data["focal_version"] == {
        "standard": "alliance-baseline",
        "standard_title": "Alliance-Baseline",
        "version": "1.0",
    }
    assert data["reference_version"]["standard"] == "alpha"
    assert (data["purpose"], data["version_number"], data["comprehensive"]) == ("Alpha", 1, False)
    assert data["status_counts"] == {"draft": 1, "reviewed": 0, "approved": 2, "superseded": 0}
    assert len(data["mappings"]) == 3
    public = json.loads(
        client.get(f"/standards/crosswalk/sets/{crosswalk.to_alpha.pk}/mappings.json").content
    )
    assert public["status_counts"]["draft"] == 0  # drafts are members-level
    assert {m["status"] for m in public["mappings"]} == {"approved"}


def test_exports_round_trip_and_defuse_spreadsheet_formulas(world, crosswalk, make_mapping, client):
    make_mapping("B-1.1", "subset_of", "1.1")
    Element.objects.filter(version=crosswalk.alpha, ref="1.1").update(title="=cmd|' /c calc'!A0")
    exported = client.get("/standards/alpha/2.0/elements.csv").content.decode()
    assert "'=cmd" in exported  # shown as text by spreadsheets
    result = services.version_import_elements_csv(
        actor=SYSTEM, version=crosswalk.alpha, csv_text=exported
    )
    assert (result.created, result.updated) == (0, 0)  # the same tree: nothing changes
    assert Element.objects.get(version=crosswalk.alpha, ref="1.1").title == "=cmd|' /c calc'!A0"
    mapping_csv = client.get(
        f"/standards/crosswalk/sets/{crosswalk.to_alpha.pk}/mappings.csv"
    ).content.decode()
    new_set = services.mapping_set_create(
        actor=SYSTEM,
        focal_version=crosswalk.baseline,
        reference_version=crosswalk.alpha,
        purpose="Second version of the set",
    )
    assert new_set.version_number == 2
    imported = services.mapping_set_import_csv(
        actor=SYSTEM, mapping_set=new_set, csv_text=mapping_csv
    )
    assert [(m.focal_element.ref, m.relationship, m.strength) for m in imported] == [
        ("B-1.1", "subset_of", 8)
    ]
