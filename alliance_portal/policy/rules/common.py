"""Predicates the rules of several areas share."""

from __future__ import annotations

from alliance_portal.disclosure import LEVEL_ORDER, DisclosureLevel
from alliance_portal.policy.principals import Principal
from alliance_portal.roles import Role

# People of member organisations, who speak and write for their organisation.
ORGANISATION_ROLES = frozenset({Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE})


def is_staff(who: Principal) -> bool:
    """The secretariat or the superuser."""
    return who.is_staff_role


def reads_members_level(who: Principal) -> bool:
    """Members, representatives, civil-society reviewers and the secretariat."""
    return LEVEL_ORDER.index(who.level) >= LEVEL_ORDER.index(DisclosureLevel.MEMBERS)


def is_representative(who: Principal) -> bool:
    return who.role == Role.ORGANISATION_REPRESENTATIVE and who.organisation_id is not None


def represents(who: Principal, organisation_id: int | None) -> bool:
    """``who`` is the representative of the organisation ``organisation_id``."""
    return (
        organisation_id is not None
        and is_representative(who)
        and who.organisation_id == organisation_id
    )


def is_author(who: Principal, author_id: int | None) -> bool:
    return author_id is not None and author_id == who.user_id
