"""Browser journey of the transparency reports: a visitor opens a report while it is being
built, watches its progress move without reloading the page (the page polls the progress API),
follows the link that appears once it is ready, reads the report with its charts and data
tables, and finds the download links with their checksums; axe-core on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from governance.reports import display, services
from governance.reports.models import ReportState, TransparencyReport
from governance.reports.periods import ad_hoc
from tests.governance.reports_support import seed_report_data

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_follows_a_report_being_built_until_it_is_ready(
    page, world, assert_accessible
) -> None:
    seed_report_data(world)
    today = timezone.localdate()
    period = ad_hoc(today - timedelta(days=90), today)
    report = TransparencyReport.objects.create(
        kind=period.kind,
        period=period.label,
        period_start=period.start,
        period_end=period.end,
        state=ReportState.BUILDING,
        step="Collecting the figures",
        progress=5,
    )

    page.goto("/governance/reports/")
    assert_accessible(page)
    page.get_by_role("link", name=display.report_heading(report)).click()
    page.get_by_role("heading", level=2, name="Being built").wait_for()
    assert_accessible(page)
    assert page.locator("#report-progress-bar").get_attribute("value") == "5"

    TransparencyReport.objects.filter(pk=report.pk).update(step="Typesetting the PDF", progress=55)
    page.get_by_text("Typesetting the PDF (55 %)").wait_for()
    assert page.locator("#report-progress-bar").evaluate("bar => bar.value") == 55

    assert services.report_build(report_id=report.pk) == services.BuildOutcome.BUILT
    page.get_by_text("The report is ready.").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Show the report").click()

    page.get_by_role("heading", level=2, name="Read it as a PDF, or take the data").wait_for()
    assert_accessible(page)
    report.refresh_from_db()
    pdf = page.get_by_role("link", name="The report as a PDF")
    assert pdf.get_attribute("href") == report.files.get(kind="pdf").get_absolute_url()
    page.get_by_text("Check the files (sha256)").click()
    for file in report.files.all():
        assert page.locator(f'tr[data-kind="{file.kind}"] code').inner_text() == file.sha256
    chart = page.locator('svg.report-chart[aria-labelledby="chart-participation-by-chamber-title"]')
    assert chart.count() == 1
    assert page.locator('table[data-table="participation-by-chamber"]').count() == 1
    page.get_by_role("link", name="Membership", exact=True).click()
    assert page.url.endswith("#section-membership")
