"""Usage notes: how each stakeholder chamber uses or understands a term.

The "common language" of the alliance is not one voice: a carmaker and a community organisation
may agree on a definition and still mean different things when they say "traceability". A usage
note makes that visible. Each member organisation keeps at most one note per concept, written by
its people and filed under its chamber; the concept page shows the chambers side by side.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosedModel, DisclosureLevel, disclosure_field
from alliance_portal.text_limits import STATEMENT, BoundedTextField
from glossary.models.concepts import PUBLIC_STATUSES, REFUSE, Concept

# The organisation belongs to the note's chamber, and the author (when recorded) is a person of
# that organisation: checked by the database whenever they are written. An organisation that
# later moves chamber, or an author who later leaves it, does not make an earlier note wrong,
# and erasing an account clears its author without a check.
NOTE_AUTHOR_SQL = f"""
IF (TG_OP = 'INSERT' OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
        OR NEW.chamber_id IS DISTINCT FROM OLD.chamber_id)
   AND NOT EXISTS (SELECT 1 FROM members_organisation AS o
                   WHERE o.id = NEW.organisation_id AND o.chamber_id = NEW.chamber_id) THEN
    RAISE EXCEPTION 'A usage note is filed under the chamber of its organisation' {REFUSE};
END IF;
IF NEW.author_id IS NOT NULL
   AND (TG_OP = 'INSERT' OR NEW.author_id IS DISTINCT FROM OLD.author_id
        OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id)
   AND NOT EXISTS (
        SELECT 1 FROM members_person AS p
        WHERE p.user_id = NEW.author_id AND p.organisation_id = NEW.organisation_id) THEN
    RAISE EXCEPTION 'The author of a usage note is a person of its organisation' {REFUSE};
END IF;
RETURN NEW;
"""  # noqa: S608 (fixed SQL, no input)


@audit_trail()
class UsageNote(DisclosedModel):
    """One member organisation's note on how its chamber uses a concept (Markdown).

    Disclosure: the note's own level (public by default), but never more open than its concept:
    a note on a proposal is members-level whatever it says. The organisation's own people see
    their note at any level."""

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="usage_notes")
    chamber = models.ForeignKey(
        "members.Chamber", on_delete=models.PROTECT, related_name="glossary_usage_notes"
    )
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="glossary_usage_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="glossary_usage_notes",
        help_text="The person who last wrote it (not shown publicly: notes name organisations).",
    )
    text = BoundedTextField(
        max_length=STATEMENT, help_text="How your chamber uses or understands the term (Markdown)."
    )
    disclosure = disclosure_field(default=DisclosureLevel.PUBLIC)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    owner_organisation_path: ClassVar[str | None] = "organisation_id"

    class Meta:
        ordering = ("chamber__order", "organisation__name")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("concept", "organisation"),
                name="usage_note_one_per_organisation",
                violation_error_message="Your organisation has a note on this concept already.",
            ),
            models.CheckConstraint(condition=Q(text__regex=r"\S"), name="usage_note_not_blank"),
        ]
        triggers: ClassVar = [
            pgtrigger.Trigger(
                name="usage_note_author_in_chamber",
                operation=pgtrigger.Insert
                | pgtrigger.UpdateOf("author_id", "organisation_id", "chamber_id"),
                when=pgtrigger.Before,
                func=NOTE_AUTHOR_SQL,
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} on {self.concept}"

    @classmethod
    def disclosure_q(cls, levels: Collection[str]) -> Q:
        condition = Q(disclosure__in=list(levels))
        if DisclosureLevel.MEMBERS not in levels:
            condition &= Q(concept__status__in=PUBLIC_STATUSES)
        return condition

    @property
    def disclosure_level(self) -> str:
        if self.disclosure == DisclosureLevel.PUBLIC and not self.concept.is_public:
            return str(DisclosureLevel.MEMBERS)
        return str(self.disclosure)
