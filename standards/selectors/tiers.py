"""Reads of commitment tiers: the tiers a person may read (drafts are the secretariat's), a
tier's requirements, how many organisations committed to each, organisations' commitments (by
their disclosure level; the organisation's own people read all of its own), and the progress
of a set of implemented baseline requirements against a tier (``tier_progress``, which the
reports feed)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from alliance_portal import policy
from members.models import Organisation
from standards.models import Element, Tier, TierCommitment, TierStatus


def _tiers() -> QuerySet[Tier]:
    return Tier.objects.prefetch_related(
        Prefetch(
            "baseline_requirements",
            queryset=Element.objects.select_related("version__standard").order_by(
                "order", "ref", "pk"
            ),
        ),
        "further_requirements",
    )


def _counted(user: Any) -> QuerySet[Tier]:
    """Tiers with their requirements prefetched and ``committed``: how many organisations
    currently commit to each, counting the commitments ``user`` may read."""
    visible_commitments = policy.visible(user, TierCommitment.objects.filter(ended_at__isnull=True))
    return _tiers().annotate(
        committed=Count(
            "commitments",
            filter=Q(commitments__in=visible_commitments.values("pk")),
            distinct=True,
        )
    )


def tier_list(*, user: Any, status: str | None = None) -> QuerySet[Tier]:
    """The tiers ``user`` may read (drafts are the secretariat's), by rank, each with
    ``committed`` and its requirements prefetched."""
    queryset = policy.visible(user, _counted(user))
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("rank", "pk")


def tier_get(*, user: Any, slug: str) -> Tier:
    """One tier ``user`` may read, with ``committed`` (404, or sign in for a visitor)."""
    return policy.get_visible_or_404(user, _counted(user), slug=slug)


def adopted_tiers() -> QuerySet[Tier]:
    """The adopted tiers, by rank: what an organisation may commit to (public)."""
    return Tier.objects.filter(status=TierStatus.ADOPTED).order_by("rank", "pk")


@dataclass(frozen=True)
class TierRequirementLine:
    """One line of a tier's requirements list: a baseline requirement or a further one."""

    ref: str
    text: str
    element_id: int | None  # the baseline requirement's element, None for a further one


def tier_requirements(tier: Tier) -> list[TierRequirementLine]:
    """The tier's requirements: its baseline requirements in baseline order, then its further
    requirements numbered (no query when ``tier`` came from ``tier_list``)."""
    lines = [
        TierRequirementLine(ref=element.ref, text=element.title, element_id=element.pk)
        for element in sorted(
            tier.baseline_requirements.all(), key=lambda e: (e.order, e.ref, e.pk)
        )
    ]
    lines += [
        TierRequirementLine(ref=f"{tier.name} {item.number}", text=item.text, element_id=None)
        for item in tier.further_requirements.all()
    ]
    return lines


@dataclass(frozen=True)
class TierProgress:
    done: int
    total: int
    missing: list[Element]

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def tier_progress(*, tier: Tier, implemented: Collection[int]) -> TierProgress:
    """How far the baseline requirements ``implemented`` (element ids) go towards ``tier``:
    of its baseline requirements, how many are implemented and which are missing, in baseline
    order. A pure function of the tier's requirements (no query when they are prefetched).
    The tier's further requirements are not reported against yet, so they are not counted."""
    requirements = sorted(tier.baseline_requirements.all(), key=lambda e: (e.order, e.ref, e.pk))
    done = [element for element in requirements if element.pk in implemented]
    missing = [element for element in requirements if element.pk not in implemented]
    return TierProgress(done=len(done), total=len(requirements), missing=missing)


def _commitments() -> QuerySet[TierCommitment]:
    return TierCommitment.objects.select_related("organisation", "tier", "declared_by")


def commitment_list(
    *,
    user: Any,
    organisation: Organisation | None = None,
    tier_slug: str | None = None,
    current: bool = True,
) -> QuerySet[TierCommitment]:
    """The commitments ``user`` may read (current ones unless ``current`` is false), by
    organisation, newest first; only to tiers ``user`` may read."""
    queryset = policy.visible(user, _commitments()).filter(
        tier__in=policy.visible(user, Tier.objects.all())
    )
    if current:
        queryset = queryset.filter(ended_at__isnull=True)
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    if tier_slug:
        queryset = queryset.filter(tier__slug=tier_slug)
    return queryset.order_by("organisation__name", "-declared_at", "-pk")


def tier_commitment_of(*, organisation: Organisation, user: Any = None) -> TierCommitment | None:
    """The organisation's current commitment as ``user`` may read it (the public when no user
    is given: what the member standing page shows), or None."""
    return (
        commitment_list(user=user, organisation=organisation)
        .select_related("tier")
        .prefetch_related("tier__baseline_requirements", "tier__further_requirements")
        .first()
    )


def committed_tier_names(*, user: Any, organisation_ids: Iterable[int]) -> dict[int, str]:
    """For the directory: the tier each of ``organisation_ids`` currently commits to, by its
    name, as ``user`` may read it (the latest declared when there were two). One query, by
    the commitments' organisation index: no join with the organisations, no sort by name."""
    rows = (
        commitment_list(user=user)
        .filter(organisation_id__in=list(organisation_ids))
        .order_by("declared_at", "pk")
    )
    return dict(rows.values_list("organisation_id", "tier__name"))


def organisations_committed_to(*, user: Any, tier_slug: str) -> QuerySet[TierCommitment]:
    """The current commitments to the tier ``user`` may read (the directory filter's rows)."""
    return commitment_list(user=user, tier_slug=tier_slug)
