"""The open data of a transparency report as outside tools read it: ``frictionless validate``
(the Frictionless Data validator) accepts the data package of a report built from the demo,
with no error and no warning; every field says what it counts, its unit and its period; the
package carries the alliance's open-data licence, and the report page states it."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import frictionless
import pytest
from django.test import Client

from governance.reports.models import ReportEdition, ReportFileKind, TransparencyReport
from governance.reports.opendata_fields import undescribed
from tests.governance.reports_support import read, report_json, this_year_ad_hoc
from tests.governance.test_reports import build

pytestmark = pytest.mark.django_db

CC_BY = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}


def demo_report(capture, edition: str = ReportEdition.PUBLIC) -> TransparencyReport:
    """A report over the last year of the demo (everything the demo holds falls in it)."""
    return build(capture, edition=edition, **this_year_ad_hoc())


def unpack(report: TransparencyReport, into: Path) -> Path:
    """The report's ZIP as it is downloaded, and its members unpacked beside it."""
    data = read(report, ReportFileKind.ZIP)
    (into / "bundle.zip").write_bytes(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(into)
    return into


def problems(source: Path) -> list[str]:
    """Every error and warning ``frictionless validate <source>`` reports."""
    result = frictionless.validate(str(source))
    found = [f"error: {error.message}" for error in result.errors]
    found += [f"warning: {warning}" for warning in result.warnings]
    for task in result.tasks:
        found += [f"{task.name}: error: {error.message}" for error in task.errors]
        found += [f"{task.name}: warning: {warning}" for warning in task.warnings]
    if not result.valid and not found:
        found.append("not valid")
    return found


def package_of(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "datapackage.json").read_text("utf-8"))


@pytest.mark.parametrize("edition", [ReportEdition.PUBLIC, ReportEdition.MEMBERS])
def test_frictionless_accepts_the_demo_reports_data_package(
    demo, django_capture_on_commit_callbacks, tmp_path: Path, edition: str
) -> None:
    report = demo_report(django_capture_on_commit_callbacks, edition)
    folder = unpack(report, tmp_path)
    package = package_of(folder)
    assert len(package["resources"]) > 10, "the demo fills every section's tables"

    assert problems(folder / "datapackage.json") == []
    assert problems(folder / "bundle.zip") == []

    # report.json is data (the report's content), not a frictionless validation report.
    resource = frictionless.Package(str(folder / "datapackage.json")).get_resource("report-content")
    assert (resource.path, resource.type) == ("report.json", "json")
    assert "not a validation report" in (resource.description or "")


def test_every_field_says_what_it_counts_its_unit_and_its_period(
    demo, django_capture_on_commit_callbacks, tmp_path: Path
) -> None:
    report = demo_report(django_capture_on_commit_callbacks, ReportEdition.MEMBERS)
    assert undescribed(report_json(report)) == []
    package = package_of(unpack(report, tmp_path))
    fields = [
        (resource["name"], field)
        for resource in package["resources"]
        for field in resource.get("schema", {}).get("fields", [])
    ]
    assert len(fields) > 100
    period = report_json(report)["report"]["period"]
    for table, field in fields:
        description = field["description"]
        assert "Period:" in description, (table, field["name"])
        if field["type"] in ("integer", "number"):
            assert "Unit:" in description, (table, field["name"])
    decided = next(
        field for table, field in fields if (table, field["name"]) == ("decisions", "decided_at")
    )
    assert decided["description"].startswith("When the ballot closed")
    assert f"{period['start']} to {period['end']}" in decided["description"]


def test_the_package_carries_the_open_data_licence_and_the_page_states_it(
    demo, django_capture_on_commit_callbacks, tmp_path: Path, settings
) -> None:
    report = demo_report(django_capture_on_commit_callbacks)
    assert package_of(unpack(report, tmp_path))["licenses"] == [CC_BY]

    page = Client().get(report.get_absolute_url()).content.decode()
    assert 'rel="license"' in page
    assert CC_BY["title"] in page
    assert CC_BY["path"] in page

    settings.OPEN_DATA_LICENCE = {
        "name": "ODbL-1.0",
        "path": "https://opendatacommons.org/licenses/odbl/1-0/",
        "title": "Open Data Commons Open Database License 1.0",
    }
    page = Client().get(report.get_absolute_url()).content.decode()
    assert "Open Data Commons Open Database License 1.0" in page
    assert CC_BY["title"] not in page
