"""Who may act in the glossary (rules registered with ``@action``).

- People who read members-level material (members, representatives, civil-society reviewers,
  the secretariat) propose concepts and revisions (a translation is a revision in another
  language) and follow the proposals under discussion (DESIGN.md §2).
- The secretariat puts revisions under review, rejects them, gives notations, and deprecates
  or supersedes concepts. It does not agree them: a revision is agreed only by a governance
  decision that adopts a glossary batch (Members set the agenda, issue 16), the body's act,
  not a person's.
- Usage notes are written by people of member organisations (members and representatives),
  for their own organisation, under its chamber. Reviewers and the secretariat belong to no
  chamber, so they write none of their own; the secretariat records a note an organisation
  sent in (admin) and removes any note (moderation).

Objects are duck-typed: a revision has ``author_id``; a usage note has ``organisation_id``;
the organisation a note is written for has ``pk``.
"""

from __future__ import annotations

from typing import Any

from alliance_portal.policy.actions import action
from alliance_portal.policy.principals import Principal
from alliance_portal.policy.rules.common import (
    ORGANISATION_ROLES,
    is_staff,
    reads_members_level,
)

# --- taking part: members-level readers -----------------------------------------------------


@action(
    "concept.propose", refusal="Only people of member organisations may propose glossary concepts."
)
@action(
    "revision.propose",
    refusal="Only people of member organisations may propose changes to the glossary.",
)
def proposes(who: Principal, concept: Any = None) -> bool:
    """Members, representatives, civil-society reviewers and the secretariat."""
    return reads_members_level(who)


@action(
    "revision.follow",
    refusal="Only people of member organisations may read the glossary's proposals.",
)
@action("usage_note.follow", refusal="Only people of member organisations may write usage notes.")
def follows_the_discussion(who: Principal, obj: Any = None) -> bool:
    """Members-level readers: the proposals under discussion, a concept's usage-note page."""
    return reads_members_level(who)


# --- deciding: the secretariat ---------------------------------------------------------------


@action(
    "revision.submit_for_review",
    refusal="Only the secretariat may put glossary revisions under review.",
)
@action("revision.reject", refusal="Only the secretariat may reject glossary revisions.")
@action("concept.set_notation", refusal="Only the secretariat may give concepts a notation.")
@action("concept.deprecate", refusal="Only the secretariat may deprecate glossary concepts.")
@action("concept.supersede", refusal="Only the secretariat may supersede glossary concepts.")
def decides(who: Principal, obj: Any = None) -> bool:
    """The secretariat."""
    return is_staff(who)


# Agreeing revisions is no one's act: a decision agrees them (``governance.effects``, a
# glossary batch adopted by a ballot), so there is no "revision.agree" action.


# --- usage notes -----------------------------------------------------------------------------


def _writes_for(who: Principal, organisation_id: int | None) -> bool:
    return (
        who.role in ORGANISATION_ROLES
        and who.organisation_id is not None
        and who.organisation_id == organisation_id
    )


@action(
    "usage_note.write",
    refusal="Usage notes are written by people of member organisations, for their chamber.",
)
def writes_usage_note(who: Principal, organisation: Any = None) -> bool | str:
    """Members and representatives, for their own organisation."""
    if who.role not in ORGANISATION_ROLES or who.organisation_id is None:
        return False
    if organisation is not None and not _writes_for(who, organisation.pk):
        return "You write your own organisation's usage note, no other."
    return True


@action(
    "usage_note.record",
    refusal="Only the secretariat records a usage note an organisation sent in.",
)
def records_usage_notes(who: Principal, organisation: Any = None) -> bool:
    """The secretariat, for any organisation (a note it sent in)."""
    return is_staff(who)


@action("usage_note.moderate", refusal="Only the secretariat moderates usage notes.")
def moderates_usage_notes(who: Principal, note: Any = None) -> bool:
    """The secretariat: it removes any organisation's note."""
    return is_staff(who)


@action(
    "usage_note.remove",
    refusal="Only the organisation's people or the secretariat remove its usage note.",
)
def removes_usage_note(who: Principal, note: Any = None) -> bool:
    """The note's organisation's members and representatives, and the secretariat."""
    return is_staff(who) or (note is not None and _writes_for(who, note.organisation_id))
