"""The section governance adds to an acceptance request's page (see alliance_portal.sections):
the proposal opened from it and the decision on it, and, for the secretariat, the form that
opens one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from alliance_portal import policy
from alliance_portal.sections import PageSection, register_section
from governance.acceptance import selectors
from governance.acceptance.forms import OpenProposalForm
from standards.models import AcceptanceStatus


def _acceptance(request: HttpRequest, acceptance: Any) -> dict[str, Any] | None:
    opened = selectors.opened_proposals(user=request.user, request=acceptance)
    may_open = acceptance.status == AcceptanceStatus.SUBMITTED and policy.may(
        request.user, "acceptance_request.open_proposal", acceptance
    )
    if not opened and not may_open:
        return None
    return {
        "opened": opened,
        "may_open": may_open,
        "form": OpenProposalForm() if may_open else None,
        "acceptance": acceptance,
    }


def register() -> None:
    register_section(
        "acceptance_request",
        PageSection(
            key="acceptance-proposal",
            title="Proposal and decision",
            template="governance/sections/acceptance_proposal.html",
            context=_acceptance,
            order=10,
        ),
    )
