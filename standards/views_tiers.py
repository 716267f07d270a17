"""Pages of commitment tiers: the list and each tier (public once adopted), the secretariat's
draft form, and the form an organisation's representative declares, changes or withdraws its
commitment with."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from alliance_portal.sharing_protocol import form_sharing
from members.selectors import organisation_get
from standards import services
from standards.forms_tiers import CommitmentForm, TierForm
from standards.models import TierStatus
from standards.selectors import tiers as selectors


@require_GET
def tier_list(request: HttpRequest) -> HttpResponse:
    tiers = list(selectors.tier_list(user=request.user))
    return render(
        request,
        "standards/tier_list.html",
        {
            "tiers": [(tier, selectors.tier_requirements(tier)) for tier in tiers],
            "may_draft": policy.may(request.user, "tier.draft"),
        },
    )


@require_GET
def tier_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tier = selectors.tier_get(user=request.user, slug=slug)
    return render(
        request,
        "standards/tier_detail.html",
        {
            "tier": tier,
            "requirements": selectors.tier_requirements(tier),
            "may_edit": tier.status == TierStatus.DRAFT
            and policy.may(request.user, "tier.draft", tier),
            "directory_url": f"{reverse('members:organisation-list')}?tier={tier.slug}",
        },
    )


def _tier_fields(form: TierForm) -> services.TierFields:
    data = form.cleaned_data
    return services.TierFields(
        name=data["name"],
        rank=data["rank"],
        description=data.get("description") or "",
        baseline_requirements=list(data.get("baseline_requirements") or []),
        further_requirements=form.further_list(),
    )


@require_http_methods(["GET", "POST"])
def tier_create(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "tier.draft")
    form = TierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tier = services.tier_draft(actor=request.user, fields=_tier_fields(form))
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The tier is drafted: a decision adopts it.")
            return redirect(tier)
    return render(
        request,
        "standards/tier_form.html",
        {"form": form, "title": "Draft a commitment tier", "submit": "Save draft"},
    )


@require_http_methods(["GET", "POST"])
def tier_edit(request: HttpRequest, slug: str) -> HttpResponse:
    tier = selectors.tier_get(user=request.user, slug=slug)
    policy.require(request.user, "tier.draft", tier)
    form = TierForm(request.POST or None, initial=TierForm.initial_from(tier))
    if request.method == "POST" and form.is_valid():
        try:
            tier = services.tier_update(actor=request.user, tier=tier, fields=_tier_fields(form))
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The draft is saved.")
            return redirect(tier)
    return render(
        request,
        "standards/tier_form.html",
        {"form": form, "title": f"Change the draft tier {tier.name}", "submit": "Save draft"},
    )


@require_http_methods(["GET", "POST"])
def commitment_declare(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_get(user=request.user, slug=slug)
    policy.require(request.user, "tier_commitment.declare", organisation)
    current = selectors.tier_commitment_of(organisation=organisation, user=request.user)
    initial = (
        {
            "tier": current.tier.slug,
            "target_date": current.target_date,
            "disclosure": current.disclosure,
        }
        if current
        else {}
    )
    form = CommitmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.tier_commitment_declare(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The commitment is declared.")
            return redirect(organisation)
    history = selectors.commitment_list(user=request.user, organisation=organisation, current=False)
    return render(
        request,
        "standards/commitment_form.html",
        {
            "form": form,
            "organisation": organisation,
            "current": current,
            "history": list(history[:50]),
            "sharing": form_sharing(form, item="commitment", organisation_name=organisation.name),
        },
    )


@require_POST
def commitment_withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_get(user=request.user, slug=slug)
    policy.require(request.user, "tier_commitment.declare", organisation)
    try:
        services.tier_commitment_withdraw(actor=request.user, organisation=organisation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The commitment is withdrawn; it stays in the history.")
    return redirect(organisation)
