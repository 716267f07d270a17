"""Reads of revisions: the review queue, one revision, and its word-level difference against
the current text."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db.models import QuerySet

from alliance_portal import policy
from alliance_portal.types import Actor
from glossary.content import ConceptContent, content_of
from glossary.languages import SOURCE_LANGUAGE, ContentLanguage, language_name
from glossary.models import (
    OPEN_REVISION_STATUSES,
    Concept,
    LabelKind,
    MatchKind,
    Revision,
    TermStatus,
)
from glossary.selectors.concepts import _revision_with_content, concept_links, preferred_labels
from standards.models import Element


def revision_list(
    *, user: Actor, status: str | None = None, concept: Concept | None = None
) -> QuerySet[Revision]:
    """The revisions this user may see, open ones first (oldest waiting first), then decided
    ones (newest first); optionally of one status or one concept."""
    revisions = policy.visible(user, Revision.objects.all()).select_related(
        "concept", "author_organisation"
    )
    if status:
        revisions = revisions.filter(status=status)
    if concept is not None:
        revisions = revisions.filter(concept=concept)
    return revisions.order_by("-decided_at", "created_at", "pk")


def open_revision_list(*, user: Actor) -> QuerySet[Revision]:
    """Proposals and revisions under review this user may see, oldest first: the queue."""
    return (
        policy.visible(user, Revision.objects.filter(status__in=OPEN_REVISION_STATUSES))
        .select_related("concept", "author_organisation")
        .order_by("created_at", "pk")
    )


def revision_get(*, user: Actor, pk: int) -> Revision:
    """One revision this user may see, with its content prefetched (404 otherwise)."""
    return policy.get_visible_or_404(
        user, _revision_with_content().select_related("concept", "author_organisation"), pk=pk
    )


def revision_labels(revisions: list[Revision], language: str) -> dict[int, str]:
    """revision id → the preferred label its concept has in that revision (one query)."""
    return {
        pk: text.text for pk, text in preferred_labels((r.pk for r in revisions), language).items()
    }


# --- Word-level difference ------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass(frozen=True)
class FieldDiff:
    field: str
    language: str | None
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return any(segment.op != "equal" for segment in self.segments)

    @property
    def language_name(self) -> str:
        return language_name(self.language) if self.language else ""


@dataclass(frozen=True)
class RevisionDiff:
    revision: Revision
    against: Revision | None  # None: a new concept, everything is inserted
    fields: tuple[FieldDiff, ...]

    @property
    def changed_fields(self) -> list[FieldDiff]:
        return [field for field in self.fields if field.changed]


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The difference between two texts, word by word: runs of equal, deleted and inserted
    words (whitespace is not a difference)."""
    before, after = old.split(), new.split()
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment("equal", " ".join(before[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment("delete", " ".join(before[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment("insert", " ".join(after[j1:j2])))
    return tuple(segments)


def _source(content: ConceptContent, language: str, elements: dict[int, Element]) -> str:
    definition = content.definition(language)
    if definition is None:
        return ""
    parts = []
    if definition.source_element_id:
        element = elements.get(definition.source_element_id)
        if element is not None:
            parts.append(f"{element.version} {element.ref} {element.title}")
    if definition.source_citation:
        parts.append(definition.source_citation)
    return "; ".join(parts)


def _fields(
    content: ConceptContent, language: str, elements: dict[int, Element]
) -> list[tuple[str, str]]:
    definition = content.definition(language)
    return [
        ("Preferred label", content.pref_label(language) or ""),
        (
            "Alternative labels",
            "; ".join(content.labels_in(language, LabelKind.ALTERNATIVE, TermStatus.ADMITTED)),
        ),
        (
            "Deprecated terms",
            "; ".join(content.labels_in(language, LabelKind.ALTERNATIVE, TermStatus.DEPRECATED)),
        ),
        ("Hidden labels", "; ".join(content.labels_in(language, LabelKind.HIDDEN))),
        ("Definition", definition.text if definition else ""),
        ("Scope note", definition.scope_note if definition else ""),
        ("Example", definition.example if definition else ""),
        ("Source", _source(content, language, elements)),
    ]


def revision_diff(revision: Revision) -> RevisionDiff:
    """What ``revision`` changes, word by word, in every field of every language and in the
    relations and external matches. An open revision is compared with the concept's current
    text; a decided one with the text it was written against (so an agreed revision shows
    what it changed). A new concept's proposal is all insertion."""
    concept = revision.concept
    if revision.is_open and concept.is_public:
        against_pk = concept.current_revision_id
    else:
        against_pk = revision.base_id
    against = (
        _revision_with_content().get(pk=against_pk)
        if against_pk and against_pk != revision.pk
        else None
    )
    new = content_of(revision)
    old = content_of(against) if against is not None else ConceptContent()
    element_ids = {
        d.source_element_id for d in (*new.definitions, *old.definitions) if d.source_element_id
    }
    elements = {
        element.pk: element
        for element in Element.objects.filter(pk__in=element_ids).select_related(
            "version__standard"
        )
    }
    languages = sorted(
        set(new.languages) | set(old.languages),
        key=lambda code: (
            ContentLanguage.values.index(code) if code in ContentLanguage.values else 99
        ),
    )
    fields: list[FieldDiff] = []
    for language in languages:
        for (name, old_text), (_name, new_text) in zip(
            _fields(old, language, elements), _fields(new, language, elements), strict=True
        ):
            if old_text or new_text:
                fields.append(FieldDiff(name, language, word_diff(old_text, new_text)))
    related_ids = set(new.broader) | set(new.related) | set(old.broader) | set(old.related)
    concepts = list(Concept.objects.filter(pk__in=related_ids))
    labels = {link.slug: link.label.text for link in concept_links(concepts, SOURCE_LANGUAGE)}
    names = {concept.pk: labels.get(concept.slug, concept.slug) for concept in concepts}
    for name, old_ids, new_ids in (
        ("Broader concepts", old.broader, new.broader),
        ("Related concepts", old.related, new.related),
    ):
        old_text = "; ".join(sorted(names.get(pk, str(pk)) for pk in old_ids))
        new_text = "; ".join(sorted(names.get(pk, str(pk)) for pk in new_ids))
        if old_text or new_text:
            fields.append(FieldDiff(name, None, word_diff(old_text, new_text)))

    def matches(content: ConceptContent) -> str:
        return "; ".join(f"{MatchKind(m.kind).label}: {m.uri}" for m in content.matches)

    if old.matches or new.matches:
        fields.append(FieldDiff("External matches", None, word_diff(matches(old), matches(new))))
    return RevisionDiff(revision=revision, against=against, fields=tuple(fields))
