"""``report.json``: every figure of a report, computed by the sections' selectors over the
period in one consistent snapshot of the database, before any output is drawn from it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from governance.reports.models import ReportEdition, ReportKind, TransparencyReport
from governance.reports.periods import Period, from_label
from governance.reports.sections import ReportContext, build_section, sections
from governance.reports.sections.decisions import decision_log_head, decision_log_signed_head
from governance.reports.values import canonical_bytes

SCHEMA = "https://alliance-portal.example/schemas/transparency-report/1"
EDITION_NOTES = {
    ReportEdition.PUBLIC: (
        "Public edition: built from public information only, exactly what anyone can read on "
        "the portal without signing in."
    ),
    ReportEdition.MEMBERS: (
        "Members' edition: also counts members-level information (members-only proposals, "
        "the stakeholder map, work in progress on the crosswalk and the glossary). Figures "
        "about members' own information are given only where at least three organisations "
        "contribute to them. Not for publication."
    ),
}


def report_title(kind: str, period: Period) -> str:
    if kind == ReportKind.QUARTERLY:
        return f"Quarterly transparency report, {period.title}"
    if kind == ReportKind.ANNUAL:
        return f"Annual transparency report {period.title}"
    return f"Transparency report, {period.title}"


@contextmanager
def snapshot() -> Iterator[None]:
    """A read-only REPEATABLE READ transaction: every section and the decision-log head see
    the same committed state. Inside an enclosing transaction (tests) that one is used."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def build_content(report: TransparencyReport) -> dict[str, Any]:
    """The content of ``report.json`` for ``report``. Nothing in it depends on when it is
    built: the same data gives the same content. (No progress is written from inside: the
    snapshot is a read-only transaction.)"""
    period = from_label(report.kind, report.period)
    context = ReportContext(period=period, edition=report.edition)
    with snapshot():
        head = decision_log_head()
        signed = decision_log_signed_head(head["seq"] if head else 0)
        built = [build_section(spec, context) for spec in sections()]
    names = [table["name"] for section in built for table in section["tables"]]
    if len(set(names)) != len(names):
        raise ValueError(f"two tables of the report share a name: {sorted(names)}")
    return {
        "schema": SCHEMA,
        "report": {
            "alliance": settings.ALLIANCE_NAME,
            "kind": report.kind,
            "edition": report.edition,
            "edition_title": report.edition_label,
            "number": report.number,
            "edition_note": EDITION_NOTES[ReportEdition(report.edition)] + correction_note(report),
            "title": report_title(report.kind, period),
            "period": {
                "label": period.label,
                "title": period.title,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "timezone": "UTC",
            },
        },
        "decision_log_head": head,
        "decision_log_signed_head": signed,
        "sections": built,
    }


def correction_note(report: TransparencyReport) -> str:
    """For a corrected edition, the sentence saying which edition it corrects ("" for the
    first): shown on the page, in the PDF and in the open data's description."""
    corrected = report.corrects
    if corrected is None:
        return ""
    published = f", published on {corrected.finished_at:%d %B %Y}" if corrected.finished_at else ""
    return (
        f" This is edition {report.number}: it corrects edition {corrected.number}"
        f"{published}, which stays available as it was."
    )


def content_bytes(content: dict[str, Any]) -> bytes:
    return canonical_bytes(content)
