"""Attaching a library document to what it is evidence for (a meeting's minutes, an action's
progress update): an existing document the person may read, or a new upload added to the
library in the same use case. Called inside those use cases (not a use case itself)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from alliance_portal.disclosure import LEVEL_ORDER
from alliance_portal.types import Actor
from governance.documents.models import Document, DocumentKind
from governance.documents.selectors import readable
from governance.documents.services import DocumentFields, add_document

NOT_READABLE = "Choose a document of the library that you may read."
BOTH = "Attach a document of the library or upload a new one, not both."
NARROWER = (
    "The document is read by fewer people than what it is attached to: choose a document "
    "its readers may read, or change who may read the document first."
)


def attach(
    *,
    actor: Actor,
    document: Document | None,
    file: UploadedFile | None,
    new: DocumentFields,
    field: str,
    readers: str | None = None,
) -> Document | None:
    """The document to attach: ``document`` (which ``actor`` must be able to read and, when
    ``readers`` is given, whose level is no narrower), a new one made from ``file`` and
    ``new``, or None when neither is given."""
    if document is not None and file is not None:
        raise ValidationError({field: BOTH})
    if file is not None:
        return add_document(actor=actor, fields=new, file=file)
    if document is None:
        return None
    if not readable(actor).filter(pk=document.pk).exists():
        raise ValidationError({field: NOT_READABLE})
    if readers is not None and (
        document.legal_hold or LEVEL_ORDER.index(document.disclosure) > LEVEL_ORDER.index(readers)
    ):
        raise ValidationError({field: NARROWER})
    return document


def action_evidence(
    actor: Actor, item: Any, document: Document | None, file: UploadedFile | None
) -> Document | None:
    """The evidence of a progress update on action ``item``: a library document its readers
    may read, or a new upload (the action's owner's, at the action's level)."""
    return attach(
        actor=actor,
        document=document,
        file=file,
        new=DocumentFields(
            title=f"Evidence: {item.title}"[:200],
            kind=DocumentKind.ACTION_EVIDENCE,
            document_date=timezone.localdate(),
            disclosure=item.disclosure,
            organisation=item.owner,
        ),
        field="evidence_document",
        readers=item.disclosure,
    )
