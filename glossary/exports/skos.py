"""The glossary as SKOS, built with rdflib and written as Turtle or JSON-LD.

- ``skos:ConceptScheme`` per scheme (``{PORTAL_BASE_URL}/glossary/#<slug>``) with its title
  (as ``skos:prefLabel`` and ``dct:title``), description and top concepts;
- ``skos:Concept`` per exported concept at its stable URI (``{PORTAL_BASE_URL}/glossary/<slug>/``)
  with ``skos:prefLabel`` / ``altLabel`` / ``hiddenLabel`` per language (deprecated terms as
  hidden labels, so that search still finds them), ``skos:definition``, ``skos:scopeNote``,
  ``skos:example`` per language, ``dct:source`` (the standard element's page, or the citation),
  ``skos:broader`` / ``narrower`` (its inverse) / ``related`` (both ways) between exported
  concepts only, ``skos:exactMatch`` / ``closeMatch`` / ``broadMatch`` / ``narrowMatch`` /
  ``relatedMatch``, ``skos:notation``, ``skos:changeNote`` for each agreed revision and for the
  retirement, ``dct:created`` / ``dct:modified``;
- deprecated and superseded concepts with ``owl:deprecated true`` and ``dct:isReplacedBy`` (the
  replacement ``dct:replaces`` them), kept in their scheme's hierarchy: under their broader
  concepts, or top concepts of the scheme, as any other (skosify finds no loose concept).

Only what ``selectors.export_concepts`` returns is written: agreed, deprecated and superseded
concepts, never a proposal.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.conf import settings
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from glossary.models import (
    RETIRED_STATUSES,
    Concept,
    ConceptScheme,
    LabelKind,
    MatchKind,
    RelationKind,
    TermStatus,
)
from glossary.selectors import agreed_history, export_concepts
from glossary.terms import plain_text

MATCH_PROPERTY = {
    MatchKind.EXACT: SKOS.exactMatch,
    MatchKind.CLOSE: SKOS.closeMatch,
    MatchKind.BROAD: SKOS.broadMatch,
    MatchKind.NARROW: SKOS.narrowMatch,
    MatchKind.RELATED: SKOS.relatedMatch,
}
JSONLD_CONTEXT: dict[str, Any] = {
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "owl": str(OWL),
    "xsd": str(XSD),
}


def _base() -> str:
    return settings.PORTAL_BASE_URL.rstrip("/")


def _element_uri(element: Any) -> URIRef:
    return URIRef(f"{_base()}{element.version.get_absolute_url()}#element-{element.pk}")


def _date(value: datetime | None) -> Literal | None:
    return Literal(value.date().isoformat(), datatype=XSD.date) if value else None


def _add_scheme(graph: Graph, scheme: ConceptScheme, modified: datetime | None) -> URIRef:
    node = URIRef(scheme.uri)
    graph.add((node, RDF.type, SKOS.ConceptScheme))
    # skos:prefLabel is what SKOS tools (skosify, Skosmos) show; dct:title what others read.
    graph.add((node, SKOS.prefLabel, Literal(scheme.title, lang="en")))
    graph.add((node, DCTERMS.title, Literal(scheme.title, lang="en")))
    if scheme.description:
        graph.add(
            (node, DCTERMS.description, Literal(plain_text(scheme.description, 2000), lang="en"))
        )
    date = _date(modified)
    if date is not None:
        graph.add((node, DCTERMS.modified, date))
    return node


def skos_graph() -> Graph:
    """The exported concepts as an rdflib graph."""
    concepts = export_concepts()
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("dct", DCTERMS)
    graph.bind("owl", OWL)
    uris = {concept.pk: URIRef(concept.uri) for concept in concepts}
    history = agreed_history(concepts)
    broader: dict[int, set[int]] = defaultdict(set)
    related: dict[int, set[int]] = defaultdict(set)
    for concept in concepts:
        revision = concept.current_text
        for relation in revision.relations.all():
            if relation.target_id not in uris:
                continue  # never point at a concept the export does not hold
            if relation.kind == RelationKind.BROADER:
                broader[concept.pk].add(relation.target_id)
            else:
                related[concept.pk].add(relation.target_id)
                related[relation.target_id].add(concept.pk)
    schemes: dict[int, URIRef] = {}
    for concept in concepts:
        if concept.scheme_id not in schemes:
            latest = max(
                (c.updated_at for c in concepts if c.scheme_id == concept.scheme_id), default=None
            )
            schemes[concept.scheme_id] = _add_scheme(graph, concept.scheme, latest)
        _add_concept(graph, concept, uris, schemes[concept.scheme_id], broader, related, history)
    return graph


def _add_concept(
    graph: Graph,
    concept: Concept,
    uris: dict[int, URIRef],
    scheme: URIRef,
    broader: dict[int, set[int]],
    related: dict[int, set[int]],
    history: dict[int, list[Any]],
) -> None:
    node = uris[concept.pk]
    revision = concept.current_text
    graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, SKOS.inScheme, scheme))
    # Retired concepts too: a concept outside every hierarchy is "loose" to SKOS tools.
    if not broader[concept.pk]:
        graph.add((node, SKOS.topConceptOf, scheme))
        graph.add((scheme, SKOS.hasTopConcept, node))
    if concept.notation:
        graph.add((node, SKOS.notation, Literal(concept.notation)))
    for label in revision.labels.all():
        literal = Literal(label.text, lang=label.language)
        if label.kind == LabelKind.PREFERRED:
            graph.add((node, SKOS.prefLabel, literal))
        elif label.kind == LabelKind.HIDDEN or label.term_status == TermStatus.DEPRECATED:
            graph.add((node, SKOS.hiddenLabel, literal))
        else:
            graph.add((node, SKOS.altLabel, literal))
    for definition in revision.definitions.all():
        language = definition.language
        graph.add((node, SKOS.definition, Literal(definition.text, lang=language)))
        if definition.scope_note:
            graph.add((node, SKOS.scopeNote, Literal(definition.scope_note, lang=language)))
        if definition.example:
            graph.add((node, SKOS.example, Literal(definition.example, lang=language)))
        if definition.source_element is not None:
            graph.add((node, DCTERMS.source, _element_uri(definition.source_element)))
        if definition.source_citation:
            graph.add((node, DCTERMS.source, Literal(definition.source_citation)))
    for target in sorted(broader[concept.pk]):
        graph.add((node, SKOS.broader, uris[target]))
        graph.add((uris[target], SKOS.narrower, node))
    for target in sorted(related[concept.pk]):
        graph.add((node, SKOS.related, uris[target]))
    for match in revision.matches.all():
        graph.add((node, MATCH_PROPERTY[MatchKind(match.kind)], URIRef(match.uri)))
    created = _date(concept.agreed_at)
    if created is not None:
        graph.add((node, DCTERMS.created, created))
    modified = _date(revision.decided_at)
    if modified is not None:
        graph.add((node, DCTERMS.modified, modified))
    for agreed in history.get(concept.pk, []):
        when = agreed.decided_at.date().isoformat() if agreed.decided_at else ""
        what = "Concept agreed" if agreed.is_proposal else f"Revision {agreed.number} agreed"
        graph.add(
            (
                node,
                SKOS.changeNote,
                Literal(f"{what} on {when}: {plain_text(agreed.rationale, 500)}", lang="en"),
            )
        )
    if concept.status in RETIRED_STATUSES:
        graph.add((node, OWL.deprecated, Literal(True)))
        when = concept.status_changed_at.date().isoformat() if concept.status_changed_at else ""
        graph.add(
            (
                node,
                SKOS.changeNote,
                Literal(
                    f"{concept.get_status_display()} on {when}: {plain_text(concept.status_note, 500)}",
                    lang="en",
                ),
            )
        )
        if concept.replaced_by_id in uris:
            graph.add((node, DCTERMS.isReplacedBy, uris[concept.replaced_by_id]))
            graph.add((uris[concept.replaced_by_id], DCTERMS.replaces, node))


def turtle() -> str:
    return skos_graph().serialize(format="turtle")


def json_ld() -> str:
    return skos_graph().serialize(format="json-ld", context=JSONLD_CONTEXT, indent=2)
