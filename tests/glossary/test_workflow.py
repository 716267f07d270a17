"""The glossary's workflow through its services: who may propose, review, agree, reject and
retire, and what each step guarantees."""

from __future__ import annotations

import pghistory.models
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from alliance_portal.policy import SYSTEM, NoActor, SignInRequired
from alliance_portal.roles import Role
from glossary import services
from glossary.content import content_of
from glossary.models import Concept, ConceptStatus, Revision, RevisionStatus
from glossary.services import apply_agree_batch
from tests.glossary.factories import agree, agreed_concept, content, proposed_concept, revise

pytestmark = pytest.mark.django_db


def _english_definition(concept: Concept) -> str:
    concept.refresh_from_db()
    definition = content_of(concept.current_text).definition("en")
    assert definition is not None
    return definition.text


def test_a_member_proposes_the_secretariat_reviews_and_a_decision_agrees(world) -> None:
    """Since issue 16 the secretariat no longer agrees revisions: a decision's glossary batch
    does (``apply_agree_batch``, carried by the ballot's closing; see
    tests/governance/test_constitution_effects.py for the whole journey)."""
    member = world.users[Role.MEMBER]
    secretariat = world.users[Role.SECRETARIAT]
    concept = proposed_concept("Mass balance", "Mixing with bookkeeping.", actor=member)
    assert concept.status == ConceptStatus.PROPOSED
    assert concept.slug == "mass-balance"
    proposal = concept.current_text
    services.revision_submit_for_review(actor=secretariat, revision=proposal)
    concept.refresh_from_db()
    assert concept.status == ConceptStatus.UNDER_REVIEW
    with transaction.atomic():
        apply_agree_batch([proposal], actor=SYSTEM, note="Decision 12")
    concept.refresh_from_db()
    assert concept.status == ConceptStatus.AGREED
    assert concept.agreed_at is not None
    proposal.refresh_from_db()
    assert proposal.status == RevisionStatus.AGREED
    assert proposal.decided_by is None  # the body decided, not a person
    assert proposal.decision_note == "Decision 12"
    assert proposal.author_organisation == world.own


def test_only_the_secretariat_reviews_and_nobody_agrees_by_hand(world) -> None:
    secretariat = world.users[Role.SECRETARIAT]
    concept = proposed_concept("Red flag", actor=secretariat)
    for role in (Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE, Role.CIVIL_SOCIETY_REVIEWER):
        with pytest.raises(PermissionDenied):
            services.revision_submit_for_review(
                actor=world.users[role], revision=concept.current_text
            )
    services.revision_submit_for_review(actor=secretariat, revision=concept.current_text)
    # Agreeing is a decision's effect: there is no use case for a person to call.
    assert not hasattr(services, "revision_agree")
    assert not hasattr(services, "revisions_agree_batch")
    concept.refresh_from_db()
    assert concept.status == ConceptStatus.UNDER_REVIEW


def test_external_stakeholders_and_anonymous_visitors_do_not_propose(world) -> None:
    with pytest.raises(PermissionDenied):
        proposed_concept("Tailings", actor=world.users[Role.EXTERNAL_STAKEHOLDER])
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(SignInRequired):
        proposed_concept("Tailings", actor=AnonymousUser())
    assert not Concept.objects.exists()


def test_a_revision_becomes_the_text_only_when_agreed(world) -> None:
    concept = agreed_concept("Due diligence", "Finding risks.")
    revision = revise(
        concept, "Finding, preventing and accounting for risks.", actor=world.users[Role.MEMBER]
    )
    assert revision.number == 2
    assert revision.base_id == concept.current_revision_id
    assert _english_definition(concept) == "Finding risks."
    agree(revision)
    assert _english_definition(concept) == "Finding, preventing and accounting for risks."


def test_a_revision_that_changes_nothing_is_refused() -> None:
    concept = agreed_concept("Due diligence", "Finding risks.")
    with pytest.raises(ValidationError, match="changes nothing"):
        revise(concept, "Finding risks.")


def test_a_revision_written_against_an_older_text_is_not_agreed() -> None:
    concept = agreed_concept("Due diligence", "Finding risks.")
    first = revise(concept, "First rewrite.")
    second = revise(concept, "Second rewrite.")
    agree(first)
    services.revision_submit_for_review(actor=SYSTEM, revision=second)
    with pytest.raises(ValidationError, match="earlier text"), transaction.atomic():
        apply_agree_batch([second], actor=SYSTEM)
    assert _english_definition(concept) == "First rewrite."


def test_rejecting_a_proposal_rejects_the_concept_with_the_reason(world) -> None:
    concept = proposed_concept("Green premium")
    with pytest.raises(ValidationError):
        services.revision_reject(
            actor=world.users[Role.SECRETARIAT], revision=concept.current_text, reason=" "
        )
    services.revision_reject(
        actor=world.users[Role.SECRETARIAT], revision=concept.current_text, reason="Pricing."
    )
    concept.refresh_from_db()
    assert concept.status == ConceptStatus.REJECTED
    assert concept.status_note == "Pricing."
    with pytest.raises(ValidationError, match="rejected already"):
        services.revision_reject(actor=SYSTEM, revision=concept.current_text, reason="Again.")


def test_a_batch_agreed_by_a_governance_decision_is_all_or_nothing() -> None:
    one = agreed_concept("Chain of custody", "Records.")
    two = agreed_concept("Traceability", "Following.")
    new = proposed_concept("Mass balance")
    batch = [
        revise(one, "Records of who held it."),
        revise(two, "Following it back."),
        new.current_text,
    ]
    stale = revise(two, "Another text for the same concept.")
    with pytest.raises(ValidationError, match="one revision per concept"), transaction.atomic():
        apply_agree_batch([*batch, stale], actor=SYSTEM)
    assert Revision.objects.filter(status=RevisionStatus.AGREED).count() == 2
    with transaction.atomic():
        agreed = apply_agree_batch(batch, actor=SYSTEM, note="Decision 12")
    assert {r.status for r in agreed} == {RevisionStatus.AGREED}
    assert _english_definition(one) == "Records of who held it."
    new.refresh_from_db()
    assert new.status == ConceptStatus.AGREED
    with pytest.raises(ValidationError, match="Already decided"), transaction.atomic():
        apply_agree_batch(batch, actor=SYSTEM)


def test_deprecating_and_superseding(world) -> None:
    secretariat = world.users[Role.SECRETARIAT]
    old = agreed_concept("Conflict minerals")
    new = agreed_concept("3TG")
    pending = revise(old, "An open revision.")
    with pytest.raises(PermissionDenied):
        services.concept_deprecate(actor=world.users[Role.MEMBER], concept=old, reason="Old.")
    with pytest.raises(ValidationError, match="not agreed"):
        services.concept_supersede(
            actor=secretariat, concept=new, replaced_by=proposed_concept("Draft"), reason="No."
        )
    services.concept_deprecate(actor=secretariat, concept=old, reason="Stigmatising.")
    pending.refresh_from_db()
    assert pending.status == RevisionStatus.REJECTED
    services.concept_supersede(actor=secretariat, concept=old, replaced_by=new, reason="Use 3TG.")
    old.refresh_from_db()
    assert (old.status, old.replaced_by) == (ConceptStatus.SUPERSEDED, new)
    with pytest.raises(ValidationError, match="only an agreed concept is revised"):
        revise(old, "Too late.")


def test_invalid_content_is_refused_with_field_messages(world) -> None:
    agreed_concept("Due diligence")
    proposal = proposed_concept("Draft idea")
    cases = [
        (content("Due diligence"), "labels", "already the preferred label"),
        (content("Tailings", alt=("tailings",)), "labels", "given twice"),
        (content("Tailings", related=(proposal,)), "related", "agreed concepts only"),
        (content("Tailings", matches=(("exact", "not a uri"),)), "matches", "not an http"),
    ]
    for bad, field, message in cases:
        with pytest.raises(ValidationError) as refused:
            services.concept_propose(actor=SYSTEM, content=bad, rationale="Why.")
        assert field in refused.value.message_dict
        assert message in " ".join(refused.value.message_dict[field])
    with pytest.raises(ValidationError, match="Say why"):
        services.concept_propose(actor=SYSTEM, content=content("Tailings"), rationale="  ")


def test_a_concept_cannot_become_broader_than_itself() -> None:
    top = agreed_concept("Due diligence", "Finding risks.")
    child = agreed_concept("Red flag", broader=(top,))
    grandchild = agreed_concept("Annex II risks", broader=(child,))
    for narrower in (child, grandchild):
        with pytest.raises(ValidationError, match="broader than itself"):
            services.revision_propose(
                actor=SYSTEM,
                concept=top,
                content=content("Due diligence", "Finding risks.", broader=(narrower,)),
                rationale="A loop.",
            )
    with pytest.raises(ValidationError, match="not broader than or related to itself"):
        services.revision_propose(
            actor=SYSTEM,
            concept=top,
            content=content("Due diligence", "Finding risks.", related=(top,)),
            rationale="Itself.",
        )


def test_the_audit_trail_names_the_use_case_and_the_person(world) -> None:
    secretariat = world.users[Role.SUPERUSER]
    concept = proposed_concept("Red flag", actor=world.users[Role.MEMBER])
    services.revision_submit_for_review(actor=secretariat, revision=concept.current_text)
    events = pghistory.models.Events.objects.tracks(concept.current_text).order_by("pgh_created_at")
    last = list(events)[-1]
    assert last.pgh_context["use_case"] == "revision_submit_for_review"
    assert last.pgh_context["user"] == secretariat.pk
    assert last.pgh_diff["status"] == [RevisionStatus.PROPOSED, RevisionStatus.UNDER_REVIEW]


def test_a_service_called_without_an_actor_is_refused() -> None:
    with pytest.raises(NoActor):
        services.concept_propose(actor=None, content=content("Tailings"), rationale="Why.")  # type: ignore[arg-type]
    concept = proposed_concept("Mass balance")
    with pytest.raises(NoActor):
        services.revision_submit_for_review(actor=None, revision=concept.current_text)  # type: ignore[arg-type]
    assert Concept.objects.count() == 1


def test_the_audit_trail_names_the_system_when_it_acts() -> None:
    concept = proposed_concept("Red flag")
    services.revision_submit_for_review(actor=SYSTEM, revision=concept.current_text)
    last = list(
        pghistory.models.Events.objects.tracks(concept.current_text).order_by("pgh_created_at")
    )[-1]
    assert last.pgh_context["use_case"] == "revision_submit_for_review"
    assert (last.pgh_context["user"], last.pgh_context["system"]) == (None, True)


def test_usage_notes_are_written_for_ones_own_organisation_and_removed_by_it_or_the_secretariat(
    world,
) -> None:
    concept = agreed_concept("Traceability")
    member = world.users[Role.MEMBER]
    with pytest.raises(PermissionDenied, match="your own organisation's usage note"):
        services.usage_note_write(
            actor=member, concept=concept, text="Theirs.", organisation=world.other
        )
    with pytest.raises(PermissionDenied, match="people of member organisations"):
        services.usage_note_write(
            actor=world.users[Role.CIVIL_SOCIETY_REVIEWER], concept=concept, text="Mine."
        )
    with pytest.raises(ValidationError, match="Say which organisation"):
        services.usage_note_write(actor=world.users[Role.SECRETARIAT], concept=concept, text="?")
    theirs = services.usage_note_write(
        actor=world.users[Role.SECRETARIAT],
        concept=concept,
        text="Sent in by the other organisation.",
        organisation=world.other,
    )
    ours = services.usage_note_write(actor=member, concept=concept, text="Ours.")
    assert ours.organisation == world.own
    with pytest.raises(PermissionDenied, match="Only the organisation's people"):
        services.usage_note_remove(actor=member, note=theirs)
    services.usage_note_remove(actor=world.users[Role.ORGANISATION_REPRESENTATIVE], note=ours)
    services.usage_note_remove(actor=world.users[Role.SECRETARIAT], note=theirs)
    assert not concept.usage_notes.exists()


def test_a_governance_use_case_carries_a_batch_inside_its_own_transaction() -> None:
    """``apply_agree_batch`` is plain work for another use case's transaction (the ballot's
    closing, since issue 16 the only way a revision is agreed)."""
    one = agreed_concept("Chain of custody", "Records.")
    batch = [revise(one, "Records of who held it.")]
    with transaction.atomic(durable=True):
        agreed = apply_agree_batch(batch, actor=SYSTEM, note="Decision 12")
    assert [revision.status for revision in agreed] == [RevisionStatus.AGREED]
    assert _english_definition(one) == "Records of who held it."
