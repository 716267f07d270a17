"""Who may act on meetings (schedule them, register for them, record attendance, publish and
approve minutes) and on meeting requests (equal access: anyone signed in asks, the secretariat
schedules or declines)."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy.actions import action
from alliance_portal.policy.principals import Principal
from alliance_portal.policy.rules.common import is_representative, is_staff
from alliance_portal.roles import Role

REGISTER_REFUSAL = "Only an organisation's representative registers it for a meeting."


@action("meeting.schedule", refusal="Only the secretariat schedules and changes meetings.")
def _meeting_schedule(who: Principal, obj: Any) -> bool:
    """The secretariat schedules a meeting, changes its time, place or agenda."""
    return is_staff(who)


@action("meeting.register", refusal=REGISTER_REFUSAL)
def _meeting_register(who: Principal, meeting: Any) -> bool | str:
    """An organisation's representative registers their own organisation's attendance."""
    if is_representative(who):
        return True
    if is_staff(who):
        return f"{REGISTER_REFUSAL} The secretariat records who attended, after the meeting."
    if who.must_accept_agreements:
        return (
            f"{REGISTER_REFUSAL} Until you accept the current membership charter and "
            "information-sharing protocol, your account does not act for your organisation."
        )
    if who.role == Role.MEMBER:
        return f"{REGISTER_REFUSAL} Ask your organisation's representative."
    return False


@action("meeting.cancel", refusal="Only the secretariat cancels meetings.")
def _meeting_cancel(who: Principal, meeting: Any) -> bool:
    """The secretariat cancels a meeting before it starts, with a reason."""
    return is_staff(who)


@action(
    "meeting.unregister",
    refusal="Only an organisation's representative withdraws its registration.",
)
def _meeting_unregister(who: Principal, meeting: Any) -> bool:
    """An organisation's representative withdraws their own organisation's registration."""
    return is_representative(who)


@action(
    "meeting.record_attendance",
    refusal="Only the secretariat records who attended a meeting.",
)
def _meeting_record_attendance(who: Principal, meeting: Any) -> bool:
    """The secretariat records which organisations attended."""
    return is_staff(who)


@action("meeting.minutes_publish", refusal="Only the secretariat publishes minutes.")
def _meeting_minutes_publish(who: Principal, meeting: Any) -> bool:
    """The secretariat publishes (or, until approved, corrects) a meeting's minutes."""
    return is_staff(who)


@action(
    "meeting.minutes_approve",
    refusal="Only the secretariat records the approval of minutes.",
)
def _meeting_minutes_approve(who: Principal, meeting: Any) -> bool:
    """The secretariat records that a later meeting of the body approved the minutes."""
    return is_staff(who)


@action("agenda_item.hold", refusal="Only the secretariat holds an agenda item for legal review.")
def _agenda_item_hold(who: Principal, item: Any) -> bool:
    """The secretariat holds an agenda item for legal review (competition law): until counsel
    releases it, only the secretariat sees it."""
    return is_staff(who)


@action(
    "agenda_item.release_hold",
    refusal="Only the alliance's counsel releases an agenda item held for legal review.",
)
def _agenda_item_release_hold(who: Principal, item: Any) -> bool:
    """Counsel releases a held agenda item; counsel works within the secretariat for now."""
    return is_staff(who)


@action("meeting_request.create", refusal="Sign in to request a meeting.")
def _meeting_request_create(who: Principal, obj: Any) -> bool:
    """Anyone signed in: a member, an external stakeholder, a community representative."""
    return who.is_authenticated


@action(
    "meeting_request.decide",
    refusal="Only the secretariat schedules or declines meeting requests.",
)
def _meeting_request_decide(who: Principal, request: Any) -> bool:
    """The secretariat reads every request and schedules or declines it (with a reason)."""
    return is_staff(who)
