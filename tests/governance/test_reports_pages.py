"""Transparency report pages, API and admin: the archive, a report's page (progress while it is
built, its content once ready), downloads with their sha256, asking for a report."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.reports import services
from governance.reports.models import ReportState, TransparencyReport
from tests.governance.reports_support import (
    a_section_not_recorded_yet,
    read,
    seed_report_data,
    this_year_ad_hoc,
)

pytestmark = pytest.mark.django_db


def built(django_capture_on_commit_callbacks, edition: str = "public") -> TransparencyReport:
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.report_request(actor=SYSTEM, edition=edition, **this_year_ad_hoc())
    report.refresh_from_db()
    assert report.state == ReportState.READY, report.error
    return report


def many_reports(count: int) -> None:
    TransparencyReport.objects.bulk_create(
        TransparencyReport(
            kind="annual",
            period=str(1900 + index),
            period_start=date(1900 + index, 1, 1),
            period_end=date(1900 + index, 12, 31),
            edition=edition,
        )
        for index in range(count // 2)
        for edition in ("public", "members")
    )


def test_the_archive_shows_each_reader_the_editions_they_may_read(
    world, django_capture_on_commit_callbacks
) -> None:
    public = built(django_capture_on_commit_callbacks)
    members = built(django_capture_on_commit_callbacks, "members")

    anonymous = Client().get(reverse("governance:report-list"))
    assert anonymous.status_code == 200
    text = anonymous.content.decode()
    assert f'data-report="{public.pk}"' in text
    assert f'data-report="{members.pk}"' not in text
    assert "Ask for a report" not in text
    pdf = public.files.get(kind="pdf")
    assert pdf.get_absolute_url() in text
    assert re.search(r"PDF</a> <span class=\"muted\">\([0-9.]+\xa0(KB|MB|bytes)\)", text)

    member = world.client_for(Role.MEMBER).get(reverse("governance:report-list"))
    assert f'data-report="{members.pk}"' in member.content.decode()
    external = world.client_for(Role.EXTERNAL_STAKEHOLDER).get(reverse("governance:report-list"))
    assert f'data-report="{members.pk}"' not in external.content.decode()
    staff = world.client_for(Role.SECRETARIAT).get(reverse("governance:report-list"))
    assert "Ask for a report" in staff.content.decode()


@pytest.mark.parametrize("count", [10, 40])
def test_the_archive_query_count_does_not_grow_with_reports(
    world, count: int, django_assert_max_num_queries
) -> None:
    many_reports(count)
    client = world.client_for(Role.MEMBER)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("governance:report-list"))
    assert response.status_code == 200


def test_a_ready_report_page_shows_figures_charts_with_tables_and_checksums(
    world, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    a_section_not_recorded_yet(monkeypatch)
    seed_report_data(world)
    report = built(django_capture_on_commit_callbacks)
    response = Client().get(report.get_absolute_url())
    assert response.status_code == 200
    text = response.content.decode()
    for file in report.files.all():
        assert file.sha256 in text
        assert file.get_absolute_url() in text
    for table in report.tables:
        assert table["sha256"] in text
    assert text.count('<svg xmlns="http://www.w3.org/2000/svg" class="report-chart"') == 4
    charted = ("participation-by-chamber", "membership-by-chamber", "results-by-month")
    for chart in (*charted, "balance-participation"):
        assert f'data-table="{chart}"' in text  # each chart's data table beside it
    assert 'data-figure="members_at_end"' in text
    assert "Nothing to report yet" in text  # the section whose model does not exist
    assert "report-progress" not in text


def test_a_report_being_built_shows_live_progress_and_works_without_javascript(world) -> None:
    report, _ = services.report_request(actor=SYSTEM, **this_year_ad_hoc())
    TransparencyReport.objects.filter(pk=report.pk).update(
        state=ReportState.BUILDING, step="Typesetting the PDF", progress=55
    )
    response = Client().get(report.get_absolute_url())
    text = response.content.decode()
    progress_url = reverse("api:governance-report-progress", kwargs={"pk": report.pk})
    assert f'data-progress-url="{progress_url}"' in text
    assert '<progress id="report-progress-bar" max="100" value="55"' in text
    assert "Typesetting the PDF (55 %)" in text
    assert "js/governance-reports.js" in text
    assert f'<a href="{report.get_absolute_url()}" id="report-progress-refresh">' in text

    progress = Client().get(progress_url)
    assert progress.status_code == 200
    assert progress["Cache-Control"] == "no-store"
    assert progress.json() == {
        "id": report.pk,
        "url": report.get_absolute_url(),
        "state": "building",
        "step": "Typesetting the PDF",
        "progress": 55,
        "started_at": None,
        "finished_at": None,
    }


def test_a_download_is_the_stored_file_with_its_checksum(
    world, django_capture_on_commit_callbacks
) -> None:
    report = built(django_capture_on_commit_callbacks, "members")
    url = reverse("governance:report-file", kwargs={"pk": report.pk, "kind": "zip"})
    response = world.client_for(Role.MEMBER).get(url)
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    file = report.files.get(kind="zip")
    assert data == read(report, "zip")
    assert hashlib.sha256(data).hexdigest() == file.sha256 == response["ETag"].strip('"')
    assert response["Content-Type"] == "application/zip"
    assert f'filename="{file.download_name}"' in response["Content-Disposition"]
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    assert world.client_for(Role.EXTERNAL_STAKEHOLDER).get(url).status_code == 404
    missing = reverse("governance:report-file", kwargs={"pk": report.pk, "kind": "docx"})
    assert world.client_for(Role.MEMBER).get(missing).status_code == 404


def test_the_secretariat_asks_for_a_report_from_the_archive(
    world, django_capture_on_commit_callbacks
) -> None:
    client = world.client_for(Role.SECRETARIAT)
    year = timezone.localdate().year
    refused = client.post(
        reverse("governance:report-list"),
        {"kind": "quarterly", "edition": "public", "year": year + 1, "quarter": "1"},
    )
    assert refused.status_code == 400
    assert "can be built from the day after" in refused.content.decode()
    assert not TransparencyReport.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("governance:report-list"),
            {"kind": "annual", "edition": "members", "year": year - 1},
        )
    report = TransparencyReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    assert (report.kind, report.period, report.edition) == ("annual", str(year - 1), "members")
    assert report.state == ReportState.READY
    assert report.requested_by == world.users[Role.SECRETARIAT]

    published = {f.kind: f.sha256 for f in report.files.all()}
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Build this report again" not in page
    assert "Publish a corrected edition" in page
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            reverse("governance:report-rebuild", kwargs={"pk": report.pk}), follow=True
        )
    assert "is published: it and its files are never replaced" in again.content.decode()
    report.refresh_from_db()
    assert (report.state, report.attempts) == (ReportState.READY, 1)

    with django_capture_on_commit_callbacks(execute=True):
        corrected = client.post(reverse("governance:report-correct", kwargs={"pk": report.pk}))
    correction = TransparencyReport.objects.get(corrects=report)
    assert corrected.status_code == 302
    assert corrected["Location"] == correction.get_absolute_url()
    assert (correction.number, correction.state) == (2, ReportState.READY)
    assert {f.kind: f.sha256 for f in report.files.all()} == published
    old_page = client.get(report.get_absolute_url()).content.decode()
    assert "This edition is corrected by" in old_page
    assert f'href="{correction.get_absolute_url()}">edition 2</a>' in old_page
    assert "Publish a corrected edition" not in old_page
    new_page = client.get(correction.get_absolute_url()).content.decode()
    assert f'This edition corrects <a href="{report.get_absolute_url()}">edition 1</a>' in new_page
    assert "Members&#x27; edition 2" in new_page
    archive = client.get(reverse("governance:report-list")).content.decode()
    assert "corrected by edition 2" in archive
    assert "corrects edition 1" in archive

    member = world.client_for(Role.MEMBER)
    assert member.post(reverse("governance:report-list"), {"kind": "annual"}).status_code == 403


def test_the_api_lists_creates_and_follows_a_report(
    world, api_for, django_capture_on_commit_callbacks
) -> None:
    staff = api_for(Role.SECRETARIAT)
    year = timezone.localdate().year - 1
    bad = staff.post("/api/v1/reports/", {"kind": "quarterly", "year": year}, format="json")
    assert bad.status_code == 400
    assert "quarter" in bad.json()
    assert staff.post("/api/v1/reports/", {"kind": "monthly"}, format="json").status_code == 400
    denied = api_for(Role.MEMBER).post("/api/v1/reports/", {"kind": "annual", "year": year})
    assert denied.status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        created = staff.post("/api/v1/reports/", {"kind": "annual", "year": year}, format="json")
    assert created.status_code == 201
    body = created.json()
    report = TransparencyReport.objects.get(pk=body["id"])
    assert (body["kind"], body["period"], body["edition"]) == ("annual", str(year), "public")
    assert body["state"] == "queued"  # as answered; the eager task has built it since
    detail = api_for(Role.ANONYMOUS).get(f"/api/v1/reports/{report.pk}/").json()
    assert detail["state"] == "ready"
    assert {f["kind"]: f["sha256"] for f in detail["files"]} == {
        f.kind: f.sha256 for f in report.files.all()
    }
    assert [t["path"] for t in detail["tables"]] == [t["path"] for t in report.tables]
    assert detail["error"] is None

    with django_capture_on_commit_callbacks(execute=True):
        again = staff.post("/api/v1/reports/", {"kind": "annual", "year": year}, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == report.pk

    listed = api_for(Role.ANONYMOUS).get("/api/v1/reports/", {"kind": "annual"}).json()
    assert [item["id"] for item in listed["results"]] == [report.pk]
    assert api_for(Role.ANONYMOUS).get("/api/v1/reports/", {"state": "nope"}).status_code == 400

    refused = staff.post(f"/api/v1/reports/{report.pk}/rebuild/")
    assert refused.status_code == 400
    assert "publish a corrected edition" in str(refused.json())
    assert api_for(Role.MEMBER).post(f"/api/v1/reports/{report.pk}/rebuild/").status_code == 403

    assert api_for(Role.MEMBER).post(f"/api/v1/reports/{report.pk}/correct/").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        corrected = staff.post(f"/api/v1/reports/{report.pk}/correct/")
    assert corrected.status_code == 201
    correction = corrected.json()
    assert (correction["number"], correction["corrects"], correction["period"]) == (
        2,
        report.pk,
        str(year),
    )
    old = api_for(Role.ANONYMOUS).get(f"/api/v1/reports/{report.pk}/").json()
    assert (old["number"], old["corrected_by"], old["state"]) == (1, correction["id"], "ready")
    twice = staff.post(f"/api/v1/reports/{report.pk}/correct/")
    assert twice.status_code == 400
    assert "already corrected" in str(twice.json())


def test_the_reason_of_a_failure_is_the_secretariats(world, api_for) -> None:
    report, _ = services.report_request(actor=SYSTEM, **this_year_ad_hoc())
    TransparencyReport.objects.filter(pk=report.pk).update(
        state=ReportState.FAILED, error="PdfError: /srv/app/report.typ line 3"
    )
    assert api_for(Role.MEMBER).get(f"/api/v1/reports/{report.pk}/").json()["error"] is None
    staff = api_for(Role.SECRETARIAT).get(f"/api/v1/reports/{report.pk}/").json()
    assert staff["error"] == "PdfError: /srv/app/report.typ line 3"
    page = Client().get(report.get_absolute_url()).content.decode()
    assert "The last build of this report failed" in page
    assert "report.typ" not in page


def test_the_admin_asks_for_reports_and_publishes_corrected_editions(
    world, django_capture_on_commit_callbacks
) -> None:
    client = world.client_for(Role.SECRETARIAT)
    add = reverse("admin:governance_transparencyreport_add")
    refused = client.post(add, {"kind": "annual", "edition": "public"})
    assert refused.status_code == 200
    assert "Say which year" in refused.content.decode()
    year = timezone.localdate().year - 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add, {"kind": "annual", "edition": "public", "year": str(year)})
    assert response.status_code == 302
    report = TransparencyReport.objects.get()
    assert (report.period, report.state) == (str(year), ReportState.READY)

    changelist = reverse("admin:governance_transparencyreport_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(
            changelist, {"action": "build_again", "_selected_action": [report.pk]}, follow=True
        )
    assert "publish a corrected edition" in refused.content.decode()
    report.refresh_from_db()
    assert report.attempts == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            changelist,
            {"action": "publish_correction", "_selected_action": [report.pk]},
            follow=True,
        )
    correction = TransparencyReport.objects.get(corrects=report)
    assert (correction.number, correction.state) == (2, ReportState.READY)
    change = client.get(reverse("admin:governance_transparencyreport_change", args=[report.pk]))
    assert change.status_code == 200
    assert report.files.get(kind="pdf").sha256 in change.content.decode()
