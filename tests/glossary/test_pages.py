"""Glossary pages: the index views, a concept's page, the content-language switch, and the
forms through which members propose and write usage notes and the secretariat decides."""

from __future__ import annotations

import pytest
from django.test import Client

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from glossary import services
from glossary.models import Concept, ConceptStatus, Revision, RevisionStatus, UsageNote
from tests.glossary.factories import agreed_concept, proposed_concept, revise

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [10, 200])
def test_the_a_to_z_index_query_count_does_not_grow_with_concepts(
    client: Client, django_assert_max_num_queries, rows: int
) -> None:
    for number in range(rows):
        agreed_concept(f"Term {number:03d}", alt=(f"T{number:03d}",))
    with django_assert_max_num_queries(4):
        response = client.get("/glossary/")
    html = response.content.decode()
    assert html.count('href="/glossary/term-') == 2 * rows  # preferred and alternative labels
    with django_assert_max_num_queries(4):
        response = client.get("/glossary/?lang=fr")
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [10, 200])
def test_the_a_to_z_index_for_a_member_stays_within_budget(
    world, django_assert_max_num_queries, rows: int
) -> None:
    for number in range(rows):
        agreed_concept(f"Term {number:03d}")
    proposed_concept("A proposal")
    client = world.client_for(Role.MEMBER)
    client.get("/glossary/")  # the session and the member's role are looked up once
    with django_assert_max_num_queries(10):
        response = client.get("/glossary/")
    assert "A proposal" in response.content.decode()


@pytest.mark.parametrize("rows", [10, 200])
def test_the_api_list_query_count_does_not_grow_with_concepts(
    client: Client, django_assert_max_num_queries, rows: int
) -> None:
    for number in range(rows):
        agreed_concept(f"Term {number:03d}")
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/glossary/concepts/?page_size=200")
    assert response.json()["count"] == rows


def test_the_hierarchy_and_the_new_and_changed_views(client: Client) -> None:
    top = agreed_concept("Due diligence", "Finding risks.")
    child = agreed_concept("Red flag", broader=(top,))
    agreed_concept("Annex II risks", broader=(child,))
    old = agreed_concept("Conflict-free")
    services.concept_deprecate(actor=SYSTEM, concept=old, reason="Misleading.", replaced_by=top)
    tree = client.get("/glossary/?view=hierarchy").content.decode()
    assert tree.index("Due diligence") < tree.index("Red flag") < tree.index("Annex II risks")
    assert "Conflict-free" not in tree
    changes = client.get("/glossary/?view=changes").content.decode()
    assert "<caption>" in changes
    assert "Deprecated: use" in changes
    assert "New concept agreed" in changes


def test_deprecated_concepts_are_hidden_unless_asked_for_and_marked(client: Client) -> None:
    new = agreed_concept("3TG", "Tin, tantalum, tungsten and gold.")
    old = agreed_concept("Conflict minerals")
    services.concept_supersede(actor=SYSTEM, concept=old, replaced_by=new, reason="Stigmatising.")
    assert "Conflict minerals" not in client.get("/glossary/").content.decode()
    listed = client.get("/glossary/?retired=1").content.decode()
    assert "Conflict minerals" in listed
    assert "Superseded" in listed
    page = client.get("/glossary/conflict-minerals/").content.decode()
    assert "This concept is superseded" in page
    assert 'Use <a href="/glossary/3tg/" lang="en">3TG</a> instead.' in page
    assert "Stigmatising." in page


def test_the_content_language_is_chosen_apart_from_the_interface(client: Client) -> None:
    agreed_concept(
        "Grievance mechanism",
        "A way to raise concerns.",
        translations={
            "fr": ("mécanisme de réclamation", "Un moyen de faire part d'une préoccupation.")
        },
    )
    agreed_concept("Tailings", "Left-over rock.")
    page = client.get("/glossary/grievance-mechanism/?lang=fr").content.decode()
    assert '<html lang="en">' in page  # the interface stays English
    assert '<span lang="fr">mécanisme de réclamation</span>' in page
    assert '<div class="prose definition" lang="fr"><p>Un moyen de faire part' in page
    assert (
        'href="/glossary/grievance-mechanism/?lang=fr" lang="fr" hreflang="fr" aria-current="true"'
        in page
    )
    fallback = client.get("/glossary/tailings/?lang=fr").content.decode()
    assert "No definition in Français yet: shown in English." in fallback
    index = client.get("/glossary/?lang=fr").content.decode()
    assert 'lang="fr">mécanisme de réclamation</a>' in index
    assert 'lang="en">Tailings</a>' in index  # no French label yet: English, marked as such


def test_usage_notes_of_each_chamber_side_by_side(world, make_organisation) -> None:
    from members.models import Chamber
    from members.services import person_add

    concept = agreed_concept("Traceability", "Following a material back.")
    downstream = Chamber.objects.create(
        slug="industry-downstream", name="Industry downstream", order=3
    )
    carmaker = make_organisation("Carmaker", chamber=downstream)
    writer = world.users[Role.EXTERNAL_STAKEHOLDER]
    person_add(actor=SYSTEM, organisation=carmaker, user=writer)
    services.usage_note_write(actor=world.users[Role.MEMBER], concept=concept, text="Our view.")
    services.usage_note_write(
        actor=writer, concept=concept, text="Mine of origin, please.", disclosure="members"
    )
    anonymous = world.client_for(Role.ANONYMOUS).get("/glossary/traceability/").content.decode()
    assert "Our view." in anonymous
    assert "Own Organisation" in anonymous
    assert "Mine of origin" not in anonymous  # a members-level note
    member = world.client_for(Role.MEMBER).get("/glossary/traceability/").content.decode()
    assert member.index('id="chamber-civil-society"') < member.index("Our view.")
    assert member.index('id="chamber-industry-downstream"') < member.index("Mine of origin")
    main = member[member.index("<main") : member.index("</main>")]
    assert "Mia Member" not in main  # notes name organisations, not people


def test_a_member_writes_and_rewrites_the_organisations_note(world) -> None:
    concept = agreed_concept("Traceability")
    client = world.client_for(Role.MEMBER)
    assert client.get("/glossary/traceability/notes/").status_code == 200
    empty = client.post("/glossary/traceability/notes/", {"text": " ", "disclosure": "public"})
    assert empty.status_code == 200
    assert "Enter how your chamber uses or understands the term" in empty.content.decode()
    assert "This field is required" not in empty.content.decode()
    response = client.post(
        "/glossary/traceability/notes/", {"text": "We mean X.", "disclosure": "public"}
    )
    assert response.status_code == 302
    representative = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    representative.post(
        "/glossary/traceability/notes/", {"text": "We mean Y.", "disclosure": "public"}
    )
    note = UsageNote.objects.get(concept=concept)
    assert (note.text, note.organisation, note.chamber) == (
        "We mean Y.",
        world.own,
        world.own.chamber,
    )
    reviewer = world.client_for(Role.CIVIL_SOCIETY_REVIEWER)
    page = reviewer.get("/glossary/traceability/notes/")
    assert page.status_code == 200
    assert "<textarea" not in page.content.decode()
    assert (
        reviewer.post(
            "/glossary/traceability/notes/", {"text": "No.", "disclosure": "public"}
        ).status_code
        == 403
    )
    secretariat = world.client_for(Role.SECRETARIAT)
    assert (
        secretariat.post("/glossary/traceability/notes/", {"remove_note": note.pk}).status_code
        == 302
    )
    assert not UsageNote.objects.exists()


def test_a_member_proposes_a_concept_through_the_form(world) -> None:
    client = world.client_for(Role.MEMBER)
    form = client.get("/glossary/propose/").content.decode()
    assert '<label for="id_preferred_label">Preferred term' in form
    refused = client.post(
        "/glossary/propose/", {"preferred_label": "Mass balance", "rationale": "Why."}
    )
    assert refused.status_code == 200
    assert "Enter the definition in English" in refused.content.decode()
    response = client.post(
        "/glossary/propose/",
        {
            "preferred_label": "Mass balance",
            "alternative_labels": "mass-balance model\n",
            "definition": "Mixing with *bookkeeping*.",
            "vocabulary_matches": "close https://vocab.example.org/mb",
            "rationale": "We use it.",
        },
    )
    assert response.status_code == 302
    concept = Concept.objects.get(slug="mass-balance")
    assert concept.status == ConceptStatus.PROPOSED
    match = concept.revisions.get().matches.get()
    assert (match.kind, match.uri) == ("close", "https://vocab.example.org/mb")
    page = client.get(response["Location"]).content.decode()
    assert "This concept is a proposal" in page
    assert "<em>bookkeeping</em>" in page


def test_a_translation_is_a_revision_with_a_word_diff(world) -> None:
    concept = agreed_concept("Tailings", "Left-over rock and water.")
    client = world.client_for(Role.MEMBER)
    form = client.get("/glossary/tailings/revise/?lang=fr").content.decode()
    assert "Preferred term in Français" in form
    response = client.post(
        "/glossary/tailings/revise/?lang=fr",
        {
            "preferred_label": "résidus miniers",
            "definition": "La roche et l'eau restantes.",
            "rationale": "Traduction.",
        },
    )
    assert response.status_code == 302
    revision = Revision.objects.get(concept=concept, number=2)
    english = client.post(
        "/glossary/tailings/revise/",
        {
            "preferred_label": "Tailings",
            "definition": "Left-over ground rock and water.",
            "rationale": "Precision.",
        },
    )
    diff = client.get(english["Location"]).content.decode()
    assert '<ins><span class="visually-hidden">[inserted:] </span>ground' in diff
    assert "Changes against the current text (revision 1)" in diff
    translation = client.get(revision.get_absolute_url()).content.decode()
    assert 'lang="fr"' in translation
    assert "résidus miniers" in translation


def test_the_secretariat_reviews_agrees_and_rejects_through_the_pages(world) -> None:
    concept = agreed_concept("Tailings", "Left-over rock.")
    revision = revise(concept, "Left-over ground rock.", actor=world.users[Role.MEMBER])
    secretariat = world.client_for(Role.SECRETARIAT)
    page = secretariat.get(revision.get_absolute_url()).content.decode()
    assert "Put under review" in page
    secretariat.post(f"/glossary/revisions/{revision.pk}/submit/")
    secretariat.post(f"/glossary/revisions/{revision.pk}/agree/")
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.AGREED
    other = revise(concept, "Something else.", actor=world.users[Role.MEMBER])
    assert (
        secretariat.post(f"/glossary/revisions/{other.pk}/reject/", {"reason": ""}).status_code
        == 200
    )
    secretariat.post(f"/glossary/revisions/{other.pk}/reject/", {"reason": "Not clearer."})
    other.refresh_from_db()
    assert other.status == RevisionStatus.REJECTED
    queue = world.client_for(Role.MEMBER).get("/glossary/revisions/").content.decode()
    assert "<caption>Revisions agreed or rejected lately, newest first</caption>" in queue


def test_the_secretariat_retires_a_concept_through_the_page(world) -> None:
    agreed_concept("Conflict minerals")
    agreed_concept("3TG")
    secretariat = world.client_for(Role.SECRETARIAT)
    refused = secretariat.post(
        "/glossary/conflict-minerals/retire/", {"action": "supersede", "reason": "Old."}
    )
    assert "Choose the concept that supersedes this one" in refused.content.decode()
    secretariat.post(
        "/glossary/conflict-minerals/retire/",
        {"action": "supersede", "replaced_by": "3tg", "reason": "Old."},
    )
    assert Concept.objects.get(slug="conflict-minerals").status == ConceptStatus.SUPERSEDED


def test_the_feed_lists_agreed_changes(client: Client) -> None:
    agreed_concept("Traceability")
    proposed_concept("Secret idea")
    feed = client.get("/glossary/feed/").content.decode()
    assert "<feed" in feed
    assert "Traceability: new concept agreed" in feed
    assert "Secret idea" not in feed
