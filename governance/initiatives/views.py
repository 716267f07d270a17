"""Pages: the initiatives (public list with filters, an initiative with its budget, funding per
currency and pledges), the secretariat's guided forms to create and edit one, pledging (a
representative for their organisation; the secretariat for a partner alliance), withdrawing a
pledge and marking it paid. Thin: forms parse, selectors read, services write, the access
policy decides."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from governance.initiatives import selectors, services
from governance.initiatives.forms import (
    InitiativeFilterForm,
    InitiativeForm,
    PaidForm,
    PartnerPledgeForm,
    PledgeForm,
)
from governance.initiatives.models import PledgeStatus

PAGE_SIZE = 25


@require_GET
def initiative_list(request: HttpRequest) -> HttpResponse:
    form = InitiativeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    lead = filters.get("lead")
    initiatives = selectors.initiative_list(
        user=request.user,
        status=filters.get("status") or None,
        country=filters.get("country") or None,
        material=filters.get("material") or None,
        lead=lead.slug if lead else None,
    )
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    funding = selectors.funding_for(page.object_list)
    return render(
        request,
        "governance/initiatives/initiative_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "rows": [(i, funding[i.pk]) for i in page.object_list],
            "may_create": policy.may(request.user, "initiative.manage"),
        },
    )


@require_GET
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    pledges = selectors.initiative_pledges(user=request.user, initiative=initiative)
    user = request.user
    return render(
        request,
        "governance/initiatives/initiative_detail.html",
        {
            "initiative": initiative,
            "funding": selectors.initiative_funding(initiative=initiative),
            "actions": selectors.funded_actions(user=request.user, initiative=initiative),
            "pledges": pledges,
            "pledgers": selectors.pledgers(pledges),
            "amounts_visible": selectors.amounts_visible(user),
            "may_edit": policy.may(user, "initiative.manage", initiative),
            "may_pledge": initiative.open_for_pledges
            and (
                policy.may(user, "pledge.make", initiative)
                or policy.may(user, "pledge.record_partner", initiative)
            ),
            "may_mark_paid": policy.may(user, "pledge.mark_paid"),
            "withdrawable": {
                row.pledge.pk
                for row in pledges
                if row.status == PledgeStatus.PLEDGED
                and policy.may(user, "pledge.withdraw", row.pledge)
            },
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "initiative.manage")
    form = InitiativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(actor=request.user, **form.values())
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The initiative is created.")
            return redirect(initiative.get_absolute_url())
    return render(
        request, "governance/initiatives/initiative_form.html", {"form": form, "initiative": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    policy.require(request.user, "initiative.manage", initiative)
    form = InitiativeForm(request.POST or None, initial=InitiativeForm.initial_from(initiative))
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(
                actor=request.user, initiative=initiative, changes=form.values()
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The initiative is saved.")
            return redirect(initiative.get_absolute_url())
    return render(
        request,
        "governance/initiatives/initiative_form.html",
        {"form": form, "initiative": initiative},
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_pledge(request: HttpRequest, pk: int) -> HttpResponse:
    """A representative pledges for their organisation; the secretariat records a partner
    alliance's pledge. Anyone else is refused before a form is shown."""
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    for_partner = policy.may(request.user, "pledge.record_partner", initiative)
    if not for_partner:
        policy.require(request.user, "pledge.make", initiative)
    form_class = PartnerPledgeForm if for_partner else PledgeForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if for_partner:
                services.partner_pledge_record(
                    actor=request.user, initiative=initiative, **form.cleaned_data
                )
            else:
                services.pledge_make(actor=request.user, initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The pledge is recorded.")
            return redirect(f"{initiative.get_absolute_url()}#pledges")
    return render(
        request,
        "governance/initiatives/pledge_form.html",
        {
            "form": form,
            "initiative": initiative,
            "for_partner": for_partner,
            "organisation_name": _organisation_name(request.user),
        },
    )


def _organisation_name(user: Any) -> str:
    return policy.principal(user).organisation_name


@login_required
@require_POST
def pledge_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = selectors.pledge_get(user=request.user, pk=pk)
    try:
        services.pledge_withdraw(actor=request.user, pledge=pledge)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The pledge of {pledge.pledger_name} is withdrawn.")
    return redirect(f"{pledge.initiative.get_absolute_url()}#pledges")


@login_required
@require_http_methods(["GET", "POST"])
def pledge_paid(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = selectors.pledge_get(user=request.user, pk=pk)
    policy.require(request.user, "pledge.mark_paid", pledge)
    form = PaidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pledge_mark_paid(actor=request.user, pledge=pledge, **form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"The pledge of {pledge.pledger_name} is marked paid.")
            return redirect(f"{pledge.initiative.get_absolute_url()}#pledges")
    return render(
        request, "governance/initiatives/paid_form.html", {"form": form, "pledge": pledge}
    )
