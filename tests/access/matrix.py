"""The access-control matrix's vocabulary: what each role gets per access level (``EXPECT``)
and a ``Case`` (a URL's access level, sample arguments, method and body).

Each app's cases live in ``tests/access/cases/<app>.py`` as ``PAGES`` (URL name → cases) and
``API`` ((method, path template) → cases); ``test_matrix`` gathers them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from alliance_portal.roles import Role

R = Role
OK = "ok"  # 2xx (or the case's own success status)
LOGIN = "login"  # page: redirect to the login page; API: 401 or 403
ADMIN_LOGIN = "admin-login"  # redirect to the admin's login page
DENY = "deny"  # 403 or 404
HOME = "home"  # redirect home (a guest-only page visited while signed in)

ROLES = list(Role)


def _row(anonymous, external, member, representative, reviewer, secretariat, superuser):
    values = (anonymous, external, member, representative, reviewer, secretariat, superuser)
    return dict(zip(ROLES, values, strict=True))


# What each role gets, per access level. Columns: anonymous, external stakeholder, member,
# organisation representative, civil-society reviewer, secretariat, superuser.
EXPECT: dict[str, dict[Role, str]] = {
    "public": _row(OK, OK, OK, OK, OK, OK, OK),
    "guest": _row(OK, HOME, HOME, HOME, HOME, HOME, HOME),
    "signed-in": _row(LOGIN, OK, OK, OK, OK, OK, OK),
    "members": _row(LOGIN, DENY, OK, OK, OK, OK, OK),
    "secretariat": _row(LOGIN, DENY, DENY, DENY, DENY, OK, OK),
    "own-organisation-edit": _row(LOGIN, DENY, DENY, OK, DENY, OK, OK),
    # What the organisation's own people and the secretariat read (a revised version its
    # representative submitted): not another organisation, a reviewer or the public.
    "own-organisation-read": _row(LOGIN, DENY, OK, OK, DENY, OK, OK),
    # What only the organisation's own people do (edit its draft proposal): not the secretariat.
    "own-organisation-people": _row(LOGIN, DENY, OK, OK, DENY, DENY, DENY),
    # What only the organisation's representative does for it (vote, declare, dissent): not
    # even the secretariat acts in an organisation's name.
    "representative": _row(LOGIN, DENY, DENY, OK, DENY, DENY, DENY),
    # Reviewer statements: civil-society reviewers only.
    "reviewer": _row(LOGIN, DENY, DENY, DENY, OK, DENY, DENY),
    "other-organisation-edit": _row(LOGIN, DENY, DENY, DENY, DENY, OK, OK),
    "admin": _row(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, OK, OK),
    "admin-superuser": _row(
        ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, DENY, OK
    ),
    # Read-only admin: nobody adds audit events or sent emails by hand.
    "admin-nobody": _row(
        ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, DENY, DENY
    ),
}


@dataclass
class Case:
    level: str
    kwargs: Callable[[Any], dict[str, Any]] = field(default=lambda world: {})
    method: str = "get"
    data: dict[str, Any] | list[Any] = field(default_factory=dict)  # a JSON body may be a list
    ok: frozenset[int] = frozenset(range(200, 300))  # what "allowed" answers here
    label: str = ""


def no_kwargs(world) -> dict[str, Any]:
    return {}
