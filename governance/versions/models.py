"""Versions of a proposal's text: version 1 is the text its consultation opened on; after a
consultation the author (the secretariat, with the author organisation's agreement for a
member-tabled proposal) publishes revised versions. A version never changes once published
(the database refuses it); the ballot opens on one of them, and the decision record names its
number and sha256.

``ResponseChange`` links a response that accepted (or partly accepted) a comment to the
paragraphs of the version it changed ("you said, we did", paragraph by paragraph)."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from typing import ClassVar

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from alliance_portal.append_only import APPEND_ONLY_TRIGGER_PREFIX
from alliance_portal.audit import audit_trail
from alliance_portal.text_limits import DOCUMENT, STATEMENT, SUMMARY, BoundedTextField
from governance.ballots.models.ballots import _ProposalDisclosure
from governance.consultations.models import CommentResponse
from governance.proposals.models import Proposal


def canonical_text(text: str) -> str:
    """The text as it is stored and hashed: line ends as LF, no trailing spaces on a line, no
    blank lines around it. The same text typed on any system gives the same hash."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def text_sha256(text: str) -> str:
    """sha256 of the canonical text in UTF-8, lowercase hex: what anyone can recompute from
    the version's text as published (``/governance/proposals/<id>/versions/<n>/text/``)."""
    return hashlib.sha256(canonical_text(text).encode("utf-8")).hexdigest()


def _frozen_triggers(*, erasable: str) -> list[pgtrigger.Trigger]:
    """Freeze a row once written: the database refuses DELETE, TRUNCATE and every UPDATE
    except emptying the ``erasable`` link to a person's account (erasing a person's data never
    changes a published text). Named with the append-only prefix so that the test database's
    flush switches them off like the others' (``alliance_portal.testing.db``)."""
    refuse = (
        "RAISE EXCEPTION '% is frozen: % is not allowed', TG_TABLE_NAME, TG_OP "
        "USING ERRCODE = 'restrict_violation', "
        "HINT = 'Publish a new version instead of changing one.';"
    )
    allow_erasure = f"""
    IF TG_OP = 'UPDATE'
        AND (to_jsonb(OLD) - '{erasable}_id') = (to_jsonb(NEW) - '{erasable}_id')
        AND (NEW.{erasable}_id IS NULL OR NEW.{erasable}_id IS NOT DISTINCT FROM OLD.{erasable}_id)
    THEN
        RETURN NEW;
    END IF;
    {refuse}"""
    return [
        pgtrigger.Trigger(
            name=f"{APPEND_ONLY_TRIGGER_PREFIX}_version_frozen",
            level=pgtrigger.Row,
            when=pgtrigger.Before,
            operation=pgtrigger.Update | pgtrigger.Delete,
            func=allow_erasure,
        ),
        pgtrigger.Trigger(
            name=f"{APPEND_ONLY_TRIGGER_PREFIX}_version_frozen_truncate",
            level=pgtrigger.Statement,
            when=pgtrigger.Before,
            operation=pgtrigger.Truncate,
            func=refuse,
        ),
    ]


@audit_trail()
class ProposalVersion(_ProposalDisclosure):
    """One published version of a proposal's title, summary and text (Markdown), numbered
    from 1 per proposal, with what changed and the sha256 of its canonical text. Read by whoever
    may read the proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    summary = BoundedTextField(max_length=SUMMARY)
    text = BoundedTextField(max_length=DOCUMENT, help_text="Markdown, numbered by paragraph.")
    sha256 = models.CharField(max_length=64, editable=False)
    note = BoundedTextField(
        "what changed",
        max_length=STATEMENT,
        blank=True,
        help_text="What changed since the previous version, and why (plain words).",
    )
    author_agreed = models.BooleanField(
        "the author organisation agreed",
        default=False,
        help_text="For a member-tabled proposal: its representative agreed this text.",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("proposal", "number")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("proposal", "number"), name="proposalversion_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="proposalversion_from_one"),
            models.CheckConstraint(condition=~Q(text=""), name="proposalversion_has_text"),
            models.CheckConstraint(condition=~Q(title=""), name="proposalversion_has_a_title"),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="proposalversion_sha256_hex"
            ),
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(note=""), name="proposalversion_says_what_changed"
            ),
        ]
        triggers = _frozen_triggers(erasable="published_by")

    def __str__(self) -> str:
        return f"{self.proposal}, version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "governance:version-detail", kwargs={"pk": self.proposal_id, "number": self.number}
        )

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]


@audit_trail()
class ResponseChange(_ProposalDisclosure):
    """A paragraph of ``version`` that a response accepting (or partly accepting) a comment
    changed. Set when the version is published, or afterwards until the ballot opens."""

    proposal_path: ClassVar[str] = "version__proposal"

    response = models.ForeignKey(CommentResponse, on_delete=models.CASCADE, related_name="changes")
    version = models.ForeignKey(
        ProposalVersion, on_delete=models.PROTECT, related_name="response_changes"
    )
    paragraph = models.PositiveSmallIntegerField(help_text="Paragraph number in the version.")

    class Meta:
        ordering = ("version", "paragraph", "response")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("response", "version", "paragraph"), name="responsechange_once"
            ),
            models.CheckConstraint(
                condition=Q(paragraph__gte=1), name="responsechange_paragraph_from_one"
            ),
        ]

    def __str__(self) -> str:
        return f"¶{self.paragraph} of version {self.version_id}, response {self.response_id}"


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", "Awaiting the secretariat"
    PUBLISHED = "published", "Published"
    RETURNED = "returned", "Returned to the author"


@audit_trail()
class VersionSubmission(models.Model):
    """A revised version of a member-tabled proposal that its author organisation's
    representative submitted, for the secretariat to publish (it becomes a ``ProposalVersion``)
    or return with a reason the author reads. Read by the author organisation and the
    secretariat only (secretariat-level material owned by the author organisation).

    ``changes`` maps the id of a response that accepted a comment on ``based_on`` (as text, a
    JSON key) to the paragraphs of the submitted text it changed."""

    owner_organisation_path: ClassVar[str | None] = "organisation"

    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="version_submissions"
    )
    based_on = models.ForeignKey(ProposalVersion, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    summary = BoundedTextField(max_length=SUMMARY)
    text = BoundedTextField(max_length=DOCUMENT)
    note = BoundedTextField("what changed", max_length=STATEMENT)
    changes = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    return_reason = BoundedTextField(
        "why it was returned",
        max_length=STATEMENT,
        blank=True,
        help_text="Shown to the author organisation.",
    )
    version = models.OneToOneField(
        ProposalVersion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submission",
    )

    class Meta:
        ordering = ("proposal", "-submitted_at", "-pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("proposal",),
                condition=Q(status="pending"),
                name="versionsubmission_one_pending",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="versionsubmission_has_text"),
            models.CheckConstraint(condition=~Q(note=""), name="versionsubmission_says_why"),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="versionsubmission_returned_with_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(version__isnull=False),
                name="versionsubmission_published_as_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal}, revision submitted {self.submitted_at:%d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse(
            "governance:version-submission", kwargs={"pk": self.proposal_id, "sid": self.pk}
        )

    @classmethod
    def disclosure_q(cls, levels: Collection[str]) -> Q:
        # Secretariat-level; the author organisation reads its own (owner_organisation_path).
        return Q() if "secretariat" in levels else Q(pk__in=[])

    @property
    def disclosure_level(self) -> str:
        return "secretariat"

    def owner_organisation_id(self) -> int | None:
        return self.organisation_id

    @property
    def is_pending(self) -> bool:
        return self.status == SubmissionStatus.PENDING

    def paragraph_changes(self) -> dict[int, list[int]]:
        """``changes`` with integer response ids."""
        return {int(key): list(value) for key, value in (self.changes or {}).items()}
