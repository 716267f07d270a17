"""Pages: the bodies and their composition."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from governance.bodies import selectors as body_selectors
from governance.proposals import selectors as proposal_selectors


@require_GET
def body_list(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/body_list.html", {"bodies": body_selectors.body_list()})


@require_GET
def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    body = body_selectors.body_get(slug=slug)
    return render(
        request,
        "governance/body_detail.html",
        {
            "body": body,
            "composition": body_selectors.body_composition(user=request.user, body=body),
            "constitution": body_selectors.constitution_summary(body=body),
            "proposals": proposal_selectors.proposal_list(user=request.user, body=body.slug)[:20],
        },
    )
