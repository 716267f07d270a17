"""Pages: the governance dashboard and a person's own actions. Thin: selectors read, the access
policy decides what each reader sees."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from governance.balance import selectors as balance_selectors
from governance.balance.charts import balance_charts
from governance.balance.forms import period_form
from governance.ballots.selectors import ballots_needing
from governance.ballots.views import ballot_dashboard_context
from governance.dashboard import selectors


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form = period_form(request.GET)
    balance = balance_selectors.balance(user=request.user, period=form.chosen())
    return render(
        request,
        "governance/dashboard.html",
        {
            "dashboard": selectors.dashboard(user=request.user),
            "balance": balance,
            "balance_charts": balance_charts(balance),
            "period_form": form,
            **ballot_dashboard_context(request),
        },
    )


@login_required
@require_GET
def my_actions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/my_actions.html",
        {
            "actions": selectors.actions_for(user=request.user),
            "ballots_to_vote": ballots_needing(user=request.user),
        },
    )
