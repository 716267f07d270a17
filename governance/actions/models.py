"""Action items after an adopted decision, their milestones, the owner's progress updates and
the decision-log statements about them.

Dates kept for the balance figures: ``started_at`` is when the status first became
``in_progress`` (or ``done`` without it), ``done_at`` when it became ``done``; neither is ever
cleared. ``original_due_date`` is the first due date, ``due_date`` the one in force."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosedModel, DisclosureLevel, disclosure_field
from alliance_portal.text_limits import DESCRIPTION, SHORT_NOTE, STATEMENT, BoundedTextField
from governance.decision_log.models import DecisionLogEntry, PublishedDecision
from members.models import Organisation, Person


class ActionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    BLOCKED = "blocked", "Blocked"
    CANCELLED = "cancelled", "Cancelled"


# A reason is required for these; the last two are final.
NEEDS_REASON = (ActionStatus.BLOCKED, ActionStatus.CANCELLED)
FINAL = (ActionStatus.DONE, ActionStatus.CANCELLED)


class ProgressMode(models.TextChoices):
    PERCENT = "percent", "In percent"
    MILESTONES = "milestones", "By milestones"


def overdue_q(today: date) -> Q:
    """Past its due date and neither done nor cancelled."""
    return Q(due_date__lt=today) & ~Q(status__in=FINAL)


@audit_trail()
class ActionItem(DisclosedModel):
    """One thing an organisation (``owner``) does to carry out an adopted decision, by a due
    date. Public by default; the owner's people see it whatever its level."""

    decision = models.ForeignKey(
        PublishedDecision, on_delete=models.PROTECT, related_name="action_items"
    )
    title = models.CharField(max_length=200)
    description = BoundedTextField(max_length=DESCRIPTION, blank=True, help_text="Markdown.")
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name="owner organisation",
    )
    responsible = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="responsible person",
        help_text="A person of the owner organisation.",
    )
    countries = ArrayField(
        models.CharField(max_length=2),
        default=list,
        blank=True,
        help_text="Countries the action concerns beyond its decision's.",
    )
    due_date = models.DateField()
    original_due_date = models.DateField(editable=False)
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    status_reason = BoundedTextField(max_length=STATEMENT, blank=True)
    progress_mode = models.CharField(
        max_length=10, choices=ProgressMode.choices, default=ProgressMode.PERCENT
    )
    percent = models.PositiveSmallIntegerField(default=0)
    disclosure = disclosure_field(default=DisclosureLevel.PUBLIC)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    done_at = models.DateTimeField(null=True, blank=True, editable=False)

    owner_organisation_path: ClassVar[str] = "owner_id"

    class Meta:
        ordering = ("due_date", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(condition=~Q(title=""), name="actionitem_has_a_title"),
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values), name="actionitem_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=NEEDS_REASON) | ~Q(status_reason=""),
                name="actionitem_blocked_or_cancelled_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(percent__lte=100), name="actionitem_percent_at_most_100"
            ),
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.DONE) | Q(done_at__isnull=False),
                name="actionitem_done_has_date",
            ),
            models.CheckConstraint(
                condition=Q(disclosure__in=DisclosureLevel.values),
                name="actionitem_disclosure_valid",
            ),
            models.CheckConstraint(
                condition=Q(progress_mode__in=ProgressMode.values),
                name="actionitem_progress_mode_valid",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=("status", "due_date"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:action-detail", kwargs={"pk": self.pk})

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.due_date < today and self.status not in FINAL

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def done_on_time(self) -> bool | None:
        """True when done by its due date, False when done late; None until done."""
        if self.done_at is None:
            return None
        return timezone.localdate(self.done_at) <= self.due_date

    @property
    def rescheduled(self) -> bool:
        return self.due_date != self.original_due_date


@audit_trail()
class ActionMilestone(models.Model):
    """A step of an action measured by milestones: a title, a due date, done or not."""

    action = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    due_date = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("action", "position")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("action", "position"), name="actionmilestone_position_once"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="actionmilestone_has_a_title"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def done(self) -> bool:
        return self.done_on is not None


@audit_trail()
class ProgressUpdate(models.Model):
    """A dated entry of an action's timeline, by a person of the owner organisation: what was
    done (Markdown), a link to the evidence, and the status and progress it left the action
    in (``status`` empty: unchanged)."""

    action = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="updates")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    posted_at = models.DateTimeField(default=timezone.now)
    text = BoundedTextField(max_length=STATEMENT, blank=True, help_text="Markdown.")
    evidence_url = models.URLField(blank=True, max_length=500)  # before the library; kept
    evidence_document = models.ForeignKey(
        "governance.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=12, choices=ActionStatus.choices, blank=True)
    reason = BoundedTextField(max_length=SHORT_NOTE, blank=True)
    percent = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ("action", "posted_at", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(status="") | Q(percent__isnull=False),
                name="progressupdate_says_something",
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__lte=100),
                name="progressupdate_percent_at_most_100",
            ),
        ]

    def __str__(self) -> str:
        return f"Update of {self.action} on {self.posted_at:%Y-%m-%d}"


class StatementOccasion(models.TextChoices):
    DONE = "done", "Carried out"
    CANCELLED = "cancelled", "Not carried out"
    RESCHEDULED = "rescheduled", "New due date"


@audit_trail()
class ActionStatement(models.Model):
    """A ``statement`` entry of the public decision log about an action: the decision was
    carried out, why not, or its new date (``due_date`` is the date said)."""

    action = models.ForeignKey(ActionItem, on_delete=models.PROTECT, related_name="statements")
    entry = models.OneToOneField(DecisionLogEntry, on_delete=models.PROTECT, related_name="+")
    occasion = models.CharField(max_length=12, choices=StatementOccasion.choices)
    due_date = models.DateField()

    class Meta:
        ordering = ("action", "entry")

    def __str__(self) -> str:
        return f"{self.get_occasion_display()}: {self.action}"
