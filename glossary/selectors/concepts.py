"""Reads of concepts: the A–Z index, the hierarchy, "new and changed", a concept's page and the
concepts an export holds. Every read starts from ``policy.visible``: a reader sees agreed,
deprecated and superseded concepts, and proposals when they read members-level material (or
wrote them)."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, QuerySet

from alliance_portal import policy
from alliance_portal.types import Actor
from glossary.content import ConceptContent, content_of
from glossary.languages import SOURCE_LANGUAGE, ContentLanguage
from glossary.models import (
    PUBLIC_STATUSES,
    RETIRED_STATUSES,
    Concept,
    ConceptStatus,
    Definition,
    ExternalMatch,
    Label,
    LabelKind,
    Relation,
    RelationKind,
    Revision,
    RevisionStatus,
    TermStatus,
    UsageNote,
)
from members.models import Chamber

# What lists show unless asked for more: concepts in use and, for members, those under
# discussion. Deprecated, superseded and rejected concepts appear when asked for.
HIDDEN_FROM_LISTS = (*RETIRED_STATUSES, ConceptStatus.REJECTED)


@dataclass(frozen=True)
class Text:
    """A piece of content in a language (the page marks it with ``lang`` when it differs from
    the page's)."""

    text: str
    language: str


@dataclass(frozen=True)
class ConceptLink:
    slug: str
    label: Text
    status: str

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def status_label(self) -> str:
        return str(ConceptStatus(self.status).label)


def visible_concepts(user: Actor) -> QuerySet[Concept]:
    """The concepts this user may see."""
    return policy.visible(user, Concept.objects.all())


def listed_concepts(
    user: Actor, *, include_retired: bool = False, status: str | None = None
) -> QuerySet[Concept]:
    """The concepts a list shows this user: by status when asked, else those in use (and under
    discussion, for members), with deprecated, superseded and rejected ones only when asked."""
    concepts = visible_concepts(user)
    if status:
        return concepts.filter(status=status)
    if include_retired:
        return concepts.exclude(status=ConceptStatus.REJECTED)
    return concepts.exclude(status__in=HIDDEN_FROM_LISTS)


def preferred_labels(revision_ids: Iterable[int], language: str) -> dict[int, Text]:
    """revision id → its preferred label in ``language``, or in English when it has none
    there (one query)."""
    found: dict[int, Text] = {}
    languages = {language, SOURCE_LANGUAGE}
    rows = Label.objects.filter(
        revision_id__in=list(revision_ids), kind=LabelKind.PREFERRED, language__in=languages
    ).values_list("revision_id", "language", "text")
    for revision_id, label_language, text in rows:
        if label_language == language or revision_id not in found:
            found[revision_id] = Text(text, label_language)
    return found


def concept_links(concepts: Iterable[Concept], language: str) -> list[ConceptLink]:
    """Links to these concepts, labelled in ``language``, sorted by label."""
    concepts = list(concepts)
    labels = preferred_labels(
        (c.current_revision_id for c in concepts if c.current_revision_id), language
    )
    links = [
        ConceptLink(
            slug=concept.slug,
            label=labels.get(concept.current_revision_id or 0, Text(concept.slug, SOURCE_LANGUAGE)),
            status=concept.status,
        )
        for concept in concepts
    ]
    return sorted(links, key=lambda link: sort_key(link.label.text))


def sort_key(text: str) -> str:
    """Alphabetical order that ignores case and accents (é sorts with e)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def index_letter(text: str) -> str:
    first = sort_key(text)[:1].upper()
    return first if first.isalpha() and first.isascii() else "#"


# --- A–Z ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexEntry:
    """One line of the A–Z index: a concept under its preferred label, or an alternative label
    pointing to it ("ASM, see artisanal and small-scale mining")."""

    label: Text
    slug: str
    status: str
    see: Text | None = None  # the preferred label, for an alternative label's line

    @property
    def letter(self) -> str:
        return index_letter(self.label.text)

    @property
    def status_label(self) -> str:
        return str(ConceptStatus(self.status).label)


@dataclass
class IndexLetter:
    letter: str
    entries: list[IndexEntry] = field(default_factory=list)


def concept_index(
    *,
    user: Actor,
    language: str,
    include_retired: bool = False,
    status: str | None = None,
) -> list[IndexLetter]:
    """The A–Z index in ``language``: every listed concept under its preferred label there
    (in English when it has none), and its alternative labels in that language as "see"
    lines; grouped by first letter, sorted ignoring case and accents. Deprecated terms and
    hidden labels are left out. One query, whatever the number of concepts."""
    concepts = listed_concepts(user, include_retired=include_retired, status=status)
    rows = (
        Label.objects.filter(
            revision_id__in=concepts.values("current_revision_id"),
            language__in={language, SOURCE_LANGUAGE},
            kind__in=(LabelKind.PREFERRED, LabelKind.ALTERNATIVE),
        )
        .exclude(term_status=TermStatus.DEPRECATED)
        .values_list(
            "revision_id",
            "language",
            "kind",
            "text",
            "revision__concept__slug",
            "revision__concept__status",
        )
    )
    preferred: dict[int, Text] = {}
    alternatives: dict[int, list[Text]] = defaultdict(list)
    concept_of: dict[int, tuple[str, str]] = {}
    for revision_id, label_language, kind, text, slug, concept_status in rows:
        concept_of[revision_id] = (slug, concept_status)
        if kind == LabelKind.PREFERRED:
            if label_language == language or revision_id not in preferred:
                preferred[revision_id] = Text(text, label_language)
        else:
            alternatives[revision_id].append(Text(text, label_language))
    entries: list[IndexEntry] = []
    for revision_id, label in preferred.items():
        slug, concept_status = concept_of[revision_id]
        entries.append(IndexEntry(label, slug, concept_status))
        for alternative in alternatives[revision_id]:
            # Alternatives in the label's own language only (English ones when falling back).
            if alternative.language == label.language:
                entries.append(IndexEntry(alternative, slug, concept_status, see=label))
    entries.sort(key=lambda entry: (sort_key(entry.label.text), entry.see is not None))
    letters: dict[str, IndexLetter] = {}
    for entry in entries:
        letters.setdefault(entry.letter, IndexLetter(entry.letter)).entries.append(entry)
    return sorted(letters.values(), key=lambda group: (group.letter == "#", group.letter))


# --- Hierarchy ----------------------------------------------------------------------------


@dataclass
class TreeNode:
    link: ConceptLink
    children: list[TreeNode] = field(default_factory=list)


def concept_hierarchy(*, user: Actor, language: str) -> list[TreeNode]:
    """The listed concepts as a tree by *broader* (narrower is its inverse): the top concepts
    (no broader concept in the list) with their narrower concepts below, recursively, each
    level sorted by label. A concept with two broader concepts appears under both. Three
    queries, whatever the number of concepts."""
    concepts = list(listed_concepts(user).only("pk", "slug", "status", "current_revision_id"))
    by_revision = {c.current_revision_id: c for c in concepts}
    links = {link.slug: link for link in concept_links(concepts, language)}
    ids = {c.pk for c in concepts}
    children: dict[int, list[Concept]] = defaultdict(list)
    has_parent: set[int] = set()
    edges = Relation.objects.filter(
        kind=RelationKind.BROADER, revision_id__in=list(by_revision), target_id__in=ids
    ).values_list("revision_id", "target_id")
    for revision_id, target_id in edges:
        child = by_revision[revision_id]
        children[target_id].append(child)
        has_parent.add(child.pk)

    def node(concept: Concept, path: frozenset[int]) -> TreeNode:
        kids = [c for c in children[concept.pk] if c.pk not in path]
        return TreeNode(
            links[concept.slug],
            sorted(
                (node(kid, path | {kid.pk}) for kid in kids),
                key=lambda n: sort_key(n.link.label.text),
            ),
        )

    roots = [c for c in concepts if c.pk not in has_parent]
    return sorted(
        (node(root, frozenset({root.pk})) for root in roots),
        key=lambda n: sort_key(n.link.label.text),
    )


# --- New and changed ------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    when: datetime
    link: ConceptLink
    kind: str  # "new", "revised", "deprecated", "superseded"
    revision: int | None = None
    replaced_by: ConceptLink | None = None

    @property
    def description(self) -> str:
        if self.kind == "new":
            return "New concept agreed"
        if self.kind == "revised":
            return f"Revision {self.revision} agreed"
        if self.kind == "superseded":
            return "Superseded"
        return "Deprecated"


def concept_changes(*, user: Actor, language: str, limit: int = 50) -> list[Change]:
    """What changed lately, newest first: concepts agreed, revisions agreed, concepts
    deprecated or superseded (as far as this user may see). Four queries."""
    revisions = list(
        policy.visible(user, Revision.objects.filter(status=RevisionStatus.AGREED))
        .select_related("concept")
        .order_by("-decided_at")[:limit]
    )
    retired = list(
        visible_concepts(user)
        .filter(status__in=RETIRED_STATUSES)
        .select_related("replaced_by")
        .order_by("-status_changed_at")[:limit]
    )
    concepts = {r.concept.pk: r.concept for r in revisions} | {c.pk: c for c in retired}
    concepts |= {c.replaced_by.pk: c.replaced_by for c in retired if c.replaced_by is not None}
    links = {link.slug: link for link in concept_links(concepts.values(), language)}
    changes = [
        Change(
            when=revision.decided_at or revision.created_at,
            link=links[revision.concept.slug],
            kind="new" if revision.is_proposal else "revised",
            revision=revision.number,
        )
        for revision in revisions
    ]
    changes += [
        Change(
            when=concept.status_changed_at or concept.updated_at,
            link=links[concept.slug],
            kind=concept.status,
            replaced_by=links[concept.replaced_by.slug] if concept.replaced_by else None,
        )
        for concept in retired
    ]
    return sorted(changes, key=lambda change: change.when, reverse=True)[:limit]


# --- A concept's page ------------------------------------------------------------------------


@dataclass
class LanguageLabels:
    language: str
    preferred: str | None
    admitted: list[str]
    deprecated: list[str]
    hidden: list[str]

    @property
    def name(self) -> str:
        return str(ContentLanguage(self.language).label)


@dataclass
class ChamberNotes:
    chamber: Chamber
    notes: list[UsageNote]


@dataclass
class ConceptPage:
    concept: Concept
    revision: Revision
    content: ConceptContent
    language: str
    label: Text
    definition: Definition | None
    labels: list[LanguageLabels]
    broader: list[ConceptLink]
    narrower: list[ConceptLink]
    related: list[ConceptLink]
    matches: list[ExternalMatch]
    chambers: list[ChamberNotes]
    history: list[Revision]
    replaced_by: ConceptLink | None
    replaces: list[ConceptLink]

    @property
    def languages(self) -> list[str]:
        return self.content.languages

    @property
    def open_revisions(self) -> list[Revision]:
        return [revision for revision in self.history if revision.is_open]

    @property
    def notes_count(self) -> int:
        return sum(len(group.notes) for group in self.chambers)


def concept_get(*, user: Actor, slug: str) -> Concept:
    """One concept this user may see (404 otherwise; an anonymous visitor asking for a
    proposal is asked to sign in)."""
    return policy.get_visible_or_404(user, Concept.objects.all(), slug=slug)


def _revision_with_content() -> QuerySet[Revision]:
    return Revision.objects.prefetch_related(
        "labels",
        Prefetch(
            "definitions",
            queryset=Definition.objects.select_related("source_element__version__standard"),
        ),
        "relations",
        "matches",
    )


def concept_page(*, user: Actor, slug: str, language: str) -> ConceptPage:
    """Everything a concept's page shows this user, in the content language ``language``:
    labels in every language, the definition (in English when there is none in
    ``language``), broader, narrower and related concepts they may see, external matches,
    usage notes side by side for every chamber, the revisions they may see (newest first), and
    the replacement of a retired concept."""
    concept = concept_get(user=user, slug=slug)
    revision = _revision_with_content().get(pk=concept.current_text.pk)
    content = content_of(revision)
    definitions = {d.language: d for d in revision.definitions.all()}
    definition = definitions.get(language) or definitions.get(SOURCE_LANGUAGE)
    label_language = language if content.pref_label(language) else SOURCE_LANGUAGE
    labels = [
        LanguageLabels(
            language=code,
            preferred=content.pref_label(code),
            admitted=content.labels_in(code, LabelKind.ALTERNATIVE, TermStatus.ADMITTED),
            deprecated=content.labels_in(code, LabelKind.ALTERNATIVE, TermStatus.DEPRECATED)
            + content.labels_in(code, LabelKind.HIDDEN, TermStatus.DEPRECATED),
            hidden=content.labels_in(code, LabelKind.HIDDEN, TermStatus.ADMITTED),
        )
        for code in content.languages
    ]
    visible = visible_concepts(user)
    broader = visible.filter(pk__in=content.broader)
    narrower = visible.filter(
        current_revision__relations__kind=RelationKind.BROADER,
        current_revision__relations__target=concept,
    ).exclude(status=ConceptStatus.REJECTED)
    related = visible.filter(pk__in=content.related) | visible.filter(
        current_revision__relations__kind=RelationKind.RELATED,
        current_revision__relations__target=concept,
    ).exclude(status=ConceptStatus.REJECTED)
    replaces = visible.filter(replaced_by=concept)
    notes = list(
        policy.visible(user, UsageNote.objects.filter(concept=concept)).select_related(
            "organisation", "chamber"
        )
    )
    by_chamber: dict[int, list[UsageNote]] = defaultdict(list)
    for note in notes:
        by_chamber[note.chamber_id].append(note)
    history = list(
        policy.visible(user, Revision.objects.filter(concept=concept))
        .select_related("author_organisation", "concept")
        .order_by("-number")
    )
    replaced_by = None
    if concept.replaced_by_id:
        replacement = visible.filter(pk=concept.replaced_by_id)
        found = concept_links(replacement, language)
        replaced_by = found[0] if found else None
    return ConceptPage(
        concept=concept,
        revision=revision,
        content=content,
        language=language,
        label=Text(content.pref_label(label_language) or concept.slug, label_language),
        definition=definition,
        labels=labels,
        broader=concept_links(broader, language),
        narrower=concept_links(narrower.distinct(), language),
        related=concept_links(related.distinct(), language),
        matches=list(revision.matches.all()),
        chambers=[
            ChamberNotes(chamber, by_chamber.get(chamber.pk, []))
            for chamber in Chamber.objects.order_by("order", "name")
        ],
        history=history,
        replaced_by=replaced_by,
        replaces=concept_links(replaces, language),
    )


# --- Exports --------------------------------------------------------------------------------


def export_concepts() -> list[Concept]:
    """The concepts every export holds: what the public may see, which is exactly the agreed,
    deprecated and superseded concepts (never a proposal, whoever asks), with their current
    text prefetched, sorted by slug."""
    return list(
        policy.visible(None, Concept.objects.filter(status__in=PUBLIC_STATUSES))
        .select_related("scheme", "replaced_by")
        .prefetch_related(
            Prefetch("current_revision", queryset=_revision_with_content().select_related(None))
        )
        .order_by("slug")
    )


def agreed_history(concepts: Iterable[Concept]) -> dict[int, list[Revision]]:
    """concept id → its agreed revisions, oldest first (for change notes); one query."""
    found: dict[int, list[Revision]] = defaultdict(list)
    for revision in Revision.objects.filter(
        concept__in=list(concepts), status=RevisionStatus.AGREED
    ).order_by("concept_id", "number"):
        found[revision.concept_id].append(revision)
    return found
