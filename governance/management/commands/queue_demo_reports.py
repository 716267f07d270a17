"""``manage.py queue_demo_reports``: queue the demo's transparency reports (last year's public
annual report and the last quarter's public report) for the running Celery worker to build.
``--wait SECONDS`` waits until both are ready (or failed) and says so."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from governance.reports.demo import queue_demo_reports
from governance.reports.models import ReportState, TransparencyReport


class Command(BaseCommand):
    help = "Queue the demo transparency reports for the Celery worker to build."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--wait",
            type=float,
            default=0,
            help="Wait up to this many seconds for the reports to be built.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        reports = queue_demo_reports()
        for report in reports:
            self.stdout.write(f"{report}: {report.get_state_display().lower()}")
        if not options["wait"]:
            return
        deadline = time.monotonic() + options["wait"]
        ids = [report.pk for report in reports]
        while time.monotonic() < deadline:
            states = dict(TransparencyReport.objects.filter(pk__in=ids).values_list("pk", "state"))
            if all(state in (ReportState.READY, ReportState.FAILED) for state in states.values()):
                break
            time.sleep(0.5)
        for report in TransparencyReport.objects.filter(pk__in=ids).order_by("pk"):
            self.stdout.write(f"{report}: {report.get_state_display().lower()}")
            if report.state == ReportState.FAILED:
                raise CommandError(f"{report} failed: {report.error}")
