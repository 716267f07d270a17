"""The admin goes through the services: adding a concept proposes it; agreeing is an action
that refuses a revision one wrote oneself; nothing edits an agreed text."""

from __future__ import annotations

import pytest

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from glossary.models import Concept, ConceptStatus, Revision, RevisionStatus
from tests.glossary.factories import agreed_concept, proposed_concept

pytestmark = pytest.mark.django_db


def test_adding_a_concept_in_the_admin_proposes_it(world) -> None:
    from glossary.services import default_scheme

    client = world.client_for(Role.SECRETARIAT)
    scheme = default_scheme()
    assert client.get("/admin/glossary/concept/add/").status_code == 200
    response = client.post(
        "/admin/glossary/concept/add/",
        {
            "scheme": scheme.pk,
            "preferred_label": "Mass balance",
            "definition": "Mixing with bookkeeping.",
            "rationale": "Needed.",
            "notation": "RS-100",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    concept = Concept.objects.get(slug="mass-balance")
    assert (concept.status, concept.notation) == (ConceptStatus.PROPOSED, "RS-100")
    assert concept.current_text.author == world.users[Role.SECRETARIAT]


def test_the_admin_shows_a_refused_proposal_as_a_form_error(world) -> None:
    from glossary.services import default_scheme

    agreed_concept("Mass balance")
    response = world.client_for(Role.SECRETARIAT).post(
        "/admin/glossary/concept/add/",
        {
            "scheme": default_scheme().pk,
            "preferred_label": "mass balance",
            "definition": "Again.",
            "rationale": "Twice.",
        },
    )
    assert response.status_code == 200
    assert "already the preferred label" in response.content.decode()
    assert Concept.objects.count() == 1


def test_a_revision_added_in_the_admin_is_proposed_against_the_current_text(world) -> None:
    concept = agreed_concept("Mass balance", "Mixing.", alt=("MB",))
    client = world.client_for(Role.SECRETARIAT)
    same = client.post(
        "/admin/glossary/revision/add/",
        {"concept": concept.pk, "definition": "Mixing.", "rationale": "No change."},
    )
    assert "This is the current definition already." in same.content.decode()
    response = client.post(
        "/admin/glossary/revision/add/",
        {"concept": concept.pk, "definition": "Mixing with bookkeeping.", "rationale": "Clearer."},
    )
    assert response.status_code == 302
    revision = Revision.objects.get(concept=concept, number=2)
    assert revision.status == RevisionStatus.PROPOSED
    assert {label.text for label in revision.labels.all()} == {"Mass balance", "MB"}


def test_the_admin_puts_revisions_under_review_and_agrees_none(world) -> None:
    """Since issue 16 there is no agree action: a decision's glossary batch agrees."""
    theirs = proposed_concept("Their idea", actor=world.users[Role.MEMBER])
    client = world.client_for(Role.SECRETARIAT)
    ids = [theirs.current_text.pk]
    client.post("/admin/glossary/revision/", {"action": "submit_selected", "_selected_action": ids})
    client.post("/admin/glossary/revision/", {"action": "agree_selected", "_selected_action": ids})
    assert Revision.objects.get(pk=ids[0]).status == RevisionStatus.UNDER_REVIEW
    page = client.get("/admin/glossary/revision/").content.decode()
    assert "agree_selected" not in page


def test_an_agreed_concept_cannot_be_deleted_in_the_admin(world) -> None:
    concept = agreed_concept("Due diligence")
    client = world.client_for(Role.SUPERUSER)
    assert client.get(f"/admin/glossary/concept/{concept.pk}/delete/").status_code == 403
    assert (
        client.get(f"/admin/glossary/revision/{concept.current_revision_id}/delete/").status_code
        == 403
    )


def test_a_refusal_in_the_admin_is_a_message_not_a_server_error(world) -> None:
    """The secretariat records a usage note on a rejected concept: the service refuses (a
    rejected concept takes no notes); the admin shows the reason and saves nothing."""
    from glossary import services
    from glossary.models import UsageNote

    concept = proposed_concept("Withdrawn idea")
    services.revision_reject(actor=SYSTEM, revision=concept.current_text, reason="No.")
    response = world.client_for(Role.SECRETARIAT).post(
        "/admin/glossary/usagenote/add/",
        {
            "concept": concept.pk,
            "organisation": world.own.pk,
            "text": "Sent in.",
            "disclosure": "public",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "usage notes are written on concepts in use" in response.content.decode()
    assert not UsageNote.objects.exists()
