"""Revised versions of a proposal's text, the paragraphs accepted responses changed, and a
further consultation round on a revised text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.outbox import email_queue
from alliance_portal.types import Actor
from governance.common.services import acting_user
from governance.consultations.models import Comment, CommentResponse, CommentStatus
from governance.paragraphs import paragraph_count
from governance.proposals.models import Proposal, ProposalStatus
from governance.proposals.services.lifecycle import _transition
from governance.versions.models import (
    ProposalVersion,
    ResponseChange,
    canonical_text,
    text_sha256,
)
from governance.versions.selectors import ACCEPTING, answered_responses
from governance.versions.services.records import current_version

S = ProposalStatus
# Paragraph links of a version's responses change until the ballot opens.
LINKABLE = (S.CONSULTATION, S.DELIBERATION)


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _check_paragraphs(paragraphs: Iterable[int], count: int, key: str) -> list[int]:
    numbers = sorted(set(paragraphs))
    wrong = [n for n in numbers if not 1 <= n <= count]
    if wrong:
        raise ValidationError(
            {key: f"The new version has paragraphs 1 to {count}: there is no ¶{wrong[0]}."}
        )
    return numbers


def _notify(version: ProposalVersion) -> None:
    """Tell everyone who commented on the proposal (once per version and person, through the
    outbox) that a revised version is published, with what changed."""
    proposal = version.proposal
    url = f"{getattr(settings, 'PORTAL_BASE_URL', '')}{version.get_absolute_url()}"
    emails = (
        Comment.objects.filter(proposal=proposal, status=CommentStatus.SHOWN)
        .exclude(author__isnull=True)
        .exclude(author__email="")
        .filter(author__is_active=True)
        .values_list("author__email", flat=True)
        .distinct()
    )
    for email in sorted(emails):
        email_queue(
            event_key=f"governance:version-published:{version.pk}",
            recipient=email,
            subject=f"Version {version.number} of “{proposal.title}”",
            body=(
                f"You commented on “{proposal.title}”. Version {version.number} of its text is "
                f"published. What changed:\n\n{version.note}\n\nCompare it with the version you "
                f"commented on, paragraph by paragraph:\n\n{url}\n"
            ),
        )


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
    proposal = _locked(proposal)
    if proposal.status != S.DELIBERATION:
        raise ValidationError(
            "A revised version is published after the consultation closes and before the "
            f"ballot opens; the proposal is {proposal.get_status_display().lower()}."
        )
    previous = current_version(proposal=proposal, actor=actor, now=now)
    text = canonical_text(text)
    title = (title if title is not None else previous.title).strip()
    summary = (summary if summary is not None else previous.summary).strip()
    note = note.strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = "Enter the title."
    if paragraph_count(text) == 0:
        errors["text"] = "Enter the text of the new version."
    elif (text, title, summary) == (previous.text, previous.title, previous.summary):
        errors["text"] = (
            f"This is the text of version {previous.number}: change it before publishing."
        )
    if not note:
        errors["note"] = "Say what changed since the previous version."
    if proposal.proposed_by_id is not None and not author_agreed:
        errors["author_agreed"] = (
            "A member-tabled proposal is revised with its author organisation's agreement: "
            "confirm that its representative agreed this text."
        )
    if errors:
        raise ValidationError(errors)
    version = ProposalVersion(
        proposal=proposal,
        number=previous.number + 1,
        title=title,
        summary=summary,
        text=text,
        sha256=text_sha256(text),
        note=note,
        author_agreed=author_agreed,
        published_by=acting_user(actor),
        published_at=now,
    )
    answerable = {r.pk for r in answered_responses(version=version)}
    links: list[tuple[int, list[int]]] = []
    count = paragraph_count(text)
    for response_id, paragraphs in (changes or {}).items():
        if response_id not in answerable:
            raise ValidationError(
                {
                    "changes": f"Response to comment {response_id} is not one that accepted a "
                    f"comment on version {previous.number}."
                }
            )
        links.append((response_id, _check_paragraphs(paragraphs, count, "changes")))
    version.full_clean()
    version.save()
    ResponseChange.objects.bulk_create(
        ResponseChange(response_id=response_id, version=version, paragraph=number)
        for response_id, numbers in links
        for number in numbers
    )
    proposal.title, proposal.summary, proposal.text = title, summary, text
    proposal.save(update_fields=["title", "summary", "text", "updated_at"])
    _notify(version)
    return version


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
    proposal = _locked(version.proposal)
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
    numbers = _check_paragraphs(paragraphs, paragraph_count(version.text), "paragraphs")
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
    locked = _locked(proposal)
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
