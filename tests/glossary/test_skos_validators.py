"""The glossary's SKOS export as an outside tool reads it: skosify (the SKOS validator and
cleaner used by Finto and Skosmos) finds nothing to warn about in the demo's ``export.ttl``:
every scheme is labelled, and retired concepts stay in their scheme's hierarchy, marked
deprecated and linked to what replaces them."""

from __future__ import annotations

import logging

import pytest
import skosify
from django.test import Client
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

pytestmark = pytest.mark.django_db

# What skosify says at INFO level when the export left something for it to mend: a concept
# outside every hierarchy it had to make a top concept, a scheme it had to label.
MENDED = ("loose concept", "not reached", "Unlabeled concept scheme")


def skosify_messages(ttl: str, caplog: pytest.LogCaptureFixture) -> list[str]:
    """What skosify logs at INFO and above while it reads and checks ``ttl`` (the same
    checks as ``skosify export.ttl``: hierarchy cycles, disjoint and redundant relations,
    prefLabel uniqueness, label overlap, loose concepts, unlabelled schemes)."""
    caplog.clear()
    with caplog.at_level(logging.INFO):
        skosify.skosify(Graph().parse(data=ttl, format="turtle"))
    return [
        f"{record.levelname}: {record.getMessage()}"
        for record in caplog.records
        if record.levelno >= logging.WARNING or any(word in record.getMessage() for word in MENDED)
    ]


@pytest.fixture
def demo_ttl(demo, client: Client) -> str:
    response = client.get("/glossary/export.ttl")
    assert response.status_code == 200
    return response.content.decode("utf-8")


def test_skosify_finds_nothing_to_warn_about_in_the_demo_export(
    demo_ttl: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert skosify_messages(demo_ttl, caplog) == []


def test_every_scheme_of_the_demo_export_has_a_label_and_a_title(demo_ttl: str) -> None:
    graph = Graph().parse(data=demo_ttl, format="turtle")
    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert schemes
    for scheme in schemes:
        assert graph.value(scheme, SKOS.prefLabel) is not None, scheme
        assert graph.value(scheme, DCTERMS.title) is not None, scheme


def test_retired_concepts_of_the_demo_stay_in_the_hierarchy(demo_ttl: str) -> None:
    graph = Graph().parse(data=demo_ttl, format="turtle")
    retired = set(graph.subjects(OWL.deprecated, Literal(True)))
    assert len(retired) >= 2, "the demo retires a concept or two"
    for concept in retired:
        (scheme,) = graph.objects(concept, SKOS.inScheme)
        in_hierarchy = (concept, SKOS.topConceptOf, scheme) in graph or any(
            graph.objects(concept, SKOS.broader)
        )
        assert in_hierarchy, concept
        if (concept, SKOS.topConceptOf, scheme) in graph:
            assert (scheme, SKOS.hasTopConcept, concept) in graph
        for replacement in graph.objects(concept, DCTERMS.isReplacedBy):
            assert isinstance(replacement, URIRef)
            assert (replacement, RDF.type, SKOS.Concept) in graph
            assert (replacement, DCTERMS.replaces, concept) in graph
