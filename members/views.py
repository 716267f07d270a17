"""Pages of the members app. Thin: forms parse, selectors read, services write, the access
policy decides."""

from __future__ import annotations

import csv
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.api.throttles import throttled
from alliance_portal.body_limit import body_limit
from alliance_portal.directory import directory_columns
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.forms import apply_service_error
from alliance_portal.sharing_protocol import sharing_summary
from members import pdf_check, selectors, services
from members.api_standing import standing_payload, standing_url
from members.forms import (
    ApplicationForm,
    CoverageFilterForm,
    DirectoryFilterForm,
    InvitePersonForm,
    OrganisationProfileForm,
    RejectionForm,
    StandingDateForm,
)
from members.models import ApplicationStatus, MembershipApplication, Person
from members.selectors.standing import member_standing

PAGE_SIZE = 25


@require_GET
@throttled("search", methods=("GET",), only_with=("q",))
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    chamber = filters.get("chamber")
    organisations = selectors.organisation_list(
        user=request.user,
        chamber=chamber.slug if chamber else None,
        kind=filters.get("kind") or None,
        country=filters.get("country") or None,
        stage=filters.get("stage") or None,
        sector=filters.get("sector") or None,
        material=filters.get("material") or None,
        search=filters.get("q") or None,
        extra=form.extra_values() if filters else None,
    )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    policy.record_reads(request.user, page.object_list)  # applicants, for the secretariat
    query = request.GET.copy()
    query.pop("page", None)
    # The columns higher apps register (the committed tier...), one query each per page.
    columns = directory_columns(
        request.user, [o.pk for o in page.object_list], form.offered_filters()
    )
    rows = [
        (organisation, [cells.get(organisation.pk, "") for _, cells in columns])
        for organisation in page.object_list
    ]
    return render(
        request,
        "members/organisation_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "columns": [heading for heading, _ in columns],
            "rows": rows,
        },
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
            "can_edit": policy.may(request.user, "organisation.edit", organisation),
            "people": selectors.organisation_people(user=request.user, organisation=organisation),
        },
    )


def _standing_day(request: HttpRequest) -> tuple[StandingDateForm, date | None]:
    """The day asked for (today when none), or None with the form saying what is wrong."""
    if "as_of" not in request.GET:
        today = timezone.localdate()
        return StandingDateForm(initial={"as_of": today}), today
    form = StandingDateForm(request.GET)
    return form, form.cleaned_data["as_of"] if form.is_valid() else None


@require_GET
def organisation_standing(request: HttpRequest, slug: str) -> HttpResponse:
    """A member's standing on a day: public, printable, the same for every reader; its
    figures recomputed from the records at every reading (an applicant's: 404)."""
    organisation = selectors.organisation_get(user=request.user, slug=slug)
    form, as_of = _standing_day(request)
    standing = (
        member_standing(organisation=organisation, as_of=as_of) if as_of is not None else None
    )
    return render(
        request,
        "members/standing.html",
        {
            "organisation": organisation,
            "form": form,
            "standing": standing,
            "json_url": standing_url(standing, "members:organisation-standing-json")
            if standing
            else None,
            "today": timezone.localdate(),
        },
        status=200 if standing else 400,
    )


@require_GET
def organisation_standing_json(request: HttpRequest, slug: str) -> HttpResponse:
    """The standing page's JSON twin: the same object as the API's."""
    organisation = selectors.organisation_get(user=request.user, slug=slug)
    form, as_of = _standing_day(request)
    if as_of is None:
        return JsonResponse({"as_of": list(form.errors["as_of"])}, status=400)
    payload = standing_payload(member_standing(organisation=organisation, as_of=as_of))
    return JsonResponse(payload, json_dumps_params={"indent": 2, "ensure_ascii": False})


@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get(user=request.user, slug=slug)
    policy.require(request.user, "organisation.edit", organisation)
    form = OrganisationProfileForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user, organisation=organisation, changes=form.cleaned_data
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The profile is saved.")
            return redirect(organisation)
    # The description and the rest of the profile are public; the contact is for members.
    sharing = sharing_summary(
        [DisclosureLevel.PUBLIC, DisclosureLevel.MEMBERS],
        item="part",
        organisation_name=organisation.name,
    )
    return render(
        request,
        "members/organisation_form.html",
        {"organisation": organisation, "form": form, "sharing": sharing},
    )


@require_http_methods(["GET", "POST"])
def organisation_people(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's representative (or the secretariat) manages its people."""
    organisation = selectors.organisation_get(user=request.user, slug=slug)
    policy.require(request.user, "organisation.manage_people", organisation)
    form = InvitePersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_invite(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"{person.user.email} is invited: we emailed them a link.")
            return redirect("members:organisation-people", slug=organisation.slug)
    people = organisation.people.select_related("user").order_by(
        "-is_representative", "user__display_name"
    )
    return render(
        request,
        "members/organisation_people.html",
        {"organisation": organisation, "people": people, "form": form},
    )


@require_POST
def person_change(request: HttpRequest, slug: str, person_id: int) -> HttpResponse:
    """Designate, withdraw or remove one person (POST from the people page)."""
    organisation = selectors.organisation_get(user=request.user, slug=slug)
    policy.require(request.user, "organisation.manage_people", organisation)
    person = get_object_or_404(Person, pk=person_id, organisation=organisation)
    action = request.POST.get("action")
    try:
        if action == "remove":
            services.person_remove(actor=request.user, person=person)
            messages.success(request, f"{person.user.email} no longer belongs to {organisation}.")
        elif action in {"designate", "withdraw"}:
            services.person_set_representative(
                actor=request.user, person=person, is_representative=action == "designate"
            )
            messages.success(request, f"{person.user.email} is updated.")
        else:
            messages.error(request, "Unknown action.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("members:organisation-people", slug=organisation.slug)


def application_too_large(request: HttpRequest) -> HttpResponse:
    """The application form again (413), saying why: the body was refused unread."""
    return render(
        request,
        "members/application_form.html",
        {"form": ApplicationForm(), "too_large": pdf_check.TOO_LARGE},
        status=413,
    )


# The letter and the form's fields; a larger body is refused before it is read.
@body_limit(pdf_check.MAX_LETTER_BYTES + 1024 * 1024, application_too_large)
@throttled("application")
@require_http_methods(["GET", "POST"])
def application_create(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        letter = data.pop("commitment_letter")
        try:
            services.application_submit(actor=request.user, commitment_letter=letter, **data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            return render(
                request, "members/application_done.html", {"name": data["organisation_name"]}
            )
    return render(request, "members/application_form.html", {"form": form})


@require_GET
def application_list(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "application.review")
    status = request.GET.get("status", ApplicationStatus.SUBMITTED)
    applications = MembershipApplication.objects.select_related("chamber").order_by("-submitted_at")
    if status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    policy.record_reads(request.user, page.object_list, confidential=True)
    return render(
        request,
        "members/application_list.html",
        {
            "page": page,
            "status": status,
            "statuses": ApplicationStatus.choices,
            "query": f"status={status}",
        },
    )


@require_http_methods(["GET", "POST"])
def application_review(request: HttpRequest, pk: int) -> HttpResponse:
    policy.require(request.user, "application.review")
    application = get_object_or_404(MembershipApplication.objects.select_related("chamber"), pk=pk)
    policy.record_access(request.user, application, confidential=True)
    rejection = RejectionForm(request.POST if request.POST.get("decision") == "reject" else None)
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "approve":
                organisation = services.application_approve(
                    actor=request.user, application=application
                )
                messages.success(
                    request,
                    f"{organisation} is a member now; {application.representative_email} is invited.",
                )
                return redirect(organisation)
            if rejection.is_valid():
                services.application_reject(
                    actor=request.user,
                    application=application,
                    reason=rejection.cleaned_data["reason"],
                )
                messages.success(request, "The application is rejected; the applicant is told why.")
                return redirect("members:application-list")
            if request.POST.get("decision") == "withdraw":
                services.application_withdraw(actor=request.user, application=application)
                messages.success(request, "The application is recorded as withdrawn.")
                return redirect("members:application-list")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return render(
        request,
        "members/application_review.html",
        {"application": application, "rejection": rejection},
    )


@require_GET
def application_letter(request: HttpRequest, pk: int) -> FileResponse:
    """The signed commitment letter: secretariat only, never a public media URL, always a
    download (never shown inline by the browser, never sniffed as another type)."""
    policy.require(request.user, "application.review")
    application = get_object_or_404(MembershipApplication, pk=pk)
    policy.record_access(request.user, application, confidential=True)
    if not application.commitment_letter:
        raise Http404("The letter of this application was removed.")
    response = FileResponse(
        application.commitment_letter.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"commitment-{application.pk}.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def agreements(request: HttpRequest) -> HttpResponse:
    """A person of a member organisation reads and accepts the current charter, protocol and
    competition-law statement."""
    person = Person.objects.filter(user=request.user.pk).select_related("organisation").first()
    pending = selectors.agreements_to_accept(person=person) if person else []
    if request.method == "POST" and person is not None and pending:
        if request.POST.get("accept") != "yes":
            messages.error(request, "Tick the box to accept the texts.")
        else:
            services.agreements_accept(actor=request.user, person=person, agreements=pending)
            messages.success(request, "Thank you: members-only material is open to you now.")
            return redirect("home")
    return render(
        request,
        "members/agreements.html",
        {"person": person, "pending": pending, "current": selectors.current_agreements()},
    )


def _coverage_filters(request: HttpRequest) -> tuple[CoverageFilterForm, dict[str, Any]]:
    form = CoverageFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, {
        "material": filters.get("material") or None,
        "country": filters.get("country") or None,
    }


@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    form, filters = _coverage_filters(request)
    matrix = selectors.coverage_matrix(**filters)
    return render(
        request,
        "members/coverage.html",
        {"form": form, "matrix": matrix, "query": request.GET.urlencode()},
    )


@require_GET
@throttled("export", methods=("GET",))
def coverage_csv(request: HttpRequest) -> HttpResponse:
    _form, filters = _coverage_filters(request)
    matrix = selectors.coverage_matrix(**filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="coverage.csv"'
    writer = csv.writer(response)
    writer.writerow(["chamber", "value_chain_stage", "active_members", "partner_alliances"])
    for chamber, cells in matrix.rows:
        for cell in cells:
            writer.writerow([chamber.slug, cell.stage, cell.members, cell.partners])
    return response


@require_GET
def stakeholders(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "stakeholder_map.read")
    groups = list(selectors.stakeholder_group_list())
    ticks = [(n, 60 + (n - 0.5) * 96, 20 + (5 - n + 0.5) * 96) for n in range(1, 6)]
    return render(
        request,
        "members/stakeholders.html",
        {"groups": groups, "points": selectors.stakeholder_chart(groups), "ticks": ticks},
    )


@require_GET
def partner_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "members/partner_list.html",
        {
            "alliances": selectors.partner_alliance_list(),
            "shows_liaison": selectors.partner_alliance_shows_liaison(request.user),
        },
    )


@require_GET
def country_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "members/country_list.html", {"countries": selectors.focus_country_list()}
    )


@require_GET
def country_detail(request: HttpRequest, iso2: str) -> HttpResponse:
    page = selectors.country_page(user=request.user, code=iso2)
    return render(request, "members/country_detail.html", {"page": page, "country": page.country})
