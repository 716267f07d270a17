"""Demo commitment tiers: Baseline, Advanced and Leading, drafted here as the system and adopted
by a decision of the General Assembly in the governance demo (``governance.demo_tiers``, which
runs after this app's demo and then calls ``seed_commitments``); and the commitments of a third
of the active member organisations, one of them changed once (its history), one readable by
members only. Idempotent and deterministic."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from members.models import MembershipStatus, Organisation
from standards import services
from standards.models import Element, Tier, TierCommitment, TierStatus
from standards.selectors.registry import baseline_version

BASELINE_REFS = ["AB-1.1", "AB-1.2", "AB-1.5", "AB-1.6", "AB-2.1", "AB-2.2", "AB-3.3"]
ADVANCED_REFS = [
    *BASELINE_REFS,
    *["AB-1.3", "AB-1.4", "AB-1.7", "AB-1.8", "AB-2.3", "AB-2.4", "AB-2.5", "AB-3.1", "AB-4.1"],
]
# name, rank, description, baseline refs (None: all of them), further requirements
TIERS: list[tuple[str, int, str, list[str] | None, list[str]]] = [
    (
        "Baseline",
        1,
        "The first step: the due-diligence core of the alliance baseline.",
        BASELINE_REFS,
        [],
    ),
    (
        "Advanced",
        2,
        "Due diligence across the supply chain, with independent assurance and labour rights.",
        ADVANCED_REFS,
        ["Publish a summary of the grievances received and how they were resolved, each year."],
    ),
    (
        "Leading",
        3,
        "Every baseline requirement, and commitments that go beyond it.",
        None,
        [
            "Have the annual public report assured by an accredited independent body.",
            "Publish the share of material sourced from certified sites, by material, each year.",
            "Co-fund a remediation or community programme in a producer country.",
        ],
    ),
]
SLUGS = ["baseline", "advanced", "leading"]
TARGETS = [date(2028, 12, 31), date(2029, 6, 30), date(2030, 12, 31)]


def seed() -> None:
    """Draft the three tiers once (when the baseline is there), and the commitments once they
    are adopted (on a second run; the governance demo adopts them and seeds commitments)."""
    baseline = baseline_version()
    if baseline is None:
        return
    requirements = {
        element.ref: element
        for element in Element.objects.filter(version=baseline, kind="requirement")
    }
    for name, rank, description, refs, further in TIERS:
        if Tier.objects.filter(name=name).exists():
            continue
        chosen = (
            list(requirements.values())
            if refs is None
            else [requirements[ref] for ref in refs if ref in requirements]
        )
        services.tier_draft(
            actor=SYSTEM,
            fields=services.TierFields(
                name=name,
                rank=rank,
                description=description,
                baseline_requirements=chosen,
                further_requirements=further,
            ),
        )
    seed_commitments()


def seed_commitments() -> None:
    """A third of the active member organisations (every third by name) commit to a tier,
    once the tiers are adopted; the first of them moved up from Baseline to Advanced."""
    tiers = {tier.slug: tier for tier in Tier.objects.filter(status=TierStatus.ADOPTED)}
    if any(slug not in tiers for slug in SLUGS):
        return
    active = list(
        Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE).order_by("name")
    )
    chosen = active[::3]
    now = timezone.now()
    for index, organisation in enumerate(chosen):
        if TierCommitment.objects.filter(organisation=organisation).exists():
            continue
        slug = SLUGS[index % 3]
        disclosure = DisclosureLevel.MEMBERS if index == 4 else DisclosureLevel.PUBLIC
        if index == 0:
            services.tier_commitment_declare(
                actor=SYSTEM,
                organisation=organisation,
                tier=tiers["baseline"],
                target_date=TARGETS[0],
                now=now - timedelta(days=60),
            )
            slug = "advanced"
        services.tier_commitment_declare(
            actor=SYSTEM,
            organisation=organisation,
            tier=tiers[slug],
            target_date=TARGETS[SLUGS.index(slug)],
            disclosure=disclosure,
            now=now,
        )
