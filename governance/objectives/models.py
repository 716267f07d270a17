"""The alliance's objectives with their indicators, and the register of RS issues with the
history of their status (agreed, contentious, parked)."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alliance_portal.audit import audit_trail
from alliance_portal.text_limits import DESCRIPTION, STATEMENT, BoundedTextField


class ObjectiveStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ACHIEVED = "achieved", "Achieved"
    RETIRED = "retired", "Retired"


@audit_trail()
class Objective(models.Model):
    """A clear, agreed objective of the alliance; its indicators show whether change is real."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    description = BoundedTextField(max_length=DESCRIPTION, blank=True, help_text="Markdown.")
    status = models.CharField(
        max_length=10, choices=ObjectiveStatus.choices, default=ObjectiveStatus.ACTIVE
    )
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("order", "title")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(status__in=ObjectiveStatus.values), name="objective_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


@audit_trail()
class Indicator(models.Model):
    """A measurable indicator of an objective: from a dated baseline to a dated target."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=40, help_text="e.g. %, tonnes, sites, people.")
    baseline_value = models.DecimalField(max_digits=18, decimal_places=4)
    baseline_date = models.DateField()
    target_value = models.DecimalField(max_digits=18, decimal_places=4)
    target_date = models.DateField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("objective", "order", "name")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(target_date__gt=models.F("baseline_date")),
                name="indicator_target_after_baseline",
            ),
            models.CheckConstraint(
                condition=~Q(target_value=models.F("baseline_value")),
                name="indicator_target_differs_from_baseline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.objective}: {self.name}"

    def progress(self, value: Decimal) -> Decimal:
        """How far ``value`` has come from the baseline towards the target, as a fraction
        (0 at the baseline, 1 at the target; below 0 means the indicator moved away)."""
        return (value - self.baseline_value) / (self.target_value - self.baseline_value)

    def latest_measurement(self) -> Measurement | None:
        """The most recent measurement (uses prefetched measurements when there are)."""
        measurements = sorted(self.measurements.all(), key=lambda m: m.measured_on)
        return measurements[-1] if measurements else None

    def latest_progress_percent(self) -> int | None:
        """Progress of the latest measurement in whole percent, or None before any."""
        latest = self.latest_measurement()
        if latest is None:
            return None
        return int((self.progress(latest.value) * 100).to_integral_value())


@audit_trail()
class Measurement(models.Model):
    """A dated value of an indicator. One per indicator and day."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField()
    value = models.DecimalField(max_digits=18, decimal_places=4)
    source = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("indicator", "measured_on")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("indicator", "measured_on"), name="measurement_once_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} on {self.measured_on}: {self.value}"


class IssueStatus(models.TextChoices):
    AGREED = "agreed", "Agreed"
    CONTENTIOUS = "contentious", "Contentious"
    PARKED = "parked", "Parked"


@audit_trail()
class Issue(models.Model):
    """An RS issue in the register: consensus first (agreed), contentious issues later,
    parked ones set aside for now. Its status changes only through ``issue_set_status``,
    which records why."""

    title = models.CharField(max_length=200, unique=True)
    description = BoundedTextField(max_length=DESCRIPTION, blank=True, help_text="Markdown.")
    status = models.CharField(max_length=12, choices=IssueStatus.choices)
    objective = models.ForeignKey(
        Objective, null=True, blank=True, on_delete=models.SET_NULL, related_name="issues"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("title",)
        verbose_name = "RS issue"
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(status__in=IssueStatus.values), name="issue_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


@audit_trail()
class IssueStatusChange(models.Model):
    """One step in an issue's history: from which status to which, why, by whom, when.
    The first step of an issue has an empty ``from_status``."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=IssueStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=IssueStatus.choices)
    reason = BoundedTextField(max_length=STATEMENT)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("issue", "changed_at", "pk")
        get_latest_by = "changed_at"
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~Q(from_status=models.F("to_status")),
                name="issuestatuschange_changes_something",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="issuestatuschange_has_a_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.issue}: {self.from_status or '—'} → {self.to_status}"
