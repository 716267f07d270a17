"""Personal data (issue 20): each person asks for their own export and erasure; the
secretariat answers erasure requests (never its own: someone else confirms it)."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy.actions import action
from alliance_portal.policy.principals import Principal
from alliance_portal.policy.rules.common import is_staff


@action(
    "personal_data.export",
    refusal="Each person downloads their own data: sign in to download yours.",
)
def personal_data_export(who: Principal, account: Any) -> bool:
    """The person themself, for their own account."""
    return who.user_id is not None and who.user_id == account.pk


@action(
    "personal_data.request_erasure",
    refusal="Each person asks for the erasure of their own data: sign in to ask for yours.",
)
def personal_data_request_erasure(who: Principal, account: Any) -> bool:
    """The person themself, for their own account."""
    return who.user_id is not None and who.user_id == account.pk


@action("personal_data.cancel_erasure", refusal="Only the person who asked may withdraw it.")
def personal_data_cancel_erasure(who: Principal, request: Any) -> bool:
    """The person who asked."""
    return who.user_id is not None and who.user_id == request.user_id


@action(
    "personal_data.erase",
    refusal="The secretariat answers erasure requests, and never its own.",
)
def personal_data_erase(who: Principal, request: Any) -> bool:
    """The secretariat (or the system), for another person's request."""
    return who.is_system or (is_staff(who) and who.user_id != request.user_id)


@action("personal_data.list_requests", refusal="Only the secretariat sees erasure requests.")
def personal_data_list_requests(who: Principal, obj: Any = None) -> bool:
    """The secretariat."""
    return who.is_system or is_staff(who)


@action("personal_data.remind", refusal="Only the portal itself sends the reminders.")
def personal_data_remind(who: Principal, obj: Any = None) -> bool:
    """The portal (beat)."""
    return who.is_system
