"""Transparency reports built by a REAL Celery worker (a subprocess running
``celery -A alliance_portal worker``) against the test database and the machine's Redis,
triggered through the API. The worker listens on a queue of its own, so no other worker on the
same Redis takes its tasks; its report files go to a directory the test reads too.

- the report comes out ready, with a PDF, a valid open-data ZIP and the decision-log head;
- killing the pool process that runs the build (SIGKILL) mid-build: the message comes back
  (``reject_on_worker_lost``), exactly one ready report results, with the same checksums as an
  undisturbed build;
- killing the whole worker mid-build and starting a new one: with a short
  ``visibility_timeout`` Redis hands the unacknowledged message to the new worker, same result.

Skipped, saying why, only when Redis cannot be reached."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema
import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from alliance_portal.celery import app as celery_app
from alliance_portal.roles import Role
from alliance_portal.settings.env import redis_py_url
from governance.decision_log.selectors import decision_log_head
from governance.reports.models import ReportState, TransparencyReport
from governance.reports.pdf import page_count
from tests.governance.reports_support import checksums, read, seed_report_data, zip_members
from tests.governance.test_reports import DATA_PACKAGE_SCHEMA, decide_by_ballot

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
WORKER_SETTINGS = "tests.governance.reports_worker_settings"
STARTUP_TIMEOUT = 30.0
BUILD_TIMEOUT = 40.0


def _redis_problem() -> str | None:
    try:
        redis.Redis.from_url(redis_py_url(django_settings.REDIS_URL), socket_timeout=2).ping()
    except (redis.RedisError, OSError) as error:
        return f"Redis at {django_settings.REDIS_URL} is unreachable: {error}"
    return None


def _database_url() -> str:
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    host = db["HOST"] or ""
    if host.startswith("/"):
        return f"postgres://{user}{password}@/{db['NAME']}?host={host}"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after its closing bracket
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


class Worker:
    """One ``celery worker`` subprocess with a single pool process."""

    def __init__(self, queue: str, env: dict[str, str], log: Path) -> None:
        self.queue, self.env, self.log = queue, env, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Worker:
        offset = self.log.stat().st_size if self.log.exists() else 0
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "alliance_portal",
                    "worker",
                    "-Q",
                    self.queue,
                    "-n",
                    f"{self.queue}-{uuid.uuid4().hex[:6]}@%h",
                    "--concurrency=1",
                    "--pool=prefork",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--loglevel=INFO",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the worker exited:\n{self.output()}")
            if b" ready." in self.log.read_bytes()[offset:]:
                return self
            time.sleep(0.2)
        raise AssertionError(f"the worker did not start in time:\n{self.output()}")

    def pool_process(self) -> int:
        assert self.process is not None
        (child,) = _children(self.process.pid)
        return child

    def kill(self) -> None:
        """SIGKILL the worker and its pool: nothing is acknowledged, nothing cleans up."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-6000:]


@pytest.fixture
def real_worker(settings, tmp_path) -> Iterator[Any]:
    """A factory of real workers on a queue of this test's own; the test process sends its
    tasks there and reads the files they write. Every worker is stopped at the end."""
    problem = _redis_problem()
    if problem:
        pytest.skip(problem)
    media = tmp_path / "media"
    media.mkdir()
    queue = f"reports-test-{uuid.uuid4().hex[:10]}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media)},
        },
    }
    conf = celery_app.conf
    saved = (conf.task_always_eager, conf.task_default_queue)
    conf.task_always_eager = False
    conf.task_default_queue = queue
    workers: list[Worker] = []

    def start(**extra: str) -> Worker:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": WORKER_SETTINGS,
            "DATABASE_URL": _database_url(),
            "REDIS_URL": django_settings.REDIS_URL,
            "REPORTS_WORKER_MEDIA_ROOT": str(media),
            "PYTHONUNBUFFERED": "1",
            **extra,
        }
        worker = Worker(queue, env, tmp_path / "worker.log").start()
        workers.append(worker)
        return worker

    try:
        yield start
    finally:
        for worker in workers:
            worker.stop()
        conf.task_always_eager, conf.task_default_queue = saved
        with redis.Redis.from_url(redis_py_url(django_settings.REDIS_URL)) as client:
            client.delete(queue)


def _wait(report_id: int, until: Any, worker: Worker, timeout: float = BUILD_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report = TransparencyReport.objects.get(pk=report_id)
        if until(report):
            return report
        time.sleep(0.2)
    raise AssertionError(
        f"report {report_id} is {report.state} ({report.step}):\n{worker.output()}"
    )


def _ask(world, **data: Any) -> int:
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.users[Role.SECRETARIAT])
    response = api.post("/api/v1/reports/", data, format="json")
    assert response.status_code in (200, 201), response.content
    return int(response.json()["id"])


def _correct(world, report_id: int) -> int:
    """Publish a corrected edition (a published report is never built again); its id."""
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.users[Role.SECRETARIAT])
    response = api.post(f"/api/v1/reports/{report_id}/correct/")
    assert response.status_code == 201, response.content
    return int(response.json()["id"])


def _open_data(report: TransparencyReport) -> dict[str, str]:
    """sha256 of each CSV of the open data: the same whatever edition carries them."""
    return {key: value for key, value in checksums(report).items() if key.startswith("csv:")}


def _is_ready(report: TransparencyReport) -> bool:
    assert report.state != ReportState.FAILED, report.error
    return report.state == ReportState.READY


def test_a_real_worker_builds_a_report_asked_for_through_the_api(world, real_worker) -> None:
    seed_report_data(world)
    decide_by_ballot(world)
    worker = real_worker()
    year = timezone.localdate().year

    report_id = _ask(world, kind="annual", year=year - 1, edition="public")
    head = decision_log_head()
    report = _wait(report_id, _is_ready, worker)

    pdf = read(report, "pdf")
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) >= 2
    members = zip_members(report)
    package = json.loads(members["datapackage.json"])
    jsonschema.validate(package, DATA_PACKAGE_SCHEMA)
    csvs = {name for name in members if name.endswith(".csv")}
    assert csvs
    assert csvs == {r["path"] for r in package["resources"] if r["path"].endswith(".csv")}
    content = json.loads(read(report, "json"))
    assert head is not None
    assert (content["decision_log_head"]["seq"], content["decision_log_head"]["hash"]) == (
        head["seq"],
        head["hash"],
    )


def test_killing_the_pool_process_mid_build_leaves_one_ready_report_as_if_undisturbed(
    world, real_worker
) -> None:
    seed_report_data(world)
    worker = real_worker(REPORTS_TEST_STEP_DELAY="1.0")
    year = timezone.localdate().year

    report_id = _ask(world, kind="annual", year=year - 1, edition="members")
    _wait(report_id, lambda r: r.state == ReportState.BUILDING and r.progress >= 35, worker)
    os.kill(worker.pool_process(), signal.SIGKILL)

    report = _wait(report_id, _is_ready, worker)
    assert TransparencyReport.objects.filter(kind="annual", period=str(year - 1)).count() == 1
    assert report.attempts == 2  # the killed attempt and the one after it
    assert "WorkerLostError" in worker.output()
    disturbed = _open_data(report)

    correction = _wait(_correct(world, report_id), _is_ready, worker)
    assert _open_data(correction) == disturbed


def test_killing_the_whole_worker_mid_build_a_new_worker_finishes_it(world, real_worker) -> None:
    seed_report_data(world)
    first = real_worker(REPORTS_TEST_STEP_DELAY="1.0", REPORTS_WORKER_VISIBILITY_TIMEOUT="3")
    year = timezone.localdate().year

    report_id = _ask(world, kind="annual", year=year - 1, edition="public")
    _wait(report_id, lambda r: r.state == ReportState.BUILDING and r.progress >= 35, first)
    first.kill()
    assert TransparencyReport.objects.get(pk=report_id).state == ReportState.BUILDING

    second = real_worker(REPORTS_WORKER_VISIBILITY_TIMEOUT="3", REPORTS_WORKER_RESTORE_INTERVAL="1")
    report = _wait(report_id, _is_ready, second)
    assert "report_build_task" in second.output()  # delivered again, to the new worker
    assert TransparencyReport.objects.filter(kind="annual", period=str(year - 1)).count() == 1
    disturbed = _open_data(report)

    correction = _wait(_correct(world, report_id), _is_ready, second)
    assert _open_data(correction) == disturbed
