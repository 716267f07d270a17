"""Meetings that do not go ahead as planned: the secretariat cancels one before it starts
(with a published reason; those told of it are told of the cancellation), and an
organisation's representative withdraws the organisation's registration before it starts."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.common.services import acting_user
from governance.meetings.models import Meeting, MeetingAttendance
from governance.meetings.services import notify


def _before_start(meeting: Meeting, now: datetime, refusal: str) -> Meeting:
    """The meeting, locked, refused once it has started or was cancelled."""
    current = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if current.cancelled:
        raise ValidationError("This meeting was cancelled.")
    if current.starts_at <= now:
        raise ValidationError(refusal)
    return current


@use_case
def meeting_cancel(
    *, actor: Actor, meeting: Meeting, reason: str, now: datetime | None = None
) -> Meeting:
    """Cancel a meeting that has not started, with a reason shown on its page. The
    secretariat. The body's members and the registered organisations are told by email;
    registrations are kept (they show who was told)."""
    policy.require(actor, "meeting.cancel", meeting)
    now = now or timezone.now()
    current = _before_start(meeting, now, "The meeting has begun: it can no longer be cancelled.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the meeting is cancelled."})
    current.cancelled_at = now
    current.cancel_reason = reason.strip()
    current.cancelled_by = acting_user(actor)
    current.save(update_fields=["cancelled_at", "cancel_reason", "cancelled_by"])
    notify.meeting_cancelled(current)
    return current


@use_case
def meeting_unregister(*, actor: Actor, meeting: Meeting, now: datetime | None = None) -> None:
    """Withdraw the registration of the representative's own organisation, before the
    meeting starts. Refused when the organisation is not registered."""
    policy.require(actor, "meeting.unregister", meeting)
    own = policy.represented_organisation_id(actor)
    if own is None:  # the policy lets only a representative through
        raise ValidationError("Only an organisation's representative withdraws its registration.")
    current = _before_start(
        meeting, now or timezone.now(), "The meeting has begun: registrations no longer change."
    )
    registered = MeetingAttendance.objects.filter(
        meeting=current, organisation_id=own, registered_at__isnull=False
    ).first()
    if registered is None:
        raise ValidationError("Your organisation is not registered for this meeting.")
    registered.delete()
