"""The effect that adopts commitment tiers (one kind of ``governance.effects.registry``;
registered on import by ``governance.effects.kinds``): the secretariat drafts tiers in
standards, a proposal names the drafts it adopts, and when the proposal is adopted the decision
makes them adopted tiers (``standards.services.tiers.tier_adopt``, as the system, with the
decision's number and address: standards keeps them as plain data, since it never imports
governance). Nothing else adopts a tier."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from alliance_portal.policy import SYSTEM
from governance.ballots.models import Decision
from governance.effects.common import _mapping
from governance.effects.registry import EffectKind, register
from governance.proposals.models import Proposal
from standards.models import Tier, TierStatus
from standards.services.tiers import tier_adopt

MAX_TIERS = 10


def _names(slugs: list[str]) -> str:
    tiers = {tier.slug: tier.name for tier in Tier.objects.filter(slug__in=slugs)}
    names = [tiers.get(slug, slug) for slug in slugs]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


@register
class TiersAdoption(EffectKind):
    value = "tiers_adoption"
    label = "Adopt commitment tiers"
    payload_help = (
        'The draft tiers the decision adopts, by slug, e.g. {"tiers": ["advanced", "leading"]}.'
    )

    def clean(self, payload: Any, *, proposal: Proposal) -> dict[str, Any]:
        payload = _mapping(payload)
        slugs = payload.get("tiers")
        if (
            set(payload) != {"tiers"}
            or not isinstance(slugs, list)
            or not 0 < len(slugs) <= MAX_TIERS
            or not all(isinstance(slug, str) and slug for slug in slugs)
        ):
            raise ValidationError(
                {"payload": f'List the draft tiers by slug, 1 to {MAX_TIERS}: {{"tiers": [...]}}.'}
            )
        if len(set(slugs)) != len(slugs):
            raise ValidationError({"payload": "A tier is listed twice."})
        tiers = {tier.slug: tier for tier in Tier.objects.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in tiers]
        if missing:
            raise ValidationError({"payload": f"No tier has the slug {', '.join(missing)}."})
        decided = [tiers[slug].name for slug in slugs if tiers[slug].status != TierStatus.DRAFT]
        if decided:
            raise ValidationError(
                {"payload": f"Only a draft tier is adopted: {', '.join(decided)} is not a draft."}
            )
        ordered = sorted(slugs, key=lambda slug: tiers[slug].rank)
        return {"tiers": ordered}

    def describe(self, payload: dict[str, Any]) -> str:
        slugs = payload.get("tiers", [])
        return f"Adopts the commitment tier{'s' if len(slugs) != 1 else ''} {_names(slugs)}."

    def apply(self, payload: dict[str, Any], *, proposal: Proposal, decision: Decision) -> None:
        seq = decision.log_entry_id
        if seq is not None:
            ref = f"Decision {seq} of the {proposal.body.name}"
            url = reverse("governance:decision-detail", kwargs={"seq": seq})
        else:
            ref = f"The decision on proposal {proposal.pk} of the {proposal.body.name}"
            url = proposal.get_absolute_url()
        on = timezone.localdate(decision.decided_at)
        for slug in payload["tiers"]:
            tier = Tier.objects.filter(slug=slug).first()
            if tier is None:
                raise ValidationError(f"The tier “{slug}” no longer exists.")
            tier_adopt(actor=SYSTEM, tier=tier, decision_ref=ref, decision_url=url, on=on)
