"""Who is acting: a person (an account, or an anonymous visitor) or the system.

Every service takes an ``actor``. A person is a ``User`` or Django's ``AnonymousUser``; scheduled
jobs, management commands and the demo loader act as ``SYSTEM``, the one ``SystemPrincipal``.
``SYSTEM`` is what passes the action policy without a person's checks, and the audit trail
records it as the system, never as "nobody". There is no other way to skip the policy: a
service called with ``actor=None`` is refused (``NoActor``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from django.core.exceptions import PermissionDenied

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.roles import Role, membership_of, role_of

ROLE_LEVEL: dict[Role, str] = {
    Role.ANONYMOUS: DisclosureLevel.PUBLIC,
    Role.EXTERNAL_STAKEHOLDER: DisclosureLevel.PUBLIC,
    Role.MEMBER: DisclosureLevel.MEMBERS,
    Role.ORGANISATION_REPRESENTATIVE: DisclosureLevel.MEMBERS,
    Role.CIVIL_SOCIETY_REVIEWER: DisclosureLevel.MEMBERS,
    Role.SECRETARIAT: DisclosureLevel.SECRETARIAT,
    Role.SUPERUSER: DisclosureLevel.SECRETARIAT,
}

STAFF_ROLES = frozenset({Role.SECRETARIAT, Role.SUPERUSER})


class SystemPrincipal:
    """The portal itself acting: Celery beat, management commands, the demo loader, and a
    governance decision being carried out. It has no account (``pk`` is ``None``), reads at the
    secretariat's level and passes every action check; the audit trail names it."""

    pk: Final = None
    is_authenticated: Final = True
    is_anonymous: Final = False
    label: Final = "system"

    _instance: SystemPrincipal | None = None

    def __new__(cls) -> SystemPrincipal:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "SYSTEM"

    def __str__(self) -> str:
        return "the portal (system)"


SYSTEM: Final = SystemPrincipal()


class NoActor(PermissionDenied):
    """A service was called without saying who acts. Always a programming error: pass the
    person, or ``SYSTEM`` for work the portal does by itself."""


def is_system(actor: object) -> bool:
    return actor is SYSTEM


@dataclass(frozen=True)
class Principal:
    """Who is asking: the account, its role, the level it reads at, its organisation."""

    user: Any
    role: Role
    level: str
    organisation_id: int | None
    must_accept_agreements: bool = False
    is_system: bool = False
    organisation_name: str = ""  # the organisation of organisation_id, for forms to name

    @property
    def is_authenticated(self) -> bool:
        return self.is_system or self.role != Role.ANONYMOUS

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def user_id(self) -> int | None:
        return getattr(self.user, "pk", None)


SYSTEM_PRINCIPAL: Final = Principal(
    user=None,
    role=Role.SECRETARIAT,
    level=DisclosureLevel.SECRETARIAT,
    organisation_id=None,
    is_system=True,
)


def principal(user: Any) -> Principal:
    """The principal for a user (or ``AnonymousUser`` / ``None`` / ``SYSTEM``), computed once
    per user object."""
    if user is SYSTEM:
        return SYSTEM_PRINCIPAL
    cached: Principal | None = getattr(user, "_portal_principal", None)
    if cached is not None:
        return cached
    membership = membership_of(user)
    role = role_of(user, membership)
    result = Principal(
        user=user if role != Role.ANONYMOUS else None,
        role=role,
        level=ROLE_LEVEL[role],
        organisation_id=membership.organisation_id
        if membership and role != Role.ANONYMOUS
        else None,
        must_accept_agreements=bool(membership and membership.must_accept_agreements),
        organisation_name=membership.organisation_name
        if membership and role != Role.ANONYMOUS
        else "",
    )
    if user is not None:
        user._portal_principal = result
    return result
