"""Pages of the common value chains: every material's chain at a glance, and one material's
chain stage by stage. Counts and standards only: no organisation is named here."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from members.vocabularies import ValueChainStage
from standards.selectors.value_chains import CHAIN_MATERIALS, CHAIN_STAGES, value_chains


@require_GET
def value_chain_list(request: HttpRequest) -> HttpResponse:
    chains = value_chains(user=request.user)
    return render(
        request,
        "standards/value_chain_list.html",
        {
            "chains": chains,
            "declared": [chain for chain in chains if chain.declared],
            "stage_labels": [ValueChainStage(stage).label for stage in CHAIN_STAGES],
        },
    )


@require_GET
def value_chain_detail(request: HttpRequest, material: str) -> HttpResponse:
    if material not in CHAIN_MATERIALS:
        raise Http404("No value chain for this material.")
    chain = value_chains(user=request.user, material=material)[0]
    return render(request, "standards/value_chain_detail.html", {"chain": chain})
