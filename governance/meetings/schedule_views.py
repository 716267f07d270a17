"""Pages of the secretariat's meeting work: schedule a meeting with its agenda, change it before
it starts, cancel it with a reason; and a representative's withdrawal of their organisation's
registration. Thin: forms parse, services write, the access policy decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from governance.common.problems import page_problems
from governance.meetings import selectors, services
from governance.meetings.models import Meeting
from governance.meetings.schedule_forms import (
    BaseAgendaFormSet,
    CancelForm,
    MeetingForm,
    agenda_formset,
)
from governance.templatetags.impact_tags import Problem

TEMPLATE = "governance/meetings/meeting_form.html"


def _problems(form: MeetingForm, agenda: BaseAgendaFormSet) -> list[Problem]:
    """Every problem of the page, in its order, each linking to its field where it has one."""
    return page_problems(form, agenda, "Agenda item")


def _page(
    request: HttpRequest, form: MeetingForm, agenda: BaseAgendaFormSet, meeting: Meeting | None
) -> HttpResponse:
    return render(
        request,
        TEMPLATE,
        {
            "form": form,
            "agenda": agenda,
            "meeting": meeting,
            "problems": _problems(form, agenda) if form.is_bound else [],
        },
    )


def _valid(form: MeetingForm, agenda: BaseAgendaFormSet) -> bool:
    return all([form.is_valid(), agenda.is_valid()])  # both checked: every message at once


@login_required
@require_http_methods(["GET", "POST"])
def meeting_schedule(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "meeting.schedule")
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, initial={"body": request.GET.get("body")})
    agenda = agenda_formset(data)
    if data is not None and _valid(form, agenda):
        try:
            meeting = services.meeting_schedule(
                actor=request.user, agenda=agenda.agenda(), **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The meeting is scheduled and the body's members are told.")
            return redirect(meeting)
    return _page(request, form, agenda, None)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_change(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    policy.require(request.user, "meeting.schedule", meeting.body)
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, meeting=meeting)
    agenda = agenda_formset(data, meeting=meeting)
    if data is not None and _valid(form, agenda):
        try:
            services.meeting_update(
                actor=request.user,
                meeting=meeting,
                changes=form.cleaned_data,
                agenda=agenda.agenda(),
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request, "The meeting is changed; people are told of a new time or place."
            )
            return redirect(meeting)
    return _page(request, form, agenda, meeting)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    policy.require(request.user, "meeting.cancel", meeting)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(
                actor=request.user, meeting=meeting, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The meeting is cancelled and the organisations are told.")
            return redirect(meeting)
    return render(
        request, "governance/meetings/cancel_form.html", {"meeting": meeting, "form": form}
    )


@login_required
@require_POST
def meeting_unregister(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    try:
        services.meeting_unregister(actor=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Your organisation's registration is withdrawn.")
    return redirect(f"{meeting.get_absolute_url()}#attendance")


@login_required
@require_POST
def agenda_item_hold(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat holds an agenda item for legal review."""
    item = selectors.agenda_item_get(user=request.user, pk=pk)
    try:
        services.agenda_item_hold(actor=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, "The item is held for legal review: only the secretariat sees it."
        )
    return redirect(f"{item.meeting.get_absolute_url()}#agenda")


@login_required
@require_POST
def agenda_item_release(request: HttpRequest, pk: int) -> HttpResponse:
    """Counsel releases an agenda item held for legal review."""
    item = selectors.agenda_item_get(user=request.user, pk=pk)
    try:
        services.agenda_item_release_hold(actor=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The item is released: everyone sees it on the agenda again.")
    return redirect(f"{item.meeting.get_absolute_url()}#agenda")
