"""The scheduled work around transparency reports (Celery beat), one report at a time: each
report is its own use case, so one that fails is logged and the others are still handled, and
no lock is held from one report to the next.

- ``reports_schedule_due`` (daily): the reports of the last completed quarter and year.
- ``reports_requeue_stuck``: queues again what stalled in ``building`` or ``queued``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.common.batch import each_due
from governance.reports.models import (
    BUILDABLE_STATES,
    ReportEdition,
    ReportKind,
    ReportState,
    TransparencyReport,
)
from governance.reports.periods import Period, last_completed
from governance.reports.services import (
    MAX_ATTEMPTS,
    STUCK_AFTER,
    enqueue_build,
    report_lock_is_held,
    report_request,
)


def reports_schedule_due(*, actor: Actor, today: date | None = None) -> list[int]:
    """Create (queued) the public and members' reports of the last completed quarter and year
    that do not exist yet; returns their ids. Run daily by beat, so each report is asked for
    the day after its period ends; a second run the same day creates nothing. Each report is
    asked for in its own use case (``report_request``): one that fails is logged and the
    others are still asked for."""
    today = today or timezone.localdate()
    due = []
    for kind in (ReportKind.QUARTERLY, ReportKind.ANNUAL):
        period = last_completed(kind, today)
        for edition in ReportEdition.values:
            if not TransparencyReport.objects.filter(
                kind=kind, period=period.label, edition=edition
            ).exists():
                due.append((kind, period, edition))

    def ask(item: tuple[str, Period, str]) -> int | None:
        kind, period, edition = item
        quarter = (period.start.month - 1) // 3 + 1 if kind == ReportKind.QUARTERLY else None
        report, created = report_request(
            actor=actor,
            kind=kind,
            edition=edition,
            year=period.start.year,
            quarter=quarter,
            today=today,
        )
        return report.pk if created else None

    return each_due(due, ask, what="Asking for the transparency report")


def _stalled(cutoff: datetime) -> QuerySet[TransparencyReport]:
    """Reports queued or building that made no progress since ``cutoff``."""
    return TransparencyReport.objects.filter(state__in=BUILDABLE_STATES).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, requested_at__lt=cutoff)
    )


@use_case
def report_requeue_stalled(
    *, actor: Actor, report_id: int, now: datetime, cutoff: datetime
) -> int | None:
    """Queue one stalled report again (the schedule's step for one report), or mark it failed
    once it had ``MAX_ATTEMPTS`` attempts; returns its id when queued again. Nothing happens
    when it moved on meanwhile, another run holds its row, or a worker still holds its lock."""
    report = _stalled(cutoff).select_for_update(skip_locked=True).filter(pk=report_id).first()
    if report is None or report_lock_is_held(report.pk):
        return None
    policy.require(actor, "report.rebuild", report)
    if report.attempts >= MAX_ATTEMPTS:
        report.state = ReportState.FAILED
        report.step = "Failed"
        report.error = f"Gave up after {report.attempts} attempts that did not finish."
        report.finished_at = now
        report.heartbeat_at = now
        report.save()
        return None
    report.state = ReportState.QUEUED
    report.step = "Queued again: the build had stalled"
    report.heartbeat_at = now
    report.save()
    enqueue_build(report)
    return report.pk


def reports_requeue_stuck(
    *, actor: Actor, now: datetime | None = None, stuck_after: timedelta = STUCK_AFTER
) -> list[int]:
    """Queue again the reports that made no progress for ``stuck_after`` while queued or
    building (a worker died, or the broker lost the task), unless a worker still holds the
    report's lock; mark failed those that already had ``MAX_ATTEMPTS`` attempts. Returns the
    ids queued again. Each report is its own use case (``report_requeue_stalled``): one that
    fails is logged and the others are still handled; rows another run is handling are
    skipped (``SKIP LOCKED``)."""
    now = now or timezone.now()
    cutoff = now - stuck_after
    stalled = list(_stalled(cutoff).order_by("pk").values_list("pk", flat=True))
    return each_due(
        stalled,
        lambda pk: report_requeue_stalled(actor=actor, report_id=pk, now=now, cutoff=cutoff),
        what="Queueing again the stalled transparency report",
    )
