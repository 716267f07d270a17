"""Pages of downstream demands: the aggregated demand anyone may read (how many buyers ask,
never which, from 3 up), an organisation's own demands (its people and the secretariat), the
form its representative records demands with, and withdrawing one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.sharing_protocol import sharing_summary
from members.models import Organisation
from members.selectors import organisation_get
from standards import services
from standards.forms import DemandFilterForm, DemandForm
from standards.selectors import demands as selectors

PAGE_SIZE = 50


@require_GET
def demand_aggregate(request: HttpRequest) -> HttpResponse:
    form = DemandFilterForm(request.GET or None)
    material = (form.cleaned_data.get("material") if form.is_valid() else None) or None
    aggregate = selectors.demand_aggregate(user=request.user, material=material)
    own = selectors.own_organisation(request.user)
    return render(
        request,
        "standards/demand_aggregate.html",
        {
            "form": form,
            "aggregate": aggregate,
            "material": material,
            "own_organisation": own if own is not None and own.is_downstream else None,
        },
    )


def _own_url(organisation: Organisation) -> str:
    return reverse("standards:organisation-demands", kwargs={"slug": organisation.slug})


@require_GET
def organisation_demands(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_get(user=request.user, slug=slug)
    policy.require(request.user, "demand.read", organisation)
    form = DemandFilterForm(request.GET or None)
    material = (form.cleaned_data.get("material") if form.is_valid() else None) or None
    demands = selectors.demand_list(user=request.user, organisation=organisation, material=material)
    page = Paginator(demands, PAGE_SIZE).get_page(request.GET.get("page"))
    policy.record_reads(request.user, page.object_list)  # the secretariat's reads are logged
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "standards/organisation_demands.html",
        {
            "organisation": organisation,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_record": policy.may(request.user, "demand.record", organisation),
        },
    )


# The service's field names, as the form calls them.
FORM_FIELDS = {"elements": "requirements", "organisation": None}


@require_http_methods(["GET", "POST"])
def demand_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_get(user=request.user, slug=slug)
    policy.require(request.user, "demand.record", organisation)
    form = DemandForm(request.POST or None, requirements=selectors.demandable_requirements())
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        try:
            created = services.demand_record(
                actor=request.user,
                organisation=organisation,
                material=data["material"],
                elements=data["elements"],
                note=data.get("note") or "",
            )
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                field = FORM_FIELDS.get(name, name)
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            count = len(created)
            messages.success(
                request,
                f"{count} demand{'s' if count != 1 else ''} recorded."
                if count
                else "Your organisation demanded all of these already.",
            )
            return redirect(_own_url(organisation))
    return render(
        request,
        "standards/demand_form.html",
        {
            "form": form,
            "organisation": organisation,
            "downstream": organisation.is_downstream,
            # Demands are read in full by the organisation's people and the secretariat only.
            "sharing": sharing_summary(
                [DisclosureLevel.SECRETARIAT], item="demand", organisation_name=organisation.name
            ),
            "cancel": _own_url(organisation),
        },
    )


@require_POST
def demand_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = organisation_get(user=request.user, slug=slug)
    policy.require(request.user, "demand.record", organisation)
    demand = (
        selectors.demand_list(user=request.user, organisation=organisation).filter(pk=pk).first()
    )
    if demand is None:
        messages.info(request, "This demand was withdrawn already.")
    else:
        services.demand_withdraw(
            actor=request.user,
            organisation=organisation,
            material=demand.material,
            elements=[demand.element],
        )
        messages.success(request, "The demand is withdrawn.")
    return redirect(_own_url(organisation))
