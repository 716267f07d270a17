"""Forms guide (issue 15) on the glossary's forms: after a failed submit one error summary says
what to do and links to each field, the same message stands beside the field, and no Django
default is left; texts shown as formatted text say "You can use simple formatting"; no field
is named like a method of the HTML form (a field "matches" hid ``form.matches()``)."""

from __future__ import annotations

import re

import pytest

from alliance_portal.roles import Role
from glossary.models import Concept, ConceptStatus, Revision, RevisionStatus, UsageNote
from tests.glossary.factories import agreed_concept, revise
from tests.guided import guided

pytestmark = pytest.mark.django_db


def test_a_failed_proposal_says_what_to_enter(world) -> None:
    client = world.client_for(Role.MEMBER)
    form = client.get("/glossary/propose/").content.decode()
    assert 'name="vocabulary_matches"' in form
    assert 'name="matches"' not in form
    assert form.count("You can use simple formatting") >= 3  # definition, scope note, example
    definition = re.search(r'<label for="id_definition">(.*?)</label>', form, re.S)
    assert definition
    assert "(optional)" not in definition.group(1)  # required in English

    html = client.post("/glossary/propose/", {"vocabulary_matches": "close"}).content.decode()
    guided(
        html,
        {
            "Enter the preferred term": "id_preferred_label",
            "Enter the definition in English": "id_definition",
            "Enter why the glossary needs this text": "id_rationale",
        },
    )
    assert "“close”: start with exact, close, broad, narrow or related" in html
    assert not Concept.objects.exists()


def test_the_matches_are_kept_and_refused_on_their_field(world) -> None:
    client = world.client_for(Role.MEMBER)
    html = client.post(
        "/glossary/propose/",
        {
            "preferred_label": "Mass balance",
            "definition": "Mixing with bookkeeping.",
            "vocabulary_matches": "close ftp://vocab.example.org/mb",
            "rationale": "We use it.",
        },
    ).content.decode()
    # The service's refusal of a match lands beside the renamed field, not above the form.
    field = html.split('<label for="id_vocabulary_matches">', 1)[1].split("</textarea>", 1)[0]
    assert "is not an http or https address" in field
    assert not Concept.objects.exists()


def test_a_translation_asks_for_the_term_in_its_language(world) -> None:
    agreed_concept("Traceability", "Following a mineral.")
    client = world.client_for(Role.MEMBER)
    html = client.post(
        "/glossary/traceability/revise/?lang=fr", {"preferred_label": "", "rationale": ""}
    ).content.decode()
    guided(
        html,
        {
            "Enter the preferred term in Français": "id_preferred_label",
            "Enter why the glossary needs this text": "id_rationale",
        },
    )


def test_the_secretariat_is_told_what_to_enter(world) -> None:
    concept = agreed_concept("Conflict minerals", "Minerals that finance conflict.")
    revision = revise(concept, "Minerals whose trade finances armed conflict.")
    secretariat = world.client_for(Role.SECRETARIAT)
    html = secretariat.post(
        f"/glossary/revisions/{revision.pk}/reject/", {"reason": ""}
    ).content.decode()
    guided(html, {"Enter the reason for rejecting the revision": "id_reason"})
    assert Revision.objects.get(pk=revision.pk).status != RevisionStatus.REJECTED

    html = secretariat.post("/glossary/conflict-minerals/retire/", {"reason": ""}).content.decode()
    guided(
        html,
        {
            "Choose what happens to the concept": "id_action_0",
            "Enter the reason the concept is retired": "id_reason",
        },
    )
    html = secretariat.post(
        "/glossary/conflict-minerals/retire/", {"action": "supersede", "reason": "Old."}
    ).content.decode()
    guided(html, {"Choose the concept that supersedes this one": "id_replaced_by"})
    assert Concept.objects.get(pk=concept.pk).status == ConceptStatus.AGREED


def test_an_empty_usage_note_says_what_to_write(world) -> None:
    agreed_concept("Traceability", "Following a mineral.")
    client = world.client_for(Role.MEMBER)
    html = client.post("/glossary/traceability/notes/", {"text": " "}).content.decode()
    guided(
        html,
        {
            "Enter how your chamber uses or understands the term": "id_text",
            "Choose who may read it": "id_disclosure_0",
        },
    )
    assert not UsageNote.objects.exists()
