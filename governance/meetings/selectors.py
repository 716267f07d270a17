"""Reads about meetings and meeting requests, for the pages and the API alike. Meetings and
their agendas are public; minutes follow their disclosure level; a meeting request is read by
its requester and the secretariat, and by everyone else only as figures per chamber."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.types import Actor
from governance.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingAttendance,
    MeetingMinutes,
    MeetingRequest,
    RequestStatus,
)
from governance.proposals.models import Proposal
from members.models import Chamber

UPCOMING, PAST = "upcoming", "past"


def meeting_list(
    *, body: str | None = None, when: str | None = None, now: datetime | None = None
) -> QuerySet[Meeting]:
    """Meetings (public), of one body (slug) and upcoming (not yet ended, soonest first) or past
    (latest first) when asked; otherwise latest first. Each with its body and the number of
    organisations registered and present. One query."""
    now = now or timezone.now()
    meetings = Meeting.objects.select_related("body").annotate(
        registered_count=Count("attendance", filter=Q(attendance__registered_at__isnull=False)),
        attended_count=Count("attendance", filter=Q(attendance__attended=True)),
    )
    if body:
        meetings = meetings.filter(body__slug=body)
    if when == UPCOMING:
        return meetings.filter(ends_at__gte=now).order_by("starts_at", "pk")
    if when == PAST:
        return meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    return meetings.order_by("-starts_at", "-pk")


def meeting_get(*, pk: int) -> Meeting:
    """One meeting with its body (404 when there is none)."""
    return get_object_or_404(Meeting.objects.select_related("body"), pk=pk)


@dataclass
class AgendaRow:
    item: AgendaItem
    proposal: Proposal | None  # None when there is none, or the reader may not see it
    proposal_hidden: bool  # a proposal is linked that the reader may not see


def _visible_items(user: Actor) -> QuerySet[AgendaItem]:
    """The agenda items this reader may see: an item held for legal review is
    secretariat-level until counsel releases it."""
    items = AgendaItem.objects.all()
    if not policy.reaches(user, DisclosureLevel.SECRETARIAT):
        items = items.exclude(legal_hold=True, legal_hold_released_at__isnull=True)
    return items


def agenda_items(*, user: Actor, meeting: Meeting) -> QuerySet[AgendaItem]:
    """The meeting's agenda items this reader may see."""
    return _visible_items(user).filter(meeting=meeting)


def agenda_item_get(*, user: Actor, pk: int) -> AgendaItem:
    """One agenda item the reader may see, with its meeting (404 otherwise)."""
    return get_object_or_404(_visible_items(user).select_related("meeting"), pk=pk)


def meeting_agenda(*, user: Actor, meeting: Meeting) -> list[AgendaRow]:
    """The agenda in order, without the items held for legal review unless the reader is the
    secretariat (whose reads of them go into the access log). A linked proposal is shown only
    to those who may see it; others learn that a proposal they may not read is linked. Two
    queries (three when the secretariat reads a held item)."""
    items = list(agenda_items(user=user, meeting=meeting).select_related("proposal", "decision"))
    held = [item for item in items if item.held]
    if held:
        policy.record_reads(user, held, confidential=True)
    ids = [item.proposal_id for item in items if item.proposal_id is not None]
    visible = (
        set(policy.visible(user, Proposal.objects.filter(pk__in=ids)).values_list("pk", flat=True))
        if ids
        else set()
    )
    return [
        AgendaRow(
            item=item,
            proposal=item.proposal if item.proposal_id in visible else None,
            proposal_hidden=item.proposal_id is not None and item.proposal_id not in visible,
        )
        for item in items
    ]


@dataclass
class ChamberAttendance:
    chamber: Chamber
    registered: list[str] = field(default_factory=list)  # organisation names
    attended: list[str] = field(default_factory=list)


def meeting_attendance(*, meeting: Meeting) -> list[ChamberAttendance]:
    """Per chamber (every chamber, in order): the organisations registered and, once recorded,
    those that attended. Organisations are named (attendance is public); people never. Two
    queries."""
    rows = {chamber.pk: ChamberAttendance(chamber=chamber) for chamber in Chamber.objects.all()}
    for row in MeetingAttendance.objects.filter(meeting=meeting).select_related("organisation"):
        target = rows[row.chamber_id]
        if row.registered_at is not None:
            target.registered.append(row.organisation.name)
        if row.attended:
            target.attended.append(row.organisation.name)
    return sorted(rows.values(), key=lambda row: (row.chamber.order, row.chamber.name))


@dataclass
class MinutesView:
    minutes: MeetingMinutes | None  # None when there are none, or the reader may not see them
    withheld_level: str = ""  # the level of minutes the reader may not see


def meeting_minutes(*, user: Actor, meeting: Meeting) -> MinutesView:
    """The meeting's minutes as the reader may see them (the disclosure rule); secretariat
    minutes read by the secretariat go into the access log."""
    minutes = (
        MeetingMinutes.objects.filter(meeting=meeting).select_related("approved_at_meeting").first()
    )
    if minutes is None:
        return MinutesView(minutes=None)
    if not policy.can_view(user, minutes):
        return MinutesView(minutes=None, withheld_level=minutes.disclosure)
    policy.record_access(user, minutes)
    return MinutesView(minutes=minutes)


def later_meetings(*, meeting: Meeting, now: datetime | None = None) -> QuerySet[Meeting]:
    """The meetings of the same body after ``meeting`` that have started: where its minutes
    can be approved."""
    return Meeting.objects.filter(
        body_id=meeting.body_id,
        starts_at__gt=meeting.starts_at,
        starts_at__lte=now or timezone.now(),
        cancelled_at__isnull=True,
    ).order_by("starts_at")


def meetings_for_request(*, request: MeetingRequest) -> QuerySet[Meeting]:
    """The meetings a request can be scheduled at: of the body it asks to meet, starting after
    it was made, not cancelled; soonest first."""
    return Meeting.objects.filter(
        body_id=request.body_id, starts_at__gt=request.requested_at, cancelled_at__isnull=True
    ).order_by("starts_at")


def meeting_registration(*, user: Actor, meeting: Meeting) -> MeetingAttendance | None:
    """The reader's own organisation's registration for the meeting, if any."""
    organisation_id = (
        policy.represented_organisation_id(user) or policy.principal(user).organisation_id
    )
    if organisation_id is None:
        return None
    return MeetingAttendance.objects.filter(
        meeting=meeting, organisation_id=organisation_id
    ).first()


# --- meeting requests ---------------------------------------------------------------------------


def meeting_request_list(
    *, user: Actor, status: str | None = None, body: str | None = None
) -> QuerySet[MeetingRequest]:
    """The requests the reader may read, latest first: every one for the secretariat (who
    decides them), the reader's own for anyone else, none for an anonymous visitor."""
    requests = MeetingRequest.objects.select_related(
        "chamber", "body", "meeting", "organisation", "requester"
    )
    if not policy.may(user, "meeting_request.decide"):
        user_id = policy.principal(user).user_id
        requests = requests.filter(requester_id=user_id) if user_id else requests.none()
    if status:
        requests = requests.filter(status=status)
    if body:
        requests = requests.filter(body__slug=body)
    return requests.order_by("-requested_at", "-pk")


def meeting_request_get(*, user: Actor, pk: int) -> MeetingRequest:
    """One request the reader may read (404 otherwise: its existence is not disclosed)."""
    return get_object_or_404(meeting_request_list(user=user), pk=pk)


def days_to_meeting(request: MeetingRequest) -> int | None:
    """Whole days from the request to the start of its meeting (calendar days, in the portal's
    time zone); None until a meeting is scheduled."""
    if request.meeting is None:
        return None
    start = timezone.localdate(request.meeting.starts_at)
    return (start - timezone.localdate(request.requested_at)).days


def median(values: list[int]) -> Decimal | None:
    """The median of whole numbers, exact (a half at most); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Decimal(ordered[middle])
    return Decimal(ordered[middle - 1] + ordered[middle]) / 2


@dataclass
class ChamberFigures:
    chamber: Chamber | None  # None: every chamber together
    requests: int = 0
    granted: int = 0
    declined: int = 0
    pending: int = 0
    meetings_held: int = 0
    median_days_to_meeting: Decimal | None = None
    days: list[int] = field(default_factory=list, repr=False)


def meeting_request_figures(
    *, requested_from: datetime | None = None, requested_before: datetime | None = None
) -> tuple[list[ChamberFigures], ChamberFigures]:
    """Equal access in figures, per chamber (every chamber, in order) and for all together:
    requests made, granted (a meeting scheduled), declined, awaiting; the median whole days
    from a granted request to the start of its meeting; and how many granted requests' meetings
    were held (their attendance recorded). Only the requests made in ``[requested_from,
    requested_before)`` when given (each bound optional). Public: only counts, no request. Two
    queries."""
    rows: dict[int, ChamberFigures] = {
        chamber.pk: ChamberFigures(chamber=chamber)
        for chamber in Chamber.objects.order_by("order", "name")
    }
    total = ChamberFigures(chamber=None)
    requests = MeetingRequest.objects.select_related("meeting")
    if requested_from is not None:
        requests = requests.filter(requested_at__gte=requested_from)
    if requested_before is not None:
        requests = requests.filter(requested_at__lt=requested_before)
    for request in requests:
        for row in (rows[request.chamber_id], total):
            _count(row, request)
    for row in [*rows.values(), total]:
        row.median_days_to_meeting = median(row.days)
    return list(rows.values()), total


def _count(row: ChamberFigures, request: MeetingRequest) -> None:
    row.requests += 1
    if request.status == RequestStatus.SCHEDULED:
        row.granted += 1
        days = days_to_meeting(request)
        if days is not None:
            row.days.append(days)
        if request.meeting is not None and request.meeting.held:
            row.meetings_held += 1
    elif request.status == RequestStatus.DECLINED:
        row.declined += 1
    else:
        row.pending += 1


def figures_as_rows(figures: list[ChamberFigures]) -> list[dict[str, Any]]:
    """The figures as plain rows (for the API)."""
    return [
        {
            "chamber": row.chamber.slug if row.chamber else None,
            "chamber_name": row.chamber.name if row.chamber else "All chambers",
            "requests": row.requests,
            "granted": row.granted,
            "declined": row.declined,
            "pending": row.pending,
            "median_days_to_meeting": row.median_days_to_meeting,
            "meetings_held": row.meetings_held,
        }
        for row in figures
    ]
