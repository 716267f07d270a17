"""Pages: meetings (agenda, attendance by chamber, minutes), registration, the secretariat's
attendance and minutes forms; meeting requests and the equal-access figures. Thin: forms parse,
selectors read, services write, the access policy decides."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.body_limit import body_limit
from alliance_portal.competition_law import RULE, current_statement
from alliance_portal.forms import apply_service_error
from governance.documents.models import DocumentKind
from governance.documents.selectors import attachable
from governance.documents.views import path_name_refused, too_large, upload_limit
from governance.meetings import selectors, services
from governance.meetings.forms import (
    AttendanceForm,
    MeetingFilterForm,
    MeetingRequestForm,
    MinutesApprovalForm,
    MinutesForm,
    RequestDecisionForm,
    RequestFilterForm,
)
from governance.meetings.models import MeetingAttendance, RequestStatus

PAGE_SIZE = 25


def _page(request: HttpRequest, rows: Any) -> tuple[Any, str]:
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    form = MeetingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    body = filters.get("body")
    meetings = selectors.meeting_list(
        body=body.slug if body else None, when=filters.get("period") or None
    )
    page, query = _page(request, meetings)
    return render(
        request,
        "governance/meetings/meeting_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "now": timezone.now(),
            "may_schedule": policy.may(request.user, "meeting.schedule"),
        },
    )


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    now = timezone.now()
    attendance = selectors.meeting_attendance(meeting=meeting)
    return render(
        request,
        "governance/meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "now": now,
            "agenda": selectors.meeting_agenda(user=request.user, meeting=meeting),
            "attendance": attendance,
            "registered_total": sum(len(row.registered) for row in attendance),
            "attended_total": sum(len(row.attended) for row in attendance),
            "minutes": selectors.meeting_minutes(user=request.user, meeting=meeting),
            "registration": selectors.meeting_registration(user=request.user, meeting=meeting),
            "register_refusal": policy.refusal(request.user, "meeting.register", meeting)
            if request.user.is_authenticated
            else None,
            "may_record": policy.may(request.user, "meeting.record_attendance", meeting),
            "may_schedule": policy.may(request.user, "meeting.schedule", meeting.body),
            "may_unregister": policy.may(request.user, "meeting.unregister", meeting),
            "may_publish": policy.may(request.user, "meeting.minutes_publish", meeting),
            "may_approve": policy.may(request.user, "meeting.minutes_approve", meeting),
            "requests": meeting.requests.count(),
            "statement": current_statement(),
            "competition_rule": RULE,
            "may_hold": policy.may(request.user, "agenda_item.hold"),
            "may_release": policy.may(request.user, "agenda_item.release_hold"),
        },
    )


@login_required
@require_POST
def meeting_register(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    try:
        registered = services.meeting_register(actor=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{registered.organisation} is registered for this meeting.")
    return redirect(f"{meeting.get_absolute_url()}#attendance")


@login_required
@require_http_methods(["GET", "POST"])
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    policy.require(request.user, "meeting.record_attendance", meeting)
    present = MeetingAttendance.objects.filter(meeting=meeting, attended=True)
    registered = MeetingAttendance.objects.filter(meeting=meeting)
    initial = present if meeting.held else registered
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,  # none ticked is an answer too
        initial={"organisations": list(initial.values_list("organisation_id", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_attendance_record(
                actor=request.user, meeting=meeting, attended=form.cleaned_data["organisations"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The attendance is recorded.")
            return redirect(f"{meeting.get_absolute_url()}#attendance")
    return render(
        request, "governance/meetings/attendance_form.html", {"meeting": meeting, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
@body_limit(upload_limit(), too_large, keep_body=True)
def meeting_minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    policy.require(request.user, "meeting.minutes_publish", meeting)
    current = selectors.meeting_minutes(user=request.user, meeting=meeting).minutes
    initial = (
        {
            "text": current.text,
            "disclosure": current.disclosure,
            "statement_read": current.statement_read,
            "document": current.document_id,
        }
        if current
        else {}
    )
    documents = attachable(user=request.user).filter(kind=DocumentKind.MINUTES)
    form = MinutesForm(
        request.POST or None, request.FILES or None, initial=initial, documents=documents
    )
    if request.method == "POST" and form.is_valid() and not path_name_refused(request, form):
        try:
            services.meeting_minutes_publish(
                actor=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The minutes are published.")
            return redirect(f"{meeting.get_absolute_url()}#minutes")
    return render(
        request, "governance/meetings/minutes_form.html", {"meeting": meeting, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    policy.require(request.user, "meeting.minutes_approve", meeting)
    form = MinutesApprovalForm(
        request.POST or None, meetings=selectors.later_meetings(meeting=meeting)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_minutes_approve(
                actor=request.user, meeting=meeting, at_meeting=form.cleaned_data["at_meeting"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The approval of the minutes is recorded.")
            return redirect(f"{meeting.get_absolute_url()}#minutes")
    return render(
        request, "governance/meetings/approval_form.html", {"meeting": meeting, "form": form}
    )


# --- meeting requests ---------------------------------------------------------------------------


@login_required
@require_GET
def meeting_request_list(request: HttpRequest) -> HttpResponse:
    form = RequestFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    body = filters.get("body")
    requests = selectors.meeting_request_list(
        user=request.user, status=filters.get("status") or None, body=body.slug if body else None
    )
    page, query = _page(request, requests)
    return render(
        request,
        "governance/meetings/request_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "sees_all": policy.may(request.user, "meeting_request.decide"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_request_create(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "meeting_request.create")
    form = MeetingRequestForm(request.POST or None, initial={"body": request.GET.get("body")})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.meeting_request_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Your request is sent to the secretariat.")
            return redirect(created.get_absolute_url())
    return render(
        request,
        "governance/meetings/request_form.html",
        {"form": form, "speaks_for": policy.principal(request.user).organisation_name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting_request = selectors.meeting_request_get(user=request.user, pk=pk)
    may_decide = policy.may(request.user, "meeting_request.decide", meeting_request)
    form = None
    if may_decide and meeting_request.status == RequestStatus.PENDING:
        meetings = selectors.meetings_for_request(request=meeting_request)
        form = RequestDecisionForm(request.POST or None, meetings=meetings)
    if request.method == "POST":
        policy.require(request.user, "meeting_request.decide", meeting_request)
        if form is None:
            messages.error(request, "This request was decided already.")
            return redirect(meeting_request.get_absolute_url())
        if form.is_valid() and _decide(request, meeting_request, form):
            return redirect(meeting_request.get_absolute_url())
    return render(
        request,
        "governance/meetings/request_detail.html",
        {"meeting_request": meeting_request, "form": form},
    )


def _decide(request: HttpRequest, meeting_request: Any, form: RequestDecisionForm) -> bool:
    data = form.cleaned_data
    try:
        if data["decision"] == "schedule":
            services.meeting_request_schedule(
                actor=request.user, request=meeting_request, meeting=data["meeting"]
            )
        else:
            services.meeting_request_decline(
                actor=request.user, request=meeting_request, reason=data["reason"]
            )
    except ValidationError as error:
        apply_service_error(form, error)
        return False
    messages.success(request, "The decision is recorded and the requester is told.")
    return True


@require_GET
def meeting_request_figures(request: HttpRequest) -> HttpResponse:
    rows, total = selectors.meeting_request_figures()
    return render(
        request,
        "governance/meetings/request_figures.html",
        {"rows": rows, "total": total},
    )
