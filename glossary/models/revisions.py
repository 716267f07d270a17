"""Revisions: every text a concept has had or was proposed to have.

Why the current text lives only in agreed revisions
---------------------------------------------------
"An agreed concept's definition cannot be changed except through an agreed revision" must hold
against any code path: a page, the API, the admin, a bulk ``queryset.update()`` or a psql
session. We chose a design where there is nothing else to change: a concept has no text of its
own. Its labels, definitions (with source, scope note and example), relations and external
matches are rows of a *revision* (a full snapshot of the proposed content), and the concept
points at its current revision. The database then guarantees, through the triggers below and
``concept_workflow`` on the concept:

- a revision is born ``proposed`` and moves only ``proposed → under_review → agreed``, or to
  ``rejected``; an agreed or rejected revision is never changed again, and an agreed one never
  deleted (``revision_workflow``);
- the content rows of a revision can be written only while it is ``proposed``, and the content
  of an agreed revision is never removed (``content_frozen_unless_proposed``);
- an agreed concept's current text is an agreed revision of that concept, and it only moves to a
  newer agreed revision (``concept_workflow``).

So the only way to change what an agreed concept says is to add a revision and take it through
review to agreement, which the audit trail records. The alternative, a mutable "current text"
on the concept guarded by a trigger that looks for a flag set by the service, would let any SQL
session set the same flag; and keeping full snapshots makes history, diffs and the SKOS change
notes plain reads.

A revision may carry an author's ``rationale``; the secretariat's decision sets ``decided_at``,
``decided_by`` and, for a rejection, ``decision_note``. A batch of revisions agreed together by
a governance decision is recorded on the governance side.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

import pgtrigger
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.text_limits import DESCRIPTION, STATEMENT, BoundedTextField
from glossary.languages import ContentLanguage
from glossary.models.concepts import PUBLIC_STATUSES, REFUSE, Concept, _sql_array


class RevisionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    UNDER_REVIEW = "under_review", "Under review"
    AGREED = "agreed", "Agreed"
    REJECTED = "rejected", "Rejected"


OPEN_REVISION_STATUSES: tuple[str, ...] = (RevisionStatus.PROPOSED, RevisionStatus.UNDER_REVIEW)
REVISION_TRANSITIONS: frozenset[str] = frozenset(
    {
        "proposed>under_review",
        "proposed>rejected",
        "under_review>agreed",
        "under_review>rejected",
    }
)
# Columns a closed revision may still see change: links to people and organisations are
# cleared (SET NULL) when an account is erased; nothing of the text itself.
_MAY_CLEAR = "'author_id' - 'decided_by_id' - 'author_organisation_id'"

REVISION_WORKFLOW_SQL = f"""
IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'agreed' THEN
        RAISE EXCEPTION 'An agreed revision is part of the glossary''s record: it is never deleted'
            {REFUSE};
    END IF;
    RETURN OLD;
END IF;
IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'proposed' THEN
        RAISE EXCEPTION 'A revision starts as proposed, not as %', NEW.status {REFUSE};
    END IF;
    RETURN NEW;
END IF;
IF OLD.status IN ('agreed', 'rejected')
   AND (to_jsonb(NEW) - {_MAY_CLEAR}) IS DISTINCT FROM (to_jsonb(OLD) - {_MAY_CLEAR}) THEN
    RAISE EXCEPTION 'Revision % is %: it is never changed', OLD.number, OLD.status {REFUSE};
END IF;
IF NEW.status <> OLD.status
   AND NOT (OLD.status || '>' || NEW.status = ANY ({_sql_array(REVISION_TRANSITIONS)})) THEN
    RAISE EXCEPTION 'A revision cannot go from % to %', OLD.status, NEW.status {REFUSE};
END IF;
RETURN NEW;
"""

# The content rows of a revision (labels, definitions, relations, external matches).
CONTENT_FROZEN_SQL = f"""
IF TG_OP <> 'INSERT' THEN
    SELECT status INTO revision_status FROM glossary_revision WHERE id = OLD.revision_id;
    IF TG_OP = 'DELETE' THEN
        IF revision_status = 'agreed' THEN
            RAISE EXCEPTION 'The text of an agreed revision is never removed' {REFUSE};
        END IF;
        RETURN OLD;
    END IF;
    IF revision_status <> 'proposed' THEN
        RAISE EXCEPTION 'The text of a % revision is never changed', revision_status {REFUSE};
    END IF;
END IF;
SELECT status INTO revision_status FROM glossary_revision WHERE id = NEW.revision_id;
IF revision_status <> 'proposed' THEN
    RAISE EXCEPTION 'Text can be added only to a proposed revision, not to a % one',
        revision_status {REFUSE};
END IF;
RETURN NEW;
"""  # noqa: S608 (fixed SQL, no input)


def content_frozen_trigger() -> pgtrigger.Trigger:
    """The trigger every content table of a revision carries (see the module docstring)."""
    return pgtrigger.Trigger(
        name="content_frozen_unless_proposed",
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
        when=pgtrigger.Before,
        declare=[("revision_status", "varchar(12)")],
        func=CONTENT_FROZEN_SQL,
    )


@audit_trail()
class Revision(models.Model):
    """One version of a concept's content, proposed by a person and agreed (or rejected) by the
    secretariat or a governance decision. Revision 1 of a concept is its proposal."""

    concept = models.ForeignKey(Concept, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=12, choices=RevisionStatus.choices, default=RevisionStatus.PROPOSED
    )
    base = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The agreed text this revision was written against (none for a proposal).",
    )
    rationale = BoundedTextField(
        max_length=STATEMENT, help_text="Why this text, in the author's words (Markdown)."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="glossary_revisions",
    )
    # Published records name organisations, not people (DESIGN.md §4).
    author_organisation = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="glossary_revisions",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = BoundedTextField(max_length=DESCRIPTION, blank=True)

    owner_organisation_path: ClassVar[str | None] = None

    class Meta:
        ordering = ("concept", "number")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("concept", "number"), name="revision_number_unique_per_concept"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_number_positive"),
            models.CheckConstraint(
                condition=Q(rationale__regex=r"\S"),
                name="revision_has_rationale",
                violation_error_message="Say why the text should change.",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=(RevisionStatus.AGREED, RevisionStatus.REJECTED),
                    decided_at__isnull=False,
                )
                | Q(
                    status__in=OPEN_REVISION_STATUSES,
                    decided_at__isnull=True,
                ),
                name="revision_decided_when_closed",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=(RevisionStatus.UNDER_REVIEW, RevisionStatus.AGREED))
                | Q(submitted_at__isnull=False),
                name="revision_reviewed_before_agreed",
            ),
            models.CheckConstraint(
                condition=~Q(status=RevisionStatus.REJECTED) | Q(decision_note__regex=r"\S"),
                name="revision_rejection_has_reason",
                violation_error_message="Say why the revision is rejected.",
            ),
            models.CheckConstraint(condition=~Q(base=F("pk")), name="revision_not_based_on_itself"),
        ]
        indexes: ClassVar = [models.Index(fields=("status", "decided_at"))]
        triggers: ClassVar = [
            pgtrigger.Trigger(
                name="revision_workflow",
                operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
                when=pgtrigger.Before,
                func=REVISION_WORKFLOW_SQL,
            )
        ]

    def __str__(self) -> str:
        return f"{self.concept.slug}, revision {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("glossary:revision-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REVISION_STATUSES

    @property
    def is_proposal(self) -> bool:
        """True for the revision that proposes a new concept (as opposed to a change)."""
        return self.base_id is None

    # The access policy's view: an agreed revision of a public concept is public; proposals,
    # revisions under review and rejected ones are members-level (and their author's).
    @classmethod
    def disclosure_q(cls, levels: Collection[str]) -> Q:
        if DisclosureLevel.MEMBERS in levels:
            return Q(pk__isnull=False)
        return Q(status=RevisionStatus.AGREED, concept__status__in=PUBLIC_STATUSES)

    @property
    def disclosure_level(self) -> str:
        if self.status == RevisionStatus.AGREED and self.concept.is_public:
            return str(DisclosureLevel.PUBLIC)
        return str(DisclosureLevel.MEMBERS)

    def owner_organisation_id(self) -> int | None:
        return None


class LabelKind(models.TextChoices):
    PREFERRED = "pref", "Preferred label"
    ALTERNATIVE = "alt", "Alternative label"
    HIDDEN = "hidden", "Hidden label"


class TermStatus(models.TextChoices):
    """After TBX's administrative status of a term."""

    PREFERRED = "preferred", "Preferred term"
    ADMITTED = "admitted", "Admitted term"
    DEPRECATED = "deprecated", "Deprecated term"


# One line, no leading or trailing space.
_ONE_LINE = r"^\S([^\r\n]*\S)?$"


@audit_trail()
class Label(models.Model):
    """A word for the concept in one language: its preferred label (one per language), an
    alternative label (synonym, abbreviation such as ASM or CAHRA) or a hidden label (a
    misspelling or an old form that search should still find)."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="labels")
    language = models.CharField(max_length=8, choices=ContentLanguage.choices)
    kind = models.CharField(max_length=6, choices=LabelKind.choices)
    text = models.CharField(max_length=200)
    term_status = models.CharField(max_length=10, choices=TermStatus.choices)

    class Meta:
        ordering = ("revision", "language", "kind", "text")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("revision", "language"),
                condition=Q(kind=LabelKind.PREFERRED),
                name="label_one_preferred_per_language",
                violation_error_message="A concept has one preferred label per language.",
            ),
            models.UniqueConstraint(
                F("revision"),
                F("language"),
                Lower("text"),
                name="label_once_per_language",
                violation_error_message="This label is given twice in one language.",
            ),
            models.CheckConstraint(
                condition=Q(kind=LabelKind.PREFERRED, term_status=TermStatus.PREFERRED)
                | (~Q(kind=LabelKind.PREFERRED) & ~Q(term_status=TermStatus.PREFERRED)),
                name="label_preferred_label_is_the_preferred_term",
                violation_error_message="The preferred label, and only it, is the preferred term.",
            ),
            models.CheckConstraint(condition=Q(text__regex=_ONE_LINE), name="label_one_line"),
        ]
        # Search (glossary.selectors.search): trigram similarity and full text, every language.
        indexes: ClassVar = [
            GinIndex(OpClass("text", name="gin_trgm_ops"), name="glossary_label_trgm"),
            GinIndex(SearchVector("text", config="simple"), name="glossary_label_fts"),
        ]
        triggers: ClassVar = [content_frozen_trigger()]

    def __str__(self) -> str:
        return f"{self.text} ({self.language}, {self.kind})"


@audit_trail()
class Definition(models.Model):
    """The definition of the concept in one language, with its source (an element of a
    standard, or a citation), a scope note and an example. Definitions are written in the
    alliance's own words (Markdown)."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="definitions")
    language = models.CharField(max_length=8, choices=ContentLanguage.choices)
    text = BoundedTextField(max_length=STATEMENT)
    scope_note = BoundedTextField(
        max_length=STATEMENT, blank=True, help_text="What the concept covers and does not."
    )
    example = BoundedTextField(max_length=STATEMENT, blank=True)
    source_element = models.ForeignKey(
        "standards.Element",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="glossary_definitions",
        help_text="The element of a standard the definition follows.",
    )
    source_citation = models.CharField(
        max_length=300, blank=True, help_text="Or a citation, e.g. a law or a report."
    )

    class Meta:
        ordering = ("revision", "language")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("revision", "language"),
                name="definition_one_per_language",
                violation_error_message="A concept has one definition per language.",
            ),
            models.CheckConstraint(condition=Q(text__regex=r"\S"), name="definition_not_blank"),
        ]
        indexes: ClassVar = [
            GinIndex(
                SearchVector("text", "scope_note", "example", config="simple"),
                name="glossary_definition_fts",
            ),
        ]
        triggers: ClassVar = [content_frozen_trigger()]

    def __str__(self) -> str:
        return f"{self.revision}: definition ({self.language})"


class RelationKind(models.TextChoices):
    BROADER = "broader", "Broader concept"
    RELATED = "related", "Related concept"


RELATION_NOT_SELF_SQL = f"""
IF NEW.target_id = (SELECT concept_id FROM glossary_revision WHERE id = NEW.revision_id) THEN
    RAISE EXCEPTION 'A concept is not related to itself' {REFUSE};
END IF;
RETURN NEW;
"""  # noqa: S608 (fixed SQL, no input)


@audit_trail()
class Relation(models.Model):
    """A semantic relation from the revision's concept to another concept. Only *broader* and
    *related* are stored: *narrower* is read as the inverse of broader, and related is read in
    both directions, so the hierarchy can never disagree with itself."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=8, choices=RelationKind.choices)
    target = models.ForeignKey(Concept, on_delete=models.PROTECT, related_name="inbound_relations")

    class Meta:
        ordering = ("revision", "kind", "target")
        constraints: ClassVar = [
            # Broader and related are disjoint (SKOS integrity condition S27).
            models.UniqueConstraint(
                fields=("revision", "target"),
                name="relation_one_per_target",
                violation_error_message="A concept is either broader or related, not both.",
            ),
        ]
        triggers: ClassVar = [
            content_frozen_trigger(),
            pgtrigger.Trigger(
                name="relation_not_to_itself",
                operation=pgtrigger.Insert | pgtrigger.Update,
                when=pgtrigger.Before,
                func=RELATION_NOT_SELF_SQL,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.revision}: {self.kind} {self.target}"


class MatchKind(models.TextChoices):
    EXACT = "exact", "Exact match"
    CLOSE = "close", "Close match"
    BROAD = "broad", "Broad match"
    NARROW = "narrow", "Narrow match"
    RELATED = "related", "Related match"


@audit_trail()
class ExternalMatch(models.Model):
    """The concept's match to a concept outside the glossary (another vocabulary, a law's
    definition, a standard body's glossary), by its URI."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="matches")
    kind = models.CharField(max_length=8, choices=MatchKind.choices)
    uri = models.URLField(max_length=500)
    label = models.CharField(max_length=200, blank=True, help_text="What it is called there.")

    class Meta:
        ordering = ("revision", "kind", "uri")
        verbose_name_plural = "external matches"
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("revision", "uri"),
                name="match_once_per_uri",
                violation_error_message="This URI is matched twice.",
            ),
            models.CheckConstraint(
                condition=Q(uri__regex=r"^https?://\S+$"), name="match_uri_http"
            ),
        ]
        triggers: ClassVar = [content_frozen_trigger()]

    def __str__(self) -> str:
        return f"{self.revision}: {self.kind} {self.uri}"
