"""Page: the secretariat says what a proposal changes when it is adopted."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from governance.effects import selectors, services
from governance.effects.forms import EffectForm
from governance.effects.registry import KINDS
from governance.proposals import selectors as proposal_selectors


@require_http_methods(["GET", "POST"])
def proposal_effect(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "proposal.set_effect", proposal)
    current = selectors.effect_of(proposal=proposal)
    if request.method == "POST" and request.POST.get("remove_effect"):
        try:
            services.proposal_effect_clear(actor=request.user, proposal=proposal)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The proposal changes nothing when adopted now.")
        return redirect(proposal)
    initial = (
        {
            "kind": current.effect.kind,
            "payload": selectors.effect_payload_text(current.effect.payload),
        }
        if current
        else None
    )
    form = EffectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_effect_set(
                actor=request.user,
                proposal=proposal,
                kind=form.cleaned_data["kind"],
                payload=form.cleaned_data["payload"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Saved: the decision that adopts it will make this change.")
            return redirect(proposal)
    return render(
        request,
        "governance/effects/effect_form.html",
        {"proposal": proposal, "form": form, "current": current, "kinds": KINDS.values()},
    )
