"""The glossary as CSV: one row per exported concept and language, for spreadsheets."""

from __future__ import annotations

import csv
import io

from glossary.content import content_of
from glossary.models import LabelKind, RelationKind, TermStatus
from glossary.selectors import export_concepts

COLUMNS = (
    "uri",
    "slug",
    "notation",
    "status",
    "language",
    "preferred_label",
    "alternative_labels",
    "deprecated_terms",
    "hidden_labels",
    "definition",
    "scope_note",
    "example",
    "source",
    "broader",
    "related",
    "replaced_by",
)


def csv_text() -> str:
    """Every exported concept (agreed, deprecated, superseded), one row per language it has
    text in; lists inside a cell are separated by " | "; relations and the replacement are
    given by slug."""
    concepts = export_concepts()
    slugs = {concept.pk: concept.slug for concept in concepts}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for concept in concepts:
        revision = concept.current_text
        content = content_of(revision)
        definitions = {d.language: d for d in revision.definitions.all()}
        relations = list(revision.relations.all())
        broader = [
            slugs[r.target_id]
            for r in relations
            if r.kind == RelationKind.BROADER and r.target_id in slugs
        ]
        related = [
            slugs[r.target_id]
            for r in relations
            if r.kind == RelationKind.RELATED and r.target_id in slugs
        ]
        for language in content.languages:
            definition = definitions.get(language)
            source = ""
            if definition is not None:
                parts = []
                if definition.source_element is not None:
                    element = definition.source_element
                    parts.append(f"{element.version} {element.ref} {element.title}")
                if definition.source_citation:
                    parts.append(definition.source_citation)
                source = "; ".join(parts)
            writer.writerow(
                (
                    concept.uri,
                    concept.slug,
                    concept.notation,
                    concept.status,
                    language,
                    content.pref_label(language) or "",
                    " | ".join(
                        content.labels_in(language, LabelKind.ALTERNATIVE, TermStatus.ADMITTED)
                    ),
                    " | ".join(
                        content.labels_in(language, LabelKind.ALTERNATIVE, TermStatus.DEPRECATED)
                    ),
                    " | ".join(content.labels_in(language, LabelKind.HIDDEN)),
                    definition.text if definition else "",
                    definition.scope_note if definition else "",
                    definition.example if definition else "",
                    source,
                    " | ".join(sorted(broader)),
                    " | ".join(sorted(related)),
                    slugs.get(concept.replaced_by_id or 0, ""),
                )
            )
    return out.getvalue()
