"""The access policy, in one package: what a person may *see* (``visibility``) and what a
person may *do* (``actions``, with the rules in ``rules``), for a person or the system
(``principals``). Pages, API, exports, feeds, search, reports, admin and services all ask it;
none decides by hand.

Adding a role: add it to ``alliance_portal.roles.Role`` (and ``role_of``), give it a reading
level in ``principals.ROLE_LEVEL``, decide each action for it in ``rules/``, and state what it
sees and may do in the access matrix (``tests/access/``).
"""

from alliance_portal.policy import rules as _rules  # noqa: F401  (registers every action)
from alliance_portal.policy.actions import (
    Action,
    action,
    may,
    refusal,
    registered_actions,
    require,
)
from alliance_portal.policy.principals import (
    ROLE_LEVEL,
    STAFF_ROLES,
    SYSTEM,
    NoActor,
    Principal,
    SystemPrincipal,
    is_system,
    principal,
)
from alliance_portal.policy.rules.governance import represented_organisation_id
from alliance_portal.policy.visibility import (
    Disclosable,
    RequestAudit,
    SignInRequired,
    can_change,
    can_view,
    current_audit,
    current_path,
    get_visible_or_404,
    is_confidential,
    note_denial,
    reaches,
    record_access,
    record_reads,
    require_change,
    visible,
)

__all__ = [
    "ROLE_LEVEL",
    "STAFF_ROLES",
    "SYSTEM",
    "Action",
    "Disclosable",
    "NoActor",
    "Principal",
    "RequestAudit",
    "SignInRequired",
    "SystemPrincipal",
    "action",
    "can_change",
    "can_view",
    "current_audit",
    "current_path",
    "get_visible_or_404",
    "is_confidential",
    "is_system",
    "may",
    "note_denial",
    "principal",
    "reaches",
    "record_access",
    "record_reads",
    "refusal",
    "registered_actions",
    "represented_organisation_id",
    "require",
    "require_change",
    "visible",
]
