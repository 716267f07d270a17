"""Taking part in a consultation: comments, their moderation, and the secretariat's response
to each ("you said, we did")."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.outbox import email_queue
from alliance_portal.types import Actor
from glossary.languages import SOURCE_LANGUAGE, ContentLanguage
from governance.common.services import acting_user
from governance.consultations.models import (
    OFFLINE_CHANNELS,
    AuthorKind,
    Channel,
    Comment,
    CommentResponse,
    CommentStatus,
    CommunityGroup,
    ProposalTranslation,
    ResponseOutcome,
    text_sha256,
)
from governance.paragraphs import paragraph_count
from governance.proposals.models import Proposal, ProposalStatus
from governance.rules import (
    author_kind_for,
    comment_is_closed,
    initial_comment_status,
)
from governance.versions.models import ProposalVersion
from members.models import Chamber, Organisation

MAX_COMMENT_LENGTH = 20_000
# Moderation and responses happen while the consultation runs and during deliberation; once
# the ballot opens they are part of what the decision is published with.
ANSWERABLE = (ProposalStatus.CONSULTATION, ProposalStatus.DELIBERATION)


class ModerationVerdict:
    APPROVE = "approve"
    REJECT = "reject"
    CHOICES = (("approve", "Approve: show it"), ("reject", "Reject: do not show it"))


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _version_on(proposal: Proposal) -> ProposalVersion | None:
    """The version of the text a comment is on: the current one (governance.versions)."""
    return ProposalVersion.objects.filter(proposal=proposal).order_by("-number").first()


def _check_comment(
    proposal: Proposal, text: str, paragraph: int | None, parent: Comment | None
) -> dict[str, str]:
    """What is wrong with a comment's text, paragraph and parent (empty when nothing)."""
    errors: dict[str, str] = {}
    text = text.strip()
    if not text:
        errors["text"] = "Write your comment."
    elif len(text) > MAX_COMMENT_LENGTH:
        errors["text"] = f"A comment has at most {MAX_COMMENT_LENGTH} characters."
    if paragraph is not None:
        count = paragraph_count(proposal.text)
        if not 1 <= paragraph <= count:
            errors["paragraph"] = f"The proposal has paragraphs 1 to {count}."
    if parent is not None:
        if parent.proposal_id != proposal.pk:
            errors["parent"] = "That comment belongs to another proposal."
        elif parent.parent_id is not None:
            errors["parent"] = (
                "Replies go one level deep: reply to the comment that opened the thread."
            )
        elif parent.status != CommentStatus.SHOWN:
            errors["parent"] = "You can reply only to a comment that is shown."
    return errors


def _check_language(language: str) -> dict[str, str]:
    if language not in ContentLanguage.values:
        names = ", ".join(str(label) for label in ContentLanguage.labels)
        return {"language": f"Choose one of the alliance's languages: {names}."}
    return {}


@use_case
def comment_post(
    *,
    actor: Actor,
    proposal: Proposal,
    text: str,
    paragraph: int | None = None,
    parent: Comment | None = None,
    language: str = SOURCE_LANGUAGE,
    now: datetime | None = None,
) -> Comment:
    """Post a comment (Markdown) in the proposal's open consultation, optionally on one of its
    numbered paragraphs, or reply to a shown top-level comment (one reply level), written in
    any of the alliance's languages (``language``, English unless said).

    Who: anyone who reads members-level material, on any consultation they can see (a
    member's comment speaks for their organisation); an external stakeholder only on a
    consultation opened to the public, and their comment is held until the secretariat
    approves it. Refused: not signed in, not allowed (PermissionDenied); consultation not open,
    empty or too long text, a paragraph the proposal does not have, a reply to a reply or to
    a comment of another proposal (ValidationError)."""
    proposal = _locked(proposal)
    policy.require(actor, "comment.post", proposal)
    if not policy.can_view(actor, proposal):
        raise PermissionDenied("You may not comment on a proposal you cannot see.")
    who = policy.principal(actor)
    closed = comment_is_closed(proposal)
    if closed:
        raise ValidationError(closed)
    errors = _check_comment(proposal, text, paragraph, parent) | _check_language(language)
    if errors:
        raise ValidationError(errors)
    kind = author_kind_for(actor) or AuthorKind.EXTERNAL  # signed in: never None here
    organisation_id = who.organisation_id if kind == AuthorKind.MEMBER else None
    if kind == AuthorKind.MEMBER and organisation_id is None:
        raise PermissionDenied("Your account is not linked to a member organisation.")
    return Comment.objects.create(
        proposal=proposal,
        version=_version_on(proposal),
        parent=parent,
        author=acting_user(actor),
        author_kind=kind,
        organisation_id=organisation_id,
        paragraph=paragraph,
        text=text.strip(),
        language=language,
        status=initial_comment_status(actor),
        created_at=now or timezone.now(),
    )


@use_case
def comment_record_received(
    *,
    actor: Actor,
    proposal: Proposal,
    text: str,
    author_kind: str,
    organisation: Organisation | None = None,
    group_name: str = "",
    group_chamber: Chamber | None = None,
    channel: str = Channel.OTHER,
    language: str = SOURCE_LANGUAGE,
    paragraph: int | None = None,
    parent: Comment | None = None,
    received_at: datetime | None = None,
) -> Comment:
    """Record input the secretariat received outside the portal during the consultation (at
    a meeting, by phone, letter, radio, email or through an interpreter: ``channel``), on
    behalf of a member organisation (a community organisation of the alliance is one), of a
    named community organisation or group that is not a member (``author_kind`` "group",
    ``group_name`` and, for a group named for the first time, ``group_chamber``: the chamber
    its input counts in), or of an external stakeholder. The person who records it is kept
    (``recorded_by``; the secretariat, or the system for imports and demo data).

    Guarantees: the same rules as ``comment_post`` for the text, paragraph, reply and
    language; a group's and an external stakeholder's input only in a consultation open to
    the public; an external stakeholder's comment is held for moderation like any other; a
    group is found again by its name (whatever the case), never created twice. The input
    counts in participation by chamber and is answered like any comment."""
    policy.require(actor, "comment.record_received", proposal)
    proposal = _locked(proposal)
    closed = comment_is_closed(proposal)
    if closed:
        raise ValidationError(closed)
    errors: dict[str, str] = {}
    group_name = " ".join(group_name.split())
    if author_kind not in AuthorKind.values:
        errors["author_kind"] = (
            "Say on whose behalf: a member organisation, a community organisation or group, "
            "an external stakeholder, a reviewer or the secretariat."
        )
    if author_kind == AuthorKind.MEMBER and organisation is None:
        errors["organisation"] = "Say which member organisation the input comes from."
    if author_kind != AuthorKind.MEMBER and organisation is not None:
        errors["organisation"] = "Only a member organisation's input names an organisation."
    if author_kind == AuthorKind.GROUP and not group_name:
        errors["group_name"] = "Enter the name of the community organisation or group."
    if author_kind != AuthorKind.GROUP and group_name:
        errors["group_name"] = "Only input on behalf of a group names a group."
    if author_kind in (AuthorKind.EXTERNAL, AuthorKind.GROUP) and not proposal.consultation_public:
        errors["author_kind"] = (
            "This consultation is open to member organisations only: record the input on "
            "behalf of a member organisation, or open the consultation to the public."
        )
    if channel not in OFFLINE_CHANNELS:
        errors["channel"] = "Say how the input was received: " + ", ".join(
            str(Channel(value).label).lower() for value in OFFLINE_CHANNELS
        )
    errors.update(_check_comment(proposal, text, paragraph, parent) | _check_language(language))
    group = None
    if not errors and author_kind == AuthorKind.GROUP:
        group = _community_group(group_name, group_chamber)
    if errors:
        raise ValidationError(errors)
    return Comment.objects.create(
        proposal=proposal,
        version=_version_on(proposal),
        parent=parent,
        author=None,
        author_kind=author_kind,
        organisation=organisation,
        group=group,
        channel=channel,
        recorded_by=acting_user(actor),
        language=language,
        paragraph=paragraph,
        text=text.strip(),
        status=CommentStatus.HELD if author_kind == AuthorKind.EXTERNAL else CommentStatus.SHOWN,
        created_at=received_at or timezone.now(),
    )


def _community_group(name: str, chamber: Chamber | None) -> CommunityGroup:
    """The group of this name (any case), or a new one in ``chamber``. A name that is a
    member organisation's, or a known group named with another chamber, is refused."""
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ValidationError(
            {
                "group_name": f"{name} is an organisation of the alliance: record the input "
                "on behalf of the member organisation instead."
            }
        )
    group = CommunityGroup.objects.select_for_update().filter(name__iexact=name).first()
    if group is not None:
        if chamber is not None and group.chamber_id != chamber.pk:
            raise ValidationError(
                {
                    "group_chamber": f"{group.name} is already recorded in the chamber "
                    f"“{group.chamber.name}”."
                }
            )
        return group
    if chamber is None:
        raise ValidationError({"group_chamber": "Choose the chamber this group's input counts in."})
    return CommunityGroup.objects.create(name=name, chamber=chamber)


@use_case
def comment_moderate(
    *,
    actor: Actor,
    comment: Comment,
    decision: str,
    reason: str = "",
    now: datetime | None = None,
) -> Comment:
    """Approve (show) or reject (with a reason) a comment: the secretariat, until the ballot
    opens. A decision may be revisited with a new one. The author is told by email once per
    comment and outcome (through the outbox)."""
    policy.require(actor, "comment.moderate", comment)
    proposal = _locked(comment.proposal)
    if proposal.status not in ANSWERABLE:
        raise ValidationError("Comments are moderated until the ballot opens.")
    reason = reason.strip()
    if decision == ModerationVerdict.APPROVE:
        status = CommentStatus.SHOWN
    elif decision == ModerationVerdict.REJECT:
        if not reason:
            raise ValidationError({"reason": "Say why the comment is rejected."})
        status = CommentStatus.REJECTED
    else:
        raise ValidationError({"decision": "Approve or reject."})
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    changed = comment.status != status
    comment.status = status
    comment.moderation_reason = reason
    comment.moderated_by = acting_user(actor)
    comment.moderated_at = now or timezone.now()
    comment.save(update_fields=["status", "moderation_reason", "moderated_by", "moderated_at"])
    author = comment.author
    if changed and author is not None and author.email:
        shown = status == CommentStatus.SHOWN
        email_queue(
            event_key=f"governance:comment-moderated:{comment.pk}:{status}",
            recipient=author.email,
            subject=f"Your comment on “{proposal.title}” "
            + ("is now shown" if shown else "was not published"),
            body=(
                f"Your comment on “{proposal.title}” "
                + (
                    "has been approved and is now shown with the consultation."
                    if shown
                    else f"was not published. The secretariat's reason:\n\n{reason}"
                )
                + f"\n\n{getattr(settings, 'PORTAL_BASE_URL', '')}{proposal.get_absolute_url()}\n"
            ),
        )
    return comment


@use_case
def comment_respond(
    *,
    actor: Actor,
    comment: Comment,
    outcome: str,
    reason: str,
    now: datetime | None = None,
) -> CommentResponse:
    """Record (or revise) the secretariat's response to a shown comment: accepted, partly
    accepted or not accepted, with the reason. Until the ballot opens; afterwards responses
    are final, as they are published with the decision."""
    policy.require(actor, "comment.respond", comment)
    proposal = _locked(comment.proposal)
    if proposal.status not in ANSWERABLE:
        raise ValidationError("Responses are recorded until the ballot opens.")
    errors = {}
    if comment.status != CommentStatus.SHOWN:
        errors["comment"] = "Only a shown comment gets a response."
    if outcome not in ResponseOutcome.values:
        errors["outcome"] = "Accepted, partly accepted or not accepted."
    reason = reason.strip()
    if not reason:
        errors["reason"] = "Say what changed, or why not."
    if errors:
        raise ValidationError(errors)
    response, _ = CommentResponse.objects.update_or_create(
        comment=comment,
        defaults={
            "outcome": outcome,
            "reason": reason,
            "responded_by": acting_user(actor),
        },
        create_defaults={
            "outcome": outcome,
            "reason": reason,
            "responded_by": acting_user(actor),
            "responded_at": now or timezone.now(),
        },
    )
    return response


# --- translations ------------------------------------------------------------------------------


@use_case
def proposal_translation_save(
    *,
    actor: Actor,
    proposal: Proposal,
    language: str,
    title: str,
    text: str,
    summary: str = "",
    now: datetime | None = None,
) -> ProposalTranslation:
    """Add or replace the proposal's translation into one of the alliance's languages (the
    secretariat). Guarantees: the translation has exactly as many numbered paragraphs as the
    proposal text, so ¶n is the same paragraph in every language; it records the sha256 of
    the text it translates. Refused: the source language itself, an unknown language, an
    empty title or text, a different number of paragraphs (ValidationError)."""
    policy.require(actor, "proposal.translate", proposal)
    proposal = _locked(proposal)
    errors: dict[str, str] = {}
    if language == SOURCE_LANGUAGE:
        errors["language"] = "The proposal is written in English: choose another language."
    else:
        errors.update(_check_language(language))
    title, text, summary = title.strip(), text.strip(), summary.strip()
    if not title:
        errors["title"] = "Enter the title in this language."
    if not text:
        errors["text"] = "Enter the translated text."
    else:
        expected, found = paragraph_count(proposal.text), paragraph_count(text)
        if expected != found:
            errors["text"] = (
                f"The proposal has {expected} numbered paragraphs; this translation has "
                f"{found}. Keep one paragraph for each, separated by a blank line."
            )
    if errors:
        raise ValidationError(errors)
    translation, _ = ProposalTranslation.objects.update_or_create(
        proposal=proposal,
        language=language,
        defaults={
            "title": title,
            "summary": summary,
            "text": text,
            "source_sha256": text_sha256(proposal.text),
            "translated_by": acting_user(actor),
            "updated_at": now or timezone.now(),
        },
    )
    return translation
