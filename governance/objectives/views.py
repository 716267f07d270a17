"""Pages: objectives and their indicators."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from governance.effects import selectors as effect_selectors
from governance.objectives import selectors


@require_GET
def objective_list(request: HttpRequest) -> HttpResponse:
    objectives = list(selectors.objective_list())
    decisions = effect_selectors.objective_decisions(user=request.user)
    for objective in objectives:  # the page links the decision that set each one
        objective.decided_by = decisions.objectives.get(objective.slug)  # type: ignore[attr-defined]
        for indicator in objective.indicators.all():
            indicator.decided_by = decisions.indicators.get(  # type: ignore[attr-defined]
                (objective.slug, indicator.name)
            )
    return render(
        request,
        "governance/objective_list.html",
        {
            "objectives": objectives,
            "issues": selectors.issue_register(),
        },
    )
