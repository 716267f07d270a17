"""What people say in a consultation, and what the alliance answers ("you said, we did")."""

from __future__ import annotations

import hashlib
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from alliance_portal.audit import audit_trail
from alliance_portal.text_limits import (
    DESCRIPTION,
    DOCUMENT,
    SHORT_NOTE,
    STATEMENT,
    SUMMARY,
    BoundedTextField,
)
from glossary.languages import SOURCE_LANGUAGE, ContentLanguage
from governance.proposals.models import Proposal
from members.models import Chamber, Organisation


class CommentStatus(models.TextChoices):
    SHOWN = "shown", "Shown"
    HELD = "held", "Held for moderation"
    REJECTED = "rejected", "Rejected in moderation"


class AuthorKind(models.TextChoices):
    """In what capacity the author spoke, fixed when the comment was posted."""

    MEMBER = "member", "Member organisation"
    REVIEWER = "reviewer", "Civil-society reviewer"
    SECRETARIAT = "secretariat", "Secretariat"
    EXTERNAL = "external", "External stakeholder"
    # Input the secretariat recorded on behalf of a community organisation or group that is
    # not a member organisation (``Comment.group``).
    GROUP = "group", "Community organisation or group"


class Channel(models.TextChoices):
    """How a comment reached the alliance: through the portal, or recorded by the secretariat
    from input received another way."""

    PORTAL = "portal", "Through the portal"
    MEETING = "meeting", "At a meeting"
    PHONE = "phone", "By phone"
    LETTER = "letter", "By letter"
    RADIO = "radio", "By radio"
    INTERPRETER = "interpreter", "Through an interpreter"
    EMAIL = "email", "By email"
    OTHER = "other", "Another way"


OFFLINE_CHANNELS = [c for c in Channel.values if c != Channel.PORTAL]


@audit_trail()
class CommunityGroup(models.Model):
    """A community organisation or group that is not a member organisation, named when the
    secretariat records input received on its behalf (at a meeting, by phone, by radio,
    through an interpreter). Its chamber is the one its input counts in."""

    name = models.CharField(max_length=200)
    chamber = models.ForeignKey(Chamber, on_delete=models.PROTECT, related_name="+")
    description = BoundedTextField(
        max_length=SHORT_NOTE, blank=True, help_text="Who they are, where (plain text)."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("name",)
        constraints: ClassVar = [
            models.UniqueConstraint(Lower("name"), name="communitygroup_name_unique"),
            models.CheckConstraint(condition=~Q(name=""), name="communitygroup_has_a_name"),
        ]

    def __str__(self) -> str:
        return self.name


@audit_trail()
class Comment(models.Model):
    """A comment in a proposal's consultation (Markdown), optionally anchored to a numbered
    paragraph of the proposal text, or a reply to a top-level comment (one reply level).

    A member's comment speaks for its organisation (``organisation``, kept even if the author's
    account is later erased). External stakeholders' comments are held until the secretariat
    approves them; held and rejected comments are shown to the secretariat only."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_kind = models.CharField(max_length=12, choices=AuthorKind.choices)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The member organisation the author spoke for.",
    )
    version = models.ForeignKey(
        "governance.ProposalVersion",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="comments",
        help_text="The version of the text commented on (its paragraph numbers).",
    )
    group = models.ForeignKey(
        CommunityGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
        help_text="The community organisation or group the input was recorded for.",
    )
    channel = models.CharField(
        max_length=12,
        choices=Channel.choices,
        default=Channel.PORTAL,
        help_text="How the comment reached the alliance.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The secretariat's person who recorded input received outside the portal.",
    )
    language = models.CharField(
        max_length=5,
        choices=ContentLanguage.choices,
        default=SOURCE_LANGUAGE,
        help_text="The language the comment is written in.",
    )
    paragraph = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Number of the proposal paragraph commented on."
    )
    text = BoundedTextField(max_length=DESCRIPTION, help_text="Markdown.")
    status = models.CharField(
        max_length=10, choices=CommentStatus.choices, default=CommentStatus.SHOWN
    )
    moderation_reason = BoundedTextField(max_length=STATEMENT, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("proposal", "created_at", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(condition=~Q(text=""), name="comment_has_text"),
            models.CheckConstraint(
                condition=Q(paragraph__isnull=True) | Q(paragraph__gte=1),
                name="comment_paragraph_from_one",
            ),
            models.CheckConstraint(
                condition=Q(status__in=CommentStatus.values), name="comment_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=CommentStatus.REJECTED) | ~Q(moderation_reason=""),
                name="comment_rejection_has_a_reason",
            ),
            models.CheckConstraint(
                condition=(Q(author_kind=AuthorKind.MEMBER) & Q(organisation__isnull=False))
                | (~Q(author_kind=AuthorKind.MEMBER) & Q(organisation__isnull=True)),
                name="comment_member_speaks_for_an_organisation",
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=models.F("pk")),
                name="comment_not_its_own_parent",
            ),
            models.CheckConstraint(
                condition=(Q(author_kind=AuthorKind.GROUP) & Q(group__isnull=False))
                | (~Q(author_kind=AuthorKind.GROUP) & Q(group__isnull=True)),
                name="comment_group_input_names_its_group",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="comment_channel_valid"
            ),
            models.CheckConstraint(
                # Input for a group never comes through the portal: the secretariat records it.
                condition=~Q(author_kind=AuthorKind.GROUP) | ~Q(channel=Channel.PORTAL),
                name="comment_group_input_is_recorded",
            ),
            models.CheckConstraint(
                condition=Q(language__in=ContentLanguage.values), name="comment_language_valid"
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=("proposal", "status")),
            models.Index(fields=("status", "author_kind")),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.proposal}"

    @property
    def received_offline(self) -> bool:
        return self.channel != Channel.PORTAL

    @property
    def speaker_name(self) -> str:
        """Whom the comment speaks for, by name: the organisation or the group; empty for a
        person speaking for themselves."""
        if self.organisation_id is not None:
            return self.organisation.name  # type: ignore[union-attr]
        if self.group_id is not None:
            return self.group.name  # type: ignore[union-attr]
        return ""

    @property
    def speaker_chamber(self) -> Chamber | None:
        """The chamber the comment counts in: its organisation's or its group's."""
        if self.organisation_id is not None:
            return self.organisation.chamber  # type: ignore[union-attr]
        if self.group_id is not None:
            return self.group.chamber  # type: ignore[union-attr]
        return None

    @property
    def received_as(self) -> str:
        """How the comment came in, in words: "Received by phone on behalf of Kolwezi Women's
        Collective"; empty for a comment posted through the portal."""
        if not self.received_offline:
            return ""
        said = f"Received {self.get_channel_display().lower()}"
        name = self.speaker_name
        return f"{said} on behalf of {name}" if name else said


class ResponseOutcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


@audit_trail()
class CommentResponse(models.Model):
    """The secretariat's answer to one shown comment, with the reason. Every shown comment
    has one before a ballot may open; they are published with the decision."""

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="response")
    outcome = models.CharField(max_length=16, choices=ResponseOutcome.choices)
    reason = BoundedTextField(max_length=STATEMENT, help_text="Markdown: what changed, or why not.")
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("comment",)
        constraints: ClassVar = [
            models.CheckConstraint(condition=~Q(reason=""), name="commentresponse_has_a_reason"),
            models.CheckConstraint(
                condition=Q(outcome__in=ResponseOutcome.values),
                name="commentresponse_outcome_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: comment {self.comment_id}"


def text_sha256(text: str) -> str:
    """The sha256 (hex) of a proposal text, as a translation records its source."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@audit_trail()
class ProposalTranslation(models.Model):
    """A proposal's title, summary and text in another of the alliance's languages, added by
    the secretariat so that a consultation can run in several languages. The text is Markdown
    with the same top-level paragraphs as the proposal's, so that ¶3 is ¶3 in every language
    (``governance.paragraphs``). ``source_sha256`` is the sha256 of the proposal text that was
    translated: when the text changes later the page says the translation may lag behind.
    Keyed to the proposal; it may later be keyed to a proposal version."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=5, choices=ContentLanguage.choices)
    title = models.CharField(max_length=200)
    summary = BoundedTextField(max_length=SUMMARY, blank=True, help_text="Plain text.")
    text = BoundedTextField(
        max_length=DOCUMENT, help_text="Markdown, paragraph for paragraph as in the proposal."
    )
    source_sha256 = models.CharField(
        max_length=64, help_text="sha256 of the proposal text that was translated."
    )
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("proposal", "language")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("proposal", "language"), name="proposaltranslation_one_per_language"
            ),
            models.CheckConstraint(
                condition=Q(language__in=ContentLanguage.values) & ~Q(language=SOURCE_LANGUAGE),
                name="proposaltranslation_language_not_the_source",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="proposaltranslation_has_text"),
            models.CheckConstraint(
                condition=Q(source_sha256__regex=r"^[0-9a-f]{64}$"),
                name="proposaltranslation_source_sha256_hex",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} ({self.get_language_display()})"
