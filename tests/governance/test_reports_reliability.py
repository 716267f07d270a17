"""Transparency reports are built reliably: one build at a time per report (advisory lock),
idempotent, retried on transient errors, failed loudly on others, stalled builds queued again
by beat, and the quarterly and annual reports asked for by beat the day after their period."""

from __future__ import annotations

import hashlib
import time
from datetime import date, timedelta

import psycopg2
import pytest
from django.conf import settings
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import OperationalError, connection
from django.utils import timezone

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance import tasks
from governance.reports import pdf, schedule, services
from governance.reports.models import ReportState, TransparencyReport
from tests.governance.reports_support import checksums, this_year_ad_hoc

pytestmark = pytest.mark.django_db


def queued(**request) -> TransparencyReport:
    """A report asked for, its task not yet run (the on-commit callback is not executed)."""
    report, _ = services.report_request(actor=SYSTEM, **{"edition": "public", **request})
    return report


def other_session():
    """A second database session, as another worker would have."""
    db = connection.settings_dict
    return psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"],
        host=db["HOST"],
        port=db["PORT"] or None,
    )


def released(report_id: int, timeout: float = 10.0) -> bool:
    """Whether the report's lock is free within ``timeout``: PostgreSQL ends a closed session's
    backend, and drops its locks, a moment after the client goes."""
    deadline = time.monotonic() + timeout
    while services.report_lock_is_held(report_id):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_the_lock_prevents_a_second_concurrent_build(world) -> None:
    report = queued(**this_year_ad_hoc())
    worker = other_session()
    try:
        with worker.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [services.LOCK_NAMESPACE, report.pk])
        assert services.report_lock_is_held(report.pk)
        assert services.report_build(report_id=report.pk) == services.BuildOutcome.BUSY
        report.refresh_from_db()
        assert (report.state, report.attempts) == (ReportState.QUEUED, 0)
        assert not report.files.exists()
    finally:
        worker.close()  # the other worker's session ends: its lock goes with it
    assert released(report.pk)
    assert services.report_build(report_id=report.pk) == services.BuildOutcome.BUILT


def test_the_task_retries_later_while_another_worker_holds_the_lock(world, monkeypatch) -> None:
    calls = []

    def busy(*, report_id):
        calls.append(report_id)
        return services.BuildOutcome.BUSY if len(calls) == 1 else services.BuildOutcome.BUILT

    monkeypatch.setattr(services, "report_build", busy)
    # throw=False: an eager task's retry runs at once instead of being raised to the caller.
    result = tasks.report_build_task.apply(args=(7,), throw=False)
    assert result.get() == "built"
    assert calls == [7, 7]


def test_the_task_is_safe_to_deliver_twice_and_late() -> None:
    task = tasks.report_build_task
    assert task.acks_late is True
    assert task.reject_on_worker_lost is True
    assert OperationalError in task.autoretry_for
    assert OSError in task.autoretry_for
    assert task.retry_backoff


def test_a_transient_error_is_retried_and_the_report_then_built(world, monkeypatch) -> None:
    real = pdf.render_pdf
    failures: list[str] = []

    def flaky(content):
        if not failures:
            failures.append("storage hiccup")
            raise OSError("the disk was briefly unavailable")
        return real(content)

    monkeypatch.setattr(services, "render_pdf", flaky)
    report = queued(**this_year_ad_hoc())
    # throw=False: an eager task's retry runs at once instead of being raised to the caller.
    assert tasks.report_build_task.apply(args=(report.pk,), throw=False).get() == "built"
    report.refresh_from_db()
    assert failures == ["storage hiccup"]
    assert (report.state, report.attempts) == (ReportState.READY, 2)


def test_any_other_error_fails_the_report_with_the_reason(world, monkeypatch) -> None:
    def broken(content):
        raise pdf.PdfError("typst: unknown variable")

    report = queued(**this_year_ad_hoc())
    monkeypatch.setattr(services, "render_pdf", broken)
    assert tasks.report_build_task.apply(args=(report.pk,)).get() == "failed"
    report.refresh_from_db()
    assert report.state == ReportState.FAILED
    assert report.error == "PdfError: typst: unknown variable"
    assert not report.files.exists()
    # A failed report is built again only when someone asks.
    assert services.report_build(report_id=report.pk) == services.BuildOutcome.NOT_QUEUED
    monkeypatch.setattr(services, "render_pdf", pdf.render_pdf)
    services.report_rebuild(actor=SYSTEM, report=report)
    assert services.report_build(report_id=report.pk) == services.BuildOutcome.BUILT


def test_a_ready_report_is_never_built_again(world) -> None:
    report = queued(**this_year_ad_hoc())
    assert services.report_build(report_id=report.pk) == services.BuildOutcome.BUILT
    files = sorted(report.files.values_list("pk", flat=True))
    before = checksums(report)
    assert services.report_build(report_id=report.pk) == services.BuildOutcome.ALREADY_READY
    report.refresh_from_db()
    assert sorted(report.files.values_list("pk", flat=True)) == files
    assert (report.attempts, checksums(report)) == (1, before)
    assert services.report_build(report_id=10**9) == services.BuildOutcome.MISSING


def test_a_correction_with_new_data_leaves_the_published_files_in_place(
    world, django_capture_on_commit_callbacks, make_organisation
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = queued(**this_year_ad_hoc())
    old = {f.kind: (f.file.name, f.sha256) for f in report.files.all()}
    make_organisation("A New Member")
    with django_capture_on_commit_callbacks(execute=True):
        correction, _created = services.report_correct(actor=SYSTEM, report=report)
    new = {f.kind: f.file.name for f in correction.files.all()}
    assert new["json"] not in {name for name, _sha in old.values()}
    assert {f.kind: (f.file.name, f.sha256) for f in report.files.all()} == old
    for name, sha256 in old.values():
        with default_storage.open(name, "rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == sha256
    assert all(default_storage.exists(name) for name in new.values())


def _stall(report: TransparencyReport, minutes: int, **fields) -> None:
    TransparencyReport.objects.filter(pk=report.pk).update(
        heartbeat_at=timezone.now() - timedelta(minutes=minutes), **fields
    )


def test_a_stuck_report_is_queued_again_by_beat(world, django_capture_on_commit_callbacks) -> None:
    report = queued(**this_year_ad_hoc())
    _stall(report, 20, state=ReportState.BUILDING, attempts=1, step="Typesetting the PDF")
    recent = queued(kind="annual", year=timezone.localdate().year - 1)
    _stall(recent, 2, state=ReportState.BUILDING, attempts=1)

    with django_capture_on_commit_callbacks(execute=True):
        requeued = tasks.reports_requeue_stuck_task.apply().get()

    assert requeued == [report.pk]
    report.refresh_from_db()
    assert report.state == ReportState.READY  # the task ran (eagerly) and built it
    recent.refresh_from_db()
    assert recent.state == ReportState.BUILDING  # still making progress: left alone


def test_a_build_still_holding_its_lock_is_not_queued_again(world) -> None:
    report = queued(**this_year_ad_hoc())
    _stall(report, 20, state=ReportState.BUILDING, attempts=1)
    worker = other_session()
    try:
        with worker.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [services.LOCK_NAMESPACE, report.pk])
        assert schedule.reports_requeue_stuck(actor=SYSTEM) == []
    finally:
        worker.close()
    assert released(report.pk)
    assert schedule.reports_requeue_stuck(actor=SYSTEM) == [report.pk]


def test_a_report_that_keeps_stalling_is_failed_after_max_attempts(world) -> None:
    report = queued(**this_year_ad_hoc())
    _stall(report, 30, state=ReportState.BUILDING, attempts=schedule.MAX_ATTEMPTS)
    assert schedule.reports_requeue_stuck(actor=SYSTEM) == []
    report.refresh_from_db()
    assert report.state == ReportState.FAILED
    assert "Gave up after" in report.error


def test_beat_asks_for_the_reports_the_day_after_the_period_ends(world) -> None:
    created = schedule.reports_schedule_due(actor=SYSTEM, today=date(2026, 1, 1))
    reports = TransparencyReport.objects.filter(pk__in=created)
    assert sorted(reports.values_list("kind", "period", "edition")) == [
        ("annual", "2025", "members"),
        ("annual", "2025", "public"),
        ("quarterly", "2025-Q4", "members"),
        ("quarterly", "2025-Q4", "public"),
    ]
    assert all(r.requested_by is None and r.state == "queued" for r in reports)
    # Idempotent: the same day again, or later in the quarter, asks for nothing new.
    assert schedule.reports_schedule_due(actor=SYSTEM, today=date(2026, 1, 1)) == []
    assert schedule.reports_schedule_due(actor=SYSTEM, today=date(2026, 3, 31)) == []
    # The day after the first quarter ends: its two editions.
    assert len(schedule.reports_schedule_due(actor=SYSTEM, today=date(2026, 4, 1))) == 2


def test_one_stalled_report_that_fails_does_not_stop_the_others(world, monkeypatch, caplog) -> None:
    first = queued(**this_year_ad_hoc())
    second = queued(kind="annual", year=timezone.localdate().year - 1)
    for report in (first, second):
        _stall(report, 20, state=ReportState.BUILDING, attempts=1)
    real = schedule.report_lock_is_held

    def broken(report_id: int) -> bool:
        if report_id == first.pk:
            raise RuntimeError("the lock table is unreachable")
        return real(report_id)

    monkeypatch.setattr(schedule, "report_lock_is_held", broken)
    assert schedule.reports_requeue_stuck(actor=SYSTEM) == [second.pk]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (ReportState.BUILDING, ReportState.QUEUED)
    assert "the lock table is unreachable" in caplog.text


def test_one_report_that_cannot_be_asked_for_does_not_stop_the_others(
    world, monkeypatch, caplog
) -> None:
    real = schedule.report_request

    def broken(**request):
        if request["kind"] == "quarterly" and request["edition"] == "public":
            raise RuntimeError("the broker is down")
        return real(**request)

    monkeypatch.setattr(schedule, "report_request", broken)
    created = schedule.reports_schedule_due(actor=SYSTEM, today=date(2026, 1, 1))
    assert sorted(
        TransparencyReport.objects.filter(pk__in=created).values_list("kind", "edition")
    ) == [("annual", "members"), ("annual", "public"), ("quarterly", "members")]
    assert "the broker is down" in caplog.text


def test_the_beat_schedule_runs_the_report_tasks() -> None:
    schedule = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "governance.tasks.reports_schedule_due_task" in schedule
    assert "governance.tasks.reports_requeue_stuck_task" in schedule
    assert schedule["governance.tasks.reports_schedule_due_task"]["schedule"] <= 86400
    # A build stalls after 15 minutes without progress; beat looks more often than that.
    stuck = schedule["governance.tasks.reports_requeue_stuck_task"]["schedule"]
    assert stuck < services.STUCK_AFTER.total_seconds()


def test_a_published_report_and_its_files_cannot_be_deleted(
    world, django_capture_on_commit_callbacks
) -> None:
    """Issue 14 item 10: a published edition is a public record, kept with its files, in the
    service and in the admin; a report never published may still be deleted."""
    with django_capture_on_commit_callbacks(execute=True):
        report = queued(**this_year_ad_hoc())
    report.refresh_from_db()
    assert report.state == ReportState.READY
    names = list(report.files.values_list("file", flat=True))
    assert names
    with pytest.raises(ValidationError, match="is published"):
        services.report_delete(actor=SYSTEM, report=report)
    staff = world.client_for(Role.SECRETARIAT)
    assert staff.get(f"/admin/governance/transparencyreport/{report.pk}/delete/").status_code == 403
    staff.post(f"/admin/governance/transparencyreport/{report.pk}/delete/", {"post": "yes"})
    staff.post(
        "/admin/governance/transparencyreport/",
        {"action": "delete_selected", "post": "yes", helpers.ACTION_CHECKBOX_NAME: [report.pk]},
    )
    assert TransparencyReport.objects.filter(pk=report.pk).exists()
    assert report.files.count() == len(names)
    assert all(default_storage.exists(name) for name in names)

    never_built = queued(kind="annual", year=2020)
    assert (
        staff.get(f"/admin/governance/transparencyreport/{never_built.pk}/delete/").status_code
        == 200
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.report_delete(actor=SYSTEM, report=never_built)
    assert not TransparencyReport.objects.filter(pk=never_built.pk).exists()
