"""Who may write what in the standards app, built on the access policy
(``alliance_portal.policy``). Services call the ``require_*`` functions before they change
anything; pages call the same functions before they show a form, and the ``may_*`` ones to
decide which buttons to show.

- People who read members-level material (members, representatives, civil-society reviewers,
  the secretariat) propose crosswalk mappings (DESIGN.md §2).
- A draft or reviewed mapping is edited by its author or the secretariat.
- The secretariat reviews and approves mappings, never its own, opens mapping sets and
  imports element trees.

``actor=None`` is system work (demo data, a scheduled task): allowed, and recorded without a
person. An anonymous actor is asked to sign in (``SignInRequired``); a signed-in person without
the right gets ``PermissionDenied`` with the reason.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from alliance_portal import policy
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.types import Actor
from standards.models import Mapping


def actor_id(actor: Actor | None) -> int | None:
    return getattr(actor, "pk", None) if actor is not None else None


def may_propose(actor: Any) -> bool:
    return policy.reaches(actor, DisclosureLevel.MEMBERS)


def is_staff(actor: Any) -> bool:
    return policy.principal(actor).is_staff_role


def may_edit(actor: Any, mapping: Mapping) -> bool:
    """Its author or the secretariat, while the mapping is a draft or reviewed."""
    who = policy.principal(actor)
    if mapping.is_frozen or not who.is_authenticated:
        return False
    return who.is_staff_role or (mapping.author_id is not None and mapping.author_id == who.user.pk)


def may_review(actor: Any, mapping: Mapping) -> bool:
    """The secretariat, for a mapping it did not write."""
    who = policy.principal(actor)
    return who.is_staff_role and mapping.author_id != getattr(who.user, "pk", None)


def require_signed_in(actor: Actor | None) -> None:
    if actor is not None and not policy.principal(actor).is_authenticated:
        raise policy.SignInRequired


def require_member_level(actor: Actor | None, what: str) -> None:
    require_signed_in(actor)
    if actor is not None and not may_propose(actor):
        raise PermissionDenied(f"Only people of member organisations may {what}.")


def require_staff(actor: Actor | None, what: str) -> None:
    require_signed_in(actor)
    if actor is not None and not is_staff(actor):
        raise PermissionDenied(f"Only the secretariat may {what}.")


def require_author_or_staff(actor: Actor | None, mapping: Mapping) -> None:
    require_signed_in(actor)
    if actor is None:
        return
    who = policy.principal(actor)
    if not (who.is_staff_role or (mapping.author_id is not None and mapping.author_id == actor.pk)):
        raise PermissionDenied("Only the mapping's author or the secretariat may change it.")
