"""The glossary API: concepts, labels, revisions (with their word diff), usage notes and
search, through the same policy and services as the pages."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from alliance_portal.roles import Role
from glossary import services
from glossary.models import Concept, ConceptStatus, Revision, RevisionStatus
from tests.glossary.factories import (
    agree_as_a_decision_does,
    agreed_concept,
    proposed_concept,
    revise,
)

pytestmark = pytest.mark.django_db


def _api(world, role: Role) -> APIClient:
    client = APIClient()
    user = world.users[role]
    if user is not None:
        client.force_authenticate(user)
    return client


def test_concepts_with_labels_definitions_and_relations(world) -> None:
    top = agreed_concept("Chain of custody", "Records.", alt=("CoC",))
    agreed_concept(
        "Mass balance",
        "Mixing with bookkeeping.",
        broader=(top,),
        translations={"fr": ("bilan massique", "Mélange comptabilisé.")},
    )
    proposed_concept("Book and claim", related=(top,))
    anonymous = _api(world, Role.ANONYMOUS)
    listed = anonymous.get("/api/v1/glossary/concepts/", {"lang": "fr"}).json()
    assert listed["count"] == 2
    assert {c["preferred_label"] for c in listed["results"]} == {
        "bilan massique",
        "Chain of custody",
    }
    detail = anonymous.get("/api/v1/glossary/concepts/chain-of-custody/").json()
    assert detail["narrower"] == ["mass-balance"]
    assert detail["related"] == []  # the proposal's relation is not public
    assert {(label["kind"], label["text"]) for label in detail["labels"]} == {
        ("pref", "Chain of custody"),
        ("alt", "CoC"),
    }
    member = _api(world, Role.MEMBER)
    assert member.get("/api/v1/glossary/concepts/chain-of-custody/").json()["related"] == [
        "book-and-claim"
    ]
    assert member.get("/api/v1/glossary/concepts/", {"status": "proposed"}).json()["count"] == 1
    labels = anonymous.get("/api/v1/glossary/concepts/mass-balance/labels/").json()
    assert {label["language"] for label in labels} == {"en", "fr"}


def test_a_member_proposes_through_the_api_and_bad_input_gets_field_errors(world) -> None:
    member = _api(world, Role.MEMBER)
    bad = member.post(
        "/api/v1/glossary/concepts/",
        {"labels": [{"language": "fr", "text": "seulement"}], "definitions": [], "rationale": "x"},
        format="json",
    )
    assert bad.status_code == 400
    assert "Give the preferred label in English." in bad.json()["labels"]
    assert not Concept.objects.exists()
    created = member.post(
        "/api/v1/glossary/concepts/",
        {
            "labels": [
                {"language": "en", "text": "Mass balance"},
                {"language": "en", "text": "MB", "kind": "alt"},
            ],
            "definitions": [{"language": "en", "text": "Mixing with bookkeeping."}],
            "matches": [{"kind": "close", "uri": "https://vocab.example.org/mb"}],
            "rationale": "We use it.",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == ConceptStatus.PROPOSED
    external = _api(world, Role.EXTERNAL_STAKEHOLDER)
    assert external.post("/api/v1/glossary/concepts/", {}, format="json").status_code == 403
    assert _api(world, Role.ANONYMOUS).post(
        "/api/v1/glossary/concepts/", {}, format="json"
    ).status_code in {401, 403}


def test_revisions_through_the_api_with_their_diff(world) -> None:
    concept = agreed_concept("Tailings", "Left-over rock.")
    member = _api(world, Role.MEMBER)
    proposed = member.post(
        "/api/v1/glossary/concepts/tailings/revisions/",
        {
            "labels": [{"language": "en", "text": "Tailings"}],
            "definitions": [{"language": "en", "text": "Left-over ground rock."}],
            "rationale": "Precision.",
        },
        format="json",
    )
    assert proposed.status_code == 201
    revision = proposed.json()
    changed = [field for field in revision["diff"] if field["changed"]]
    assert changed[0]["field"] == "Definition"
    assert {"op": "insert", "text": "ground"} in changed[0]["segments"]
    secretariat = _api(world, Role.SECRETARIAT)
    pk = revision["id"]
    assert member.post(f"/api/v1/glossary/revisions/{pk}/submit/").status_code == 403
    assert (
        secretariat.post(f"/api/v1/glossary/revisions/{pk}/submit/").json()["status"]
        == RevisionStatus.UNDER_REVIEW
    )
    # Since issue 16 no endpoint agrees a revision: a decision's glossary batch does.
    assert secretariat.post(f"/api/v1/glossary/revisions/{pk}/agree/").status_code == 404
    agree_as_a_decision_does(Revision.objects.get(pk=pk))
    concept.refresh_from_db()
    assert concept.current_revision_id == pk
    public = _api(world, Role.ANONYMOUS).get("/api/v1/glossary/concepts/tailings/revisions/").json()
    assert [r["number"] for r in public] == [2, 1]
    reject = revise(concept, "Another text.")
    response = secretariat.post(
        f"/api/v1/glossary/revisions/{reject.pk}/reject/", {"reason": ""}, format="json"
    )
    assert response.status_code == 400
    assert _api(world, Role.ANONYMOUS).get(
        f"/api/v1/glossary/revisions/{reject.pk}/"
    ).status_code in {401, 403}


def test_retiring_through_the_api(world) -> None:
    agreed_concept("Conflict minerals")
    agreed_concept("3TG")
    secretariat = _api(world, Role.SECRETARIAT)
    assert (
        _api(world, Role.MEMBER)
        .post(
            "/api/v1/glossary/concepts/conflict-minerals/supersede/",
            {"reason": "x", "replaced_by": "3tg"},
            format="json",
        )
        .status_code
        == 403
    )
    response = secretariat.post(
        "/api/v1/glossary/concepts/conflict-minerals/supersede/",
        {"reason": "Use 3TG.", "replaced_by": "3tg"},
        format="json",
    )
    assert response.json()["status"] == "superseded"
    assert response.json()["replaced_by"] == "3tg"


def test_usage_notes_through_the_api(world) -> None:
    concept = agreed_concept("Traceability")
    services.usage_note_write(actor=world.users[Role.MEMBER], concept=concept, text="Public view.")
    notes = (
        _api(world, Role.ANONYMOUS)
        .get("/api/v1/glossary/concepts/traceability/usage-notes/")
        .json()
    )
    assert notes == [
        {
            "chamber": world.own.chamber.slug,
            "organisation": world.own.slug,
            "text": "Public view.",
            "disclosure": "public",
            "updated_at": notes[0]["updated_at"],
        }
    ]
