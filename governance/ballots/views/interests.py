"""Pages: the public register of interests."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from governance.ballots import selectors as ballot_selectors
from governance.ballots import services
from governance.ballots.forms import (
    InterestFilterForm,
    InterestForm,
    ReasonForm,
)
from governance.ballots.models import InterestDeclaration

PAGE_SIZE = 50


# --- the register of interests ------------------------------------------------------------------


@require_GET
def interest_list(request: HttpRequest) -> HttpResponse:
    form = InterestFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    organisation = filters.get("organisation")
    interests = ballot_selectors.interest_register(
        organisation=organisation.slug if organisation else None,
        current_only=bool(filters.get("current")),
    )
    page = Paginator(interests, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    names = ballot_selectors.declarer_names(user=request.user, interests=page.object_list)
    for interest in page.object_list:
        interest.declarer_name = names.get(interest.pk, "")  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "governance/ballots/interest_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def interest_declare(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "interest.declare")
    # A representative declares for their own organisation; the secretariat names one.
    choose = policy.represented_organisation_id(request.user) is None
    form = InterestForm(request.POST or None, choose_organisation=choose)
    if request.method == "POST" and form.is_valid():
        try:
            services.interest_declare(
                actor=request.user,
                organisation=form.cleaned_data.get("organisation"),
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The interest is in the register.")
            return redirect("governance:interest-list")
    return render(request, "governance/ballots/interest_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def interest_end(request: HttpRequest, pk: int) -> HttpResponse:
    policy.require(request.user, "interest.end")
    interest = get_object_or_404(InterestDeclaration.objects.select_related("organisation"), pk=pk)
    policy.require(request.user, "interest.end", interest.organisation)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.interest_end(
                actor=request.user, interest=interest, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The interest is marked as ended; it stays in the register.")
            return redirect("governance:interest-list")
    return render(
        request, "governance/ballots/interest_end.html", {"form": form, "interest": interest}
    )
