"""What governance adds to a country page (``/countries/<iso2>/``, see alliance_portal.sections):
the proposals and the decisions concerning the country, a few latest each, with a link to the
full list filtered by the country. Proposals as the reader may see them (the access policy);
the decision log is public. The action and initiative features register their own sections."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from alliance_portal.sections import PageSection, register_section
from governance.decision_log import selectors as decision_log_selectors
from governance.proposals import selectors as proposal_selectors

COUNTRY_PROPOSALS = 5
COUNTRY_DECISIONS = 5


def _country(focus: Any) -> tuple[str, str]:
    """The country's ISO code and name."""
    return focus.country.code, str(focus.country.name)


def _proposals(request: HttpRequest, focus: Any) -> dict[str, Any]:
    """The latest proposals tagged with the country that the reader may see (open
    consultations first). One query."""
    code, name = _country(focus)
    proposals = proposal_selectors.proposal_list(user=request.user, country=code)
    return {
        "proposals": list(proposals.prefetch_related(None)[: COUNTRY_PROPOSALS + 1]),
        "shown": COUNTRY_PROPOSALS,
        "country_name": name,
        "list_url": f"{reverse('governance:proposal-list')}?country={code}",
    }


def _decisions(request: HttpRequest, focus: Any) -> dict[str, Any]:
    """The latest published decisions concerning the country (the public log). One query."""
    code, name = _country(focus)
    decisions = decision_log_selectors.published_decision_list(country=code)
    return {
        "decisions": list(decisions[: COUNTRY_DECISIONS + 1]),
        "shown": COUNTRY_DECISIONS,
        "country_name": name,
        "list_url": f"{reverse('governance:decision-list')}?country={code}",
    }


def register() -> None:
    register_section(
        "country",
        PageSection(
            key="country-proposals",
            title="Proposals",
            template="governance/sections/country_proposals.html",
            context=_proposals,
            order=20,
        ),
    )
    register_section(
        "country",
        PageSection(
            key="country-decisions",
            title="Decisions",
            template="governance/sections/country_decisions.html",
            context=_decisions,
            order=30,
        ),
    )
