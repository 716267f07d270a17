"""Pages of the members app. Thin: forms parse, selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from alliance_portal import policy
from members import selectors, services
from members.forms import DirectoryFilterForm, OrganisationProfileForm

PAGE_SIZE = 25


@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    chamber = filters.get("chamber")
    organisations = selectors.organisation_list(
        user=request.user,
        chamber=chamber.slug if chamber else None,
        country=filters.get("country") or None,
        search=filters.get("q") or None,
    )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/organisation_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get(user=request.user, slug=slug)
    return render(
        request,
        "members/organisation_detail.html",
        {
            "organisation": organisation,
            "shows_contacts": selectors.organisation_shows_contacts(
                user=request.user, organisation=organisation
            ),
            "can_edit": policy.can_change(request.user, organisation),
            "people": selectors.organisation_people(user=request.user, organisation=organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get(user=request.user, slug=slug)
    policy.require_change(request.user, organisation)
    form = OrganisationProfileForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user, organisation=organisation, changes=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The profile is saved.")
            return redirect(organisation)
    return render(
        request, "members/organisation_form.html", {"organisation": organisation, "form": form}
    )
