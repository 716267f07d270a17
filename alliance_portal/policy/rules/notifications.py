"""Notifications (issue 17): who changes a person's choices, and who sends what was notified."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy.actions import action
from alliance_portal.policy.principals import Principal


@action(
    "notifications.change_preferences",
    refusal="Each person chooses their own notifications: sign in to change yours.",
)
def notifications_change_preferences(who: Principal, account: Any) -> bool:
    """The person themself, for their own account."""
    return who.user_id is not None and who.user_id == account.pk


@action("notifications.unsubscribe", refusal="This unsubscribe link is not valid.")
def notifications_unsubscribe(who: Principal, account: Any) -> bool:
    """Whoever holds the emailed link, signed in or not (the link's signature is the check)."""
    return True


@action("notifications.send", refusal="Only the portal itself sends notifications and digests.")
def notifications_send(who: Principal, obj: Any) -> bool:
    """The portal (after the event's transaction commits, and beat for digests and reminders)."""
    return who.is_system
