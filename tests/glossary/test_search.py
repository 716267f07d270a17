"""Search: full text plus trigram similarity over every label and definition, every
language, ranked; "artisinal", "small scale mining" and "ASM" find the ASM concept first."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from alliance_portal.roles import Role
from glossary.selectors import concept_search, concept_suggestions
from tests.glossary.factories import agreed_concept, proposed_concept

pytestmark = pytest.mark.django_db

ASM_QUERIES = ["artisinal", "small scale mining", "ASM", "artisanal", "minería artesanal"]


@pytest.fixture
def terms(db) -> dict[str, object]:
    due_diligence = agreed_concept(
        "Due diligence", "Finding risks, including at ASM sites and small mines."
    )
    asm = agreed_concept(
        "Artisanal and small-scale mining",
        "Mining by individuals and small groups with mostly manual tools.",
        alt=("ASM", "small-scale mining", "artisanal mining"),
        translations={
            "es": ("minería artesanal y de pequeña escala", "Minería con herramientas manuales.")
        },
    )
    agreed_concept("Large-scale mining", "Industrial mining by companies.", alt=("LSM",))
    agreed_concept("Alignment assessment", "Comparing a standard with a framework.")
    agreed_concept("ASM formalisation", "Artisanal miners obtaining permits.", related=(asm,))
    return {"asm": asm, "due_diligence": due_diligence}


@pytest.mark.parametrize("query", ASM_QUERIES)
def test_the_asm_concept_comes_first(terms, query: str) -> None:
    hits = concept_search(user=AnonymousUser(), query=query, language="en")
    assert hits, query
    assert hits[0].slug == "artisanal-and-small-scale-mining", [(h.slug, h.score) for h in hits]


@pytest.mark.parametrize("query", ["artisinal", "small scale mining", "ASM"])
def test_the_search_page_lists_the_asm_concept_first(client: Client, terms, query: str) -> None:
    response = client.get("/glossary/", {"q": query})
    html = response.content.decode()
    results = html[html.index('class="search-results"') :]
    first = re.search(r'<a href="(/glossary/[^"]+/)"', results)
    assert first is not None
    assert first.group(1) == "/glossary/artisanal-and-small-scale-mining/"


def test_the_asm_concept_comes_first_in_the_demo_glossary(demo, client: Client) -> None:
    from glossary.models import Concept

    assert Concept.objects.filter(slug="artisanal-and-small-scale-mining").exists()
    for query in ("artisinal", "small scale mining", "ASM"):
        assert concept_search(user=AnonymousUser(), query=query, language="en")[0].slug == (
            "artisanal-and-small-scale-mining"
        ), query
        api = client.get("/api/v1/glossary/search/", {"q": query}).json()
        assert api[0]["slug"] == "artisanal-and-small-scale-mining"


def test_results_are_ranked_and_short_queries_stay_precise(terms) -> None:
    hits = concept_search(user=AnonymousUser(), query="ASM", language="en")
    slugs = [hit.slug for hit in hits]
    assert "alignment-assessment" not in slugs  # "asm" is not "assessment"
    # The concept whose definition mentions ASM comes after the one named so.
    assert slugs.index("due-diligence") > slugs.index("artisanal-and-small-scale-mining")
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_results_show_labels_and_excerpts_in_the_content_language(terms) -> None:
    hit = concept_search(user=AnonymousUser(), query="small scale mining", language="es")[0]
    assert (hit.label.text, hit.label.language) == ("minería artesanal y de pequeña escala", "es")
    assert hit.excerpt is not None
    assert hit.excerpt.language == "es"


def test_proposals_are_found_by_members_only(world) -> None:
    proposed_concept("Living income", "A decent standard of living.")
    assert concept_search(user=AnonymousUser(), query="living income", language="en") == []
    assert (
        concept_search(
            user=world.users[Role.EXTERNAL_STAKEHOLDER], query="living income", language="en"
        )
        == []
    )
    hits = concept_search(user=world.users[Role.MEMBER], query="living income", language="en")
    assert [hit.slug for hit in hits] == ["living-income"]


def test_autocomplete_suggests_labels_that_start_with_the_query(client: Client, terms) -> None:
    suggestions = concept_suggestions(user=AnonymousUser(), query="small", language="en")
    assert suggestions[0].slug == "artisanal-and-small-scale-mining"
    data = client.get("/glossary/autocomplete/", {"q": "artis"}).json()
    assert data["results"][0]["url"] == "/glossary/artisanal-and-small-scale-mining/"
    assert client.get("/glossary/autocomplete/", {"q": "a"}).json() == {"results": []}


def test_an_empty_or_absurd_query_finds_nothing(client: Client, terms) -> None:
    assert concept_search(user=AnonymousUser(), query="   ", language="en") == []
    assert concept_search(user=AnonymousUser(), query="zzzqqqxxx", language="en") == []
    assert client.get("/api/v1/glossary/search/").json() == []
