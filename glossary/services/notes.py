"""Usage notes: each member organisation's note on how its chamber uses a concept."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.models import User
from alliance_portal.types import Actor
from glossary.access import is_staff, may_write_usage_note, require_note_writer, require_signed_in
from glossary.models import OPEN_STATUSES, Concept, ConceptStatus, UsageNote
from members.models import Organisation

NOTE_STATUSES = (*OPEN_STATUSES, ConceptStatus.AGREED)


@use_case
def usage_note_write(
    *,
    actor: Actor | None,
    concept: Concept,
    text: str,
    disclosure: str = DisclosureLevel.PUBLIC,
    organisation: Organisation | None = None,
    author: User | None = None,
) -> UsageNote:
    """Write (create or replace) the usage note of the actor's organisation on ``concept``,
    filed under the organisation's chamber. Only people of member organisations write notes,
    each for their own organisation; a concept that is rejected or retired takes no new notes.

    ``actor=None`` is system work (demo data, an import), and the secretariat may record a
    note an organisation sent in (admin): then ``organisation`` says whose note it is and
    ``author``, if given, must be a person of it (the database checks)."""
    if actor is None or is_staff(actor):
        # System work, or the secretariat recording a note an organisation sent in.
        require_signed_in(actor)
        if organisation is None:
            raise ValidationError({"organisation": "Say which organisation's note this is."})
    else:
        require_note_writer(actor)
        who = policy.principal(actor)
        if organisation is not None and organisation.pk != who.organisation_id:
            raise PermissionDenied("You write your own organisation's usage note, no other.")
        if not policy.can_view(actor, concept):
            raise PermissionDenied("You cannot see this concept.")
        if who.organisation_id is None:  # a member always has one (role_of)
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
def usage_note_remove(*, actor: Actor | None, note: UsageNote) -> None:
    """Remove a usage note: a person of its organisation, or the secretariat (moderation)."""
    require_signed_in(actor)
    if actor is not None and not is_staff(actor):
        who = policy.principal(actor)
        if not (may_write_usage_note(actor) and who.organisation_id == note.organisation_id):
            raise PermissionDenied(
                "Only the organisation's people or the secretariat remove its usage note."
            )
    note.delete()
