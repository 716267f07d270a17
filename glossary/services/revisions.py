"""Revisions through their life: proposed → under review → agreed, or rejected.

Who may do what is the action policy's (``alliance_portal.policy.rules.glossary``): people who
read members-level material propose; the secretariat puts revisions under review or rejects
them. Nobody agrees a revision by hand: a governance decision agrees a batch of revisions at
once, as the effect of the proposal it adopts (``governance.effects``), inside the use case
that closes its ballot, with ``apply_agree_batch`` (a plain function, no use case of its own);
the link from the batch to the decision is kept on the governance side.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from guardian.shortcuts import assign_perm

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from glossary import terms
from glossary.content import ConceptContent, content_of, validate_content
from glossary.models import (
    OPEN_REVISION_STATUSES,
    OPEN_STATUSES,
    Concept,
    ConceptStatus,
    Definition,
    ExternalMatch,
    Label,
    Relation,
    RelationKind,
    Revision,
    RevisionStatus,
)


def clean_rationale(rationale: str, *, field: str = "rationale") -> str:
    """The reason given, trimmed; a ``ValidationError`` on ``field`` when there is none."""
    text = rationale.strip()
    if not text:
        raise ValidationError({field: "Say why: the reviewers and the record need a reason."})
    return text


def actor_id(actor: Actor) -> int | None:
    """The acting person's account id, ``None`` for the system (recorded as "decided by")."""
    return policy.principal(actor).user_id


def author_fields(actor: Actor) -> dict[str, Any]:
    """The revision's author and their organisation at the time (published records name the
    organisation, not the person); none for the system."""
    who = policy.principal(actor)
    return {"author": who.user, "author_organisation_id": who.organisation_id}


def grant_author_view(actor: Actor, *objects: Concept | Revision) -> None:
    """The author of a proposal sees it whatever their role becomes (policy rule 3)."""
    user = policy.principal(actor).user
    if user is None:
        return
    for obj in objects:
        assign_perm(f"glossary.view_{obj._meta.model_name}", user, obj)


def store_content(revision: Revision, content: ConceptContent) -> None:
    """Write a proposed revision's content rows (the database refuses it for any other status)."""
    Label.objects.bulk_create(
        Label(
            revision=revision,
            language=label.language,
            kind=label.kind,
            text=label.text,
            term_status=label.term_status,
        )
        for label in content.labels
    )
    Definition.objects.bulk_create(
        Definition(
            revision=revision,
            language=d.language,
            text=d.text,
            scope_note=d.scope_note,
            example=d.example,
            source_element_id=d.source_element_id,
            source_citation=d.source_citation,
        )
        for d in content.definitions
    )
    Relation.objects.bulk_create(
        [
            Relation(revision=revision, kind=RelationKind.BROADER, target_id=pk)
            for pk in content.broader
        ]
        + [
            Relation(revision=revision, kind=RelationKind.RELATED, target_id=pk)
            for pk in content.related
        ]
    )
    ExternalMatch.objects.bulk_create(
        ExternalMatch(revision=revision, kind=m.kind, uri=m.uri, label=m.label)
        for m in content.matches
    )


def _locked(revision: Revision) -> Revision:
    """The revision and its concept, re-read and locked for the rest of the transaction."""
    locked = Revision.objects.select_for_update().get(pk=revision.pk)
    locked.concept = Concept.objects.select_for_update().get(pk=locked.concept_id)
    return locked


def _title(revision: Revision) -> str:
    return f"Revision {revision.number} of “{revision.concept.slug}”"


@use_case
def revision_propose(
    *, actor: Actor, concept: Concept, content: ConceptContent, rationale: str
) -> Revision:
    """Propose a change to an agreed concept: a full new text (every language, relations,
    matches), written against its current text. It becomes current only when agreed.
    Refused when it changes nothing."""
    policy.require(actor, "revision.propose", concept)
    concept = Concept.objects.select_for_update().get(pk=concept.pk)
    if concept.status != ConceptStatus.AGREED:
        raise ValidationError(
            f"“{concept.slug}” is {concept.get_status_display().lower()}: only an agreed "
            "concept is revised."
        )
    text = clean_rationale(rationale)
    cleaned = validate_content(content, concept=concept)
    current = concept.current_text
    if cleaned == content_of(current):
        raise ValidationError("This revision changes nothing in the current text.")
    number = (concept.revisions.aggregate(last=Max("number"))["last"] or 0) + 1
    revision = Revision.objects.create(
        concept=concept, number=number, base=current, rationale=text, **author_fields(actor)
    )
    store_content(revision, cleaned)
    grant_author_view(actor, revision)
    return revision


def _submit(revision: Revision) -> None:
    if revision.status != RevisionStatus.PROPOSED:
        raise ValidationError(
            f"{_title(revision)} is {revision.get_status_display().lower()}: only a proposed "
            "revision goes under review."
        )
    concept = revision.concept
    if concept.status not in (*OPEN_STATUSES, ConceptStatus.AGREED):
        raise ValidationError(
            f"“{concept.slug}” is {concept.get_status_display().lower()}: its revisions are closed."
        )
    now = timezone.now()
    revision.status = RevisionStatus.UNDER_REVIEW
    revision.submitted_at = now
    revision.save(update_fields=["status", "submitted_at"])
    if concept.status == ConceptStatus.PROPOSED and concept.current_revision_id == revision.pk:
        concept.status = ConceptStatus.UNDER_REVIEW
        concept.status_changed_at = now
        concept.save(update_fields=["status", "status_changed_at", "updated_at"])


@use_case
def revision_submit_for_review(*, actor: Actor, revision: Revision) -> Revision:
    """Put a proposed revision under review (the secretariat). For a new concept's proposal
    the concept goes under review with it. The text is frozen from now on."""
    policy.require(actor, "revision.submit_for_review", revision)
    locked = _locked(revision)
    _submit(locked)
    return locked


def _agree(revision: Revision, *, decided_by_id: int | None, note: str) -> None:
    if revision.status != RevisionStatus.UNDER_REVIEW:
        raise ValidationError(
            f"{_title(revision)} is {revision.get_status_display().lower()}: only a revision "
            "under review is agreed."
        )
    concept = revision.concept
    content = content_of(revision)
    first = (
        concept.status == ConceptStatus.UNDER_REVIEW and concept.current_revision_id == revision.pk
    )
    if not first and concept.status != ConceptStatus.AGREED:
        raise ValidationError(
            f"“{concept.slug}” is {concept.get_status_display().lower()}: its revisions are "
            "no longer agreed."
        )
    if not first and revision.base_id != concept.current_revision_id:
        raise ValidationError(
            f"{_title(revision)} was written against an earlier text: the current text has "
            "changed since. Propose it again against the current text."
        )
    # The glossary may have moved on since the revision was written (a related concept
    # deprecated, a label agreed for another concept): check again against today's glossary.
    validate_content(content, concept=concept)
    now = timezone.now()
    revision.status = RevisionStatus.AGREED
    revision.decided_at = now
    revision.decided_by_id = decided_by_id
    revision.decision_note = note.strip()
    revision.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    if first:
        concept.status = ConceptStatus.AGREED
        concept.agreed_at = now
        concept.status_changed_at = now
        concept.save(update_fields=["status", "agreed_at", "status_changed_at", "updated_at"])
    else:
        concept.current_revision = revision
        concept.save(update_fields=["current_revision", "updated_at"])


def _reject(revision: Revision, *, decided_by_id: int | None, reason: str) -> None:
    if revision.status not in OPEN_REVISION_STATUSES:
        raise ValidationError(
            f"{_title(revision)} is {revision.get_status_display().lower()} already."
        )
    now = timezone.now()
    revision.status = RevisionStatus.REJECTED
    revision.decided_at = now
    revision.decided_by_id = decided_by_id
    revision.decision_note = reason
    revision.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    concept = revision.concept
    if concept.status in OPEN_STATUSES and concept.current_revision_id == revision.pk:
        concept.status = ConceptStatus.REJECTED
        concept.status_note = reason
        concept.status_changed_at = now
        concept.save(update_fields=["status", "status_note", "status_changed_at", "updated_at"])


@use_case
def revision_reject(*, actor: Actor, revision: Revision, reason: str) -> Revision:
    """Reject a proposed revision or one under review (the secretariat), with the reason its
    author reads. Rejecting a new concept's proposal rejects the concept."""
    policy.require(actor, "revision.reject", revision)
    text = clean_rationale(reason, field="reason")
    locked = _locked(revision)
    _reject(locked, decided_by_id=actor_id(actor), reason=text)
    return locked


def _batch(revisions: Sequence[Revision]) -> list[Revision]:
    ids = [revision.pk for revision in revisions]
    if len(set(ids)) != len(ids):
        raise ValidationError("A revision is listed twice in the batch.")
    locked = [_locked(revision) for revision in sorted(revisions, key=lambda r: r.pk)]
    concepts = [revision.concept_id for revision in locked]
    if len(set(concepts)) != len(concepts):
        raise ValidationError(
            "A batch holds at most one revision per concept: two revisions of one concept "
            "would each replace the other's text."
        )
    closed = [_title(revision) for revision in locked if not revision.is_open]
    if closed:
        raise ValidationError(f"Already decided: {', '.join(closed)}.")
    return locked


def apply_agree_batch(
    revisions: Sequence[Revision], *, actor: Actor, note: str = ""
) -> list[Revision]:
    """Agree a batch of revisions at once, inside the caller's use case: how the adoption of a
    governance proposal carries the glossary changes it contains, and the only way a revision
    is agreed. Not a use case and no check of who acts: the governance use case that calls it
    (closing the ballot) has checked its own action, and it keeps the link to its decision. ``actor`` is recorded as the one who decided (no one
    for ``SYSTEM``). All or nothing: if any revision cannot be agreed, the ``ValidationError``
    names it and the caller's transaction rolls back. Proposed revisions are put under review
    first, so the record shows every step."""
    locked = _batch(revisions)
    for revision in locked:
        if revision.status == RevisionStatus.PROPOSED:
            _submit(revision)
    for revision in locked:
        _agree(revision, decided_by_id=actor_id(actor), note=note)
    terms.terms_changed()
    return locked
