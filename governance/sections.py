"""Sections the governance app adds to other apps' pages (see alliance_portal.sections)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from alliance_portal.sections import PageSection, register_section
from governance.dashboard import selectors as dashboard_selectors
from governance.objectives import selectors as objective_selectors

HOME_CONSULTATIONS = 5


def _objectives(request: HttpRequest, obj: Any) -> dict[str, Any] | None:
    objectives = list(objective_selectors.objective_list(active_only=True))
    return {"objectives": objectives} if objectives else None


def _open_consultations(request: HttpRequest, obj: Any) -> dict[str, Any] | None:
    consultations = list(
        dashboard_selectors.open_consultations(user=request.user)[:HOME_CONSULTATIONS]
    )
    return {"consultations": consultations} if consultations else None


def register() -> None:
    register_section(
        "home",
        PageSection(
            key="objectives",
            title="Alliance objectives",
            template="governance/sections/objectives.html",
            context=_objectives,
            order=10,
        ),
    )
    register_section(
        "home",
        PageSection(
            key="open-consultations",
            title="Open consultations",
            template="governance/sections/consultations.html",
            context=_open_consultations,
            order=20,
        ),
    )
