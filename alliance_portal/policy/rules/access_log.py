"""Who may act on the access log and the audit trail (issue 20, item 1): say why they read
confidential material, read an organisation's access log, the whole log, the audit trail."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy.actions import action
from alliance_portal.policy.principals import Principal
from alliance_portal.policy.rules.common import ORGANISATION_ROLES, is_staff


@action(
    "access_log.give_reason",
    refusal="Only the secretariat says why it reads confidential material.",
)
def access_log_give_reason(who: Principal, obj: Any = None) -> bool:
    """The secretariat and the superuser, before their first read of confidential material
    in a session (the reason is kept for the session)."""
    return is_staff(who)


@action(
    "access_log.read_organisation",
    refusal="Only the organisation's own people see who read its confidential material.",
)
def access_log_read_organisation(who: Principal, organisation: Any) -> bool:
    """The organisation's own people (members and representative) and the secretariat: who at
    the secretariat read the organisation's confidential material, when and why."""
    if is_staff(who):
        return True
    return (
        who.role in ORGANISATION_ROLES
        and organisation is not None
        and who.organisation_id == getattr(organisation, "pk", None)
    )


@action("access_log.read_all", refusal="Only the secretariat reads the whole access log.")
def access_log_read_all(who: Principal, obj: Any = None) -> bool:
    """The secretariat: every read of confidential material, filtered."""
    return is_staff(who)


@action("audit_trail.read", refusal="Only the secretariat reads the audit trail.")
def audit_trail_read(who: Principal, obj: Any = None) -> bool:
    """The secretariat: who changed what, when, through which use case, before and after."""
    return is_staff(who)
