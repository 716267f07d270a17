"""Revised versions of a proposal's text, the paragraphs accepted responses changed, and a
further consultation round on a revised text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.consultations.models import CommentResponse
from governance.paragraphs import paragraph_count
from governance.proposals.models import Proposal, ProposalStatus
from governance.proposals.services.lifecycle import _transition
from governance.versions.models import ProposalVersion, ResponseChange
from governance.versions.selectors import ACCEPTING, answered_responses
from governance.versions.services.records import current_version
from governance.versions.services.revision import (
    check_in_deliberation,
    check_paragraphs,
    checked_revision,
    lock_proposal,
    publish_revision,
)

S = ProposalStatus
# Paragraph links of a version's responses change until the ballot opens.
LINKABLE = (S.CONSULTATION, S.DELIBERATION)


@use_case
def version_publish(
    *,
    actor: Actor,
    proposal: Proposal,
    text: str,
    note: str,
    title: str | None = None,
    summary: str | None = None,
    author_agreed: bool = False,
    changes: Mapping[int, Iterable[int]] | None = None,
    now: datetime | None = None,
) -> ProposalVersion:
    """Publish a revised version of the proposal's text (the secretariat) after its
    consultation closed and before its ballot opens (``deliberation``). ``note`` says what
    changed; ``changes`` maps the id of a response that accepted or partly accepted a comment
    on the previous version to the paragraphs of the new version it changed. A member-tabled
    proposal's revision needs its author organisation's agreement (``author_agreed``). The
    proposal's title, summary and text become the new version's; the version never changes
    afterwards. Refused, changing nothing: another status, no text, a text (title and summary)
    identical to the current version, no note, no agreement, a response that is not one the
    version answers, or a paragraph the new text does not have. Tells those who commented."""
    policy.require(actor, "proposal.publish_version", proposal)
    now = now or timezone.now()
    proposal = lock_proposal(proposal)
    check_in_deliberation(proposal)
    previous = current_version(proposal=proposal, actor=actor, now=now)
    agreement: dict[str, str] = {}
    if proposal.proposed_by_id is not None and not author_agreed:
        agreement["author_agreed"] = (
            "A member-tabled proposal is revised with its author organisation's agreement: "
            "confirm that its representative agreed this text."
        )
    revision = checked_revision(
        proposal=proposal,
        previous=previous,
        text=text,
        note=note,
        title=title,
        summary=summary,
        changes=changes,
        extra_errors=agreement,
    )
    return publish_revision(
        actor=actor, proposal=proposal, revision=revision, author_agreed=author_agreed, now=now
    )


@use_case
def response_changes_set(
    *,
    actor: Actor,
    response: CommentResponse,
    version: ProposalVersion,
    paragraphs: Iterable[int],
) -> list[int]:
    """Name the paragraphs of ``version`` that ``response`` (accepting or partly accepting a
    comment on the version before) changed, replacing what was named; an empty list names none.
    The secretariat, until the ballot opens. Returns the numbers named."""
    policy.require(actor, "comment.respond", response.comment)
    proposal = lock_proposal(version.proposal)
    if proposal.status not in LINKABLE:
        raise ValidationError("What a response changed is recorded until the ballot opens.")
    if response.outcome not in ACCEPTING:
        raise ValidationError(
            {"response": "Only a response that accepted a comment changes paragraphs."}
        )
    if not answered_responses(version=version).filter(pk=response.pk).exists():
        raise ValidationError(
            {
                "response": f"Version {version.number} answers the comments on version "
                f"{version.number - 1}; this comment is not one of them."
            }
        )
    numbers = check_paragraphs(paragraphs, paragraph_count(version.text), "paragraphs")
    ResponseChange.objects.filter(response=response, version=version).delete()
    ResponseChange.objects.bulk_create(
        ResponseChange(response=response, version=version, paragraph=n) for n in numbers
    )
    return numbers


@use_case
def consultation_reopen(
    *, actor: Actor, proposal: Proposal, closes_at: datetime, now: datetime | None = None
) -> Proposal:
    """Open a further consultation round on the revised text (deliberation → consultation):
    whoever may move the proposal along. Needs a version published since the last round
    closed and a closing time in the future; comments then name the version they are on."""
    policy.require(actor, "proposal.advance", proposal)
    now = now or timezone.now()
    locked = lock_proposal(proposal)
    if locked.status != S.DELIBERATION:
        raise ValidationError(
            "A further consultation round opens after a consultation closes and before the "
            f"ballot opens; the proposal is {locked.get_status_display().lower()}."
        )
    if closes_at <= now:
        raise ValidationError({"closes_at": "The round closes at a time in the future."})
    version = current_version(proposal=locked, actor=actor, now=now)
    rounds = locked.status_changes.filter(to_status=S.CONSULTATION).count()
    Proposal.objects.filter(pk=locked.pk).update(
        consultation_opens_at=now, consultation_closes_at=closes_at
    )
    _transition(
        actor=actor,
        proposal=proposal,
        to_status=S.CONSULTATION,
        reason=f"Consultation round {rounds + 1} opened on version {version.number}.",
        now=now,
    )
    proposal.consultation_closes_at = closes_at
    return proposal
