"""Who may act on action items (what an organisation does to carry out an adopted decision):
the secretariat creates, assigns and edits them and publishes what came of them in the decision
log; the owner organisation's people report progress and change their status."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy.actions import action
from alliance_portal.policy.principals import Principal
from alliance_portal.policy.rules.common import ORGANISATION_ROLES, is_staff

REPORT_REFUSAL = "Only the people of the organisation that owns this action report its progress."


@action(
    "action_item.manage",
    refusal="Only the secretariat creates, assigns and changes action items.",
)
def _action_item_manage(who: Principal, item: Any) -> bool:
    """The secretariat creates an action item on an adopted decision, assigns it to an
    organisation, edits it and moves its due date."""
    return is_staff(who)


@action("action_item.report", refusal=REPORT_REFUSAL)
def _action_item_report(who: Principal, item: Any) -> bool | str:
    """The people (members and representative) of the organisation that owns the action post
    progress updates and change its status and progress."""
    if who.role not in ORGANISATION_ROLES or who.organisation_id is None:
        if is_staff(who):
            return (
                f"{REPORT_REFUSAL} The secretariat assigns and changes the action; its owner "
                "says how it is going."
            )
        return False
    owner = getattr(item, "owner_id", None)
    if item is not None and owner != who.organisation_id:
        return f"{REPORT_REFUSAL} Your organisation does not own it."
    if who.must_accept_agreements:
        return (
            f"{REPORT_REFUSAL} Until you accept the current membership charter and "
            "information-sharing protocol, your account does not act for your organisation."
        )
    return True


@action(
    "action_item.publish_statement",
    refusal="Only the secretariat publishes statements about actions in the decision log.",
)
def _action_item_publish_statement(who: Principal, item: Any) -> bool:
    """The secretariat publishes in the public decision log that a decision was carried out,
    why not, or the action's new due date."""
    return is_staff(who)
