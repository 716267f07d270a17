"""Demo transparency reports: the public annual report of last year and the public report of
the last completed quarter, queued for the real Celery worker that ``make run`` starts
(``manage.py queue_demo_reports``, run by the launcher once the worker is up).

Idempotent: a report that exists is not created again; one that failed is asked for again; one
still queued or building gets its task sent again (the build is locked and idempotent, so a
duplicate message does nothing); a ready one is left alone."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from alliance_portal.policy import SYSTEM
from governance.reports import services
from governance.reports.models import ReportEdition, ReportKind, ReportState, TransparencyReport
from governance.reports.periods import last_completed


def queue_demo_reports(today: date | None = None) -> list[TransparencyReport]:
    """Queue (or resume) the demo's two public reports; returns them, annual first. Each
    report is asked for in its own use case."""
    today = today or timezone.localdate()
    queued = []
    for kind in (ReportKind.ANNUAL, ReportKind.QUARTERLY):
        period = last_completed(kind, today)
        existing = TransparencyReport.objects.filter(
            kind=kind, period=period.label, edition=ReportEdition.PUBLIC
        ).first()
        if existing is not None and existing.state != ReportState.FAILED:
            services.report_resume(report=existing)
            queued.append(existing)
            continue
        report, _created = services.report_request(
            actor=SYSTEM,
            kind=kind,
            edition=ReportEdition.PUBLIC,
            year=period.start.year,
            quarter=(period.start.month - 1) // 3 + 1 if kind == ReportKind.QUARTERLY else None,
            today=today,
        )
        queued.append(report)
    return queued
