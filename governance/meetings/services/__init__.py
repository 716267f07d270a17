"""Every write about meetings and meeting requests, one use case per function (the pages, the
API and the admin call the same ones)."""

from governance.meetings.services.holds import agenda_item_hold, agenda_item_release_hold
from governance.meetings.services.meetings import (
    AgendaInput,
    meeting_attendance_record,
    meeting_minutes_approve,
    meeting_minutes_publish,
    meeting_register,
    meeting_schedule,
    meeting_update,
)
from governance.meetings.services.requests import (
    meeting_request_create,
    meeting_request_decline,
    meeting_request_schedule,
)
from governance.meetings.services.withdrawals import meeting_cancel, meeting_unregister

__all__ = [
    "AgendaInput",
    "agenda_item_hold",
    "agenda_item_release_hold",
    "meeting_attendance_record",
    "meeting_cancel",
    "meeting_minutes_approve",
    "meeting_minutes_publish",
    "meeting_register",
    "meeting_request_create",
    "meeting_request_decline",
    "meeting_request_schedule",
    "meeting_schedule",
    "meeting_unregister",
    "meeting_update",
]
