"""Demo RS reports: a closed "2025 annual" cycle with submitted reports from 14 member
organisations (answers at mixed disclosure levels, three reports late, one corrected), and an
open "2026 annual" cycle with three drafts. Deterministic and idempotent: a cycle whose title
exists already is left as it is."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from members.models import MembershipStatus, Organisation
from standards import services
from standards.models import AnswerStatus, Element, Report, ReportingCycle, ReportVersion
from standards.selectors.reports import cycle_questions

CLOSED = ("2025 annual", date(2025, 10, 1), date(2026, 1, 31))
OPEN = ("2026 annual", date(2026, 11, 1), date(2027, 2, 28))
REPORTERS = 14
LATE = {3, 8, 12}  # these reporters submitted after the due date
CORRECTED = 5  # this one corrected its report later, with a reason
DRAFTS = 3

# Cycled over (reporter, requirement) so the aggregates hold every kind of cell.
STATUSES = (
    AnswerStatus.IMPLEMENTED,
    AnswerStatus.IMPLEMENTED,
    AnswerStatus.IN_PROGRESS,
    AnswerStatus.IMPLEMENTED,
    AnswerStatus.PLANNED,
    AnswerStatus.NOT_STARTED,
    AnswerStatus.IMPLEMENTED,
)
LEVELS = (DisclosureLevel.PUBLIC, DisclosureLevel.MEMBERS, DisclosureLevel.SECRETARIAT)


def _answers(index: int, requirements: list[Element]) -> list[services.AnswerFields]:
    answers = []
    for position, requirement in enumerate(requirements):
        status = STATUSES[(index * 3 + position) % len(STATUSES)]
        if (index + position) % 17 == 0:
            status = AnswerStatus.NOT_APPLICABLE
        level = LEVELS[(index + position) % len(LEVELS)]
        answers.append(
            services.AnswerFields(
                requirement=requirement,
                status=status,
                reason="We run no sites where this arises."
                if status == AnswerStatus.NOT_APPLICABLE
                else "",
                evidence_url=f"https://example.org/rs-report/{index}/{requirement.ref}"
                if status == AnswerStatus.IMPLEMENTED
                else "",
                narrative=f"How we approach {requirement.title.lower()}.",
                plans="Extend it to every site."
                if status in (AnswerStatus.IN_PROGRESS, AnswerStatus.PLANNED)
                else "",
                target_date=date(2027, 6, 30)
                if status in (AnswerStatus.IN_PROGRESS, AnswerStatus.PLANNED)
                else None,
                disclosure=level,
            )
        )
    return answers


def _on(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def seed() -> None:
    organisations = list(
        Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE).order_by("name")
    )
    if not ReportingCycle.objects.filter(title=CLOSED[0]).exists():
        title, opens_on, due_on = CLOSED
        cycle = services.reporting_cycle_open(
            actor=SYSTEM, title=title, opens_on=opens_on, due_on=due_on
        )
        requirements = cycle_questions(cycle=cycle)
        for index, organisation in enumerate(organisations[:REPORTERS]):
            version = services.report_save_draft(
                actor=SYSTEM,
                cycle=cycle,
                organisation=organisation,
                answers=_answers(index, requirements),
            )
            services.report_submit(actor=SYSTEM, report=version.report)
            # The demo dates each submission back into the cycle (a real one is dated now).
            day = date(2026, 2, 10 + index) if index in LATE else date(2026, 1, 5 + index)
            ReportVersion.objects.filter(pk=version.pk).update(submitted_at=_on(day))
            Report.objects.filter(pk=version.report_id).update(first_submitted_at=_on(day))
            if index == CORRECTED:
                report = Report.objects.get(pk=version.report_id)
                services.report_correct(
                    actor=SYSTEM,
                    report=report,
                    reason="Our grievance mechanism went live after we first reported.",
                )
                services.report_save_draft(
                    actor=SYSTEM,
                    cycle=cycle,
                    organisation=organisation,
                    answers=_answers(index + 1, requirements),
                )
                correction = services.report_submit(actor=SYSTEM, report=report)
                ReportVersion.objects.filter(pk=correction.pk).update(
                    submitted_at=_on(date(2026, 3, 2))
                )
        services.reporting_cycle_close(actor=SYSTEM, cycle=cycle)
    if not ReportingCycle.objects.filter(title=OPEN[0]).exists():
        title, opens_on, due_on = OPEN
        cycle = services.reporting_cycle_open(
            actor=SYSTEM, title=title, opens_on=opens_on, due_on=due_on
        )
        requirements = cycle_questions(cycle=cycle)
        for index, organisation in enumerate(organisations[:DRAFTS]):
            services.report_save_draft(
                actor=SYSTEM,
                cycle=cycle,
                organisation=organisation,
                answers=_answers(index + 2, requirements)[: len(requirements) // 2],
            )
