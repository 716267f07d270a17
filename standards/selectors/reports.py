"""Reads of reporting cycles and RS performance reports, and the aggregates published from
them.

Who reads what: a cycle, its questionnaire and which organisations submitted (and when) are
public (a member's standing page says whether it reported on time). A report's answers are
read by its organisation's own people in full, drafts included; everyone else (the secretariat
too) reads its submitted versions only, and of them the answers at or below their disclosure
level (the secretariat: all).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from alliance_portal import policy
from alliance_portal.policy import principal
from members.models import Chamber, Organisation
from members.vocabularies import ValueChainStage
from standards.models import (
    Answer,
    AnswerStatus,
    CycleRequirement,
    Element,
    Report,
    ReportingCycle,
    ReportVersion,
    VersionState,
)
from standards.suppression import THRESHOLD, Suppressed, suppress

# --- Cycles ----------------------------------------------------------------------------------


def cycle_list() -> QuerySet[ReportingCycle]:
    """Every cycle, newest due first, with its number of questions and submitted reports."""
    return ReportingCycle.objects.annotate(
        question_count=Count("questions", distinct=True),
        submitted_count=Count(
            "reports", filter=Q(reports__first_submitted_at__isnull=False), distinct=True
        ),
    ).order_by("-due_on", "-pk")


def cycle_get(*, pk: int) -> ReportingCycle:
    cycle = cycle_list().select_related("baseline", "baseline__standard").filter(pk=pk).first()
    if cycle is None:
        raise Http404("No such reporting cycle.")
    return cycle


def cycle_questions(*, cycle: ReportingCycle) -> list[Element]:
    """The cycle's questionnaire: its baseline requirements in their frozen order."""
    return [
        question.requirement
        for question in CycleRequirement.objects.filter(cycle=cycle)
        .select_related("requirement")
        .order_by("order")
    ]


# --- Reports ---------------------------------------------------------------------------------


def _is_own(user: Any, organisation_id: int) -> bool:
    return principal(user).organisation_id == organisation_id


def submitted_reports(*, cycle: ReportingCycle) -> QuerySet[Report]:
    """The reports of ``cycle`` submitted at least once (public), by organisation."""
    return (
        Report.objects.filter(cycle=cycle, first_submitted_at__isnull=False)
        .select_related("organisation", "organisation__chamber", "cycle")
        .order_by("organisation__name", "pk")
    )


def own_report(*, user: Any, cycle: ReportingCycle) -> Report | None:
    """The report of the reader's organisation in ``cycle`` (None: none yet, or no
    organisation)."""
    organisation_id = principal(user).organisation_id
    if organisation_id is None:
        return None
    return (
        Report.objects.filter(cycle=cycle, organisation_id=organisation_id)
        .select_related("organisation", "cycle")
        .first()
    )


def report_list(
    *, user: Any, cycle: ReportingCycle | None = None, organisation: Organisation | None = None
) -> QuerySet[Report]:
    """The reports ``user`` may list: submitted ones, and all of the reader's organisation."""
    queryset = Report.objects.select_related("organisation", "cycle")
    condition = Q(first_submitted_at__isnull=False)
    organisation_id = principal(user).organisation_id
    if organisation_id is not None:
        condition |= Q(organisation_id=organisation_id)
    queryset = queryset.filter(condition)
    if cycle is not None:
        queryset = queryset.filter(cycle=cycle)
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    return queryset.order_by("-cycle__due_on", "organisation__name", "pk")


def report_get(*, user: Any, pk: int) -> Report:
    report = report_list(user=user).filter(pk=pk).first()
    if report is None:
        raise Http404("No such report.")
    return report


def readable_versions(*, user: Any, report: Report) -> list[ReportVersion]:
    """The versions of ``report`` the reader may open, newest first: all for its own people,
    the submitted ones for everyone else."""
    versions = report.versions.select_related("submitted_by", "created_by").order_by("-number")
    if not _is_own(user, report.organisation_id):
        versions = versions.filter(state=VersionState.SUBMITTED)
    return list(versions)


def latest_submitted(report: Report) -> ReportVersion | None:
    return report.versions.filter(state=VersionState.SUBMITTED).order_by("-number").first()


def draft_of(report: Report) -> ReportVersion | None:
    return report.versions.filter(state=VersionState.DRAFT).first()


def visible_answers(*, user: Any, version: ReportVersion) -> list[Answer]:
    """The answers of ``version`` the reader may read (by disclosure; own people: all), in
    the questionnaire's order. The reads of secretariat-level answers are recorded in the
    access log, under the reporting organisation (one insert; staff must have said why)."""
    order = dict(
        CycleRequirement.objects.filter(cycle_id=version.report.cycle_id).values_list(
            "requirement_id", "order"
        )
    )
    answers = list(
        policy.visible(user, Answer.objects.filter(version=version).select_related("requirement"))
    )
    for answer in answers:
        answer.version = version  # its owner, without a query per answer
    policy.record_reads(user, answers)
    return sorted(answers, key=lambda answer: (order.get(answer.requirement_id, 0), answer.pk))


# --- For the member standing page ------------------------------------------------------------


@dataclass(frozen=True)
class CycleStanding:
    cycle_id: int
    title: str
    due_on: date
    submitted_on: date | None
    on_time: bool | None  # None: not submitted


def reports_on_time(*, organisation: Organisation, user: Any) -> list[CycleStanding]:
    """Per cycle (newest first): its title, due date, the day ``organisation`` first submitted
    its report, and whether that was on time. Public facts: ``user`` is taken for symmetry
    with the other selectors (no answer is read here). Two queries."""
    from django.utils import timezone

    del user
    reports = {
        report.cycle_id: report
        for report in Report.objects.filter(
            organisation=organisation, first_submitted_at__isnull=False
        )
    }
    standings = []
    for cycle in ReportingCycle.objects.order_by("-due_on", "-pk"):
        report = reports.get(cycle.pk)
        submitted: datetime | None = report.first_submitted_at if report else None
        standings.append(
            CycleStanding(
                cycle_id=cycle.pk,
                title=cycle.title,
                due_on=cycle.due_on,
                submitted_on=timezone.localdate(submitted) if submitted else None,
                on_time=report.on_time_by(cycle.due_on) if report else None,
            )
        )
    return standings


# --- Aggregates ------------------------------------------------------------------------------

SUPPRESSED_TEXT = "fewer than 3 reports"


@dataclass(frozen=True)
class AggregateCell:
    contributors: int  # organisations answering other than "not applicable"
    implemented: int
    suppressed: bool

    @property
    def share(self) -> Decimal | None:
        if self.suppressed or not self.contributors:
            return None
        return (Decimal(100) * self.implemented / self.contributors).quantize(Decimal("1"))


@dataclass(frozen=True)
class AggregateRow:
    requirement: Element
    cells: list[AggregateCell]
    total: AggregateCell


@dataclass(frozen=True)
class AggregateTable:
    """Rows: baseline requirements; columns: chambers or value-chain stages; each row's total
    is over every reporting organisation."""

    title: str
    columns: list[str]
    rows: list[AggregateRow]


@dataclass(frozen=True)
class Aggregates:
    cycle: ReportingCycle
    reports: int
    by_chamber: AggregateTable
    by_stage: AggregateTable
    threshold: int = THRESHOLD


def _latest_submitted_answers(cycle: ReportingCycle) -> list[tuple[Answer, Organisation]]:
    """Every answer of the latest submitted version of each report of ``cycle`` (whatever
    its own disclosure level: only counts of 3 or more organisations leave this module)."""
    latest: dict[int, ReportVersion] = {}
    for version in ReportVersion.objects.filter(
        report__cycle=cycle, state=VersionState.SUBMITTED
    ).order_by("report_id", "number"):
        latest[version.report_id] = version
    answers = (
        Answer.objects.filter(version_id__in=[version.pk for version in latest.values()])
        .select_related("version__report__organisation")
        .only(
            "status",
            "requirement_id",
            "version__report__organisation__chamber_id",
            "version__report__organisation__value_chain_stages",
        )
    )
    return [(answer, answer.version.report.organisation) for answer in answers]


Keyed = dict[int, list[tuple[bool, list[int]]]]


@dataclass
class _Counts:
    contributors: list[list[int]]
    implemented: list[list[int]]
    totals: list[tuple[int, int]]
    hidden: Suppressed


def _count(requirements: list[Element], width: int, keyed: Keyed) -> _Counts:
    """``keyed[requirement_id]``: per contributing organisation, (implemented?, the indexes
    of the columns it counts in)."""
    contributors = [[0] * width for _ in requirements]
    implemented = [[0] * width for _ in requirements]
    totals: list[tuple[int, int]] = []
    for r, requirement in enumerate(requirements):
        entries = keyed.get(requirement.pk, [])
        for done, indexes in entries:
            for c in indexes:
                contributors[r][c] += 1
                implemented[r][c] += int(done)
        totals.append((len(entries), sum(int(done) for done, _indexes in entries)))
    return _Counts(contributors, implemented, totals, suppress(contributors, row_totals=True))


def _table(
    title: str,
    requirements: list[Element],
    columns: list[str],
    counts: _Counts,
    hidden_totals: set[int],
) -> AggregateTable:
    rows = []
    for r, requirement in enumerate(requirements):
        cells = [
            AggregateCell(
                counts.contributors[r][c],
                counts.implemented[r][c],
                (r, c) in counts.hidden.cells,
            )
            for c in range(len(columns))
        ]
        count, done = counts.totals[r]
        total = AggregateCell(count, done, r in hidden_totals or count < THRESHOLD)
        rows.append(AggregateRow(requirement, cells, total))
    return AggregateTable(title, columns, rows)


def report_aggregates(*, cycle: ReportingCycle) -> Aggregates:
    """Per baseline requirement of ``cycle``, the share of organisations reporting it
    implemented, by chamber and by value-chain stage, over the latest submitted version of
    each report. The same table for every reader, the secretariat included: a cell is shown
    only with at least 3 contributing organisations, and secondary suppression keeps a hidden
    cell from being worked out by subtraction. Answers "not applicable" are not counted."""
    requirements = cycle_questions(cycle=cycle)
    chambers = list(Chamber.objects.order_by("order", "name"))
    chamber_index = {chamber.pk: index for index, chamber in enumerate(chambers)}
    stages = list(ValueChainStage)
    stage_index = {stage.value: index for index, stage in enumerate(stages)}
    by_chamber: Keyed = defaultdict(list)
    by_stage: Keyed = defaultdict(list)
    organisations: set[int] = set()
    for answer, organisation in _latest_submitted_answers(cycle):
        organisations.add(organisation.pk)
        if not answer.status or answer.status == AnswerStatus.NOT_APPLICABLE:
            continue
        done = answer.status == AnswerStatus.IMPLEMENTED
        chamber = chamber_index.get(organisation.chamber_id) if organisation.chamber_id else None
        by_chamber[answer.requirement_id].append((done, [chamber] if chamber is not None else []))
        by_stage[answer.requirement_id].append(
            (
                done,
                sorted(
                    stage_index[stage]
                    for stage in organisation.value_chain_stages
                    if stage in stage_index
                ),
            )
        )
    chamber_counts = _count(requirements, len(chambers), by_chamber)
    stage_counts = _count(requirements, len(stages), by_stage)
    # Both tables show each requirement's total: hidden in one, it is hidden in both (or the
    # other table's total would undo the first one's protection).
    hidden_totals = set(chamber_counts.hidden.row_totals | stage_counts.hidden.row_totals)
    return Aggregates(
        cycle=cycle,
        reports=len(organisations),
        by_chamber=_table(
            "By chamber",
            requirements,
            [chamber.name for chamber in chambers],
            chamber_counts,
            hidden_totals,
        ),
        by_stage=_table(
            "By value-chain stage",
            requirements,
            [str(stage.label) for stage in stages],
            stage_counts,
            hidden_totals,
        ),
    )
