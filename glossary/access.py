"""Who may write what in the glossary, built on the access policy (``alliance_portal.policy``).
Services call the ``require_*`` functions before they change anything; pages call the ``may_*``
ones to decide which forms and buttons to show.

- People who read members-level material (members, representatives, civil-society reviewers,
  the secretariat) propose concepts and revisions (DESIGN.md §2).
- The secretariat moves a revision to review, agrees or rejects it, and deprecates or
  supersedes concepts. It never agrees a revision one of its own wrote: another member of the
  secretariat does (a batch agreed by a governance decision is the body's decision, not a
  person's; see ``services.revisions_agree_batch``).
- Usage notes are written by people of member organisations (members and representatives),
  for their own organisation, under its chamber. Reviewers and the secretariat belong to no
  chamber, so they write none of their own; the secretariat may record a note an organisation
  sent in (admin) and remove one (moderation).

``actor=None`` is system work (demo data, a governance decision being carried out): allowed,
and recorded without a person. An anonymous actor is asked to sign in (``SignInRequired``); a
signed-in person without the right gets ``PermissionDenied`` with the reason.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from alliance_portal import policy
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.roles import Role
from alliance_portal.types import Actor

NOTE_WRITING_ROLES = frozenset({Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE})


def actor_id(actor: Actor | None) -> int | None:
    return getattr(actor, "pk", None) if actor is not None else None


def may_propose(actor: Any) -> bool:
    return policy.reaches(actor, DisclosureLevel.MEMBERS)


def is_staff(actor: Any) -> bool:
    return policy.principal(actor).is_staff_role


def may_decide(actor: Any, author_id: int | None) -> bool:
    """The secretariat, for a revision it did not write."""
    who = policy.principal(actor)
    return who.is_staff_role and (author_id is None or author_id != getattr(who.user, "pk", None))


def may_write_usage_note(actor: Any) -> bool:
    return policy.principal(actor).role in NOTE_WRITING_ROLES


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


def require_decider(actor: Actor | None, author_id: int | None, what: str) -> None:
    require_staff(actor, what)
    if actor is not None and not may_decide(actor, author_id):
        raise PermissionDenied(
            f"You wrote this revision: another member of the secretariat may {what}."
        )


def require_note_writer(actor: Actor | None) -> None:
    require_signed_in(actor)
    if actor is not None and not may_write_usage_note(actor):
        raise PermissionDenied(
            "Usage notes are written by people of member organisations, for their chamber."
        )
