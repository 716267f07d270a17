"""Giving a proposal its effect, and applying it when the proposal is adopted.

The secretariat says what a proposal changes (``proposal_effect_set``) before its ballot opens;
the kind checks the payload then, and again when the ballot opens (``check_effect_before_ballot``,
called by ``ballot_open_for``). When the ballot closes ADOPTED, ``apply_effect`` (called by the
closing, in its transaction) makes the change and links it to the decision. Nothing else
changes a constitution, agrees a glossary revision, changes objectives or amends or withdraws a
published decision.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.types import Actor
from governance.ballots.models import Decision
from governance.common.services import acting_user
from governance.effects import kinds as _kinds  # noqa: F401 (registers the kinds)
from governance.effects.models import ProposalEffect
from governance.effects.registry import KINDS, kind_choices
from governance.proposals.models import BEFORE_BALLOT, Proposal

logger = logging.getLogger(__name__)

PUBLIC_ONLY = (
    "A decision that changes the constitution, the glossary, the objectives, the commitment "
    "tiers or a published decision is taken in public: make the proposal public first."
)


def _clean(proposal: Proposal, kind: str, payload: Any) -> dict[str, Any]:
    rule = KINDS.get(kind)
    if rule is None:
        names = ", ".join(label.lower() for _, label in kind_choices())
        raise ValidationError({"kind": f"Choose what the decision changes: {names}."})
    if proposal.disclosure != DisclosureLevel.PUBLIC:
        raise ValidationError({"kind": PUBLIC_ONLY})
    # PostgreSQL holds no NUL character (in text or jsonb): refuse it with a message before
    # anything is looked up or stored, not with a server error.
    if "\\u0000" in json.dumps(payload, default=str):
        raise ValidationError({"payload": "Remove the NUL characters from the details."})
    return rule.clean(payload, proposal=proposal)


@use_case
def proposal_effect_set(
    *,
    actor: Actor,
    proposal: Proposal,
    kind: str,
    payload: Any,
    now: datetime | None = None,
) -> ProposalEffect:
    """Say what the proposal changes when it is adopted (the secretariat): one effect kind and
    its details, checked by the kind. Replaces the effect set before. Refused once the ballot
    has opened (the voters vote on what it does), for a proposal that is not public, and for
    details the kind refuses (a constitution changed by another body than the General
    Assembly, a revision already decided, a decision another body amends...)."""
    policy.require(actor, "proposal.set_effect", proposal)
    proposal = (
        Proposal.objects.select_for_update(of=("self",)).select_related("body").get(pk=proposal.pk)
    )
    if proposal.status not in BEFORE_BALLOT:
        raise ValidationError("The ballot has opened: what the proposal changes is fixed.")
    cleaned = _clean(proposal, kind, payload)
    effect, _ = ProposalEffect.objects.update_or_create(
        proposal=proposal,
        defaults={
            "kind": kind,
            "payload": cleaned,
            "set_by": acting_user(actor),
            "set_at": now or timezone.now(),
        },
    )
    return effect


@use_case
def proposal_effect_clear(*, actor: Actor, proposal: Proposal) -> None:
    """Take the effect off a proposal whose ballot has not opened (the secretariat)."""
    policy.require(actor, "proposal.set_effect", proposal)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in BEFORE_BALLOT:
        raise ValidationError("The ballot has opened: what the proposal changes is fixed.")
    ProposalEffect.objects.filter(proposal=proposal).delete()


def check_effect_before_ballot(*, proposal: Proposal) -> None:
    """Check the proposal's effect again as its ballot opens (inside the opening's
    transaction): the glossary, the objectives or the log may have moved on since it was set.
    Refuses with the kind's message; nothing to check without an effect."""
    effect = ProposalEffect.objects.filter(proposal=proposal).first()
    if effect is None:
        return
    try:
        _clean(proposal, effect.kind, effect.payload)
    except ValidationError as error:
        raise ValidationError(
            f"What the proposal changes cannot be done any more: {' '.join(error.messages)} "
            "Change or remove its effect first."
        ) from error


def effect_record(*, proposal: Proposal) -> dict[str, Any] | None:
    """The effect as the decision record publishes it (kind, label, what it does in words, the
    details), or None for a proposal without one."""
    effect = ProposalEffect.objects.filter(proposal=proposal).first()
    if effect is None:
        return None
    rule = KINDS[effect.kind]
    return {
        "kind": effect.kind,
        "label": rule.label,
        "text": rule.describe(effect.payload),
        "details": effect.payload,
    }


def apply_effect(*, decision: Decision, now: datetime) -> ProposalEffect | None:
    """Apply the adopted proposal's effect, inside the transaction that closes its ballot, and
    link it to ``decision``. When it can no longer be applied (a ``ValidationError``), nothing
    of it is applied (a savepoint), the decision stands and ``failure`` records why, so the
    ballot still closes and the secretariat sees what to table again."""
    effect = (
        ProposalEffect.objects.select_for_update()
        .select_related("proposal__body")
        .filter(proposal_id=decision.proposal_id, decision__isnull=True)
        .first()
    )
    if effect is None:
        return None
    effect.decision = decision
    rule = KINDS.get(effect.kind)
    try:
        if rule is None:
            raise ValidationError(f"No effect kind “{effect.kind}” is known.")
        with transaction.atomic():
            rule.apply(effect.payload, proposal=effect.proposal, decision=decision)
    except ValidationError as error:
        effect.failure = " ".join(error.messages)[:2000]
        logger.warning("The effect of decision %s could not be applied: %s", decision.pk, error)
    else:
        effect.applied_at = now
    effect.save(update_fields=["decision", "applied_at", "failure"])
    return effect
