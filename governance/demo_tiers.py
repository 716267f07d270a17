"""Demo data of commitment tiers (issue 18, item 6): the General Assembly adopts the three
tiers the standards demo drafted (Baseline, Advanced, Leading) through a real ballot whose
effect is "Adopt commitment tiers"; then a third of the members commit to one
(``standards.demo_tiers.seed_commitments``). Idempotent: an existing proposal is left alone."""

from __future__ import annotations

from datetime import datetime

from governance.ballots.demo.impact import short_impact
from governance.demo_constitution import _decide
from governance.demo_content import DemoProposal
from governance.proposals.models import Proposal, ProposalStatus
from members.models import Organisation
from standards import demo_tiers
from standards.models import Tier, TierStatus

TIERS = DemoProposal(
    title="Commitment tiers: Baseline, Advanced and Leading",
    summary="Three tiers above nothing, so members who go further than the baseline can say so.",
    text="The alliance adopts three commitment tiers: Baseline, Advanced and Leading, each with "
    "the requirements listed on the tiers page.\n\nAn organisation may declare the tier it "
    "commits to and by when; no member is ranked or excluded for declaring none.",
    body="general-assembly",
    disclosure="public",
    status=ProposalStatus.DELIBERATION,
    opened_days_ago=200,
    consultation_days=30,
    impact=short_impact(
        "Buyers and governments ask which members go further; tiers answer with one vocabulary.",
        "Members without a tier may feel pressed to declare one.",
        "The secretariat keeps the tiers' requirements up to date.",
        "Each member describes its ambition in its own words, and nobody can compare them.",
    ),
)


def seed(now: datetime, organisations: dict[str, Organisation]) -> None:
    if not Proposal.objects.filter(title=TIERS.title).exists():
        drafts = list(
            Tier.objects.filter(slug__in=demo_tiers.SLUGS, status=TierStatus.DRAFT).values_list(
                "slug", flat=True
            )
        )
        if len(drafts) != len(demo_tiers.SLUGS):
            return  # the standards demo drafted no tiers (no baseline)
        _decide(TIERS, "tiers_adoption", {"tiers": drafts}, now, organisations)
    demo_tiers.seed_commitments()
