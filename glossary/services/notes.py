"""Usage notes: each member organisation's note on how its chamber uses a concept."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.models import User
from alliance_portal.types import Actor
from glossary.models import OPEN_STATUSES, Concept, ConceptStatus, UsageNote
from members.models import Organisation

NOTE_STATUSES = (*OPEN_STATUSES, ConceptStatus.AGREED)


@use_case
def usage_note_write(
    *,
    actor: Actor,
    concept: Concept,
    text: str,
    disclosure: str = DisclosureLevel.PUBLIC,
    organisation: Organisation | None = None,
    author: User | None = None,
) -> UsageNote:
    """Write (create or replace) the usage note of the actor's organisation on ``concept``,
    filed under the organisation's chamber. Only people of member organisations write notes,
    each for their own organisation (``usage_note.write``); a concept that is rejected or
    retired takes no new notes.

    The secretariat may record a note an organisation sent in (admin), and the system writes
    notes as demo data or an import (``usage_note.record``): then ``organisation`` says whose
    note it is and ``author``, if given, must be a person of it (the database checks)."""
    if policy.may(actor, "usage_note.record", organisation):
        if organisation is None:
            raise ValidationError({"organisation": "Say which organisation's note this is."})
    else:
        policy.require(actor, "usage_note.write", organisation)
        who = policy.principal(actor)
        if not policy.can_view(actor, concept):
            raise PermissionDenied("You cannot see this concept.")
        if who.organisation_id is None:  # usage_note.write admits none (for the type checker)
            raise PermissionDenied("You belong to no member organisation.")
        organisation = Organisation.objects.get(pk=who.organisation_id)
        author = who.user
    if concept.status not in NOTE_STATUSES:
        raise ValidationError(
            {
                "text": f"“{concept.slug}” is {concept.get_status_display().lower()}: usage "
                "notes are written on concepts in use or under discussion."
            }
        )
    body = text.strip()
    if not body:
        raise ValidationError({"text": "Write how your chamber uses or understands the term."})
    if disclosure not in DisclosureLevel.values:
        raise ValidationError({"disclosure": "Unknown disclosure level."})
    note, _ = UsageNote.objects.update_or_create(
        concept=concept,
        organisation=organisation,
        defaults={
            "chamber_id": organisation.chamber_id,
            "author": author,
            "text": body,
            "disclosure": disclosure,
        },
    )
    return note


@use_case
def usage_note_remove(*, actor: Actor, note: UsageNote) -> None:
    """Remove a usage note: a person of its organisation, or the secretariat (moderation)."""
    policy.require(actor, "usage_note.remove", note)
    note.delete()
