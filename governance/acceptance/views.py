"""The secretariat's "Open a proposal from this acceptance request" (a form in the section
governance adds to the request's page)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from alliance_portal import policy
from governance.acceptance import services
from governance.acceptance.forms import OpenProposalForm
from standards.selectors.acceptance import acceptance_get


@require_POST
def acceptance_open_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    acceptance = acceptance_get(user=request.user, pk=pk)
    policy.require(request.user, "acceptance_request.open_proposal", acceptance)
    form = OpenProposalForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose the body that decides.")
        return redirect(acceptance)
    try:
        proposal = services.proposal_open_from_acceptance_request(
            actor=request.user, request=acceptance, body=form.cleaned_data["body"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(acceptance)
    messages.success(
        request,
        "The draft proposal is open, and the request is under consideration. Word the proposed "
        "decision, set its effect (answer the acceptance request) so that its adoption records "
        "the answer, and schedule its consultation.",
    )
    return redirect(proposal)
