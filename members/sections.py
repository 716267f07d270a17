"""Sections the members app adds to other pages (see alliance_portal.sections)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from alliance_portal.sections import PageSection, register_section
from members.selectors import chamber_list


def _chambers(request: HttpRequest, obj: Any) -> dict[str, Any]:
    return {"chambers": chamber_list()}


def register() -> None:
    register_section(
        "home",
        PageSection(
            key="chambers",
            title="Who takes part",
            template="members/sections/chambers.html",
            context=_chambers,
            order=50,
        ),
    )
