"""Commitment tiers are adopted only by a decision (issue 18, item 6): the effect "adopt
commitment tiers" checks its drafts when set, and the adopted proposal's decision adopts them,
naming itself on the tier; nothing else does."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from alliance_portal.policy import SYSTEM
from governance.effects import services as effect_services
from governance.effects.kind_forms import kind_form
from standards import services
from standards.models import StandardKind, Tier, TierStatus
from tests.governance.constitution_support import decide, proposal_with_effect
from tests.standards.conftest import BASELINE_CSV, make_version

pytestmark = pytest.mark.django_db


def _drafts() -> list[Tier]:
    baseline = make_version(
        "alliance-baseline", StandardKind.ALLIANCE_BASELINE, "1.0", BASELINE_CSV
    )
    requirement = baseline.elements.get(ref="B-1.1")
    return [
        services.tier_draft(
            actor=SYSTEM,
            fields=services.TierFields(name=name, rank=rank, baseline_requirements=[requirement]),
        )
        for name, rank in (("Leading", 3), ("Advanced", 2))
    ]


def test_the_decision_adopts_the_tiers_and_is_named_on_them(world, client) -> None:
    leading, advanced = _drafts()
    proposal = proposal_with_effect(
        "tiers_adoption", {"tiers": ["leading", "advanced"]}, title="Tiers"
    )
    assert proposal.effect.payload == {"tiers": ["advanced", "leading"]}  # by rank
    text = effect_services.effect_record(proposal=proposal)["text"]  # type: ignore[index]
    assert text == "Adopts the commitment tiers Advanced and Leading."
    decision = decide(proposal, world)
    for tier in (leading, advanced):
        tier.refresh_from_db()
        assert tier.status == TierStatus.ADOPTED
        assert tier.decision_ref.startswith(f"Decision {decision.log_entry_id} of the ")
        assert tier.decision_url == f"/governance/decisions/{decision.log_entry_id}/"
    assert proposal.effect.__class__.objects.get(pk=proposal.effect.pk).applied_at is not None
    page = client.get(advanced.get_absolute_url()).content.decode()
    assert f"/governance/decisions/{decision.log_entry_id}/" in page


def test_the_effect_refuses_what_is_not_a_draft(world) -> None:
    _leading, _ = _drafts()
    payloads: list[Any] = [{"tiers": []}, {"tiers": ["nope"]}, {"tiers": ["leading"] * 2}, []]
    for payload in payloads:
        with pytest.raises(ValidationError):
            proposal_with_effect("tiers_adoption", payload, title=f"Bad {payload!r}")
    proposal = proposal_with_effect("tiers_adoption", {"tiers": ["leading"]}, title="Tiers")
    decide(proposal, world)
    with pytest.raises(ValidationError) as refused:
        proposal_with_effect("tiers_adoption", {"tiers": ["leading"]}, title="Again")
    assert "Only a draft tier is adopted" in str(refused.value)


def test_the_secretariat_chooses_the_drafts_on_a_form(world) -> None:
    _drafts()
    form_class = kind_form("tiers_adoption")
    assert form_class is not None
    form = form_class({"tiers": ["advanced"]})
    assert form.is_valid(), form.errors
    assert form.payload() == {"tiers": ["advanced"]}
