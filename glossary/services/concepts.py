"""Concepts: proposing a new one, and retiring an agreed one (deprecated, or superseded by the
concept that replaces it). Changes to what an agreed concept says are revisions
(``glossary.services.revisions``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from glossary import terms
from glossary.content import ConceptContent, validate_content
from glossary.languages import SOURCE_LANGUAGE
from glossary.models import (
    OPEN_REVISION_STATUSES,
    RESERVED_SLUGS,
    Concept,
    ConceptScheme,
    ConceptStatus,
    Revision,
)
from glossary.services.revisions import (
    _reject,
    actor_id,
    author_fields,
    clean_rationale,
    grant_author_view,
    store_content,
)

DEFAULT_SCHEME_SLUG = "responsible-sourcing"
DEFAULT_SCHEME_TITLE = "Responsible sourcing glossary"
DEFAULT_SCHEME_DESCRIPTION = (
    "The alliance's agreed common language for responsible sourcing of minerals and metals: "
    "what its members mean by each term, how each stakeholder chamber uses it, and where the "
    "definitions come from."
)


def default_scheme() -> ConceptScheme:
    """The alliance's glossary (created the first time it is needed)."""
    scheme, _ = ConceptScheme.objects.get_or_create(
        slug=DEFAULT_SCHEME_SLUG,
        defaults={"title": DEFAULT_SCHEME_TITLE, "description": DEFAULT_SCHEME_DESCRIPTION},
    )
    return scheme


def _unique_slug(label: str) -> str:
    base = slugify(label)[:100].strip("-") or "concept"
    if base in RESERVED_SLUGS:
        base = f"{base}-concept"
    slug, counter = base, 2
    while Concept.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _clean_notation(notation: str, concept: Concept | None = None) -> str:
    text = notation.strip()
    if len(text) > 30:
        raise ValidationError({"notation": "A notation is at most 30 characters."})
    others = Concept.objects.filter(notation=text)
    if concept is not None:
        others = others.exclude(pk=concept.pk)
    if text and others.exists():
        raise ValidationError({"notation": f"Another concept has the notation {text}."})
    return text


@use_case
def concept_propose(
    *,
    actor: Actor,
    content: ConceptContent,
    rationale: str,
    scheme: ConceptScheme | None = None,
    notation: str = "",
) -> Concept:
    """Propose a new concept with its first text (revision 1). The concept and its proposal
    are members-level (and their author's) until agreed. Its slug comes from the English
    preferred label, made unique; a notation is the secretariat's to give."""
    policy.require(actor, "concept.propose")
    text = clean_rationale(rationale)
    cleaned = validate_content(content, concept=None)
    if notation.strip():
        policy.require(actor, "concept.set_notation")
    label = cleaned.pref_label(SOURCE_LANGUAGE) or "concept"
    concept = Concept.objects.create(
        scheme=scheme or default_scheme(),
        slug=_unique_slug(label),
        notation=_clean_notation(notation),
        proposed_by_id=actor_id(actor),
    )
    revision = Revision.objects.create(
        concept=concept, number=1, rationale=text, **author_fields(actor)
    )
    store_content(revision, cleaned)
    concept.current_revision = revision
    concept.save(update_fields=["current_revision", "updated_at"])
    grant_author_view(actor, concept, revision)
    return concept


@use_case
def concept_set_notation(*, actor: Actor, concept: Concept, notation: str) -> Concept:
    """Give a concept its notation (a short code in the scheme), or clear it (the secretariat).
    A notation is unique in the glossary."""
    policy.require(actor, "concept.set_notation", concept)
    concept.notation = _clean_notation(notation, concept)
    concept.save(update_fields=["notation", "updated_at"])
    return concept


def _retire(
    concept: Concept,
    *,
    status: str,
    actor: Actor,
    reason: str,
    replaced_by: Concept | None,
) -> Concept:
    locked = Concept.objects.select_for_update().get(pk=concept.pk)
    text = clean_rationale(reason, field="reason")
    if replaced_by is not None:
        if replaced_by.pk == locked.pk:
            raise ValidationError({"replaced_by": "A concept does not replace itself."})
        replaced_by.refresh_from_db(fields=["status"])
        if replaced_by.status != ConceptStatus.AGREED:
            raise ValidationError(
                {"replaced_by": f"“{replaced_by.slug}” is not agreed: it cannot replace another."}
            )
    # Open revisions of a retired concept will never be agreed: close them with the reason.
    for revision in locked.revisions.select_for_update().filter(status__in=OPEN_REVISION_STATUSES):
        revision.concept = locked
        _reject(
            revision,
            decided_by_id=actor_id(actor),
            reason=f"The concept was {status}: {text}",
        )
    locked.status = status
    locked.replaced_by = replaced_by
    locked.status_note = text
    locked.status_changed_at = timezone.now()
    locked.save(
        update_fields=["status", "replaced_by", "status_note", "status_changed_at", "updated_at"]
    )
    terms.terms_changed()
    return locked


@use_case
def concept_deprecate(
    *,
    actor: Actor,
    concept: Concept,
    reason: str,
    replaced_by: Concept | None = None,
) -> Concept:
    """Deprecate an agreed concept (the secretariat): it stays public and exported, marked
    deprecated (``owl:deprecated``), optionally pointing to the concept to use instead, and
    leaves lists and term links. Its open revisions are rejected with the reason."""
    policy.require(actor, "concept.deprecate", concept)
    if concept.status != ConceptStatus.AGREED:
        raise ValidationError(
            f"“{concept.slug}” is {concept.get_status_display().lower()}: only an agreed "
            "concept is deprecated."
        )
    return _retire(
        concept,
        status=ConceptStatus.DEPRECATED,
        actor=actor,
        reason=reason,
        replaced_by=replaced_by,
    )


@use_case
def concept_supersede(
    *,
    actor: Actor,
    concept: Concept,
    replaced_by: Concept,
    reason: str,
) -> Concept:
    """Mark an agreed (or deprecated) concept as superseded by another agreed concept (the
    secretariat): exported with ``dct:isReplacedBy``, its page sends readers to the
    replacement."""
    policy.require(actor, "concept.supersede", concept)
    if concept.status not in (ConceptStatus.AGREED, ConceptStatus.DEPRECATED):
        raise ValidationError(
            f"“{concept.slug}” is {concept.get_status_display().lower()}: only an agreed or a "
            "deprecated concept is superseded."
        )
    return _retire(
        concept,
        status=ConceptStatus.SUPERSEDED,
        actor=actor,
        reason=reason,
        replaced_by=replaced_by,
    )
