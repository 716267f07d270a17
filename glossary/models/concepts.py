"""Concept schemes and their concepts (SKOS), with the status workflow of a concept.

A concept is the idea; its words (labels), definitions, relations and external matches are the
content of its *revisions* (``glossary.models.revisions``). The concept points at its current
text, ``current_revision``; once the concept is agreed that is always an agreed revision, and it
only ever moves to a newer agreed revision (database trigger ``concept_workflow``).

Status workflow (enforced by the same trigger, so no UPDATE can skip a step):
``proposed → under_review → agreed``, then ``deprecated`` or ``superseded`` (with the concept
that replaces it; a deprecated concept may later be superseded); ``rejected`` from proposed or
under review.

Disclosure: agreed, deprecated and superseded concepts are public; proposed, under-review and
rejected ones are members-level. Their author also sees them, through a django-guardian object
permission given when they propose (rule 3 of ``alliance_portal.policy``).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, ClassVar

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.text_limits import DESCRIPTION, STATEMENT, BoundedTextField

if TYPE_CHECKING:
    from glossary.models.revisions import Revision

# SQLSTATE 23514 (check_violation): a refusal by a trigger reads like a refused CHECK
# constraint, a django.db.IntegrityError.
REFUSE = "USING ERRCODE = 'check_violation'"

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# Fixed addresses under /glossary/ that a concept's slug must not take.
RESERVED_SLUGS = ("propose", "revisions", "autocomplete", "feed", "search", "export")


class ConceptStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    UNDER_REVIEW = "under_review", "Under review"
    AGREED = "agreed", "Agreed"
    REJECTED = "rejected", "Rejected"
    DEPRECATED = "deprecated", "Deprecated"
    SUPERSEDED = "superseded", "Superseded"


# Statuses whose concepts are public, exported, and have an agreed current text.
PUBLIC_STATUSES: tuple[str, ...] = (
    ConceptStatus.AGREED,
    ConceptStatus.DEPRECATED,
    ConceptStatus.SUPERSEDED,
)
# Statuses of a concept still being discussed.
OPEN_STATUSES: tuple[str, ...] = (ConceptStatus.PROPOSED, ConceptStatus.UNDER_REVIEW)
# Statuses of a concept no longer in use (hidden from lists unless asked for).
RETIRED_STATUSES: tuple[str, ...] = (ConceptStatus.DEPRECATED, ConceptStatus.SUPERSEDED)

# Allowed status changes, as "from>to" (the same list as the trigger below).
CONCEPT_TRANSITIONS: frozenset[str] = frozenset(
    {
        "proposed>under_review",
        "proposed>rejected",
        "under_review>agreed",
        "under_review>rejected",
        "agreed>deprecated",
        "agreed>superseded",
        "deprecated>superseded",
    }
)


def _sql_array(values: Collection[str]) -> str:
    return "ARRAY[" + ", ".join(f"'{value}'" for value in sorted(values)) + "]"


_PUBLIC_SQL = "('agreed', 'deprecated', 'superseded')"

CONCEPT_WORKFLOW_SQL = f"""
IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'proposed' THEN
        RAISE EXCEPTION 'A glossary concept starts as a proposal, not as %', NEW.status {REFUSE};
    END IF;
ELSE
    IF NEW.status <> OLD.status
       AND NOT (OLD.status || '>' || NEW.status = ANY ({_sql_array(CONCEPT_TRANSITIONS)})) THEN
        RAISE EXCEPTION 'A glossary concept cannot go from % to %', OLD.status, NEW.status {REFUSE};
    END IF;
    IF OLD.status IN {_PUBLIC_SQL} AND NEW.slug <> OLD.slug THEN
        RAISE EXCEPTION 'An agreed concept keeps its slug: its URI is stable' {REFUSE};
    END IF;
    IF OLD.status IN ('deprecated', 'superseded')
       AND NEW.current_revision_id IS DISTINCT FROM OLD.current_revision_id THEN
        RAISE EXCEPTION 'The text of a deprecated or superseded concept no longer changes' {REFUSE};
    END IF;
END IF;
IF NEW.current_revision_id IS NULL THEN
    IF NEW.status IN {_PUBLIC_SQL} THEN
        RAISE EXCEPTION 'An agreed concept has a current text' {REFUSE};
    END IF;
    RETURN NEW;
END IF;
SELECT concept_id, status, number INTO revision_concept, revision_status, revision_number
    FROM glossary_revision WHERE id = NEW.current_revision_id;
IF revision_concept IS DISTINCT FROM NEW.id THEN
    RAISE EXCEPTION 'A concept''s current text is one of its own revisions' {REFUSE};
END IF;
IF NEW.status IN {_PUBLIC_SQL} AND revision_status <> 'agreed' THEN
    RAISE EXCEPTION 'The current text of an agreed concept is an agreed revision: revision % is %',
        revision_number, revision_status {REFUSE};
END IF;
IF TG_OP = 'UPDATE' AND OLD.status IN {_PUBLIC_SQL} AND OLD.current_revision_id IS NOT NULL
   AND NEW.current_revision_id <> OLD.current_revision_id THEN
    SELECT number INTO previous_number FROM glossary_revision WHERE id = OLD.current_revision_id;
    IF revision_number <= previous_number THEN
        RAISE EXCEPTION 'An agreed concept''s text moves only to a newer agreed revision' {REFUSE};
    END IF;
END IF;
RETURN NEW;
"""  # noqa: S608 (fixed SQL, no input)


@audit_trail()
class ConceptScheme(models.Model):
    """A SKOS concept scheme: the alliance's glossary (one in practice; the model allows more).
    Its URI is ``{PORTAL_BASE_URL}/glossary/#<slug>``."""

    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    description = BoundedTextField(
        max_length=DESCRIPTION, blank=True, help_text="What the glossary covers (Markdown)."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("title",)

    def __str__(self) -> str:
        return self.title

    @property
    def uri(self) -> str:
        return (
            f"{settings.PORTAL_BASE_URL.rstrip('/')}{reverse('glossary:concept-list')}#{self.slug}"
        )


@audit_trail()
class Concept(models.Model):
    """A concept of the glossary. Its URI, ``{PORTAL_BASE_URL}/glossary/<slug>/``, is stable:
    the slug never changes once the concept is agreed (trigger ``concept_workflow``)."""

    scheme = models.ForeignKey(ConceptScheme, on_delete=models.PROTECT, related_name="concepts")
    slug = models.SlugField(max_length=120, unique=True)
    notation = models.CharField(
        max_length=30,
        blank=True,
        help_text="A short code for the concept in the scheme, e.g. RS-012 (the secretariat's).",
    )
    status = models.CharField(
        max_length=12, choices=ConceptStatus.choices, default=ConceptStatus.PROPOSED
    )
    current_revision = models.ForeignKey(
        "glossary.Revision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The text shown: the agreed revision once the concept is agreed, the "
        "proposal before.",
    )
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
        help_text="For a deprecated or superseded concept: the concept to use instead.",
    )
    status_note = BoundedTextField(
        max_length=STATEMENT,
        blank=True,
        help_text="Why the concept was rejected, deprecated or superseded.",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    agreed_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    owner_organisation_path: ClassVar[str | None] = None

    class Meta:
        ordering = ("slug",)
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(slug__regex=SLUG_PATTERN) & ~Q(slug__in=RESERVED_SLUGS),
                name="concept_slug_format",
                violation_error_message="A slug is lower-case words joined by hyphens.",
            ),
            models.UniqueConstraint(
                fields=("notation",),
                condition=~Q(notation=""),
                name="concept_notation_unique",
                violation_error_message="Another concept has this notation.",
            ),
            models.CheckConstraint(
                condition=~Q(status=ConceptStatus.SUPERSEDED) | Q(replaced_by__isnull=False),
                name="concept_superseded_has_replacement",
                violation_error_message="A superseded concept names the concept replacing it.",
            ),
            models.CheckConstraint(
                condition=Q(replaced_by__isnull=True) | Q(status__in=RETIRED_STATUSES),
                name="concept_replacement_only_when_retired",
            ),
            models.CheckConstraint(
                condition=~Q(replaced_by=F("pk")),
                name="concept_not_replaced_by_itself",
                violation_error_message="A concept cannot replace itself.",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=PUBLIC_STATUSES)
                | (Q(agreed_at__isnull=False) & Q(current_revision__isnull=False)),
                name="concept_agreed_has_text_and_date",
            ),
            models.CheckConstraint(
                condition=~Q(
                    status__in=(
                        ConceptStatus.REJECTED,
                        ConceptStatus.DEPRECATED,
                        ConceptStatus.SUPERSEDED,
                    )
                )
                | ~Q(status_note=""),
                name="concept_retirement_has_reason",
                violation_error_message="Say why the concept is rejected or retired.",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=("status", "updated_at"))]
        triggers: ClassVar = [
            pgtrigger.Trigger(
                name="concept_workflow",
                operation=pgtrigger.Insert | pgtrigger.Update,
                when=pgtrigger.Before,
                declare=[
                    ("revision_concept", "bigint"),
                    ("revision_status", "varchar(12)"),
                    ("revision_number", "integer"),
                    ("previous_number", "integer"),
                ],
                func=CONCEPT_WORKFLOW_SQL,
            )
        ]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("glossary:concept-detail", kwargs={"slug": self.slug})

    @property
    def uri(self) -> str:
        """The concept's stable URI (also its page)."""
        return f"{settings.PORTAL_BASE_URL.rstrip('/')}{self.get_absolute_url()}"

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_retired(self) -> bool:
        return self.status in RETIRED_STATUSES

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def current_text(self) -> Revision:
        """The revision holding what the concept says now (set when it is proposed)."""
        if self.current_revision is None:
            raise ValueError(f"The concept {self.slug} has no text yet.")
        return self.current_revision

    # The access policy's view (alliance_portal.policy).
    @classmethod
    def disclosure_q(cls, levels: Collection[str]) -> Q:
        if DisclosureLevel.MEMBERS in levels:
            return Q(pk__isnull=False)  # not Q(): the policy ORs it with other conditions
        return Q(status__in=PUBLIC_STATUSES)

    @property
    def disclosure_level(self) -> str:
        return str(DisclosureLevel.PUBLIC if self.is_public else DisclosureLevel.MEMBERS)

    def owner_organisation_id(self) -> int | None:
        return None
