"""The demo's commitment tiers (issue 18, item 11): three tiers adopted by one decision of the
General Assembly (through the effect), commitments from a third of the active members with one
changed declaration kept in the history; seeding again changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from governance.effects.models import ProposalEffect
from members.models import MembershipStatus, Organisation
from standards.models import CommitmentEnd, Tier, TierCommitment, TierStatus

pytestmark = pytest.mark.django_db


def test_the_demo_adopts_three_tiers_by_decision_and_a_third_of_members_commit(demo) -> None:
    tiers = list(Tier.objects.order_by("rank"))
    assert [tier.name for tier in tiers] == ["Baseline", "Advanced", "Leading"]
    assert {tier.status for tier in tiers} == {TierStatus.ADOPTED}
    effect = ProposalEffect.objects.get(kind="tiers_adoption")
    assert effect.applied_at is not None
    assert effect.decision is not None
    seq = effect.decision.log_entry_id
    assert {tier.decision_url for tier in tiers} == {f"/governance/decisions/{seq}/"}
    assert tiers[2].baseline_requirements.count() > tiers[1].baseline_requirements.count()
    active = Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE).count()
    current = TierCommitment.objects.filter(ended_at__isnull=True)
    assert current.count() == (active + 2) // 3
    assert set(current.values_list("tier__slug", flat=True)) == {"baseline", "advanced", "leading"}
    assert TierCommitment.objects.filter(end_reason=CommitmentEnd.CHANGED).count() == 1
    assert current.filter(disclosure="members").count() == 1
    before = TierCommitment.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert TierCommitment.objects.count() == before
    assert Tier.objects.count() == 3
