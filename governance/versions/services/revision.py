"""Helpers of the use cases that publish or submit a revised version (never use cases
themselves): checking a revised text against the current version, and publishing it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError

from alliance_portal.outbox import email_queue
from alliance_portal.types import Actor
from governance.common.services import acting_user
from governance.consultations.models import Comment, CommentStatus
from governance.paragraphs import paragraph_count
from governance.proposals.models import Proposal, ProposalStatus
from governance.versions.models import (
    ProposalVersion,
    ResponseChange,
    canonical_text,
    text_sha256,
)
from governance.versions.selectors import answered_responses

S = ProposalStatus


def lock_proposal(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)


def check_in_deliberation(proposal: Proposal) -> None:
    if proposal.status != S.DELIBERATION:
        raise ValidationError(
            "A revised version is published after the consultation closes and before the "
            f"ballot opens; the proposal is {proposal.get_status_display().lower()}."
        )


def check_paragraphs(paragraphs: Iterable[int], count: int, key: str) -> list[int]:
    numbers = sorted(set(paragraphs))
    wrong = [n for n in numbers if not 1 <= n <= count]
    if wrong:
        raise ValidationError(
            {key: f"The new version has paragraphs 1 to {count}: there is no ¶{wrong[0]}."}
        )
    return numbers


@dataclass(frozen=True)
class Revision:
    """A checked revised text: what the next version will hold, and the paragraphs each
    accepted response (by id) changed in it."""

    previous: ProposalVersion
    title: str
    summary: str
    text: str
    note: str
    links: dict[int, list[int]]


def checked_revision(
    *,
    proposal: Proposal,
    previous: ProposalVersion,
    text: str,
    note: str,
    title: str | None,
    summary: str | None,
    changes: Mapping[int, Iterable[int]] | None,
    extra_errors: Mapping[str, str] | None = None,
) -> Revision:
    """Check a revised text against ``previous`` (the current version), raising one
    ValidationError with every field's message: no title, no text, the same text, title and
    summary, no note, a response that is not one the next version answers, a paragraph the new
    text does not have."""
    text = canonical_text(text)
    title = (title if title is not None else previous.title).strip()
    summary = (summary if summary is not None else previous.summary).strip()
    note = note.strip()
    errors: dict[str, str] = dict(extra_errors or {})
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
    if errors:
        raise ValidationError(errors)
    following = ProposalVersion(proposal=proposal, number=previous.number + 1)
    answerable = {r.pk for r in answered_responses(version=following)}
    links: dict[int, list[int]] = {}
    count = paragraph_count(text)
    for response_id, paragraphs in (changes or {}).items():
        if response_id not in answerable:
            raise ValidationError(
                {
                    "changes": f"Response to comment {response_id} is not one that accepted a "
                    f"comment on version {previous.number}."
                }
            )
        numbers = check_paragraphs(paragraphs, count, "changes")
        if numbers:
            links[response_id] = numbers
    return Revision(
        previous=previous, title=title, summary=summary, text=text, note=note, links=links
    )


def publish_revision(
    *,
    actor: Actor,
    proposal: Proposal,
    revision: Revision,
    author_agreed: bool,
    now: datetime,
) -> ProposalVersion:
    """Write the next version from a checked revision, link the responses to the paragraphs
    they changed, make the proposal's title, summary and text the version's, and tell those
    who commented. The caller holds the proposal's row lock."""
    version = ProposalVersion(
        proposal=proposal,
        number=revision.previous.number + 1,
        title=revision.title,
        summary=revision.summary,
        text=revision.text,
        sha256=text_sha256(revision.text),
        note=revision.note,
        author_agreed=author_agreed,
        published_by=acting_user(actor),
        published_at=now,
    )
    version.full_clean()
    version.save()
    ResponseChange.objects.bulk_create(
        ResponseChange(response_id=response_id, version=version, paragraph=number)
        for response_id, numbers in revision.links.items()
        for number in numbers
    )
    proposal.title, proposal.summary, proposal.text = (
        revision.title,
        revision.summary,
        revision.text,
    )
    proposal.save(update_fields=["title", "summary", "text", "updated_at"])
    _notify_commenters(version)
    return version


def _notify_commenters(version: ProposalVersion) -> None:
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
