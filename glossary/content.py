"""A concept's content as plain values: what a revision proposes, what forms and the API parse
into, what services validate and store, and what diffs compare.

``ConceptContent`` is a full snapshot (every language's labels and definition, the relations
and the external matches), never a patch: a revision holds all of it, so agreeing one makes its
content current as a whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from glossary.languages import SOURCE_LANGUAGE, ContentLanguage, language_name
from glossary.models import (
    Concept,
    ConceptStatus,
    Label,
    LabelKind,
    MatchKind,
    Relation,
    RelationKind,
    Revision,
    TermStatus,
)

LANGUAGE_ORDER = {code: index for index, code in enumerate(ContentLanguage.values)}
KIND_ORDER: dict[str, int] = {LabelKind.PREFERRED: 0, LabelKind.ALTERNATIVE: 1, LabelKind.HIDDEN: 2}


@dataclass(frozen=True)
class LabelData:
    language: str
    text: str
    kind: str = LabelKind.PREFERRED
    term_status: str = TermStatus.PREFERRED


@dataclass(frozen=True)
class DefinitionData:
    language: str
    text: str
    scope_note: str = ""
    example: str = ""
    source_element_id: int | None = None
    source_citation: str = ""


@dataclass(frozen=True)
class MatchData:
    kind: str
    uri: str
    label: str = ""


@dataclass(frozen=True)
class ConceptContent:
    labels: tuple[LabelData, ...] = ()
    definitions: tuple[DefinitionData, ...] = ()
    broader: tuple[int, ...] = ()  # concept ids
    related: tuple[int, ...] = ()
    matches: tuple[MatchData, ...] = field(default=())

    @property
    def languages(self) -> list[str]:
        """Languages with a label or a definition, English first."""
        found = {label.language for label in self.labels} | {d.language for d in self.definitions}
        return sorted(found, key=lambda code: LANGUAGE_ORDER.get(code, 99))

    def pref_label(self, language: str) -> str | None:
        for label in self.labels:
            if label.language == language and label.kind == LabelKind.PREFERRED:
                return label.text
        return None

    def labels_in(self, language: str, kind: str, term_status: str | None = None) -> list[str]:
        return [
            label.text
            for label in self.labels
            if label.language == language
            and label.kind == kind
            and (term_status is None or label.term_status == term_status)
        ]

    def definition(self, language: str) -> DefinitionData | None:
        for definition in self.definitions:
            if definition.language == language:
                return definition
        return None

    def sorted(self) -> ConceptContent:
        """The same content in a canonical order (so equal content compares equal)."""
        return ConceptContent(
            labels=tuple(
                sorted(
                    self.labels,
                    key=lambda label: (
                        LANGUAGE_ORDER.get(label.language, 99),
                        KIND_ORDER.get(label.kind, 9),
                        label.text.casefold(),
                    ),
                )
            ),
            definitions=tuple(
                sorted(self.definitions, key=lambda d: LANGUAGE_ORDER.get(d.language, 99))
            ),
            broader=tuple(sorted(set(self.broader))),
            related=tuple(sorted(set(self.related))),
            matches=tuple(sorted(self.matches, key=lambda m: (m.kind, m.uri))),
        )

    def with_language(
        self,
        language: str,
        *,
        pref_label: str,
        alt_labels: Iterable[str] = (),
        deprecated_labels: Iterable[str] = (),
        hidden_labels: Iterable[str] = (),
        definition: str = "",
        scope_note: str = "",
        example: str = "",
        source_element_id: int | None = None,
        source_citation: str = "",
    ) -> ConceptContent:
        """This content with one language's labels and definition replaced (how a revision or
        a translation is written: one language at a time, the others kept)."""
        labels = [label for label in self.labels if label.language != language]
        if pref_label.strip():
            labels.append(LabelData(language, pref_label))
        labels += [
            LabelData(language, text, LabelKind.ALTERNATIVE, TermStatus.ADMITTED)
            for text in alt_labels
        ]
        labels += [
            LabelData(language, text, LabelKind.ALTERNATIVE, TermStatus.DEPRECATED)
            for text in deprecated_labels
        ]
        labels += [
            LabelData(language, text, LabelKind.HIDDEN, TermStatus.ADMITTED)
            for text in hidden_labels
        ]
        definitions = [d for d in self.definitions if d.language != language]
        if definition.strip():
            definitions.append(
                DefinitionData(
                    language,
                    definition,
                    scope_note,
                    example,
                    source_element_id,
                    source_citation,
                )
            )
        return replace(self, labels=tuple(labels), definitions=tuple(definitions))


def content_of(revision: Revision) -> ConceptContent:
    """The content a revision holds (uses its prefetched rows when there are any)."""
    relations = list(revision.relations.all())
    return ConceptContent(
        labels=tuple(
            LabelData(label.language, label.text, label.kind, label.term_status)
            for label in revision.labels.all()
        ),
        definitions=tuple(
            DefinitionData(
                d.language,
                d.text,
                d.scope_note,
                d.example,
                d.source_element_id,
                d.source_citation,
            )
            for d in revision.definitions.all()
        ),
        broader=tuple(r.target_id for r in relations if r.kind == RelationKind.BROADER),
        related=tuple(r.target_id for r in relations if r.kind == RelationKind.RELATED),
        matches=tuple(MatchData(m.kind, m.uri, m.label) for m in revision.matches.all()),
    ).sorted()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clean_labels(labels: Iterable[LabelData], errors: dict[str, list[str]]) -> list[LabelData]:
    cleaned: list[LabelData] = []
    seen: dict[tuple[str, str], str] = {}
    preferred: dict[str, int] = defaultdict(int)
    for label in labels:
        text = _one_line(label.text)
        if label.language not in ContentLanguage.values:
            errors["labels"].append(f"Unknown language: {label.language}.")
            continue
        if label.kind not in LabelKind.values:
            errors["labels"].append(f"Unknown kind of label: {label.kind}.")
            continue
        if not text:
            continue  # an empty line in a list of labels
        if len(text) > 200:
            errors["labels"].append(f"“{text[:40]}…” is longer than 200 characters.")
            continue
        status = label.term_status
        if label.kind == LabelKind.PREFERRED:
            status = TermStatus.PREFERRED
            preferred[label.language] += 1
        elif status not in (TermStatus.ADMITTED, TermStatus.DEPRECATED):
            errors["labels"].append(
                f"“{text}”: an alternative or hidden label is an admitted or a deprecated term."
            )
            continue
        key = (label.language, text.casefold())
        if key in seen:
            errors["labels"].append(f"“{text}” is given twice in {language_name(label.language)}.")
            continue
        seen[key] = text
        cleaned.append(LabelData(label.language, text, label.kind, status))
    for language, count in preferred.items():
        if count > 1:
            errors["labels"].append(
                f"Give one preferred label in {language_name(language)}, not {count}."
            )
    return cleaned


def _clean_definitions(
    definitions: Iterable[DefinitionData], errors: dict[str, list[str]]
) -> list[DefinitionData]:
    cleaned: list[DefinitionData] = []
    seen: set[str] = set()
    for definition in definitions:
        if definition.language not in ContentLanguage.values:
            errors["definitions"].append(f"Unknown language: {definition.language}.")
            continue
        if not definition.text.strip():
            continue
        if definition.language in seen:
            errors["definitions"].append(
                f"Give one definition in {language_name(definition.language)}."
            )
            continue
        if len(definition.source_citation) > 300:
            errors["definitions"].append("A source citation is at most 300 characters.")
            continue
        seen.add(definition.language)
        cleaned.append(
            DefinitionData(
                definition.language,
                definition.text.strip(),
                definition.scope_note.strip(),
                definition.example.strip(),
                definition.source_element_id,
                _one_line(definition.source_citation),
            )
        )
    return cleaned


def _clean_matches(matches: Iterable[MatchData], errors: dict[str, list[str]]) -> list[MatchData]:
    cleaned: list[MatchData] = []
    seen: set[str] = set()
    validate = URLValidator(schemes=["http", "https"])
    for match in matches:
        uri = match.uri.strip()
        if match.kind not in MatchKind.values:
            errors["matches"].append(f"Unknown kind of match: {match.kind}.")
            continue
        try:
            validate(uri)
        except ValidationError:
            errors["matches"].append(f"“{uri}” is not an http or https address.")
            continue
        if len(uri) > 500 or uri in seen:
            errors["matches"].append(f"“{uri[:60]}” is too long or given twice.")
            continue
        seen.add(uri)
        cleaned.append(MatchData(match.kind, uri, _one_line(match.label)[:200]))
    return cleaned


def agreed_broader_edges() -> dict[int, set[int]]:
    """concept id → the ids of its broader concepts, over the current text of every agreed
    concept (one query)."""
    edges: dict[int, set[int]] = defaultdict(set)
    rows = Relation.objects.filter(
        kind=RelationKind.BROADER,
        revision_id__in=Concept.objects.filter(status=ConceptStatus.AGREED).values(
            "current_revision_id"
        ),
    ).values_list("revision__concept_id", "target_id")
    for concept_id, target_id in rows:
        edges[concept_id].add(target_id)
    return edges


def _ancestors(start: Iterable[int], edges: dict[int, set[int]]) -> set[int]:
    seen: set[int] = set()
    stack = list(start)
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        stack.extend(edges.get(current, ()))
    return seen


def _clean_relations(
    content: ConceptContent, concept: Concept | None, errors: dict[str, list[str]]
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    broader, related = set(content.broader), set(content.related)
    if concept is not None and concept.pk in broader | related:
        errors["broader"].append("A concept is not broader than or related to itself.")
        broader.discard(concept.pk)
        related.discard(concept.pk)
    both = broader & related
    if both:
        errors["related"].append("A concept is either broader or related, not both.")
    targets = dict(Concept.objects.filter(pk__in=broader | related).values_list("pk", "status"))
    for pk in sorted(broader | related):
        if targets.get(pk) != ConceptStatus.AGREED:
            errors["broader" if pk in broader else "related"].append(
                "Relations point to agreed concepts only."
            )
            break
    if (
        concept is not None
        and broader
        and concept.pk in _ancestors(broader, agreed_broader_edges())
    ):
        errors["broader"].append(
            "This would make the concept broader than itself: one of these concepts is "
            "already narrower than it."
        )
    return tuple(sorted(broader)), tuple(sorted(related))


def preferred_label_clashes(content: ConceptContent, concept: Concept | None) -> list[str]:
    """Messages for each preferred label already taken by another agreed concept in the same
    language (case-insensitive). Competing proposals for the same term are allowed: the
    secretariat agrees one of them."""
    messages = []
    agreed_texts = Concept.objects.filter(status=ConceptStatus.AGREED).values("current_revision_id")
    for label in content.labels:
        if label.kind != LabelKind.PREFERRED:
            continue
        same = Label.objects.filter(
            kind=LabelKind.PREFERRED,
            language=label.language,
            text__iexact=label.text,
            revision_id__in=agreed_texts,
        )
        if concept is not None:
            same = same.exclude(revision__concept_id=concept.pk)
        clash = same.select_related("revision__concept").first()
        if clash is not None:
            messages.append(
                f"“{label.text}” is already the preferred label of the agreed concept "
                f"“{clash.revision.concept.slug}” in {language_name(label.language)}."
            )
    return messages


def validate_content(content: ConceptContent, *, concept: Concept | None) -> ConceptContent:
    """Check and normalise proposed content; raise ``ValidationError`` (keyed by ``labels``,
    ``definitions``, ``broader``, ``related``, ``matches``) when anything is wrong.

    Guarantees of the returned content: an English preferred label and definition; one
    preferred label per language, and one in every language that has a definition; no label
    twice in a language; labels on one line, at most 200 characters; alternative and hidden
    labels admitted or deprecated; relations only to other agreed concepts, never both broader
    and related, never making the concept its own ancestor; external matches are distinct
    http(s) URIs; no preferred label taken by another agreed concept."""
    errors: dict[str, list[str]] = defaultdict(list)
    labels = _clean_labels(content.labels, errors)
    definitions = _clean_definitions(content.definitions, errors)
    matches = _clean_matches(content.matches, errors)
    broader, related = _clean_relations(content, concept, errors)
    cleaned = ConceptContent(
        labels=tuple(labels),
        definitions=tuple(definitions),
        broader=broader,
        related=related,
        matches=tuple(matches),
    ).sorted()
    if cleaned.pref_label(SOURCE_LANGUAGE) is None:
        errors["labels"].append("Give the preferred label in English.")
    if cleaned.definition(SOURCE_LANGUAGE) is None:
        errors["definitions"].append("Give the definition in English.")
    for language in cleaned.languages:
        if cleaned.pref_label(language) is None:
            errors["labels"].append(f"Give a preferred label in {language_name(language)} too.")
    if not errors:
        clashes = preferred_label_clashes(cleaned, concept)
        if clashes:
            errors["labels"].extend(clashes)
    if errors:
        raise ValidationError(dict(errors))
    return cleaned
