"""Access cases of the transparency reports.

``populate`` adds a ready public report and a ready members' edition (each with small files in
storage: the matrix checks who may read, not what a build writes), a report being built and a
failed one.
The public edition is everyone's; the members' edition people at the members' level; asking
for a report, building a failed one again and publishing a corrected edition of a published one
are the secretariat's.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from governance.reports.models import ReportFile, ReportState, TransparencyReport
from tests.access.matrix import Case

REDIRECT = frozenset({302})


def _ready(edition: str) -> TransparencyReport:
    report = TransparencyReport.objects.create(
        kind="annual",
        period="2024",
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        edition=edition,
        state=ReportState.READY,
        step="Ready",
        progress=100,
        finished_at=timezone.now(),
        attempts=1,
    )
    content: dict[str, object] = {
        "schema": "test",
        "report": {
            "kind": "annual",
            "edition": edition,
            "edition_note": f"The {edition} edition.",
            "title": "Annual transparency report 2024",
            "period": {"label": "2024", "start": "2024-01-01", "end": "2024-12-31"},
        },
        "decision_log_head": None,
        "sections": [],
    }
    outputs = {
        "json": json.dumps(content).encode(),
        "pdf": b"%PDF-1.7 matrix",
        "zip": b"PK matrix",
    }
    for kind, data in outputs.items():
        name = default_storage.save(f"reports/matrix/{edition}.{kind}", ContentFile(data))
        ReportFile.objects.create(
            report=report,
            kind=kind,
            file=name,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
    return report


def populate(world) -> None:
    if "governance_reports" in world.extra:
        return
    public = _ready("public")
    members = _ready("members")
    building = TransparencyReport.objects.create(
        kind="quarterly",
        period="2024-Q4",
        period_start=date(2024, 10, 1),
        period_end=date(2024, 12, 31),
        state=ReportState.BUILDING,
        step="Typesetting the PDF",
        progress=55,
    )
    failed = TransparencyReport.objects.create(
        kind="quarterly",
        period="2024-Q3",
        period_start=date(2024, 7, 1),
        period_end=date(2024, 9, 30),
        state=ReportState.FAILED,
        step="Failed",
        error="PdfError: matrix",
        attempts=1,
    )
    world.extra["governance_reports"] = {
        "public": public,
        "members": members,
        "building": building,
        "failed": failed,
    }


def _get(world, key: str) -> TransparencyReport:
    populate(world)  # the API test gets the bare world
    report: TransparencyReport = world.extra["governance_reports"][key]
    return report


def _pk(key: str):
    return lambda world: {"pk": _get(world, key).pk}


def _id(key: str):
    return lambda world: {"id": _get(world, key).pk}


def _file(key: str, kind: str):
    return lambda world: {"pk": _get(world, key).pk, "kind": kind}


PAGES: dict[str, list[Case]] = {
    "governance:report-list": [
        Case("public"),
        Case(
            "secretariat",
            method="post",
            data={"kind": "annual", "edition": "public", "year": "2023"},
            ok=REDIRECT,
            label="ask for a report (the second staff role finds it queued)",
        ),
    ],
    "governance:report-detail": [
        Case("public", kwargs=_pk("public"), label="public edition"),
        Case("public", kwargs=_pk("building"), label="public edition being built"),
        Case("members", kwargs=_pk("members"), label="members' edition"),
    ],
    "governance:report-rebuild": [
        Case("secretariat", kwargs=_pk("failed"), method="post", ok=REDIRECT),
    ],
    "governance:report-correct": [
        Case(
            "secretariat",
            kwargs=_pk("public"),
            method="post",
            ok=REDIRECT,
            label="publish a corrected edition of the public edition",
        ),
    ],
    "governance:report-file": [
        Case("public", kwargs=_file("public", "pdf"), label="public edition's PDF"),
        Case("public", kwargs=_file("public", "zip"), label="public edition's open data"),
        Case("members", kwargs=_file("members", "json"), label="members' edition's report.json"),
    ],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/reports/"): [Case("public")],
    ("post", "/api/v1/reports/"): [
        Case(
            "secretariat",
            data={"kind": "quarterly", "year": 2023, "quarter": 2, "edition": "members"},
            ok=frozenset({200, 201}),
            label="201 new, then 200 for the second staff role (queued already)",
        )
    ],
    ("get", "/api/v1/reports/{id}/"): [
        Case("public", kwargs=_id("public"), label="public edition"),
        Case("members", kwargs=_id("members"), label="members' edition"),
    ],
    ("get", "/api/v1/reports/{id}/progress/"): [
        Case("public", kwargs=_id("building"), label="public edition being built"),
        Case("members", kwargs=_id("members"), label="members' edition"),
    ],
    ("post", "/api/v1/reports/{id}/rebuild/"): [
        Case("secretariat", kwargs=_id("failed"), label="build a failed report again"),
    ],
    ("post", "/api/v1/reports/{id}/correct/"): [
        Case(
            "secretariat",
            kwargs=_id("public"),
            ok=frozenset({200, 201}),
            label="201 a corrected edition, 200 for the second staff role (asked for already)",
        ),
    ],
}
