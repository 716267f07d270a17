"""Reads of acceptance requests, and the claim beside the evidence: for the baseline
requirements a request claims, how far the crosswalk's approved mappings show the standard
version covering each (``standards.selectors.coverage``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, QuerySet

from alliance_portal import policy
from members.models import Organisation
from standards.models import AcceptanceRequest, StandardVersion
from standards.selectors.coverage import (
    CoverageClass,
    RequirementCoverage,
    percent,
    version_coverage,
)
from standards.selectors.registry import baseline_requirements, baseline_version


def _base() -> QuerySet[AcceptanceRequest]:
    return AcceptanceRequest.objects.select_related("organisation", "version", "version__standard")


def acceptance_list(
    *,
    user: Any,
    status: str | None = None,
    standard_code: str | None = None,
    organisation: Organisation | None = None,
) -> QuerySet[AcceptanceRequest]:
    """The acceptance requests ``user`` may read (drafts only of their own organisation, or
    all of them for the secretariat), filtered; drafts first, then the latest submitted."""
    queryset = policy.visible(user, _base())
    if status:
        queryset = queryset.filter(status=status)
    if standard_code:
        queryset = queryset.filter(version__standard__code=standard_code)
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    return queryset.order_by(F("submitted_at").desc(nulls_first=True), "-created_at", "-pk")


def acceptance_get(*, user: Any, pk: int) -> AcceptanceRequest:
    return policy.get_visible_or_404(user, _base(), pk=pk)


@dataclass(frozen=True)
class ClaimCoverage:
    """The requirements a request claims, each with the coverage the crosswalk shows for the
    request's version; ``missing`` are claimed references the current baseline no longer has."""

    baseline: StandardVersion | None
    version: StandardVersion
    requirements: list[RequirementCoverage]
    counts: dict[str, int]
    percentages: dict[str, Decimal]
    missing: list[str]
    claims_all: bool

    @property
    def total(self) -> int:
        return len(self.requirements)

    def summary(self) -> list[tuple[CoverageClass, int, Decimal]]:
        return [(cls, self.counts[cls], self.percentages[cls]) for cls in CoverageClass]


def claim_coverage(*, request: AcceptanceRequest) -> ClaimCoverage:
    """The coverage figures for the requirements ``request`` claims (all of the current
    baseline's when it lists none). Approved mappings are public, so every reader of the request
    sees the same figures. Four queries."""
    counts = dict.fromkeys(CoverageClass.values, 0)
    baseline = baseline_version()
    if baseline is None:
        return ClaimCoverage(
            None, request.version, [], counts, {}, list(request.requirement_refs), True
        )
    coverage = version_coverage(version=request.version)
    claimed = set(request.requirement_refs)
    rows = [
        row for row in coverage.requirements if request.claims_all or row.requirement.ref in claimed
    ]
    for row in rows:
        counts[row.coverage] += 1
    found = {row.requirement.ref for row in rows}
    missing = [ref for ref in request.requirement_refs if ref not in found]
    percentages = {name: percent(count, len(rows)) for name, count in counts.items()}
    return ClaimCoverage(
        baseline, request.version, rows, counts, percentages, missing, request.claims_all
    )


def claimable_requirements() -> list[tuple[str, str]]:
    """The current baseline's requirements as (reference code, "ref — title") choices."""
    baseline = baseline_version()
    if baseline is None:
        return []
    return [
        (element.ref, f"{element.ref} — {element.title}")
        for element in baseline_requirements(baseline=baseline)
    ]
