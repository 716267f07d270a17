"""The effect kind "answer an acceptance request": a proposal opened from an acceptance request
carries the answer its adoption gives (accepted, partly accepted or declined); when the proposal
is adopted, the request takes that status, with the decision's note. A rejected proposal
changes nothing: the secretariat then records the answer itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from alliance_portal.text_limits import SHORT_NOTE
from governance.effects.common import _mapping, _text
from governance.effects.registry import EffectKind, register
from standards import services as standards_services
from standards.models import OUTCOMES, AcceptanceStatus

if TYPE_CHECKING:
    from governance.ballots.models import Decision
    from governance.proposals.models import Proposal

OUTCOME_CHOICES = [(value, label) for value, label in AcceptanceStatus.choices if value in OUTCOMES]


def _request_of(proposal: Proposal) -> Any:
    from governance.acceptance.models import AcceptanceProposal

    link = (
        AcceptanceProposal.objects.select_related("acceptance_request")
        .filter(proposal=proposal)
        .first()
    )
    return link.acceptance_request if link is not None else None


@register
class AcceptanceAnswer(EffectKind):
    value = "acceptance_answer"
    label = "Answer the acceptance request it was opened from"
    payload_help = (
        'The answer and a note, e.g. {"outcome": "partly_accepted", "note": "Accepted for '
        'AB-1.1 to AB-1.9."}. Only a proposal opened from an acceptance request.'
    )

    def clean(self, payload: Any, *, proposal: Proposal) -> dict[str, Any]:
        payload = _mapping(payload)
        if _request_of(proposal) is None:
            raise ValidationError(
                {"kind": "This proposal was not opened from an acceptance request."}
            )
        outcome = payload.get("outcome")
        if outcome not in OUTCOMES:
            raise ValidationError(
                {"payload": "Choose the answer: accepted, partly accepted or declined."}
            )
        note = _text(payload.get("note"), what="the note", limit=SHORT_NOTE, required=False)
        return {"outcome": outcome, "note": note}

    def describe(self, payload: dict[str, Any]) -> str:
        outcome = payload.get("outcome")
        label = AcceptanceStatus(outcome).label if outcome in OUTCOMES else outcome
        note = f" ({payload['note']})" if payload.get("note") else ""
        return f"Marks the acceptance request it was opened from as {str(label).lower()}{note}."

    def apply(self, payload: dict[str, Any], *, proposal: Proposal, decision: Decision) -> None:
        request = _request_of(proposal)
        if request is None:
            raise ValidationError("The proposal is no longer linked to an acceptance request.")
        standards_services.record_outcome(
            request, outcome=payload["outcome"], note=payload.get("note", "")
        )
