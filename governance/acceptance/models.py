"""The link from a proposal to the acceptance request it was opened from (kept on the
governance side: standards never imports governance)."""

from __future__ import annotations

from django.db import models

from alliance_portal.audit import audit_trail
from governance.proposals.models import Proposal
from standards.models import AcceptanceRequest


@audit_trail()
class AcceptanceProposal(models.Model):
    """A proposal opened from an acceptance request. The request's page finds its proposal and
    the decision on it through this row; the proposal's disclosure decides who sees the link."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.PROTECT, related_name="acceptance_link"
    )
    acceptance_request = models.ForeignKey(
        AcceptanceRequest, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-opened_at", "-pk")

    def __str__(self) -> str:
        return f"{self.proposal} (from acceptance request {self.acceptance_request_id})"
