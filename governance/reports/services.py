"""Transparency reports: asking for one, building it, and the scheduled work around them.

- ``report_request`` (the secretariat from a page, the admin or the API; the system from
  Celery beat): creates the report of a (kind, period, edition), or queues the latest one
  again when its build failed; one queued, building or published (ready) is left alone. The
  build task is sent when the transaction commits.
- ``report_correct`` (the secretariat): a published edition and its files never change; a
  correction is a new report of the same kind, period and edition, numbered one more, that
  says which it corrects, built by the worker. ``report_rebuild`` builds only a failed report
  again.
- ``report_build`` (the Celery task): builds ``report.json`` first, then from it the open-data
  ZIP and the PDF; writes the files to Django's default storage under names derived from their
  content, then records them and marks the report ready in one transaction. A PostgreSQL
  advisory lock on the report makes sure two workers never build the same report at once; a
  ready report is never built again. With unchanged data a rebuild of a failed report gives
  the files it would have given.

The scheduled work around them (asking for the reports of each period, queueing again what
stalled) is in ``governance.reports.schedule``.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import partial

import pghistory
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.common.services import acting_user
from governance.reports.content import build_content, content_bytes
from governance.reports.models import (
    BUILDABLE_STATES,
    FILE_SUFFIXES,
    ReportEdition,
    ReportFile,
    ReportFileKind,
    ReportState,
    TransparencyReport,
)
from governance.reports.opendata import open_data_bundle, tables_of
from governance.reports.pdf import render_pdf
from governance.reports.periods import requested_period

logger = logging.getLogger(__name__)

# pg_try_advisory_lock(LOCK_NAMESPACE, report id): "RPRT" as a 32-bit key.
LOCK_NAMESPACE = 0x52505254
# A build that made no progress for this long is stalled (its worker died or lost the task).
STUCK_AFTER = timedelta(minutes=15)
# After this many attempts a stalled report is marked failed instead of queued again.
MAX_ATTEMPTS = 8
# Test-only: seconds to wait between build steps, so a test can kill a worker mid-build.
STEP_DELAY_ENV = "REPORTS_TEST_STEP_DELAY"
# Errors worth trying again: the database or the storage was briefly unreachable.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError, OSError)


class BuildOutcome(StrEnum):
    BUILT = "built"
    ALREADY_READY = "already_ready"  # nothing to do: nobody asked for it to be built again
    NOT_QUEUED = "not_queued"  # failed: built again only when someone asks
    BUSY = "busy"  # another worker holds the report's lock
    FAILED = "failed"
    MISSING = "missing"


# --- asking for a report -----------------------------------------------------------------------


def enqueue_build(report: TransparencyReport) -> None:
    """Send the report's build task once the transaction commits."""
    from governance.tasks import report_build_task

    transaction.on_commit(partial(report_build_task.delay, report.pk))


@use_case
def report_request(
    *,
    actor: Actor,
    kind: str,
    edition: str = ReportEdition.PUBLIC,
    year: int | None = None,
    quarter: int | None = None,
    start: date | None = None,
    end: date | None = None,
    today: date | None = None,
) -> tuple[TransparencyReport, bool]:
    """Ask for the report of a period in an edition: a year (annual), a year and a quarter
    (quarterly), or first and last day (ad hoc). Returns the report and whether it is new.

    A new report is created queued. When the period's report exists, its latest edition is
    returned: queued to be built again if its build failed, as it is otherwise (queued,
    building, or published: a published report is corrected with ``report_correct``, never
    rebuilt). The secretariat only (or the system). Refused with a message, changing nothing:
    an unknown kind or edition, a missing or impossible period, a quarter or year that has not
    ended, an ad hoc period ending after today."""
    policy.require(actor, "report.request")
    if edition not in ReportEdition.values:
        raise ValidationError({"edition": f"“{edition}” is not an edition: public or members."})
    period = requested_period(
        kind=kind, year=year, quarter=quarter, start=start, end=end, today=today
    )
    now = timezone.now()
    latest = (
        TransparencyReport.objects.select_for_update()
        .filter(kind=kind, period=period.label, edition=edition)
        .order_by("-number")
        .first()
    )
    if latest is None:
        report = TransparencyReport.objects.create(
            kind=kind,
            period=period.label,
            edition=edition,
            period_start=period.start,
            period_end=period.end,
            requested_by=acting_user(actor),
            requested_at=now,
        )
        enqueue_build(report)
        return report, True
    if latest.state == ReportState.FAILED and not latest.files.exists():
        _queue_again(latest, actor=actor, now=now, step="")
    return latest, False


@use_case
def report_rebuild(*, actor: Actor, report: TransparencyReport) -> TransparencyReport:
    """Build a failed report again (the secretariat); a report already queued or building is
    left as it is. Refused with a message, changing nothing: a published report (ready, or
    holding files), whose files never change: publish a corrected edition instead."""
    policy.require(actor, "report.rebuild", report)
    locked = TransparencyReport.objects.select_for_update().get(pk=report.pk)
    if report_is_published(locked):
        raise ValidationError(
            f"{locked} is published: it and its files are never replaced. To change it, "
            "publish a corrected edition."
        )
    if locked.state not in BUILDABLE_STATES:
        _queue_again(locked, actor=actor, now=timezone.now(), step="")
    return locked


@use_case
def report_correct(*, actor: Actor, report: TransparencyReport) -> tuple[TransparencyReport, bool]:
    """Publish a corrected edition of a published report (the secretariat): a new report of the
    same kind, period and edition, numbered one more, that corrects this one, queued for the
    worker to build from today's data. The published one stays as it is, with its files, marked
    as corrected. Returns the correction and whether it is new: asking again while the
    correction is not yet published returns it. Refused with a message, changing nothing: a
    report not published yet, or one already corrected by a published edition (correct that
    one instead)."""
    policy.require(actor, "report.correct", report)
    locked = TransparencyReport.objects.select_for_update().get(pk=report.pk)
    if locked.state != ReportState.READY:
        raise ValidationError(
            f"{locked} is not published yet: only a published report is corrected. "
            + (
                "Build it again instead."
                if locked.state == ReportState.FAILED
                else "Wait until its build is over."
            )
        )
    existing = TransparencyReport.objects.filter(corrects=locked).first()
    if existing is not None:
        if existing.state == ReportState.READY:
            raise ValidationError(
                f"{locked} is already corrected by {existing.edition_label}: "
                "publish a correction of that edition instead."
            )
        return existing, False
    correction = TransparencyReport.objects.create(
        kind=locked.kind,
        period=locked.period,
        period_start=locked.period_start,
        period_end=locked.period_end,
        edition=locked.edition,
        number=locked.number + 1,
        corrects=locked,
        requested_by=acting_user(actor),
        requested_at=timezone.now(),
    )
    enqueue_build(correction)
    return correction, True


def report_resume(*, report: TransparencyReport) -> bool:
    """Send the build task again for a report still queued or building (after a restart the
    broker may have lost its message); True when sent. Harmless when the first task is still
    alive: the build is idempotent and locked."""
    if report.state not in BUILDABLE_STATES:
        return False
    enqueue_build(report)
    return True


def _queue_again(report: TransparencyReport, *, actor: Actor, now: datetime, step: str) -> None:
    report.state = ReportState.QUEUED
    report.step = step
    report.progress = 0
    report.error = ""
    report.started_at = None
    report.heartbeat_at = None
    report.requested_by = acting_user(actor)
    report.requested_at = now
    report.save()
    enqueue_build(report)


def report_is_published(report: TransparencyReport) -> bool:
    """A ready report, or one that holds files (a published edition queued to be built
    again): a public record that is never deleted."""
    return report.state == ReportState.READY or report.files.exists()


@use_case
def report_delete(*, actor: Actor, report: TransparencyReport) -> None:
    """Delete a report that was never published (queued, or failed before writing its files)
    and, once the transaction commits, any files it has (the secretariat). A published edition
    (ready, or holding files) is a public record: refused, it stays with its files (issue 14
    item 10). A report being built is refused: its worker would write files for a report that
    is gone."""
    policy.require(actor, "report.delete", report)
    locked = TransparencyReport.objects.select_for_update().get(pk=report.pk)
    if report_is_published(locked):
        raise ValidationError(
            f"{locked} is published: it is kept as it is, with its files, and cannot be deleted."
        )
    if locked.state == ReportState.BUILDING and report_lock_is_held(locked.pk):
        raise ValidationError("The report is being built: delete it once the build is over.")
    names = sorted(str(name) for name in locked.files.values_list("file", flat=True))
    locked.delete()
    transaction.on_commit(partial(_delete_files, names))


# --- building ------------------------------------------------------------------------------------


@contextlib.contextmanager
def report_lock(report_id: int) -> Iterator[bool]:
    """Try to take the report's advisory lock for this database session; yield whether it was
    taken. The lock goes with the session: if the worker dies, PostgreSQL releases it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, report_id])
        row = cursor.fetchone()
    taken = bool(row and row[0])
    try:
        yield taken
    finally:
        if taken:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, report_id])
            except DatabaseError:
                # The session is gone, and its lock with it.
                logger.warning("report %s: could not release its lock", report_id, exc_info=True)


def report_lock_is_held(report_id: int) -> bool:
    """True while some session (a worker building the report) holds the report's lock."""
    with report_lock(report_id) as taken:
        return not taken


def _pause() -> None:
    delay = os.environ.get(STEP_DELAY_ENV)
    if delay:
        time.sleep(float(delay))


def _progress(report_id: int, step: str, percent: int, **fields: object) -> None:
    now = timezone.now()
    TransparencyReport.objects.filter(pk=report_id).update(
        step=step, progress=percent, heartbeat_at=now, **fields
    )


def report_build(*, report_id: int) -> BuildOutcome:
    """Build the report if it is queued (or was left building by a worker that died).
    Idempotent: a ready report is left alone, a failed one too (it is queued again by asking).
    Transient errors (database, storage) propagate for the task to retry; any other error is
    a bug or bad content: the report is marked failed with the error, and logged."""
    with report_lock(report_id) as taken:
        if not taken:
            return BuildOutcome.BUSY
        report = TransparencyReport.objects.filter(pk=report_id).first()
        if report is None:
            return BuildOutcome.MISSING
        if report.state == ReportState.READY:
            return BuildOutcome.ALREADY_READY
        if report.state == ReportState.FAILED:
            return BuildOutcome.NOT_QUEUED
        with pghistory.context(use_case="report_build", user=None, system=True):
            try:
                _build(report)
            except TRANSIENT_ERRORS:
                raise
            except Exception as error:
                logger.exception("report %s failed", report_id)
                TransparencyReport.objects.filter(pk=report_id).update(
                    state=ReportState.FAILED,
                    step="Failed",
                    error=f"{type(error).__name__}: {error}"[:4000],
                    finished_at=timezone.now(),
                    heartbeat_at=timezone.now(),
                )
                return BuildOutcome.FAILED
    return BuildOutcome.BUILT


def _build(report: TransparencyReport) -> None:
    _progress(
        report.pk,
        "Collecting the figures",
        5,
        state=ReportState.BUILDING,
        started_at=timezone.now(),
        attempts=report.attempts + 1,
        error="",
    )
    _pause()
    content = build_content(report)
    report_json = content_bytes(content)
    _progress(report.pk, "Writing the open-data bundle", 35)
    _pause()
    bundle = open_data_bundle(content, report_json)
    _progress(report.pk, "Typesetting the PDF", 55)
    _pause()
    pdf = render_pdf(content)
    _progress(report.pk, "Storing the files", 85)
    _pause()
    outputs = {
        ReportFileKind.JSON: report_json,
        ReportFileKind.PDF: pdf,
        ReportFileKind.ZIP: bundle.zip,
    }
    stored = {kind: _store(report, kind, data) for kind, data in outputs.items()}
    head = content["decision_log_head"]
    with transaction.atomic():
        locked = TransparencyReport.objects.select_for_update().get(pk=report.pk)
        previous = set(locked.files.values_list("file", flat=True))
        locked.files.all().delete()
        ReportFile.objects.bulk_create(
            ReportFile(
                report=locked,
                kind=kind,
                file=stored[kind],
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
            )
            for kind, data in outputs.items()
        )
        now = timezone.now()
        locked.state = ReportState.READY
        locked.step = "Ready"
        locked.progress = 100
        locked.finished_at = now
        locked.heartbeat_at = now
        locked.error = ""
        locked.log_head_seq = head["seq"] if head else None
        locked.log_head_hash = head["hash"] if head else ""
        locked.tables = [
            {
                "name": table["name"],
                "title": table["title"],
                "path": file.path,
                "rows": len(table["rows"]),
                "bytes": len(file.data),
                "sha256": file.sha256,
            }
            for table, file in zip(tables_of(content), bundle.files, strict=True)
        ]
        locked.save()
        stale = sorted(previous - set(stored.values()))
        transaction.on_commit(partial(_delete_files, stale))


def _store(report: TransparencyReport, kind: str, data: bytes) -> str:
    """Write ``data`` to the default storage under a name derived from its content (and keep
    a file already there under that name: same name, same bytes). Returns the stored name."""
    digest = hashlib.sha256(data).hexdigest()
    name = f"reports/{report.pk}/{digest[:16]}/{report.file_stem}{FILE_SUFFIXES[kind]}"
    if default_storage.exists(name):
        return name
    return default_storage.save(name, ContentFile(data))


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
