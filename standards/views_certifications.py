"""Pages of certifications: the list, one certification, and the form an organisation's
representative (or the secretariat) records or changes one with."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from alliance_portal import policy
from alliance_portal.sharing_protocol import SharingSummary, form_sharing
from members.selectors import organisation_get
from standards import services
from standards.forms import CertificationFilterForm, CertificationForm
from standards.models import Certification
from standards.selectors import certifications as selectors

PAGE_SIZE = 25


@require_GET
def certification_list(request: HttpRequest) -> HttpResponse:
    form = CertificationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    certifications = selectors.certification_list(
        user=request.user,
        standard_code=filters.get("standard") or None,
        status=filters.get("status") or None,
        material=filters.get("material") or None,
        current_on=today if filters.get("current") else None,
    )
    page = Paginator(certifications, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "standards/certification_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "today": today},
    )


@require_GET
def certification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    certification = selectors.certification_get(user=request.user, pk=pk)
    return render(
        request,
        "standards/certification_detail.html",
        {
            "certification": certification,
            "today": timezone.localdate(),
            "may_change": policy.may(
                request.user, "certification.record", certification.organisation
            ),
        },
    )


def _sharing(form: CertificationForm, organisation: Any) -> SharingSummary:
    """The protocol panel beside the form, from the level chosen (or saved, or the default)."""
    return form_sharing(form, item="certification", organisation_name=organisation.name)


def _fields(form: CertificationForm) -> services.CertificationFields:
    return services.CertificationFields(**form.cleaned_data)


def _initial(certification: Certification) -> dict[str, Any]:
    return {
        name: getattr(certification, name)
        for name in (
            "version",
            "status",
            "valid_from",
            "valid_until",
            "sites",
            "materials",
            "evidence_url",
            "disclosure",
        )
    }


@require_http_methods(["GET", "POST"])
def certification_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_get(user=request.user, slug=slug)
    policy.require(request.user, "certification.record", organisation)
    form = CertificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certification = services.certification_record(
                actor=request.user, organisation=organisation, fields=_fields(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The certification is recorded.")
            return redirect(certification)
    return render(
        request,
        "standards/certification_form.html",
        {
            "form": form,
            "organisation": organisation,
            "sharing": _sharing(form, organisation),
            "title": f"Record a certification of {organisation.name}",
            "submit": "Record certification",
            "cancel": organisation.get_absolute_url(),
        },
    )


@require_http_methods(["GET", "POST"])
def certification_edit(request: HttpRequest, pk: int) -> HttpResponse:
    certification = selectors.certification_get(user=request.user, pk=pk)
    policy.require(request.user, "certification.record", certification.organisation)
    form = CertificationForm(request.POST or None, initial=_initial(certification))
    if request.method == "POST" and form.is_valid():
        try:
            certification = services.certification_update(
                actor=request.user, certification=certification, fields=_fields(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The certification is updated.")
            return redirect(certification)
    return render(
        request,
        "standards/certification_form.html",
        {
            "form": form,
            "organisation": certification.organisation,
            "sharing": _sharing(form, certification.organisation),
            "title": f"Change the certification under {certification.version}",
            "submit": "Save changes",
            "cancel": certification.get_absolute_url(),
        },
    )
