"""Co-sponsors of a member organisation's draft proposal (see ``governance.proposals.tabling``
for the rule that counts them)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from alliance_portal.audit import audit_trail
from governance.proposals.models import Proposal
from members.models import Chamber, Organisation


@audit_trail()
class ProposalSponsor(models.Model):
    """A member organisation co-sponsoring a member's draft, in the chamber it sat in when it
    did (the tabling rule counts chambers). Written only by the tabling services: given and
    withdrawn by the organisation's representative while the proposal is a draft, released
    when the author changes the wording it sponsored."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="sponsors")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="sponsored_proposals"
    )
    chamber = models.ForeignKey(Chamber, on_delete=models.PROTECT, related_name="+")
    sponsored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sponsored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("proposal", "chamber__order", "organisation__name")
        verbose_name = "co-sponsor"
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("proposal", "organisation"), name="proposalsponsor_once_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} co-sponsors {self.proposal}"
