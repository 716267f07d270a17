"""Exports: SKOS (Turtle, JSON-LD), CSV and TBX hold exactly the agreed, deprecated and
superseded concepts, at stable URIs, and never a proposal."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from glossary import services
from glossary.models import Concept, ConceptStatus
from tests.glossary.factories import agreed_concept, proposed_concept, revise

pytestmark = pytest.mark.django_db

BASE = "https://portal.example.org"
TBX = "{urn:iso:std:iso:30042:ed-2}"
SECRET_LABEL = "Unagreed proposal wording"
SECRET_TEXT = "A definition only members should read."


@pytest.fixture
def glossary(db, settings) -> dict[str, Concept]:
    settings.PORTAL_BASE_URL = BASE
    top = agreed_concept(
        "Chain of custody",
        "Records of who held a material.",
        alt=("CoC",),
        matches=(("close", "https://vocab.example.org/chain-of-custody"),),
        translations={
            "fr": ("chaîne de contrôle", "L'enregistrement de qui a détenu une matière.")
        },
        scope_note="Not the same as traceability.",
        example="A refiner's lot records.",
        source_citation="Alliance working group, 2026",
    )
    narrower = agreed_concept("Mass balance", "Mixing with bookkeeping.", broader=(top,))
    related = agreed_concept("Traceability", "Following a material back.", related=(top,))
    replacement = agreed_concept("3TG", "Tin, tantalum, tungsten and gold.")
    superseded = agreed_concept("Conflict minerals", "An older term.")
    services.concept_supersede(
        actor=SYSTEM, concept=superseded, replaced_by=replacement, reason="Use 3TG."
    )
    deprecated = agreed_concept("Conflict-free", "A claim no one can make.")
    services.concept_deprecate(actor=SYSTEM, concept=deprecated, reason="Misleading.")
    # Things that must never leak: a proposal, a rejected one, a revision under review.
    secret = proposed_concept(SECRET_LABEL, SECRET_TEXT, related=(top,))
    rejected = proposed_concept("Rejected wording", "Nobody agreed this.")
    services.revision_reject(actor=SYSTEM, revision=rejected.current_text, reason="No.")
    pending = revise(related, "A pending rewrite nobody agreed.")
    services.revision_submit_for_review(actor=SYSTEM, revision=pending)
    return {
        "top": top,
        "narrower": narrower,
        "related": related,
        "superseded": superseded,
        "deprecated": deprecated,
        "replacement": replacement,
        "secret": secret,
    }


def _api_count(client: Client, status: str) -> int:
    return client.get("/api/v1/glossary/concepts/", {"status": status}).json()["count"]


def test_turtle_parses_and_holds_exactly_the_public_concepts(client: Client, glossary) -> None:
    response = client.get("/glossary/export.ttl")
    assert response["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=response.content.decode(), format="turtle")
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    expected = sum(_api_count(client, status) for status in ("agreed", "deprecated", "superseded"))
    assert len(concepts) == expected == 6
    assert client.get("/api/v1/glossary/concepts/").json()["count"] == expected
    assert URIRef(f"{BASE}/glossary/chain-of-custody/") in concepts


def test_skos_content_relations_and_retirement(client: Client, glossary) -> None:
    graph = Graph().parse(data=client.get("/glossary/export.ttl").content.decode(), format="turtle")
    top = URIRef(f"{BASE}/glossary/chain-of-custody/")
    narrower = URIRef(f"{BASE}/glossary/mass-balance/")
    related = URIRef(f"{BASE}/glossary/traceability/")
    scheme = URIRef(f"{BASE}/glossary/#responsible-sourcing")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert (top, SKOS.inScheme, scheme) in graph
    assert (top, SKOS.topConceptOf, scheme) in graph
    assert (top, SKOS.prefLabel, Literal("Chain of custody", lang="en")) in graph
    assert (top, SKOS.prefLabel, Literal("chaîne de contrôle", lang="fr")) in graph
    assert (top, SKOS.altLabel, Literal("CoC", lang="en")) in graph
    assert (top, SKOS.scopeNote, Literal("Not the same as traceability.", lang="en")) in graph
    assert (top, SKOS.example, Literal("A refiner's lot records.", lang="en")) in graph
    assert (top, DCTERMS.source, Literal("Alliance working group, 2026")) in graph
    assert (top, SKOS.closeMatch, URIRef("https://vocab.example.org/chain-of-custody")) in graph
    # Narrower is the inverse of broader; related goes both ways.
    assert (narrower, SKOS.broader, top) in graph
    assert (top, SKOS.narrower, narrower) in graph
    assert (related, SKOS.related, top) in graph
    assert (top, SKOS.related, related) in graph
    superseded = URIRef(f"{BASE}/glossary/conflict-minerals/")
    assert (superseded, OWL.deprecated, Literal(True)) in graph
    assert (superseded, DCTERMS.isReplacedBy, URIRef(f"{BASE}/glossary/3tg/")) in graph
    notes = [str(note) for note in graph.objects(superseded, SKOS.changeNote)]
    assert any(note.startswith("Superseded on") and "Use 3TG." in note for note in notes)
    assert (URIRef(f"{BASE}/glossary/conflict-free/"), OWL.deprecated, Literal(True)) in graph


def test_json_ld_holds_the_same_graph(client: Client, glossary) -> None:
    turtle = Graph().parse(
        data=client.get("/glossary/export.ttl").content.decode(), format="turtle"
    )
    response = client.get("/glossary/export.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    json_ld = Graph().parse(data=response.content.decode(), format="json-ld")
    assert len(json_ld) == len(turtle)
    assert set(json_ld.subjects(RDF.type, SKOS.Concept)) == set(
        turtle.subjects(RDF.type, SKOS.Concept)
    )


def test_csv_has_a_row_per_concept_and_language(client: Client, glossary) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/glossary/export.csv").content.decode())))
    assert {row["slug"] for row in rows} == {
        "chain-of-custody",
        "mass-balance",
        "traceability",
        "3tg",
        "conflict-minerals",
        "conflict-free",
    }
    french = next(
        row for row in rows if row["slug"] == "chain-of-custody" and row["language"] == "fr"
    )
    assert french["preferred_label"] == "chaîne de contrôle"
    superseded = next(row for row in rows if row["slug"] == "conflict-minerals")
    assert (superseded["status"], superseded["replaced_by"]) == ("superseded", "3tg")


def test_tbx_basic_document(client: Client, glossary) -> None:
    response = client.get("/glossary/export.tbx")
    root = ET.fromstring(response.content)  # noqa: S314 (our own export)
    assert root.tag == f"{TBX}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    entries = root.findall(f".//{TBX}conceptEntry")
    assert len(entries) == 6
    entry = next(e for e in entries if e.get("id") == "c-chain-of-custody")
    languages = [
        section.get("{http://www.w3.org/XML/1998/namespace}lang")
        for section in entry.findall(f"{TBX}langSec")
    ]
    assert languages == ["en", "fr"]
    terms = {term.text for term in entry.iter(f"{TBX}term")}
    assert terms == {"Chain of custody", "CoC", "chaîne de contrôle"}
    statuses = [
        note.text
        for note in entry.iter(f"{TBX}termNote")
        if note.get("type") == "administrativeStatus"
    ]
    assert "preferredTerm-admn-sts" in statuses
    assert "admittedTerm-admn-sts" in statuses
    definition = entry.find(f".//{TBX}descrip[@type='definition']")
    assert definition is not None
    assert definition.text == "Records of who held a material."
    retired = next(e for e in entries if e.get("id") == "c-conflict-minerals")
    assert {
        n.text for n in retired.iter(f"{TBX}termNote") if n.get("type") == "administrativeStatus"
    } == {"supersededTerm-admn-sts"}


def test_no_proposal_leaks_into_any_export_or_public_page(client: Client, glossary, world) -> None:
    anonymous = world.client_for(Role.ANONYMOUS)
    for url in (
        "/glossary/export.ttl",
        "/glossary/export.jsonld",
        "/glossary/export.csv",
        "/glossary/export.tbx",
        "/glossary/feed/",
        "/glossary/",
        "/glossary/?view=hierarchy",
        "/glossary/?view=changes",
        "/glossary/?retired=1",
        "/glossary/?q=Unagreed+wording",
        "/glossary/chain-of-custody/",
        "/glossary/traceability/",
        "/api/v1/glossary/concepts/",
        "/api/v1/glossary/revisions/",
        "/api/v1/glossary/concepts/chain-of-custody/",
        "/api/v1/glossary/concepts/traceability/revisions/",
        "/api/v1/glossary/search/?q=Unagreed+wording",
        "/glossary/autocomplete/?q=Unagreed",
    ):
        for reader in (anonymous, world.client_for(Role.EXTERNAL_STAKEHOLDER)):
            body = reader.get(url).content.decode()
            for secret in (
                SECRET_LABEL,
                SECRET_TEXT,
                "unagreed-proposal-wording",
                "Rejected wording",
                "pending rewrite",
            ):
                assert secret not in body, (url, secret)
    assert anonymous.get("/glossary/unagreed-proposal-wording/").status_code == 302
    assert (
        world.client_for(Role.EXTERNAL_STAKEHOLDER)
        .get("/glossary/unagreed-proposal-wording/")
        .status_code
        == 404
    )
    # Members see the proposal, and its relation to an agreed concept, but exports never do.
    member = world.client_for(Role.MEMBER)
    assert SECRET_LABEL in member.get("/glossary/chain-of-custody/").content.decode()
    assert SECRET_LABEL not in member.get("/glossary/export.ttl").content.decode()
    assert ConceptStatus.PROPOSED in {c.status for c in Concept.objects.all()}
