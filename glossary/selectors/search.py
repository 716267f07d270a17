"""Glossary search: PostgreSQL full-text search plus trigram similarity over every label and
definition, in every language, ranked.

A concept's score is

- its best label's trigram similarity to the query (the greater of ``similarity`` and 0.9 ×
  ``word_similarity``, so a typo such as "artisinal" and a phrase inside a longer label both
  score, a whole label a little more), weighted by the label's kind (preferred 1, alternative
  0.95, hidden 0.85);
- plus 0.5 when a label is the query itself (ignoring case): "ASM" finds the concept whose
  abbreviation it is before one that merely has it in a longer label;
- plus 0.3 when a label matches the query as full text (every word of the query);
- plus the full-text rank of its definitions, scope notes and examples (at most 0.4);
- minus 0.2 for a deprecated or superseded concept (still found, listed after those in use).

Labels count when their similarity reaches 0.3 (0.6 for a query of four characters or fewer,
so that "ASM" does not find "assessment"). Only concepts the reader may see are searched, through their current text; rejected ones are
left out. Ties are broken by label.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least, Lower, StrIndex

from alliance_portal.types import Actor
from glossary.models import (
    RETIRED_STATUSES,
    Concept,
    ConceptStatus,
    Definition,
    Label,
    LabelKind,
)
from glossary.selectors.concepts import Text, preferred_labels, visible_concepts

MIN_SIMILARITY = 0.3
SHORT_QUERY, SHORT_MIN_SIMILARITY = 4, 0.6  # "ASM" should not find "assessment"
MAX_QUERY = 100
KIND_WEIGHT = {LabelKind.PREFERRED: 1.0, LabelKind.ALTERNATIVE: 0.95, LabelKind.HIDDEN: 0.85}


@dataclass(frozen=True)
class SearchHit:
    slug: str
    label: Text  # the preferred label in the reader's content language (or English)
    matched: str  # the label that matched best
    excerpt: Text | None
    status: str
    score: float

    @property
    def status_label(self) -> str:
        return str(ConceptStatus(self.status).label)

    @property
    def is_retired(self) -> bool:
        return self.status in RETIRED_STATUSES


def clean_query(query: str | None) -> str:
    return " ".join((query or "").split())[:MAX_QUERY]


def _label_similarity(query: str) -> Any:
    weight = Case(
        *(When(kind=kind, then=Value(value)) for kind, value in KIND_WEIGHT.items()),
        output_field=FloatField(),
    )
    return (
        Greatest(
            TrigramWordSimilarity(query, "text") * Value(0.9),
            TrigramSimilarity("text", query),
        )
        * weight
    )


def _threshold(query: str) -> float:
    return SHORT_MIN_SIMILARITY if len(query) <= SHORT_QUERY else MIN_SIMILARITY


def _candidates(query: str, text_query: SearchQuery) -> Q:
    """The concepts whose current text may match, found through the labels' trigram and
    full-text GIN indexes and the definitions' full-text index (a superset of what the ranking
    keeps; it is then scored concept by concept only for these, not for the whole glossary).
    A label's score reaches the threshold (0.3 at least) only when its similarity is at least
    0.3 (the ``%`` operator's threshold, ``pg_trgm.similarity_threshold``) or its word
    similarity at least 0.3 / 0.9 (``<%``: ``pg_trgm.word_similarity_threshold``, which the
    database settings set to 0.3 for every connection; PostgreSQL's default is 0.6)."""
    labels = Label.objects.annotate(vector=SearchVector("text", config="simple")).filter(
        Q(text__trigram_similar=query) | Q(text__trigram_word_similar=query) | Q(vector=text_query)
    )
    definitions = Definition.objects.annotate(
        vector=SearchVector("text", "scope_note", "example", config="simple")
    ).filter(vector=text_query)
    return Q(current_revision_id__in=labels.values("revision_id")) | Q(
        current_revision_id__in=definitions.values("revision_id")
    )


def _ranked(user: Actor, query: str) -> QuerySet[Concept]:
    text_query = SearchQuery(query, config="simple", search_type="websearch")
    labels = Label.objects.filter(revision_id=OuterRef("current_revision_id"))
    best_label = labels.annotate(similarity=_label_similarity(query)).order_by(
        "-similarity", "kind"
    )
    label_text_match = labels.annotate(vector=SearchVector("text", config="simple")).filter(
        vector=text_query
    )
    definition_rank = (
        Definition.objects.filter(revision_id=OuterRef("current_revision_id"))
        .annotate(
            rank=SearchRank(
                SearchVector("text", "scope_note", "example", config="simple"), text_query
            )
        )
        .order_by("-rank")
        .values("rank")[:1]
    )
    return (
        visible_concepts(user)
        .exclude(status=ConceptStatus.REJECTED)
        .filter(_candidates(query, text_query))
        .annotate(
            label_score=Coalesce(
                Subquery(best_label.values("similarity")[:1], output_field=FloatField()),
                Value(0.0),
            ),
            matched=Subquery(best_label.values("text")[:1]),
            label_match=Exists(label_text_match),
            label_exact=Exists(labels.filter(text__iexact=query)),
            text_rank=Coalesce(Subquery(definition_rank, output_field=FloatField()), Value(0.0)),
        )
        .filter(Q(label_score__gte=_threshold(query)) | Q(label_match=True) | Q(text_rank__gt=0))
        .annotate(
            score=F("label_score")
            + Case(When(label_exact=True, then=Value(0.5)), default=Value(0.0))
            + Case(When(label_match=True, then=Value(0.3)), default=Value(0.0))
            + Least(F("text_rank") * Value(4.0), Value(0.4))
            - Case(
                When(status__in=RETIRED_STATUSES, then=Value(0.2)),
                default=Value(0.0),
                output_field=FloatField(),
            ),
            # A label starting with the query (what autocomplete wants first).
            starts=StrIndex(Lower("matched"), Value(query.casefold())),
        )
        .order_by("-score", "slug")
    )


def concept_search(*, user: Actor, query: str, language: str, limit: int = 30) -> list[SearchHit]:
    """Concepts matching ``query`` that this user may see, best first (see the module
    docstring for the ranking), each with its preferred label and definition excerpt in
    ``language`` (English when missing there). Three queries."""
    from glossary.terms import plain_text

    query = clean_query(query)
    if not query:
        return []
    concepts = list(
        _ranked(user, query).only("pk", "slug", "status", "current_revision_id")[:limit]
    )
    revision_ids = [c.current_revision_id for c in concepts if c.current_revision_id]
    labels = preferred_labels(revision_ids, language)
    definitions: dict[int, Text] = {}
    for revision_id, definition_language, text in Definition.objects.filter(
        revision_id__in=revision_ids, language__in={language, "en"}
    ).values_list("revision_id", "language", "text"):
        if definition_language == language or revision_id not in definitions:
            definitions[revision_id] = Text(plain_text(text, 200), definition_language)
    return [
        SearchHit(
            slug=concept.slug,
            label=labels.get(concept.current_revision_id or 0, Text(concept.slug, "en")),
            matched=str(getattr(concept, "matched", "") or ""),
            excerpt=definitions.get(concept.current_revision_id or 0),
            status=concept.status,
            score=round(float(getattr(concept, "score", 0.0)), 3),
        )
        for concept in concepts
    ]


@dataclass(frozen=True)
class Suggestion:
    label: str  # the label that matched
    slug: str
    preferred: Text


def concept_suggestions(
    *, user: Actor, query: str, language: str, limit: int = 10
) -> list[Suggestion]:
    """Autocomplete: concepts whose labels start with or resemble ``query``, labels that start
    with it first, then by score. Two queries."""
    query = clean_query(query)
    if len(query) < 2:
        return []
    concepts = list(
        _ranked(user, query)
        .exclude(status__in=RETIRED_STATUSES)
        .filter(Q(label_score__gte=_threshold(query)))
        .order_by(Case(When(starts=1, then=Value(0)), default=Value(1)), "-score", "slug")
        .only("pk", "slug", "status", "current_revision_id")[:limit]
    )
    labels = preferred_labels(
        (c.current_revision_id for c in concepts if c.current_revision_id), language
    )
    suggestions = [
        Suggestion(
            label=str(getattr(concept, "matched", "")),
            slug=concept.slug,
            preferred=labels.get(concept.current_revision_id or 0, Text(concept.slug, "en")),
        )
        for concept in concepts
    ]
    return suggestions
