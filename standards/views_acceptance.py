"""Pages of acceptance requests: the list, one request with its claim beside the crosswalk's
evidence (and, through the page-section registry, what governance did with it), and the forms
an organisation's representative drafts, submits and withdraws one with."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.policy.principals import principal
from alliance_portal.sharing_protocol import form_sharing
from members.models import Organisation
from standards import services
from standards.forms import AcceptanceFilterForm, AcceptanceRequestForm, AcceptanceWithdrawForm
from standards.models import AcceptanceRequest
from standards.selectors import acceptance as selectors

PAGE_SIZE = 25


@require_GET
def acceptance_list(request: HttpRequest) -> HttpResponse:
    form = AcceptanceFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    requests = selectors.acceptance_list(
        user=request.user,
        status=filters.get("status") or None,
        standard_code=filters.get("standard") or None,
    )
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "standards/acceptance_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_draft": policy.may(request.user, "acceptance_request.draft"),
        },
    )


@require_GET
def acceptance_detail(request: HttpRequest, pk: int) -> HttpResponse:
    acceptance = selectors.acceptance_get(user=request.user, pk=pk)
    user = request.user
    return render(
        request,
        "standards/acceptance_detail.html",
        {
            "acceptance": acceptance,
            "coverage": selectors.claim_coverage(request=acceptance),
            "may_edit": acceptance.is_draft
            and policy.may(user, "acceptance_request.draft", acceptance.organisation),
            "may_submit": acceptance.is_draft
            and policy.may(user, "acceptance_request.submit", acceptance),
            "may_withdraw": acceptance.awaits_answer
            and policy.may(user, "acceptance_request.withdraw", acceptance),
        },
    )


def _fields(form: AcceptanceRequestForm) -> services.AcceptanceFields:
    return services.AcceptanceFields(**form.cleaned_data)


def _render_form(request: HttpRequest, form: AcceptanceRequestForm, **context: Any) -> HttpResponse:
    sharing = form_sharing(form, item="acceptance request")
    return render(
        request, "standards/acceptance_form.html", {"form": form, "sharing": sharing, **context}
    )


@require_http_methods(["GET", "POST"])
def acceptance_create(request: HttpRequest) -> HttpResponse:
    """Draft a request for the representative's own organisation."""
    policy.require(request.user, "acceptance_request.draft")
    organisation = get_object_or_404(Organisation, pk=principal(request.user).organisation_id)
    policy.require(request.user, "acceptance_request.draft", organisation)
    form = AcceptanceRequestForm(
        request.POST or None, requirements=selectors.claimable_requirements()
    )
    if request.method == "POST" and form.is_valid():
        try:
            acceptance = services.acceptance_request_draft(
                actor=request.user, organisation=organisation, fields=_fields(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "The draft is saved. Only your organisation's people and the secretariat read "
                "it until you submit it.",
            )
            return redirect(acceptance)
    return _render_form(
        request,
        form,
        organisation=organisation,
        title=f"Draft an acceptance request for {organisation.name}",
        submit="Save draft",
        cancel=reverse("standards:acceptance-list"),
    )


def _initial(acceptance: AcceptanceRequest) -> dict[str, Any]:
    return {
        "version": acceptance.version,
        "requirement_refs": list(acceptance.requirement_refs),
        "statement": acceptance.statement,
        "disclosure": acceptance.disclosure,
    }


@require_http_methods(["GET", "POST"])
def acceptance_edit(request: HttpRequest, pk: int) -> HttpResponse:
    acceptance = selectors.acceptance_get(user=request.user, pk=pk)
    policy.require(request.user, "acceptance_request.draft", acceptance.organisation)
    if not acceptance.is_draft:
        messages.error(request, "The request is submitted: it no longer changes.")
        return redirect(acceptance)
    form = AcceptanceRequestForm(
        request.POST or None,
        initial=_initial(acceptance),
        requirements=selectors.claimable_requirements(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            acceptance = services.acceptance_request_update(
                actor=request.user, request=acceptance, fields=_fields(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The draft is saved.")
            return redirect(acceptance)
    return _render_form(
        request,
        form,
        organisation=acceptance.organisation,
        title="Change the draft acceptance request",
        submit="Save draft",
        cancel=acceptance.get_absolute_url(),
    )


@require_POST
def acceptance_submit(request: HttpRequest, pk: int) -> HttpResponse:
    acceptance = selectors.acceptance_get(user=request.user, pk=pk)
    policy.require(request.user, "acceptance_request.submit", acceptance)
    try:
        services.acceptance_request_submit(actor=request.user, request=acceptance)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "The request is submitted: the secretariat will consider it, and it is now read at "
            "the level you chose.",
        )
    return redirect(acceptance)


@require_http_methods(["GET", "POST"])
def acceptance_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    acceptance = selectors.acceptance_get(user=request.user, pk=pk)
    policy.require(request.user, "acceptance_request.withdraw", acceptance)
    form = AcceptanceWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.acceptance_request_withdraw(
                actor=request.user, request=acceptance, reason=form.cleaned_data["reason"] or ""
            )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, "The request is withdrawn.")
            return redirect(acceptance)
    return render(
        request,
        "standards/acceptance_withdraw.html",
        {"form": form, "acceptance": acceptance},
    )
