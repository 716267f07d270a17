"""Pages: objectives and their indicators."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from governance.objectives import selectors


@require_GET
def objective_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/objective_list.html",
        {
            "objectives": selectors.objective_list(),
            "issues": selectors.issue_register(),
        },
    )
