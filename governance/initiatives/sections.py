"""The country page's "Initiatives" section (``alliance_portal.sections``): the initiatives
concerning the country that the reader may read, with their status and funding per currency
(totals only: how much each organisation pledged is shown on the initiative's page, to
members)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from alliance_portal.sections import PageSection, register_section
from governance.initiatives import selectors


def _country_initiatives(request: HttpRequest, country: Any) -> dict[str, Any] | None:
    rows = selectors.country_initiatives(user=request.user, code=str(country.country.code))
    return {"rows": rows} if rows else None


def register() -> None:
    register_section(
        "country",
        PageSection(
            key="initiatives",
            title="Initiatives",
            template="governance/sections/country_initiatives.html",
            context=_country_initiatives,
            order=40,
        ),
    )
