"""Sections the governance app adds to other apps' pages (see alliance_portal.sections)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from alliance_portal.sections import PageSection, register_section
from governance import country_sections
from governance.acceptance import sections as acceptance_sections
from governance.actions import sections as action_sections
from governance.dashboard import selectors as dashboard_selectors
from governance.decision_log import selectors as decision_log_selectors
from governance.effects import selectors as effect_selectors
from governance.objectives import selectors as objective_selectors
from governance.reports import selectors as report_selectors
from governance.reports.models import ReportState

HOME_CONSULTATIONS = 5
HOME_DECISIONS = 5
HOME_REPORTS = 2


def _latest_decisions(request: HttpRequest, obj: Any) -> dict[str, Any] | None:
    # The log is public: everyone sees the same decisions, shown even when there are none
    # yet, since the page's first paragraph promises them.
    return {"decisions": decision_log_selectors.latest_decisions(limit=HOME_DECISIONS)}


def _latest_reports(request: HttpRequest, obj: Any) -> dict[str, Any] | None:
    reports = report_selectors.report_list(user=request.user, state=ReportState.READY)
    return {"reports": list(reports.prefetch_related(None)[:HOME_REPORTS])}


def _objectives(request: HttpRequest, obj: Any) -> dict[str, Any] | None:
    objectives = list(objective_selectors.objective_list(active_only=True))
    return {"objectives": objectives} if objectives else None


def _open_consultations(request: HttpRequest, obj: Any) -> dict[str, Any] | None:
    consultations = list(
        dashboard_selectors.open_consultations(user=request.user)[:HOME_CONSULTATIONS]
    )
    return {"consultations": consultations} if consultations else None


def _concept_decisions(request: HttpRequest, concept: Any) -> dict[str, Any] | None:
    # The decisions that agreed this concept's texts (a glossary batch's effect), as far as
    # the reader may see their proposals; a concept agreed before the portal has none.
    revision_ids = list(concept.revisions.values_list("pk", flat=True))
    effects = effect_selectors.concept_agreed_by(user=request.user, revision_ids=revision_ids)
    return {"effects": effects} if effects else None


def register() -> None:
    country_sections.register()
    acceptance_sections.register()
    action_sections.register()
    register_section(
        "concept",
        PageSection(
            key="agreed-by-decision",
            title="Agreed by decision",
            template="governance/sections/concept_decisions.html",
            context=_concept_decisions,
            order=10,
        ),
    )
    register_section(
        "home",
        PageSection(
            key="latest-decisions",
            title="Latest decisions",
            template="governance/sections/latest_decisions.html",
            context=_latest_decisions,
            order=1,
        ),
    )
    register_section(
        "home",
        PageSection(
            key="latest-reports",
            title="Latest transparency reports",
            template="governance/sections/latest_reports.html",
            context=_latest_reports,
            order=2,
        ),
    )
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
