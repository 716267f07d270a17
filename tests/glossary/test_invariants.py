"""An agreed concept's definition cannot be changed except through an agreed revision: not by
the ORM, not by a bulk update, not by raw SQL."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from alliance_portal.policy import SYSTEM
from glossary.models import Concept, ConceptStatus, Definition, Label, Revision, RevisionStatus
from tests.glossary.factories import agree, agreed_concept, revise

pytestmark = pytest.mark.django_db


def _refused(action) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


def _definition(concept: Concept) -> str:
    concept.refresh_from_db()
    return Definition.objects.get(revision_id=concept.current_revision_id, language="en").text


def test_the_agreed_definition_cannot_be_edited_in_place() -> None:
    concept = agreed_concept("Due diligence", "Finding and handling risks.")
    definition = Definition.objects.get(revision=concept.current_revision, language="en")
    definition.text = "Something else."
    _refused(definition.save)
    _refused(lambda: Definition.objects.filter(pk=definition.pk).update(text="Bulk."))

    def raw_sql() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE glossary_definition SET text = %s WHERE id = %s", ["Raw.", definition.pk]
            )

    _refused(raw_sql)
    _refused(lambda: Definition.objects.filter(pk=definition.pk).delete())
    _refused(lambda: Label.objects.filter(revision=concept.current_revision).update(text="Other"))
    _refused(
        lambda: Definition.objects.create(
            revision=concept.current_revision, language="fr", text="Ajouté en douce."
        )
    )
    assert _definition(concept) == "Finding and handling risks."


def test_the_current_text_moves_only_to_an_agreed_revision() -> None:
    concept = agreed_concept("Due diligence", "Finding and handling risks.")
    proposal = revise(concept, "A new text nobody agreed.")
    _refused(lambda: Concept.objects.filter(pk=concept.pk).update(current_revision=proposal))
    _refused(lambda: Revision.objects.filter(pk=proposal.pk).update(status=RevisionStatus.AGREED))
    agreed = concept.current_revision
    _refused(lambda: Revision.objects.filter(pk=agreed.pk).update(rationale="Rewritten."))
    _refused(lambda: Revision.objects.filter(pk=agreed.pk).delete())
    assert _definition(concept) == "Finding and handling risks."
    agree(proposal)
    assert _definition(concept) == "A new text nobody agreed."
    # ... and never back to an older one.
    _refused(lambda: Concept.objects.filter(pk=concept.pk).update(current_revision=agreed))


def test_the_status_workflow_cannot_skip_review() -> None:
    concept = agreed_concept("Due diligence")
    _refused(lambda: Concept.objects.filter(pk=concept.pk).update(status=ConceptStatus.PROPOSED))
    _refused(lambda: Concept.objects.filter(pk=concept.pk).update(slug="renamed"))


def test_a_rejected_revision_and_its_text_stay_as_they_were() -> None:
    from glossary import services

    concept = agreed_concept("Due diligence", "Finding and handling risks.")
    rejected = revise(concept, "Something else.")
    services.revision_reject(actor=SYSTEM, revision=rejected, reason="No.")
    _refused(lambda: Revision.objects.filter(pk=rejected.pk).update(decision_note="Edited."))
    _refused(lambda: Definition.objects.filter(revision=rejected).update(text="Edited."))
    _refused(lambda: Revision.objects.filter(pk=rejected.pk).update(status=RevisionStatus.PROPOSED))


def test_labels_keep_skos_and_tbx_rules() -> None:
    concept = agreed_concept("Due diligence")
    proposal = revise(concept, "New text.")
    _refused(
        lambda: Label.objects.create(
            revision=proposal,
            language="en",
            kind="pref",
            text="Second preferred",
            term_status="preferred",
        )
    )
    _refused(
        lambda: Label.objects.create(
            revision=proposal,
            language="en",
            kind="alt",
            text="An alternative",
            term_status="preferred",
        )
    )
    _refused(
        lambda: Label.objects.create(
            revision=proposal,
            language="en",
            kind="alt",
            text="DUE DILIGENCE",
            term_status="admitted",
        )
    )


def test_relations_never_point_to_their_own_concept() -> None:
    from glossary.models import Relation

    concept = agreed_concept("Due diligence")
    proposal = revise(concept, "New text.")
    _refused(lambda: Relation.objects.create(revision=proposal, kind="related", target=concept))


def test_a_usage_note_author_belongs_to_the_organisation_of_its_chamber(world, make_user) -> None:
    from glossary.models import UsageNote
    from members.models import Chamber

    concept = agreed_concept("Traceability")
    other_chamber = Chamber.objects.create(slug="academia", name="Academia", order=7)
    outsider = make_user("outsider@example.org")
    _refused(
        lambda: UsageNote.objects.create(
            concept=concept, chamber=other_chamber, organisation=world.own, text="Wrong chamber."
        )
    )
    _refused(
        lambda: UsageNote.objects.create(
            concept=concept,
            chamber=world.own.chamber,
            organisation=world.own,
            author=outsider,
            text="Not one of theirs.",
        )
    )
    note = UsageNote.objects.create(
        concept=concept,
        chamber=world.own.chamber,
        organisation=world.own,
        author=world.people["own-public"].user,
        text="Fine.",
    )
    _refused(lambda: UsageNote.objects.filter(pk=note.pk).update(author=outsider))


def test_erasing_an_account_keeps_the_agreed_record(world) -> None:
    from alliance_portal.roles import Role
    from glossary import services
    from glossary.models import UsageNote
    from members.models import Chamber, Organisation

    member = world.users[Role.MEMBER]
    concept = agreed_concept("Due diligence", "Finding risks.", actor=member)
    services.usage_note_write(actor=member, concept=concept, text="Ours.")
    moved = Chamber.objects.create(slug="academia", name="Academia", order=7)
    Organisation.objects.filter(pk=world.own.pk).update(chamber=moved)
    member.delete()
    revision = Revision.objects.get(pk=concept.current_revision_id)
    assert (revision.author, revision.status) == (None, RevisionStatus.AGREED)
    assert revision.author_organisation == world.own
    note = UsageNote.objects.get(concept=concept)
    assert (note.author, note.chamber) == (None, world.own.chamber)
