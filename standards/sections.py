"""Sections the standards app adds to other apps' pages (see alliance_portal.sections): an
organisation's certifications and the baseline coverage they give it, and the certifications
of the organisations working in a country."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.sections import PageSection, register_section
from standards.selectors import certifications as selectors
from standards.selectors import demands as demand_selectors

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
