"""Commitment tiers: levels the alliance defines above its baseline ("Baseline", "Advanced",
"Leading"), each a set of baseline requirements plus further requirements of its own, and the
tier each organisation commits to reach by a date.

A tier is drafted by the secretariat and becomes *adopted* only by a governance decision (the
effect kind "adopt commitment tiers" calls ``standards.services.tiers.tier_adopt``); standards
never imports governance, so the adopting decision is kept here as plain data (its reference
and address). A draft tier is the secretariat's only; adopted and retired tiers are public. (Retiring an
adopted tier, by a later decision, is not built yet: the status is there for it.)

A commitment is an organisation's declaration, made by its representative: which adopted tier,
by when. Changing or withdrawing it ends the current row and keeps it (``ended_at``): the
history is the organisation's rows, oldest first, besides the audit trail.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.urls import reverse

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosedModel, DisclosureLevel, disclosure_field
from alliance_portal.text_limits import SHORT_NOTE, STATEMENT, BoundedTextField
from standards.models.registry import Element


class TierStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ADOPTED = "adopted", "Adopted"
    RETIRED = "retired", "Retired"


PUBLISHED_TIER_STATUSES = (TierStatus.ADOPTED, TierStatus.RETIRED)


@audit_trail()
class Tier(models.Model):
    """A commitment tier: its name, its rank (1 is the first step above nothing), what it asks
    (baseline requirements and further requirements) and where it stands."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80, unique=True)
    rank = models.PositiveSmallIntegerField(
        unique=True, help_text="Its place among the tiers: 1 for the first, higher asks more."
    )
    description = BoundedTextField(
        max_length=STATEMENT, blank=True, help_text="What the tier means, for members and public."
    )
    baseline_requirements = models.ManyToManyField(
        Element,
        blank=True,
        related_name="tiers",
        help_text="Requirements of the alliance baseline the tier includes.",
    )
    status = models.CharField(max_length=8, choices=TierStatus.choices, default=TierStatus.DRAFT)
    adopted_on = models.DateField(null=True, blank=True)
    decision_ref = models.CharField(
        "adopting decision",
        max_length=200,
        blank=True,
        help_text="The decision that adopted the tier, as the decision log names it.",
    )
    decision_url = models.CharField(
        "adopting decision's address", max_length=300, blank=True, help_text="A path or a link."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    owner_organisation_path: ClassVar[str | None] = None

    class Meta:
        ordering = ("rank",)
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~Q(status=TierStatus.ADOPTED)
                | (Q(adopted_on__isnull=False) & ~Q(decision_ref="")),
                name="tier_adopted_by_a_decision",
                violation_error_message="A tier is adopted only by a decision.",
            ),
            models.CheckConstraint(condition=Q(rank__gte=1), name="tier_rank_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("standards:tier-detail", kwargs={"slug": self.slug})

    # The access policy's view: a draft is the secretariat's; adopted and retired tiers are
    # public. (Never an empty Q: the policy ORs it with other conditions.)
    @classmethod
    def disclosure_q(cls, levels: Collection[str]) -> Q:
        if DisclosureLevel.SECRETARIAT in levels:
            return Q(pk__isnull=False)
        return Q(status__in=PUBLISHED_TIER_STATUSES)

    @property
    def disclosure_level(self) -> str:
        if self.status == TierStatus.DRAFT:
            return str(DisclosureLevel.SECRETARIAT)
        return str(DisclosureLevel.PUBLIC)

    def owner_organisation_id(self) -> int | None:
        return None

    @property
    def is_adopted(self) -> bool:
        return self.status == TierStatus.ADOPTED


@audit_trail()
class TierRequirement(models.Model):
    """A requirement of the tier beyond the baseline, in its own words, numbered 1, 2, ..."""

    tier = models.ForeignKey(Tier, on_delete=models.CASCADE, related_name="further_requirements")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=SHORT_NOTE)

    class Meta:
        ordering = ("tier", "number")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("tier", "number"), name="tier_requirement_number"),
        ]

    def __str__(self) -> str:
        return f"{self.tier} {self.number}: {self.text[:60]}"


class CommitmentEnd(models.TextChoices):
    CHANGED = "changed", "Replaced by a new declaration"
    WITHDRAWN = "withdrawn", "Withdrawn"


@audit_trail()
class TierCommitment(DisclosedModel):
    """An organisation's declaration that it commits to an adopted tier by ``target_date``.
    At most one per organisation is current (``ended_at`` empty); ended ones are its history."""

    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="tier_commitments"
    )
    tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="commitments")
    target_date = models.DateField(help_text="The day by which the organisation meets the tier.")
    disclosure = disclosure_field(DisclosureLevel.PUBLIC)
    declared_by = models.ForeignKey(
        "alliance_portal.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=10, choices=CommitmentEnd.choices, blank=True)

    owner_organisation_path: ClassVar[str | None] = "organisation_id"

    class Meta:
        ordering = ("organisation__name", "-declared_at", "-pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("organisation",),
                condition=Q(ended_at__isnull=True),
                name="one_current_tier_commitment",
                violation_error_message="The organisation has a current commitment already.",
            ),
            models.CheckConstraint(
                condition=(Q(ended_at__isnull=True) & Q(end_reason=""))
                | (Q(ended_at__isnull=False) & ~Q(end_reason="")),
                name="tier_commitment_end_has_reason",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=("tier", "ended_at"), name="tier_commitment_tier_current"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.tier}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None
