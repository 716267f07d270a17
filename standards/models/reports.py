"""RS performance reports against the alliance baseline (issue 18, items 2 and 3).

The secretariat opens a **reporting cycle** ("2026 annual") with a due date; its questionnaire
is the list of baseline requirements of the current baseline version on the day it opened,
frozen on the cycle. Each member organisation files one **report** per cycle, kept as
**versions**: a draft is saved and saved again; submitting freezes it; a later correction is a
new version with a reason, and the earlier versions stay (the report's history). Each version
holds one **answer** per requirement, each with its own disclosure level (``secretariat`` by
default): the organisation's own people read all of them, others only those at or below their
level, and only in submitted versions.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosedModel, DisclosureLevel, disclosure_field
from alliance_portal.text_limits import SHORT_NOTE, STATEMENT, BoundedTextField
from standards.models.registry import Element, StandardVersion


class CycleStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


@audit_trail()
class ReportingCycle(models.Model):
    """A round of RS performance reports, with the baseline requirements it asks about."""

    title = models.CharField(max_length=120, unique=True, help_text='For example "2026 annual".')
    opens_on = models.DateField()
    due_on = models.DateField(help_text="Reports submitted on or before this day are on time.")
    status = models.CharField(max_length=8, choices=CycleStatus.choices, default=CycleStatus.OPEN)
    baseline = models.ForeignKey(
        StandardVersion,
        on_delete=models.PROTECT,
        related_name="reporting_cycles",
        verbose_name="baseline version",
    )
    requirements: models.ManyToManyField[Element, CycleRequirement] = models.ManyToManyField(
        Element,
        through="CycleRequirement",
        related_name="+",
        verbose_name="questionnaire",
    )
    opened_by = models.ForeignKey(
        "alliance_portal.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-due_on", "-pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(due_on__gte=F("opens_on")),
                name="rs_reporting_cycle_due_after_opening",
                violation_error_message="A cycle is due on or after the day it opens.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("standards:cycle-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == CycleStatus.OPEN


class CycleRequirement(models.Model):
    """One question of a cycle's questionnaire: a baseline requirement, frozen in its order."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="questions")
    requirement = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ("cycle", "order")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("cycle", "requirement"), name="rs_cycle_requirement_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.requirement.ref}"


@audit_trail()
class Report(models.Model):
    """An organisation's report in a cycle: its versions are the drafts and submissions."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="reports")
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="rs_reports"
    )
    # The first submission: what "on time" is judged by (a correction does not change it).
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    owner_organisation_path: ClassVar[str | None] = "organisation_id"

    class Meta:
        ordering = ("cycle", "organisation__name")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("cycle", "organisation"), name="rs_report_one_per_cycle_and_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.cycle}"

    def get_absolute_url(self) -> str:
        return reverse("standards:report-detail", kwargs={"pk": self.pk})

    def on_time_by(self, due_on: date) -> bool | None:
        if self.first_submitted_at is None:
            return None
        return timezone.localdate(self.first_submitted_at) <= due_on

    @property
    def on_time(self) -> bool | None:
        """Submitted on or before the cycle's due date (None: not submitted yet)."""
        return self.on_time_by(self.cycle.due_on)


class VersionState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


@audit_trail()
class ReportVersion(models.Model):
    """One version of a report: number 1 is the first submission, later ones corrections."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=10, choices=VersionState.choices, default="draft")
    reason = BoundedTextField(
        "reason for the correction",
        max_length=STATEMENT,
        blank=True,
        help_text="Why the submitted report is corrected (every version after the first).",
    )
    created_by = models.ForeignKey(
        "alliance_portal.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        "alliance_portal.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("report", "number")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("report", "number"), name="rs_report_version_number"),
            models.UniqueConstraint(
                fields=("report",),
                condition=Q(state="draft"),
                name="rs_report_one_draft",
                violation_error_message="A report has one draft at a time.",
            ),
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(reason=""),
                name="rs_report_correction_has_reason",
                violation_error_message="Say why the report is corrected.",
            ),
            models.CheckConstraint(
                condition=Q(state="draft", submitted_at__isnull=True)
                | Q(state="submitted", submitted_at__isnull=False),
                name="rs_report_version_submitted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report}, version {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.state == VersionState.DRAFT

    @property
    def is_correction(self) -> bool:
        return self.number > 1


class AnswerStatus(models.TextChoices):
    IMPLEMENTED = "implemented", "Implemented"
    IN_PROGRESS = "in_progress", "In progress"
    PLANNED = "planned", "Planned"
    NOT_STARTED = "not_started", "Not started"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


@audit_trail()
class Answer(DisclosedModel):
    """What an organisation states about one baseline requirement in one report version."""

    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="answers")
    requirement = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=AnswerStatus.choices, blank=True)
    reason = BoundedTextField(
        "why it does not apply",
        max_length=SHORT_NOTE,
        blank=True,
        help_text='Required when the status is "not applicable".',
    )
    evidence_url = models.URLField(
        "evidence link",
        max_length=500,
        blank=True,
        help_text="A link to a published policy, audit summary or report (file uploads come later).",
    )
    narrative = BoundedTextField(max_length=STATEMENT, blank=True)
    plans = BoundedTextField(max_length=SHORT_NOTE, blank=True, help_text="What you plan next.")
    target_date = models.DateField(
        null=True, blank=True, help_text="When you plan to have it done."
    )
    disclosure = disclosure_field(DisclosureLevel.SECRETARIAT)

    owner_organisation_path: ClassVar[str | None] = "version__report__organisation_id"

    class Meta:
        ordering = ("version", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("version", "requirement"), name="rs_answer_one_per_requirement"
            ),
            models.CheckConstraint(
                condition=~Q(status="not_applicable") | ~Q(reason=""),
                name="rs_answer_not_applicable_has_reason",
                violation_error_message="Say why the requirement does not apply.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version}: {self.requirement.ref}"

    @property
    def status_label(self) -> str:
        return str(AnswerStatus(self.status).label) if self.status else "Not answered"
