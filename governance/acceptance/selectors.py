"""Reads for an acceptance request's page: the proposals opened from it that the reader may
see, each with the decision on it once there is one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist

from alliance_portal import policy
from governance.acceptance.models import AcceptanceProposal
from governance.ballots.models import Decision
from governance.proposals.models import Proposal
from standards.models import AcceptanceRequest


@dataclass(frozen=True)
class OpenedProposal:
    proposal: Proposal
    decision: Decision | None

    @property
    def decision_url(self) -> str | None:
        """The decision's page in the public log once published, else on the proposal."""
        if self.decision is None:
            return None
        entry = self.decision.log_entry
        if entry is not None:
            return str(entry.get_absolute_url())
        return self.decision.get_absolute_url()


def _decision(proposal: Proposal) -> Decision | None:
    try:
        return proposal.decision
    except ObjectDoesNotExist:
        return None


def opened_proposals(*, user: Any, request: AcceptanceRequest) -> list[OpenedProposal]:
    """The proposals opened from ``request`` that ``user`` may read, latest first. One query."""
    visible = policy.visible(user, Proposal.objects.all())
    links = (
        AcceptanceProposal.objects.filter(acceptance_request=request, proposal__in=visible)
        .select_related("proposal__body", "proposal__decision__log_entry")
        .order_by("-opened_at", "-pk")
    )
    return [OpenedProposal(link.proposal, _decision(link.proposal)) for link in links]


def has_proposal(*, request: AcceptanceRequest) -> bool:
    return AcceptanceProposal.objects.filter(acceptance_request=request).exists()
