"""What a proposal changes when it is adopted: its effect (a constitution change, a glossary
batch, objectives and indicators, an amendment or withdrawal of a published decision)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from alliance_portal.audit import audit_trail
from governance.ballots.models import Decision
from governance.ballots.models.ballots import _ProposalDisclosure
from governance.proposals.models import Proposal


@audit_trail()
class ProposalEffect(_ProposalDisclosure):
    """The effect a proposal carries: one kind from the registry (``governance.effects.kinds``)
    and its payload, validated by the kind when the secretariat sets it and again when the
    ballot opens. When the proposal is adopted, the effect is applied in the same transaction
    as the decision (``decision`` and ``applied_at`` set); if it can no longer be applied (a
    revision rejected meanwhile), ``failure`` says why and nothing of it is applied. Read at
    the proposal's disclosure level."""

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="effect")
    kind = models.CharField(max_length=40)
    payload = models.JSONField()
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    set_at = models.DateTimeField()
    decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="effect"
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    # A CharField: a BoundedTextField on a new model makes its migration add the length check
    # twice (CreateModel already creates it), see the report of issue 16's constitution slice.
    failure = models.CharField(
        max_length=2000,
        blank=True,
        help_text="Why the adopted decision's effect could not be applied.",
    )

    class Meta:
        ordering = ("-set_at", "-pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(applied_at__isnull=True) | Q(decision__isnull=False),
                name="proposaleffect_applied_by_a_decision",
            ),
            models.CheckConstraint(
                condition=Q(applied_at__isnull=True) | Q(failure=""),
                name="proposaleffect_applied_or_failed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} of proposal {self.proposal_id}"

    @property
    def is_applied(self) -> bool:
        return self.applied_at is not None
