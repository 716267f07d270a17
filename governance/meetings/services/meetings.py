"""Meetings: scheduling and changing them (with their agenda), registration by organisations,
the attendance the secretariat records, and minutes published after the meeting and approved
at a later meeting of the same body."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.competition_law import check_commercial, current_statement
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.types import Actor
from glossary.languages import ContentLanguage
from governance.bodies.models import Body
from governance.common.services import acting_user
from governance.decision_log.models import PublishedDecision
from governance.documents.attach import attach
from governance.documents.models import Document, DocumentKind
from governance.documents.services import DocumentFields
from governance.meetings.models import AgendaItem, Meeting, MeetingAttendance, MeetingMinutes
from governance.meetings.services import notify
from governance.proposals.models import Proposal
from members.models import MembershipStatus, Organisation


@dataclass(frozen=True)
class AgendaInput:
    """One agenda item as given: a title, and optionally what it links."""

    title: str
    description: str = ""
    proposal: Proposal | None = None
    decision: PublishedDecision | None = None
    document_title: str = ""
    document_url: str = ""
    legal_hold: bool = False  # hold it for legal review (a held item stays held until released)


# What people are told of again when it changes.
ANNOUNCED = ("title", "starts_at", "ends_at", "place", "link", "languages", "interpretation")


def _check_meeting(values: dict[str, Any]) -> dict[str, Any]:
    """The meeting's fields cleaned, or every problem at once."""
    errors: dict[str, str] = {}
    values["title"] = values["title"].strip()
    values["place"] = values["place"].strip()
    values["link"] = values["link"].strip()
    if not values["title"]:
        errors["title"] = "Enter the meeting's title."
    if values["ends_at"] <= values["starts_at"]:
        errors["ends_at"] = "The meeting ends after it starts."
    if not values["place"] and not values["link"]:
        errors["place"] = "Give a place, a link to join online, or both."
    for name in ("languages", "interpretation"):
        codes = list(dict.fromkeys(values[name]))
        unknown = [code for code in codes if code not in ContentLanguage.values]
        if unknown:
            errors[name] = "Choose from the alliance's languages: " + ", ".join(
                ContentLanguage.values
            )
        values[name] = codes
    if errors:
        raise ValidationError(errors)
    return values


def _check_agenda_item(position: int, item: AgendaInput) -> None:
    if not item.title.strip():
        raise ValidationError({"agenda": f"Give agenda item {position} a title."})
    if item.document_title and not item.document_url:
        raise ValidationError({"agenda": f"Give agenda item {position}'s document a link."})
    check_commercial(
        {"agenda": "\n".join((item.title, item.description, item.document_title))},
        prefix=f"Agenda item {position}: ",
    )


def _write_agenda(meeting: Meeting, agenda: list[AgendaInput]) -> None:
    """Replace the meeting's agenda with ``agenda``, numbered in the order given. An item asking
    for commercial information is refused (competition law). An item of the same title as
    one held for legal review stays held (only counsel releases it); a released one keeps its
    release unless it is held again."""
    before = {item.title: item for item in AgendaItem.objects.filter(meeting=meeting)}
    items = []
    for position, item in enumerate(agenda, start=1):
        _check_agenda_item(position, item)
        title = item.title.strip()
        old = before.get(title)
        # Kept released only when it was released and is not held again now.
        kept = old if old is not None and old.legal_hold and not item.legal_hold else None
        items.append(
            AgendaItem(
                meeting=meeting,
                position=position,
                title=title,
                description=item.description.strip(),
                proposal=item.proposal,
                decision=item.decision,
                document_title=item.document_title.strip(),
                document_url=item.document_url.strip(),
                legal_hold=item.legal_hold or (old is not None and old.legal_hold),
                legal_hold_released_by_id=kept.legal_hold_released_by_id if kept else None,
                legal_hold_released_at=kept.legal_hold_released_at if kept else None,
            )
        )
    AgendaItem.objects.filter(meeting=meeting).delete()
    AgendaItem.objects.bulk_create(items)


@use_case
def meeting_schedule(
    *,
    actor: Actor,
    body: Body,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    link: str = "",
    languages: Iterable[str] = (),
    interpretation: Iterable[str] = (),
    agenda: Iterable[AgendaInput] = (),
) -> Meeting:
    """Schedule a meeting of ``body`` with its agenda (items in the order given). The
    secretariat. The body's member organisations' representatives are told by email. Refused:
    no title, an end before the start, neither place nor link, a language the alliance does not
    use, an agenda item without a title."""
    policy.require(actor, "meeting.schedule", body)
    values = _check_meeting(
        {
            "title": title,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "place": place,
            "link": link,
            "languages": list(languages),
            "interpretation": list(interpretation),
        }
    )
    meeting = Meeting.objects.create(body=body, **values)
    _write_agenda(meeting, list(agenda))
    notify.meeting_announced(meeting, changed=False)
    return meeting


@use_case
def meeting_update(
    *,
    actor: Actor,
    meeting: Meeting,
    changes: dict[str, Any],
    agenda: Iterable[AgendaInput] | None = None,
    now: datetime | None = None,
) -> Meeting:
    """Change a meeting that has not started: any of its title, time, place, link and languages
    (``changes``), and, when given, its whole agenda. The secretariat. A change of what people
    were told (time, place, link, languages) is a new revision, emailed to the registered
    organisations and the body's members."""
    policy.require(actor, "meeting.schedule", meeting.body)
    current = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if current.cancelled:
        raise ValidationError("This meeting was cancelled: it can no longer be changed.")
    if current.starts_at <= (now or timezone.now()):
        raise ValidationError("The meeting has begun: it can no longer be changed.")
    unknown = set(changes) - set(ANNOUNCED)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This cannot be changed."))
    values = _check_meeting({name: changes.get(name, getattr(current, name)) for name in ANNOUNCED})
    changed = [name for name in ANNOUNCED if values[name] != getattr(current, name)]
    for name in changed:
        setattr(current, name, values[name])
    if changed:
        current.revision += 1
        current.save(update_fields=[*changed, "revision"])
    if agenda is not None:
        _write_agenda(current, list(agenda))
    if changed:
        notify.meeting_announced(current, changed=True)
    return current


@use_case
def meeting_register(
    *,
    actor: Actor,
    meeting: Meeting,
    organisation: Organisation | None = None,
    now: datetime | None = None,
) -> MeetingAttendance:
    """Register an organisation's attendance: its representative, for their own organisation
    (the system names one). Registration closes when the meeting starts; an organisation
    registers once; only an active member organisation registers."""
    policy.require(actor, "meeting.register", meeting)
    own = policy.represented_organisation_id(actor)
    if own is not None:
        organisation = Organisation.objects.get(pk=own)
    if organisation is None:
        raise ValidationError({"organisation": "Name the organisation that will attend."})
    now = now or timezone.now()
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if current.cancelled:
        raise ValidationError("This meeting was cancelled.")
    if current.starts_at <= now:
        raise ValidationError("Registration closed when the meeting started.")
    if organisation.membership_status != MembershipStatus.ACTIVE:
        raise ValidationError({"organisation": "Only an active member organisation registers."})
    if MeetingAttendance.objects.filter(meeting=current, organisation=organisation).exists():
        raise ValidationError(f"{organisation} is registered for this meeting already.")
    return MeetingAttendance.objects.create(
        meeting=current,
        organisation=organisation,
        chamber_id=organisation.chamber_id,
        registered_at=now,
        registered_by=acting_user(actor),
    )


@use_case
def meeting_attendance_record(
    *,
    actor: Actor,
    meeting: Meeting,
    attended: Iterable[Organisation],
    now: datetime | None = None,
) -> Meeting:
    """Record which organisations attended, once the meeting has started (again, to correct
    it): those registered and not named are recorded as absent. The secretariat. The meeting
    then counts as held."""
    policy.require(actor, "meeting.record_attendance", meeting)
    now = now or timezone.now()
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if current.cancelled:
        raise ValidationError("This meeting was cancelled: nobody attended it.")
    if current.starts_at > now:
        raise ValidationError("Attendance is recorded once the meeting has started.")
    present = {organisation.pk: organisation for organisation in attended}
    rows = {row.organisation_id: row for row in MeetingAttendance.objects.filter(meeting=current)}
    for organisation_id, row in rows.items():
        row.attended = organisation_id in present
        row.save(update_fields=["attended"])
    MeetingAttendance.objects.bulk_create(
        [
            MeetingAttendance(
                meeting=current,
                organisation=organisation,
                chamber_id=organisation.chamber_id,
                attended=True,
            )
            for pk, organisation in present.items()
            if pk not in rows
        ]
    )
    current.attendance_recorded_at = now
    current.save(update_fields=["attendance_recorded_at"])
    return current


@use_case
def meeting_minutes_publish(
    *,
    actor: Actor,
    meeting: Meeting,
    text: str,
    disclosure: str = DisclosureLevel.MEMBERS,
    document: Document | None = None,
    file: UploadedFile | None = None,
    statement_read: bool = False,
    now: datetime | None = None,
) -> MeetingMinutes:
    """Publish the minutes of a meeting that has ended, at a disclosure level (or publish them
    again, corrected, until they are approved). The secretariat. The minutes' file is a
    document of the library: one its readers may read, or a new upload (kind "minutes", the
    meeting's body and day, the minutes' readers). ``statement_read`` records that the
    competition-law statement was read at the opening (with the version in force)."""
    policy.require(actor, "meeting.minutes_publish", meeting)
    now = now or timezone.now()
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = "Enter the minutes."
    if disclosure not in DisclosureLevel.values:
        errors["disclosure"] = "Choose who may read the minutes."
    if current.ends_at > now:
        errors["text"] = "Minutes are published after the meeting has ended."
    if errors:
        raise ValidationError(errors)
    minutes = MeetingMinutes.objects.select_for_update().filter(meeting=current).first()
    if minutes is not None and minutes.approved_at is not None:
        raise ValidationError("These minutes were approved: they no longer change.")
    if minutes is None:
        minutes = MeetingMinutes(meeting=current)
    minutes.document = attach(
        actor=actor,
        document=document,
        file=file,
        new=DocumentFields(
            title=f"Minutes: {current.title}",
            kind=DocumentKind.MINUTES,
            document_date=timezone.localdate(current.starts_at),
            disclosure=disclosure,
            body=current.body,
        ),
        field="document",
        readers=disclosure,
    ) or (minutes.document if minutes.pk else None)
    minutes.text = text.strip()
    minutes.disclosure = disclosure
    minutes.published_at = now
    statement = current_statement() if statement_read else None
    minutes.statement_read = statement_read
    minutes.statement_version = statement.version if statement is not None else None
    minutes.save()
    return minutes


@use_case
def meeting_minutes_approve(
    *,
    actor: Actor,
    meeting: Meeting,
    at_meeting: Meeting,
    now: datetime | None = None,
) -> MeetingMinutes:
    """Record that ``at_meeting``, a later meeting of the same body which has started, approved
    the minutes of ``meeting``. The secretariat. Approved minutes do not change again."""
    policy.require(actor, "meeting.minutes_approve", meeting)
    now = now or timezone.now()
    minutes = MeetingMinutes.objects.select_for_update().filter(meeting_id=meeting.pk).first()
    if minutes is None:
        raise ValidationError("The minutes have not been published yet.")
    if minutes.approved_at is not None:
        raise ValidationError("These minutes were approved already.")
    if at_meeting.body_id != meeting.body_id or at_meeting.starts_at <= meeting.starts_at:
        raise ValidationError(
            {"at_meeting": "Minutes are approved at a later meeting of the same body."}
        )
    if at_meeting.starts_at > now:
        raise ValidationError({"at_meeting": "That meeting has not started yet."})
    if at_meeting.cancelled:
        raise ValidationError({"at_meeting": "That meeting was cancelled."})
    minutes.approved_at_meeting = at_meeting
    minutes.approved_at = now
    minutes.save(update_fields=["approved_at_meeting", "approved_at"])
    return minutes
