"""Page: the secretariat says what a proposal changes when it is adopted: first the kind of
change, then that kind's own form (``governance.effects.kind_forms``), never a payload to type."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from governance.common.problems import page_problems
from governance.effects import selectors, services
from governance.effects.form_base import KindForm
from governance.effects.kind_forms import kind_form
from governance.effects.registry import kind_choices
from governance.proposals import selectors as proposal_selectors


class KindChoiceForm(forms.Form):
    kind = forms.ChoiceField(label="What the decision changes", widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["kind"]
        field.choices = kind_choices()


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
    data = request.POST if request.method == "POST" else None
    kind = (data or request.GET).get("kind") or (current.effect.kind if current else "")
    form_class = kind_form(kind)
    form: KindForm | None = None
    if form_class is not None:
        initial = (
            form_class.initial_from(current.effect.payload)
            if current and current.effect.kind == kind
            else None
        )
        form = form_class(data, initial=initial, proposal=proposal)
    if data is not None and form is not None and form.is_valid():
        try:
            services.proposal_effect_set(
                actor=request.user, proposal=proposal, kind=kind, payload=form.payload()
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Saved: the decision that adopts it will make this change.")
            return redirect(proposal)
    return render(
        request,
        "governance/effects/effect_form.html",
        {
            "proposal": proposal,
            "current": current,
            "chooser": KindChoiceForm(initial={"kind": kind}),
            "kind": kind,
            "form": form,
            "problems": page_problems(form, form.items, form.item_name)
            if form is not None and form.is_bound
            else [],
        },
    )
