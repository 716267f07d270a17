"""Equal access: anyone signed in asks to meet a body or its chair; the secretariat schedules
the request (links a meeting of that body) or declines it with a reason, and the requester is
told either way."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.competition_law import commercial_problems
from alliance_portal.models import User
from alliance_portal.types import Actor
from glossary.languages import ContentLanguage
from governance.bodies.models import Body
from governance.common.services import acting_user
from governance.meetings.models import Meeting, MeetingRequest, MeetingWith, RequestStatus
from governance.meetings.services import notify
from members.models import Chamber, Organisation


@use_case
def meeting_request_create(
    *,
    actor: Actor,
    body: Body,
    topic: str,
    preferred_language: str,
    chamber: Chamber | None = None,
    meet_with: str = MeetingWith.BODY,
    details: str = "",
    on_behalf_of: str = "",
    requester: User | None = None,
    now: datetime | None = None,
) -> MeetingRequest:
    """Ask to meet ``body`` (or its chair) about a topic, in a preferred language. Anyone signed
    in, for themselves; the secretariat (or the system) may record a request received by phone,
    letter or in person for the ``requester``'s account. A person of a member organisation asks
    in their organisation's chamber; anyone else says which chamber they belong to."""
    policy.require(actor, "meeting_request.create", body)
    if requester is None:
        if not isinstance(actor, User):
            raise ValidationError({"requester": "Name the person asking for the meeting."})
        requester = actor
    elif requester != actor and not policy.may(actor, "meeting_request.decide"):
        raise PermissionDenied("You may request meetings for yourself only.")
    organisation_id = policy.principal(requester).organisation_id
    organisation = Organisation.objects.get(pk=organisation_id) if organisation_id else None
    errors: dict[str, str] = {}
    if organisation is not None:
        if chamber is not None and chamber.pk != organisation.chamber_id:
            errors["chamber"] = (
                f"You speak for {organisation}, of the {organisation.chamber} chamber: "
                "choose that chamber."
            )
        chamber = organisation.chamber
    if chamber is None:
        errors["chamber"] = "Choose the chamber you belong to."
    if not topic.strip():
        errors["topic"] = "Enter the topic of the meeting."
    errors |= commercial_problems({"topic": topic, "details": details})
    if preferred_language not in ContentLanguage.values:
        errors["preferred_language"] = "Choose one of the alliance's languages."
    if meet_with not in MeetingWith.values:
        errors["meet_with"] = "Choose the body or its chair."
    if errors or chamber is None:
        raise ValidationError(errors)
    return MeetingRequest.objects.create(
        requester=requester,
        organisation=organisation,
        on_behalf_of=on_behalf_of.strip(),
        chamber=chamber,
        body=body,
        meet_with=meet_with,
        topic=topic.strip(),
        details=details.strip(),
        preferred_language=preferred_language,
        requested_at=now or timezone.now(),
    )


def _pending(request: MeetingRequest) -> MeetingRequest:
    """The request, locked, refused unless it still awaits the secretariat."""
    current = (
        MeetingRequest.objects.select_for_update()
        .select_related("requester", "body")
        .get(pk=request.pk)
    )
    if current.status != RequestStatus.PENDING:
        raise ValidationError(f"This request was {current.get_status_display().lower()} already.")
    return current


@use_case
def meeting_request_schedule(
    *, actor: Actor, request: MeetingRequest, meeting: Meeting, now: datetime | None = None
) -> MeetingRequest:
    """Grant a pending request with a meeting of the body it asked to meet (the meeting's
    registered organisations and members were told of it when it was scheduled). The
    secretariat. The requester is told when and where."""
    policy.require(actor, "meeting_request.decide", request)
    current = _pending(request)
    if meeting.body_id != current.body_id:
        raise ValidationError({"meeting": f"Choose a meeting of the {current.body}."})
    if meeting.cancelled:
        raise ValidationError({"meeting": "That meeting was cancelled: choose another."})
    if meeting.starts_at <= current.requested_at:
        raise ValidationError({"meeting": "Choose a meeting that starts after the request."})
    current.status = RequestStatus.SCHEDULED
    current.meeting = meeting
    current.decided_at = now or timezone.now()
    current.decided_by = acting_user(actor)
    current.save(update_fields=["status", "meeting", "decided_at", "decided_by"])
    notify.request_decided(current)
    return current


@use_case
def meeting_request_decline(
    *, actor: Actor, request: MeetingRequest, reason: str, now: datetime | None = None
) -> MeetingRequest:
    """Decline a pending request, with a reason the requester is sent. The secretariat."""
    policy.require(actor, "meeting_request.decide", request)
    current = _pending(request)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the request is declined."})
    current.status = RequestStatus.DECLINED
    current.decline_reason = reason.strip()
    current.decided_at = now or timezone.now()
    current.decided_by = acting_user(actor)
    current.save(update_fields=["status", "decline_reason", "decided_at", "decided_by"])
    notify.request_decided(current)
    return current
