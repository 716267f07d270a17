"""Review dates of decisions ("look at this again by …") and their outcomes.

A decision's record in the log is frozen (the database refuses changes), so the review date
lives here, where it may be set and moved: before the ballot on the proposal (``proposal``,
no ``decision`` yet), or on the published decision afterwards. The outcome, once the
secretariat records it, is published as a ``review`` entry of the decision log
(``log_entry``); from then on the review no longer changes."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alliance_portal.audit import audit_trail
from alliance_portal.text_limits import STATEMENT, BoundedTextField
from governance.decision_log.models import DecisionLogEntry
from governance.proposals.models import Proposal


class ReviewOutcome(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed: the decision stands"
    TO_BE_AMENDED = "to_be_amended", "To be amended"
    OTHER = "other", "Other outcome"


@audit_trail()
class DecisionReview(models.Model):
    """One review of a decision: when it is due, whether the body was reminded, and its
    outcome. A decision (or a proposal before its ballot) has at most one open review."""

    proposal = models.ForeignKey(
        Proposal,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
        help_text="The proposal whose decision is reviewed (set before the ballot).",
    )
    decision = models.ForeignKey(
        DecisionLogEntry,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
        help_text="The decision entry of the log (once the decision is published).",
    )
    due_on = models.DateField("review date")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(
        null=True, blank=True, help_text="When the body's members were reminded (once)."
    )
    outcome = models.CharField(max_length=14, choices=ReviewOutcome.choices, blank=True)
    outcome_text = BoundedTextField(
        max_length=STATEMENT, blank=True, help_text="What the review found (Markdown)."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    log_entry = models.OneToOneField(
        DecisionLogEntry,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_of",
        help_text="The decision-log entry that published the outcome.",
    )

    class Meta:
        ordering = ("due_on", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(proposal__isnull=False) | Q(decision__isnull=False),
                name="decisionreview_of_a_proposal_or_decision",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome__in=ReviewOutcome.values),
                name="decisionreview_outcome_valid",
            ),
            models.CheckConstraint(
                condition=(Q(outcome="") & Q(log_entry__isnull=True) & Q(outcome_text=""))
                | (~Q(outcome="") & Q(log_entry__isnull=False) & ~Q(outcome_text="")),
                name="decisionreview_outcome_is_published_with_its_text",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(decision__isnull=False),
                name="decisionreview_outcome_of_a_decision",
            ),
            models.UniqueConstraint(
                fields=("decision",),
                condition=Q(outcome="", decision__isnull=False),
                name="decisionreview_one_open_per_decision",
            ),
            models.UniqueConstraint(
                fields=("proposal",),
                condition=Q(outcome="", decision__isnull=True),
                name="decisionreview_one_open_per_proposal",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=("outcome", "due_on"))]

    def __str__(self) -> str:
        return f"Review due {self.due_on}"

    @property
    def is_open(self) -> bool:
        return not self.outcome
