"""Sections the standards app adds to other apps' pages (see alliance_portal.sections): an
organisation's certifications and the baseline coverage they give it, the certifications of
the organisations working in a country, and an organisation's commitment tier (a section of
its profile, a filter and a column of the members directory)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.directory import DirectoryFilter, register_directory_filter
from alliance_portal.sections import PageSection, register_section
from standards.selectors import certifications as selectors
from standards.selectors import demands as demand_selectors
from standards.selectors import tiers

COUNTRY_CERTIFICATIONS = 10


def _organisation(request: HttpRequest, organisation: Any) -> dict[str, Any] | None:
    certifications = list(
        selectors.certification_list(user=request.user, organisation=organisation)
    )
    may_record = policy.may(request.user, "certification.record", organisation)
    if not certifications and not may_record:
        return None
    return {
        "certifications": certifications,
        "coverage": selectors.organisation_coverage(user=request.user, organisation=organisation)
        if any(certification.recognised for certification in certifications)
        else None,
        "may_record": may_record,
        "organisation": organisation,
    }


def _country(request: HttpRequest, country: Any) -> dict[str, Any] | None:
    current = selectors.certification_list(
        user=request.user, country=country.country.code, current_on=timezone.localdate()
    )
    certifications = list(current[: COUNTRY_CERTIFICATIONS + 1])
    if not certifications:
        return None
    return {
        "certifications": certifications[:COUNTRY_CERTIFICATIONS],
        "more": len(certifications) > COUNTRY_CERTIFICATIONS,
        "total": current.count() if len(certifications) > COUNTRY_CERTIFICATIONS else None,
    }


def _organisation_tier(request: HttpRequest, organisation: Any) -> dict[str, Any] | None:
    commitment = tiers.tier_commitment_of(organisation=organisation, user=request.user)
    may_declare = policy.may(request.user, "tier_commitment.declare", organisation)
    if commitment is None and not may_declare:
        return None  # nothing to say: an organisation without a tier is not singled out
    return {
        "commitment": commitment,
        "requirements": tiers.tier_requirements(commitment.tier) if commitment else [],
        "may_declare": may_declare,
        "organisation": organisation,
    }


def _tier_choices() -> list[tuple[str, str]]:
    return [(tier.slug, tier.name) for tier in tiers.adopted_tiers()]


def _committed_to(organisations: QuerySet[Any], slug: str, user: Any) -> QuerySet[Any]:
    committed = tiers.organisations_committed_to(user=user, tier_slug=slug)
    return organisations.filter(pk__in=committed.values("organisation_id"))


def _tier_column(user: Any, organisation_ids: Iterable[int]) -> dict[int, str]:
    return tiers.committed_tier_names(user=user, organisation_ids=organisation_ids)


TIER_FILTER = DirectoryFilter(
    key="tier",
    label="Commitment tier",
    all_label="Any or no tier",
    description="the slug of an adopted commitment tier: organisations committed to it",
    choices=_tier_choices,
    apply=_committed_to,
    column=_tier_column,
    order=10,
)


def _demands(request: HttpRequest, organisation: Any) -> dict[str, Any] | None:
    """A downstream organisation's own people and the secretariat: a link to its demands."""
    if not organisation.is_downstream or not policy.may(request.user, "demand.read", organisation):
        return None
    return {
        "organisation": organisation,
        "count": demand_selectors.demand_list(user=request.user, organisation=organisation).count(),
        "may_record": policy.may(request.user, "demand.record", organisation),
    }


def register() -> None:
    register_directory_filter(TIER_FILTER)
    register_section(
        "organisation",
        PageSection(
            key="tier",
            title="Commitment tier",
            template="standards/sections/organisation_tier.html",
            context=_organisation_tier,
            order=35,
        ),
    )
    register_section(
        "organisation",
        PageSection(
            key="certifications",
            title="Certifications",
            template="standards/sections/organisation_certifications.html",
            context=_organisation,
            order=40,
        ),
    )
    register_section(
        "organisation",
        PageSection(
            key="demands",
            title="Demands of suppliers",
            template="standards/sections/organisation_demands.html",
            context=_demands,
            order=45,
        ),
    )
    register_section(
        "country",
        PageSection(
            key="certifications",
            title="Certifications",
            template="standards/sections/country_certifications.html",
            context=_country,
            order=60,
        ),
    )
