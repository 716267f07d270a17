"""The documents library: a document (a file or a link) with its metadata and disclosure level;
its versions (a new upload keeps the old ones, each with its sha256); and the record of whom it
was shared with (the share itself is a django-guardian ``view_document`` permission given to the
organisation's group, or to the groups of the organisations seated on a body).

A document under legal hold is read by the secretariat only, whatever its level and shares,
until a person the policy allows (``document.release_hold``) releases it."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from alliance_portal.audit import audit_trail
from alliance_portal.disclosure import DisclosedModel
from alliance_portal.text_limits import DESCRIPTION, BoundedTextField
from glossary.languages import ContentLanguage
from governance.bodies.models import Body
from members.models import Organisation

# The most of an uploaded file's text kept for search (a tsvector holds at most 1 MB).
EXTRACTED_TEXT = 200_000


class DocumentKind(models.TextChoices):
    MINUTES = "minutes", "Meeting minutes"
    POSITION_PAPER = "position_paper", "Position paper"
    AUDIT_SUMMARY = "audit_summary", "Audit summary"
    BRIEFING = "briefing", "Briefing"
    REPORT_EVIDENCE = "report_evidence", "Evidence for a report"
    ACTION_EVIDENCE = "action_evidence", "Evidence for an action"
    OTHER = "other", "Other document"


@audit_trail(exclude=["search"])  # the search vector follows from the tracked fields
class Document(DisclosedModel):
    """A file (its versions) or a link, read at its disclosure level, by its organisation's
    people, and by those it was shared with; held documents by the secretariat only."""

    owner_organisation_path: ClassVar[str | None] = "organisation_id"

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    description = BoundedTextField(max_length=DESCRIPTION, blank=True, help_text="Plain text.")
    document_date = models.DateField("date", help_text="The day the document is dated.")
    language = models.CharField(max_length=5, choices=ContentLanguage.choices, default="en")
    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        help_text="The organisation whose document it is (its people read it at any level).",
    )
    link = models.URLField(
        blank=True, max_length=500, help_text="For a link: where the document is kept."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="uploaded_documents",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    legal_hold = models.BooleanField(
        default=False, help_text="Held for legal review: the secretariat only reads it."
    )
    legal_hold_released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_hold_released_at = models.DateTimeField(null=True, blank=True)
    # Filled by the services that write (title, description, the latest version's text).
    search = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ("-document_date", "-pk")
        indexes: ClassVar = [GinIndex(fields=("search",), name="document_search_gin")]
        constraints: ClassVar = [
            models.CheckConstraint(condition=~Q(title=""), name="document_has_a_title"),
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="document_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(legal_hold=False) | Q(legal_hold_released_at__isnull=True),
                name="document_held_not_released",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", kwargs={"pk": self.pk})

    @property
    def is_link(self) -> bool:
        return bool(self.link)


def version_path(instance: DocumentVersion, filename: str) -> str:
    # A generated name and the detected type's extension: the uploaded name never reaches the
    # filesystem (it is kept in ``original_name``, for display only).
    return f"documents/{uuid.uuid4().hex}.{instance.extension}"


@audit_trail(exclude=["text"])  # the text follows from the file, whose sha256 is tracked
class DocumentVersion(models.Model):
    """One uploaded file of a document; a new upload adds a version and keeps the old ones."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to=version_path, max_length=200)
    original_name = models.CharField(max_length=200, help_text="The name it was uploaded with.")
    extension = models.CharField(max_length=8)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    text = BoundedTextField(
        max_length=EXTRACTED_TEXT, blank=True, editable=False, help_text="Its text, for search."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("document", "-number")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("document", "number"), name="documentversion_once"),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="documentversion_sha256_hex"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} (version {self.number})"


@audit_trail()
class DocumentShare(models.Model):
    """Whom a document was shared with: an organisation, or a body (the organisations seated on
    it when it was shared). The read itself is granted by guardian permissions."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("document", "shared_at")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, body__isnull=True)
                | Q(organisation__isnull=True, body__isnull=False),
                name="documentshare_organisation_or_body",
            ),
            models.UniqueConstraint(
                fields=("document", "organisation"),
                condition=Q(organisation__isnull=False),
                name="documentshare_organisation_once",
            ),
            models.UniqueConstraint(
                fields=("document", "body"),
                condition=Q(body__isnull=False),
                name="documentshare_body_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} shared with {self.organisation or self.body}"
