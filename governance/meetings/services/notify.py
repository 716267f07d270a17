"""Emails about meetings, through the outbox (once per event and recipient): a meeting
scheduled or changed, to the organisations registered for it and the body's members; a meeting
request scheduled or declined, to the requester."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from alliance_portal.outbox import email_queue
from governance.bodies.selectors import body_electorate
from governance.meetings.models import Meeting, MeetingAttendance, MeetingRequest
from members.models import Person


def when(moment: datetime) -> str:
    """A moment as people read it: "3 March 2027, 14:00 UTC"."""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y, %H:%M} {settings.TIME_ZONE}"


def _where(meeting: Meeting) -> str:
    parts = []
    if meeting.place:
        parts.append(f"Place: {meeting.place}")
    if meeting.link:
        parts.append(f"Online: {meeting.link}")
    if meeting.language_labels:
        parts.append("Languages: " + ", ".join(meeting.language_labels))
    if meeting.interpretation_labels:
        parts.append("Interpretation into: " + ", ".join(meeting.interpretation_labels))
    return "\n".join(parts)


def _recipients(meeting: Meeting) -> list[str]:
    """The representatives of the organisations registered for the meeting and of the
    organisations of the body (its electorate today), each address once."""
    registered = MeetingAttendance.objects.filter(meeting=meeting).values("organisation_id")
    members = body_electorate(body=meeting.body).values("pk")
    people = (
        Person.objects.filter(is_representative=True)
        .filter(Q(organisation_id__in=registered) | Q(organisation_id__in=members))
        .select_related("user")
    )
    return sorted(
        {person.user.email for person in people if person.user.email and person.user.is_active}
    )


def meeting_announced(meeting: Meeting, *, changed: bool) -> None:
    """Tell the body's members and the registered organisations that the meeting is
    scheduled, or that its time, place, link or languages changed (one email per revision)."""
    url = settings.PORTAL_BASE_URL + meeting.get_absolute_url()
    if changed:
        event = f"governance:meeting-changed:{meeting.pk}:{meeting.revision}"
        subject = f"Meeting changed: {meeting.title}"
        opening = f"The {meeting.body.name}'s meeting “{meeting.title}” has changed."
    else:
        event = f"governance:meeting-scheduled:{meeting.pk}"
        subject = f"Meeting scheduled: {meeting.title}"
        opening = f"The {meeting.body.name} meets: “{meeting.title}”."
    body = (
        f"{opening}\n\nFrom {when(meeting.starts_at)} to {when(meeting.ends_at)}.\n"
        f"{_where(meeting)}\n\nThe agenda, and registration for your organisation:\n\n{url}\n"
    )
    for recipient in _recipients(meeting):
        email_queue(event_key=event, recipient=recipient, subject=subject, body=body)


def request_decided(request: MeetingRequest) -> None:
    """Tell the requester that their request was scheduled (when and where) or declined
    (with the secretariat's reason)."""
    email = request.requester.email
    if not email or not request.requester.is_active:
        return
    url = settings.PORTAL_BASE_URL + request.get_absolute_url()
    if request.meeting is not None:
        meeting = request.meeting
        subject = f"Your meeting request is scheduled: {request.topic}"
        text = (
            f"The secretariat has scheduled your request to meet the {request.body.name} "
            f"(“{request.topic}”): “{meeting.title}”, from {when(meeting.starts_at)} to "
            f"{when(meeting.ends_at)}.\n{_where(meeting)}\n\n"
            f"{settings.PORTAL_BASE_URL}{meeting.get_absolute_url()}\n"
        )
    else:
        subject = f"Your meeting request was declined: {request.topic}"
        text = (
            f"The secretariat has declined your request to meet the {request.body.name} "
            f"(“{request.topic}”). Its reason:\n\n{request.decline_reason}\n\n{url}\n"
        )
    email_queue(
        event_key=f"governance:meeting-request-decided:{request.pk}",
        recipient=email,
        subject=subject,
        body=text,
    )


def meeting_cancelled(meeting: Meeting) -> None:
    """Tell the body's members and the registered organisations that the meeting is
    cancelled, and why."""
    url = settings.PORTAL_BASE_URL + meeting.get_absolute_url()
    body = (
        f"The {meeting.body.name}'s meeting “{meeting.title}”, planned from "
        f"{when(meeting.starts_at)} to {when(meeting.ends_at)}, is cancelled. "
        f"The secretariat's reason:\n\n{meeting.cancel_reason}\n\n{url}\n"
    )
    for recipient in _recipients(meeting):
        email_queue(
            event_key=f"governance:meeting-cancelled:{meeting.pk}",
            recipient=recipient,
            subject=f"Meeting cancelled: {meeting.title}",
            body=body,
        )
