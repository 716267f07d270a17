"""Access cases of RS performance reports (issue 18, items 2 and 3): cycles, submitted reports
(their answers by disclosure) and the aggregates are public; the secretariat opens and closes
cycles; only the organisation's representative files, submits and corrects its report (not
even the secretariat answers for an organisation)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from standards import services
from standards.models import AnswerStatus, Element, ReportingCycle
from tests.access.cases import standards as standards_cases
from tests.access.matrix import Case

TODAY = timezone.localdate()


def _cycle(title: str) -> ReportingCycle:
    return services.reporting_cycle_open(
        actor=SYSTEM, title=title, opens_on=TODAY - timedelta(days=5), due_on=TODAY
    )


def _answers(level: str = DisclosureLevel.PUBLIC) -> list[services.AnswerFields]:
    baseline = Element.objects.filter(version__standard__code=standards_cases.BASELINE)
    return [
        services.AnswerFields(
            requirement=element, status=AnswerStatus.IMPLEMENTED, disclosure=level
        )
        for element in baseline.filter(kind="requirement").order_by("ref")
    ]


def _file(cycle: ReportingCycle, organisation: Any, *, submit: bool = True) -> Any:
    version = services.report_save_draft(
        actor=SYSTEM, cycle=cycle, organisation=organisation, answers=_answers()
    )
    if submit:
        services.report_submit(actor=SYSTEM, report=version.report)
    return version.report


def populate(world) -> None:
    """Cycles (after the standards cases' baseline): one where A and B submitted, one to
    close, one where A has nothing yet, one where A holds a complete draft."""
    if "reports" in world.extra:
        return
    standards_cases.populate(world)
    filed = _cycle("Matrix filed cycle")
    world.extra["reports"] = {
        "filed": filed,
        "to-close": _cycle("Matrix cycle to close"),
        "empty": _cycle("Matrix empty cycle"),
        "own": _file(filed, world.own),
        "other": _file(filed, world.other),
        "own-draft": _file(_cycle("Matrix draft cycle"), world.own, submit=False),
    }


def _pk(key: str, name: str = "pk"):
    def kwargs(world) -> dict[str, Any]:
        populate(world)
        return {name: world.extra["reports"][key].pk}

    return kwargs


def _none(world) -> dict[str, Any]:
    populate(world)
    return {}


PAGES: dict[str, list[Case]] = {
    "standards:cycle-list": [Case("public", kwargs=_none)],
    "standards:cycle-open": [Case("secretariat", kwargs=_none)],
    "standards:cycle-detail": [Case("public", kwargs=_pk("filed"))],
    "standards:cycle-close": [
        Case("secretariat", kwargs=_pk("to-close"), method="post", ok=frozenset({302}))
    ],
    "standards:cycle-aggregates": [Case("public", kwargs=_pk("filed"))],
    "standards:report-form": [Case("representative", kwargs=_pk("empty"))],
    "standards:report-detail": [
        Case("public", kwargs=_pk("other"), label="another's"),
        Case("public", kwargs=_pk("own"), label="own organisation's"),
    ],
    "standards:report-correct": [Case("representative", kwargs=_pk("own"))],
}

API: dict[tuple[str, str], list[Case]] = {
    ("get", "/api/v1/reporting-cycles/"): [Case("public", kwargs=_none)],
    ("post", "/api/v1/reporting-cycles/"): [
        Case(
            "secretariat",
            kwargs=_none,
            data={"title": "Matrix new cycle", "opens_on": "2026-01-01", "due_on": "2026-03-31"},
            # The superuser, after the secretariat, meets the title taken.
            ok=frozenset({201, 400}),
        )
    ],
    ("get", "/api/v1/reporting-cycles/{id}/"): [Case("public", kwargs=_pk("filed", "id"))],
    ("post", "/api/v1/reporting-cycles/{id}/close/"): [
        Case("secretariat", kwargs=_pk("to-close", "id"), ok=frozenset({200, 400}))
    ],
    ("get", "/api/v1/reporting-cycles/{id}/aggregates/"): [
        Case("public", kwargs=_pk("filed", "id"))
    ],
    ("put", "/api/v1/reporting-cycles/{id}/my-report/"): [
        Case(
            "representative",
            kwargs=_pk("empty", "id"),
            data={"answers": [{"ref": "B-1.1", "status": "planned", "plans": "Next year"}]},
        )
    ],
    ("get", "/api/v1/rs-reports/"): [Case("public", kwargs=_none)],
    ("get", "/api/v1/rs-reports/{id}/"): [
        Case("public", kwargs=_pk("other", "id"), label="another's"),
        Case("public", kwargs=_pk("own", "id"), label="own organisation's"),
    ],
    ("post", "/api/v1/rs-reports/{id}/submit/"): [
        Case("representative", kwargs=_pk("own-draft", "id"))
    ],
    ("post", "/api/v1/rs-reports/{id}/correct/"): [
        Case(
            "representative",
            kwargs=_pk("own", "id"),
            data={"reason": "A link moved."},
            ok=frozenset({201}),
        )
    ],
}
