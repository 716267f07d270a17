"""``python -m bench --background``: the issue's background figures (item 4).

- the annual transparency report of last year built by a real Celery worker (solo pool, the
  bench's settings), timed from its start to its end as the worker records them, and the
  worker's peak RSS sampled every 50 ms (the build goes to a queue only this worker reads,
  ``bench.settings``). This WRITES to the database: one new report (or a
  corrected edition of last year's published one, since a published report is never rebuilt);
- ``verify_decision_log`` (the selector the command runs) over the whole log, timed in-process;
- the glossary's SKOS export (``export.ttl`` and ``export.jsonld``), one request each through
  the test client, timed in-process.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from typing import Any

from bench import server

REPORT_TIMEOUT_S = 900
# The queue of the report build in the bench (bench.settings routes the task to it).
REPORT_QUEUE = "bench-reports"


def verify_decision_log() -> dict[str, Any]:
    from governance.decision_log.verify import decision_log_verify

    started = time.perf_counter()
    check = decision_log_verify()
    seconds = time.perf_counter() - started
    return {
        "name": "verify_decision_log",
        "entries": check.entries,
        "ok": check.ok,
        "seconds": round(seconds, 2),
        "target": "≤ 2 s (over 20,000 entries)",
        "met": seconds <= 2,
    }


def skos_export() -> list[dict[str, Any]]:
    from django.test import Client

    client = Client(HTTP_HOST=server.HOST)
    figures = []
    for path in ("/glossary/export.ttl", "/glossary/export.jsonld"):
        started = time.perf_counter()
        response = client.get(path)
        body = b"".join(response) if response.streaming else response.content
        seconds = time.perf_counter() - started
        figures.append(
            {
                "name": f"SKOS export {path.rsplit('.', 1)[1]}",
                "status": response.status_code,
                "bytes": len(body),
                "seconds": round(seconds, 2),
            }
        )
    return figures


def _queue_annual_report() -> int:
    """Last year's public annual report, new or a corrected edition of the published one."""
    from django.utils import timezone

    from alliance_portal.policy import SYSTEM
    from governance.reports.models import ReportKind, ReportState, TransparencyReport
    from governance.reports.services import report_correct, report_rebuild, report_request

    report, new = report_request(actor=SYSTEM, kind=ReportKind.ANNUAL, year=timezone.now().year - 1)
    if new or report.state != ReportState.READY:
        return int(report.pk)
    latest = (
        TransparencyReport.objects.filter(
            kind=report.kind, period=report.period, edition=report.edition
        )
        .order_by("-number")
        .first()
    )
    if latest is not None and latest.state == ReportState.FAILED:
        return int(report_rebuild(actor=SYSTEM, report=latest).pk)
    if latest is not None and latest.state != ReportState.READY:
        return int(latest.pk)  # queued or building: the worker builds it
    correction, _new = report_correct(actor=SYSTEM, report=latest or report)
    return int(correction.pk)


def annual_report(env: dict[str, str]) -> dict[str, Any]:
    import psutil

    from governance.reports.models import ReportState, TransparencyReport

    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "alliance_portal",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "--without-gossip",
        "--without-mingle",
        f"--queues={REPORT_QUEUE}",
        "--loglevel=WARNING",
    ]
    worker = subprocess.Popen(command, cwd=server.ROOT, env=env)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        process = psutil.Process(worker.pid)
        while not done.is_set():
            try:
                peak[0] = max(peak[0], process.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        report_id = _queue_annual_report()
        deadline = time.monotonic() + REPORT_TIMEOUT_S
        report = TransparencyReport.objects.get(pk=report_id)
        while report.state not in (ReportState.READY, ReportState.FAILED):
            if time.monotonic() > deadline or worker.poll() is not None:
                break
            time.sleep(0.25)
            report.refresh_from_db()
    finally:
        done.set()
        worker.terminate()
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    seconds = (
        (report.finished_at - report.started_at).total_seconds()
        if report.started_at and report.finished_at
        else None
    )
    rss_mib = round(peak[0] / 1024 / 1024)
    return {
        "name": "annual report build (Celery worker)",
        "report": str(report),
        "state": report.state,
        "seconds": round(seconds, 1) if seconds is not None else None,
        "peak_rss_mib": rss_mib,
        "target": "≤ 60 s and ≤ 500 MB peak RSS",
        "met": report.state == ReportState.READY
        and seconds is not None
        and seconds <= 60
        and peak[0] <= 500 * 1000 * 1000,
    }


def run(env: dict[str, str]) -> list[dict[str, Any]]:
    return [verify_decision_log(), *skos_export(), annual_report(env)]


def table(figures: list[dict[str, Any]]) -> str:
    lines = []
    for figure in figures:
        parts = [f"{figure['name']}:"]
        if figure.get("seconds") is not None:
            parts.append(f"{figure['seconds']} s")
        for key, unit in (
            ("entries", "entries"),
            ("bytes", "bytes"),
            ("peak_rss_mib", "MiB peak RSS"),
        ):
            if key in figure:
                parts.append(f"{figure[key]:,} {unit}")
        if "state" in figure:
            parts.append(f"({figure['report']}, {figure['state']})")
        if "target" in figure:
            parts.append(f"target {figure['target']}: {'met' if figure['met'] else 'MISSED'}")
        lines.append(" ".join(parts))
    return "\n".join(lines)
