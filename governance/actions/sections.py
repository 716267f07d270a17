"""The country page's "actions" section (see alliance_portal.sections): the actions concerning
the country, through their decision's countries or their own, as far as the reader may see."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from alliance_portal.sections import PageSection, register_section
from governance.actions import selectors

COUNTRY_ACTIONS = 10


def _country_actions(request: HttpRequest, country: Any) -> dict[str, Any] | None:
    code = str(country.country.code)
    actions, total = selectors.country_actions(user=request.user, code=code, limit=COUNTRY_ACTIONS)
    return {"actions": actions, "total": total, "code": code}


def register() -> None:
    register_section(
        "country",
        PageSection(
            key="actions",
            title="Actions after decisions",
            template="governance/sections/country_actions.html",
            context=_country_actions,
            order=40,
        ),
    )
