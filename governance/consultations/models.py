"""What people say in a consultation, and what the alliance answers ("you said, we did")."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alliance_portal.audit import audit_trail
from alliance_portal.text_limits import DESCRIPTION, STATEMENT, BoundedTextField
from governance.proposals.models import Proposal
from members.models import Organisation


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
        ]
        indexes: ClassVar = [
            models.Index(fields=("proposal", "status")),
            models.Index(fields=("status", "author_kind")),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.proposal}"


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
