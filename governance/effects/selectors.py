"""Reads about decision effects: a proposal's effect, and the decisions that agreed a concept's
texts (the concept page links them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from alliance_portal import policy
from alliance_portal.types import Actor
from governance.decision_log.models import PublishedDecision
from governance.effects import kinds as _kinds  # noqa: F401 (registers the kinds)
from governance.effects.kinds import concept_decisions_q
from governance.effects.models import ProposalEffect
from governance.effects.objectives_kind import ObjectivesChange
from governance.effects.registry import KINDS
from governance.proposals.models import Proposal


@dataclass(frozen=True)
class EffectView:
    """A proposal's effect in words, for its page and the API."""

    effect: ProposalEffect
    label: str
    text: str

    @property
    def state(self) -> str:
        if self.effect.failure:
            return f"Adopted, but it could not be applied: {self.effect.failure}"
        if self.effect.applied_at is not None:
            return "Applied by the decision that adopted the proposal."
        return "Applied when the proposal is adopted."


def effect_of(*, proposal: Proposal) -> EffectView | None:
    """The proposal's effect (the caller has checked the reader may see the proposal), or
    None. No query when ``proposal_get`` loaded the proposal (one otherwise), plus what the
    kind's description reads."""
    try:
        effect = proposal.effect  # loaded with the proposal by ``proposal_get``
    except ProposalEffect.DoesNotExist:
        return None
    rule = KINDS.get(effect.kind)
    if rule is None:
        return EffectView(effect=effect, label=effect.kind, text="")
    return EffectView(effect=effect, label=rule.label, text=rule.describe(effect.payload))


def concept_agreed_by(*, user: Actor, revision_ids: list[int]) -> list[ProposalEffect]:
    """The applied glossary-batch effects that agreed any of ``revision_ids`` (a concept's
    revisions), with their decisions, that ``user`` may see; oldest first. One query."""
    if not revision_ids:
        return []
    effects = (
        ProposalEffect.objects.filter(concept_decisions_q(revision_ids), applied_at__isnull=False)
        .select_related("decision__log_entry", "proposal__body")
        .order_by("applied_at", "pk")
    )
    return list(policy.visible(user, effects))


@dataclass
class ObjectiveDecisions:
    """The published decisions that adopted or last changed each objective (by slug) and each
    indicator (by objective slug and indicator name)."""

    objectives: dict[str, PublishedDecision] = field(default_factory=dict)
    indicators: dict[tuple[str, str], PublishedDecision] = field(default_factory=dict)


def objective_decisions(*, user: Actor) -> ObjectiveDecisions:
    """Which published decision adopted or last changed each objective and indicator, from the
    applied objectives effects ``user`` may see (the latest wins). One query."""
    effects = policy.visible(
        user,
        ProposalEffect.objects.filter(
            kind=ObjectivesChange.value,
            applied_at__isnull=False,
            decision__log_entry__isnull=False,
        ).select_related("decision__log_entry__published_decision"),
    ).order_by("applied_at", "pk")
    found = ObjectiveDecisions()
    for effect in effects:
        entry = effect.decision.log_entry if effect.decision else None
        published = getattr(entry, "published_decision", None)
        if published is None:
            continue
        for item in effect.payload.get("objectives", []):
            found.objectives[item["slug"]] = published
            for indicator in item.get("indicators", []):
                found.indicators[(item["slug"], indicator["name"])] = published
    return found
