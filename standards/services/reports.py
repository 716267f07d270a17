"""Writes of RS performance reports: the secretariat opens and closes reporting cycles; an
organisation's representative saves its report's draft, submits it (which freezes it) and
corrects a submitted report with a new version and a reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.competition_law import commercial_problems
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.models import User
from alliance_portal.text_limits import length_problem
from alliance_portal.types import Actor
from members.models import AgreementKind, Organisation, Person
from members.selectors.organisations import agreements_to_accept
from standards.models import (
    Answer,
    AnswerStatus,
    CycleRequirement,
    CycleStatus,
    Element,
    Report,
    ReportingCycle,
    ReportVersion,
    VersionState,
)
from standards.selectors.registry import baseline_requirements, baseline_version

ANSWER_FIELDS = (
    "status",
    "reason",
    "evidence_url",
    "narrative",
    "plans",
    "target_date",
    "disclosure",
)


@dataclass(frozen=True)
class AnswerFields:
    """What an organisation states about one requirement (the form, the API alike)."""

    requirement: Element
    status: str = ""
    reason: str = ""
    evidence_url: str = ""
    narrative: str = ""
    plans: str = ""
    target_date: date | None = None
    disclosure: str = DisclosureLevel.SECRETARIAT


# --- Cycles ----------------------------------------------------------------------------------


@use_case
def reporting_cycle_open(
    *, actor: Actor, title: str, opens_on: date, due_on: date
) -> ReportingCycle:
    """Open a cycle; its questionnaire is the current baseline's requirements, frozen now."""
    policy.require(actor, "reporting_cycle.open", None)
    errors: dict[str, str] = {}
    title = title.strip()
    if not title:
        errors["title"] = 'Enter a title, for example "2026 annual".'
    elif ReportingCycle.objects.filter(title__iexact=title).exists():
        errors["title"] = "A cycle with this title exists already: choose another title."
    if due_on < opens_on:
        errors["due_on"] = "Enter a due date on or after the opening date."
    baseline = baseline_version()
    requirements = baseline_requirements(baseline=baseline) if baseline else []
    if not requirements:
        errors["__all__"] = (
            "The alliance baseline has no current version with requirements: make one current "
            "before opening a cycle."
        )
    if errors or baseline is None:
        raise ValidationError(errors)
    cycle = ReportingCycle.objects.create(
        title=title,
        opens_on=opens_on,
        due_on=due_on,
        baseline=baseline,
        opened_by=actor if isinstance(actor, User) else None,
    )
    CycleRequirement.objects.bulk_create(
        CycleRequirement(cycle=cycle, requirement=requirement, order=index)
        for index, requirement in enumerate(requirements)
    )
    return cycle


@use_case
def reporting_cycle_close(*, actor: Actor, cycle: ReportingCycle) -> ReportingCycle:
    """Close a cycle: no first submissions after this (corrections stay possible)."""
    policy.require(actor, "reporting_cycle.close", cycle)
    locked = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if locked.status == CycleStatus.CLOSED:
        raise ValidationError({"__all__": "This cycle is closed already."})
    locked.status = CycleStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    return locked


# --- Reports ---------------------------------------------------------------------------------


def _latest(report: Report) -> ReportVersion | None:
    return report.versions.order_by("-number").first()


def _checked_answers(
    cycle: ReportingCycle, answers: Sequence[AnswerFields], *, complete: bool
) -> dict[str, list[str]] | None:
    """Every problem of ``answers`` at once (``complete``: as for a submission, every
    requirement needs a status)."""
    questions = list(CycleRequirement.objects.filter(cycle=cycle).select_related("requirement"))
    asked = {question.requirement_id for question in questions}
    given = {answer.requirement.pk: answer for answer in answers}
    problems: list[str] = []
    for answer in answers:
        name = f"{answer.requirement.ref} {answer.requirement.title}"
        if answer.requirement.pk not in asked:
            problems.append(f"{name}: this cycle does not ask about this requirement.")
            continue
        if answer.status and answer.status not in AnswerStatus.values:
            problems.append(f"{name}: choose a status from the list.")
        if answer.status == AnswerStatus.NOT_APPLICABLE and not answer.reason.strip():
            problems.append(f"{name}: say why it does not apply.")
        if answer.disclosure not in DisclosureLevel.values:
            problems.append(f"{name}: choose who may read this answer.")
        for field in ("reason", "narrative", "plans"):
            problem = length_problem(Answer, field, getattr(answer, field).strip())
            if problem:
                problems.append(f"{name}: {problem}")
        texts = {field: getattr(answer, field) for field in ("reason", "narrative", "plans")}
        problems += commercial_problems(texts, prefix=f"{name}: ").values()
    if complete:
        for question in questions:
            given_answer = given.get(question.requirement_id)
            if given_answer is None or not given_answer.status:
                requirement = question.requirement
                problems.append(f"{requirement.ref} {requirement.title}: choose a status.")
    return {"answers": problems} if problems else None


def _write_answers(version: ReportVersion, answers: Sequence[AnswerFields]) -> None:
    existing = {answer.requirement_id: answer for answer in version.answers.all()}
    for fields in answers:
        answer = existing.get(fields.requirement.pk) or Answer(
            version=version, requirement=fields.requirement
        )
        answer.status = fields.status
        answer.reason = fields.reason.strip()
        answer.evidence_url = fields.evidence_url.strip()
        answer.narrative = fields.narrative.strip()
        answer.plans = fields.plans.strip()
        answer.target_date = fields.target_date
        answer.disclosure = fields.disclosure
        answer.full_clean(exclude=["version", "requirement"])
        answer.save()


def protocol_problem(actor: Actor) -> str | None:
    """Why ``actor`` may not submit member information yet: a missing or outdated acceptance
    of the information-sharing protocol (None when there is nothing to accept)."""
    if not isinstance(actor, User):
        return None
    person = Person.objects.filter(user_id=actor.pk).first()
    if person is None:
        return None
    pending = agreements_to_accept(person=person)
    if any(agreement.kind == AgreementKind.PROTOCOL for agreement in pending):
        return (
            "Accept the current information-sharing protocol before submitting: it is on "
            f"your agreements page ({reverse('members:agreements')})."
        )
    return None


@use_case
def report_save_draft(
    *,
    actor: Actor,
    cycle: ReportingCycle,
    organisation: Organisation,
    answers: Sequence[AnswerFields],
) -> ReportVersion:
    """Save (again) the draft of ``organisation``'s report in ``cycle``: the first draft, or
    the draft of a correction. A submitted version is never changed."""
    policy.require(actor, "rs_report.edit", organisation)
    report, _ = Report.objects.get_or_create(cycle=cycle, organisation=organisation)
    report = Report.objects.select_for_update().get(pk=report.pk)
    latest = _latest(report)
    if latest is not None and not latest.is_draft:
        raise ValidationError(
            {"__all__": "This report is submitted and cannot be changed: correct it instead."}
        )
    if latest is None and not cycle.is_open:
        raise ValidationError({"__all__": "This cycle is closed: it takes no new reports."})
    problems = _checked_answers(cycle, answers, complete=False)
    if problems:
        raise ValidationError(problems)
    version = latest or ReportVersion.objects.create(
        report=report, number=1, created_by=actor if isinstance(actor, User) else None
    )
    _write_answers(version, answers)
    version.save(update_fields=["updated_at"])
    return version


@use_case
def report_submit(*, actor: Actor, report: Report) -> ReportVersion:
    """Submit the report's draft: it is frozen from now on. Refused while the person's
    acceptance of the information-sharing protocol is missing or outdated."""
    policy.require(actor, "rs_report.submit", report.organisation)
    report = Report.objects.select_for_update().select_related("cycle").get(pk=report.pk)
    latest = _latest(report)
    errors: dict[str, list[str]] = {}
    if latest is None or not latest.is_draft:
        errors["__all__"] = ["There is no draft to submit."]
    elif latest.number == 1 and not report.cycle.is_open:
        errors["__all__"] = ["This cycle is closed: it takes no new reports."]
    problem = protocol_problem(actor)
    if problem:
        errors.setdefault("__all__", []).append(problem)
    if latest is not None and latest.is_draft:
        saved = [
            AnswerFields(
                requirement=answer.requirement,
                **{name: getattr(answer, name) for name in ANSWER_FIELDS},
            )
            for answer in latest.answers.select_related("requirement")
        ]
        problems = _checked_answers(report.cycle, saved, complete=True)
        if problems:
            errors.update(problems)
    if errors or latest is None:
        raise ValidationError(errors)
    now = timezone.now()
    latest.state = VersionState.SUBMITTED
    latest.submitted_at = now
    latest.submitted_by = actor if isinstance(actor, User) else None
    latest.save(update_fields=["state", "submitted_at", "submitted_by", "updated_at"])
    if report.first_submitted_at is None:
        report.first_submitted_at = now
        report.save(update_fields=["first_submitted_at"])
    return latest


@use_case
def report_correct(*, actor: Actor, report: Report, reason: str) -> ReportVersion:
    """Start a correction of a submitted report: a new draft version, with the reason, holding
    a copy of the last submitted answers. The earlier versions stay as they were."""
    policy.require(actor, "rs_report.correct", report.organisation)
    report = Report.objects.select_for_update().get(pk=report.pk)
    latest = _latest(report)
    errors: dict[str, str] = {}
    if latest is None or latest.is_draft:
        errors["__all__"] = (
            "Only a submitted report is corrected: edit the draft and submit it instead."
        )
    reason = reason.strip()
    if not reason:
        errors["reason"] = "Say why the report is corrected: the reason is kept in its history."
    else:
        problem = length_problem(ReportVersion, "reason", reason)
        if problem:
            errors["reason"] = problem
    if errors or latest is None:
        raise ValidationError(errors)
    number = (report.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = ReportVersion.objects.create(
        report=report,
        number=number,
        reason=reason,
        created_by=actor if isinstance(actor, User) else None,
    )
    Answer.objects.bulk_create(
        Answer(
            version=version,
            requirement_id=answer.requirement_id,
            **{name: getattr(answer, name) for name in ANSWER_FIELDS},
        )
        for answer in latest.answers.all()
    )
    return version
