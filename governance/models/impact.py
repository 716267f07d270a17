"""Impact assessments: the options considered, the one chosen and why (its trade-offs), and
the cost of action and of inaction per dimension. One is required before a ballot opens."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from alliance_portal.audit import audit_trail
from governance.models.proposals import Proposal


@audit_trail()
class ImpactAssessment(models.Model):
    """The impact assessment of a proposal. ``rationale`` says why the chosen option was
    chosen, ``trade_offs`` what is given up for it (both Markdown)."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="impact_assessment"
    )
    rationale = models.TextField(help_text="Why the chosen option (Markdown).")
    trade_offs = models.TextField(help_text="What is given up, and for whom (Markdown).")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=~Q(rationale=""), name="impact_has_a_rationale"),
        ]

    def __str__(self) -> str:
        return f"Impact assessment of {self.proposal}"


@audit_trail()
class ImpactOption(models.Model):
    """One option considered; exactly one per assessment is the chosen one."""

    assessment = models.ForeignKey(
        ImpactAssessment, on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Markdown.")
    is_chosen = models.BooleanField(default=False)

    class Meta:
        ordering = ("assessment", "position")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("assessment", "position"), name="impactoption_position_unique"
            ),
            models.UniqueConstraint(
                fields=("assessment",),
                condition=Q(is_chosen=True),
                name="impactoption_one_chosen",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="impactoption_has_a_title"),
        ]

    def __str__(self) -> str:
        return self.title


class CostKind(models.TextChoices):
    ACTION = "action", "Cost of action"
    INACTION = "inaction", "Cost of inaction"


class Dimension(models.TextChoices):
    ECONOMIC = "economic", "Economic"
    SOCIAL = "social", "Social"
    ENVIRONMENTAL = "environmental", "Environmental"


class Magnitude(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Horizon(models.TextChoices):
    IMMEDIATE = "immediate", "Within a year"
    SHORT = "short", "1 to 3 years"
    MEDIUM = "medium", "3 to 10 years"
    LONG = "long", "More than 10 years"


class Confidence(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


@audit_trail()
class CostEntry(models.Model):
    """The cost of action or of inaction in one dimension: who bears it, how large, when,
    how sure we are. ``amount`` is optional and exact (Decimal) with its ISO 4217 currency."""

    assessment = models.ForeignKey(ImpactAssessment, on_delete=models.CASCADE, related_name="costs")
    kind = models.CharField(max_length=10, choices=CostKind.choices)
    dimension = models.CharField(max_length=14, choices=Dimension.choices)
    borne_by = models.CharField("who bears it", max_length=300)
    magnitude = models.CharField(max_length=6, choices=Magnitude.choices)
    amount = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217, e.g. USD, EUR.")
    horizon = models.CharField("time horizon", max_length=10, choices=Horizon.choices)
    confidence = models.CharField(max_length=6, choices=Confidence.choices)
    description = models.TextField(blank=True, help_text="Markdown.")

    class Meta:
        ordering = ("assessment", "kind", "dimension")
        verbose_name_plural = "cost entries"
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("assessment", "kind", "dimension"), name="costentry_once_per_dimension"
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="costentry_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=(Q(amount__isnull=True) & Q(currency=""))
                | (Q(amount__isnull=False) & Q(currency__regex=r"^[A-Z]{3}$")),
                name="costentry_amount_has_a_currency",
            ),
            models.CheckConstraint(condition=~Q(borne_by=""), name="costentry_says_who_bears_it"),
            models.CheckConstraint(
                condition=Q(kind__in=CostKind.values), name="costentry_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(dimension__in=Dimension.values), name="costentry_dimension_valid"
            ),
            models.CheckConstraint(
                condition=Q(magnitude__in=Magnitude.values), name="costentry_magnitude_valid"
            ),
            models.CheckConstraint(
                condition=Q(horizon__in=Horizon.values), name="costentry_horizon_valid"
            ),
            models.CheckConstraint(
                condition=Q(confidence__in=Confidence.values), name="costentry_confidence_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.get_dimension_display()}"
