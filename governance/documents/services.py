"""Every write to the documents library, one use case per function (the pages, the API and the
admin call the same ones): add a document (a file or a link), upload a new version, change its
details, share it with an organisation or a body, hold it for legal review and release it.

An upload is checked whole before anything is written (``alliance_portal.uploads``: size from
settings, type from the content against the allow-list, PDFs without scripts or embedded
files); it is stored under a generated name, and a refused upload or a failed transaction
leaves no file behind. The full-text search vector is refreshed here, never per request."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Value
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.types import Actor
from alliance_portal.uploads import (
    DOCUMENT_KINDS,
    CheckedUpload,
    Messages,
    check_upload,
    pdf_text,
)
from governance.bodies.models import Body, SeatHolder
from governance.common.services import acting_user
from governance.documents.models import (
    EXTRACTED_TEXT,
    Document,
    DocumentKind,
    DocumentShare,
    DocumentVersion,
)
from members.models import Organisation

logger = logging.getLogger(__name__)

VIEW = "governance.view_document"
_BAD_NAME = re.compile(r"[/\\\x00-\x1f\x7f]|^\.|\.\.")


def max_bytes() -> int:
    return int(settings.DOCUMENT_MAX_UPLOAD_BYTES)


def messages() -> Messages:
    megabytes = max_bytes() // (1024 * 1024)
    return Messages(
        too_large=f"The file may be at most {megabytes} MB: upload a smaller file, or split it.",
        not_allowed=(
            "This file is not one the library takes: upload a PDF, an office document (Word, "
            "Excel, PowerPoint or OpenDocument), a PNG or JPEG image, or a CSV table."
        ),
        active_content=(
            "This file carries scripts, macros or attached files: save it again without them "
            "(for a PDF, print it to PDF again) and upload that."
        ),
        encrypted="This file is protected by a password: upload it without the password.",
        unreadable="This file is damaged or not what it says it is: save it again and upload that.",
    )


NAME_REFUSED = (
    "Rename the file before you upload it: its name may not contain folders (“/” or “\\”), "
    "“..”, or start with a dot."
)


def check_file_name(name: str, *, field: str = "file") -> str:
    """The uploaded name, for display only, or a refusal when it names a path."""
    name = name.strip()
    if not name or _BAD_NAME.search(name):
        raise ValidationError({field: NAME_REFUSED})
    return name[:200]


@dataclass(frozen=True)
class DocumentFields:
    """A document's details, as a person gives them."""

    title: str
    kind: str
    document_date: date
    language: str = "en"
    disclosure: str = DisclosureLevel.MEMBERS
    description: str = ""
    body: Body | None = None
    organisation: Organisation | None = None
    link: str = ""


def _clean(fields: DocumentFields) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values = {
        "title": fields.title.strip(),
        "kind": fields.kind,
        "document_date": fields.document_date,
        "language": fields.language,
        "disclosure": fields.disclosure,
        "description": fields.description.strip(),
        "body": fields.body,
        "organisation": fields.organisation,
        "link": fields.link.strip(),
    }
    if not values["title"]:
        errors["title"] = "Enter the document's title."
    if fields.kind not in DocumentKind.values:
        errors["kind"] = "Choose what kind of document this is."
    if fields.disclosure not in DisclosureLevel.values:
        errors["disclosure"] = "Choose who may read this document."
    if errors:
        raise ValidationError(errors)
    return values


def _owner_for(actor: Actor, organisation: Organisation | None) -> Organisation | None:
    """A person of a member organisation adds documents of their own organisation only; the
    secretariat names the organisation (or none: the alliance's own document)."""
    if policy.may(actor, "document.for_any_organisation"):
        return organisation
    who = policy.principal(actor)
    if who.organisation_id is None or (
        organisation is not None and organisation.pk != who.organisation_id
    ):
        raise ValidationError({"organisation": "You add documents for your own organisation."})
    return Organisation.objects.get(pk=who.organisation_id)


@use_case
def document_add(
    *, actor: Actor, fields: DocumentFields, file: UploadedFile | None = None
) -> Document:
    """Add a document: a file (its first version) or a link, never both, never neither. The
    file is checked before anything is written; nothing is stored when it is refused."""
    return add_document(actor=actor, fields=fields, file=file)


def add_document(
    *, actor: Actor, fields: DocumentFields, file: UploadedFile | None = None
) -> Document:
    """The work of ``document_add``, inside a use case that also attaches the document to what
    it is evidence for (minutes, a progress update). Its last write is the file's."""
    policy.require(actor, "document.upload")
    values = _clean(fields)
    values["organisation"] = _owner_for(actor, values["organisation"])
    if (file is None) == (not values["link"]):
        raise ValidationError({"file": "Upload a file or give a link to the document (one)."})
    checked = _check(file) if file is not None else None
    document = Document.objects.create(**values, uploaded_by=acting_user(actor))
    if checked is None or file is None:
        refresh_search(document)
        return document
    text = _text(checked)
    refresh_search(document, text=text)
    _store_version(actor, document, file, checked, text)  # the last write: see _store_version
    return document


@use_case
def document_add_version(
    *, actor: Actor, document: Document, file: UploadedFile
) -> DocumentVersion:
    """Upload a new version of a file document; the old versions stay, each with its sha256."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    policy.require(actor, "document.edit", document)
    if document.link:
        raise ValidationError({"file": "This document is a link: change its link instead."})
    checked = _check(file)
    Document.objects.filter(pk=document.pk).update(updated_at=timezone.now())
    text = _text(checked)
    refresh_search(document, text=text)
    return _store_version(actor, document, file, checked, text)  # the last write


def _check(file: UploadedFile) -> CheckedUpload:
    check_file_name(file.name or "")
    return check_upload(
        file, max_bytes=max_bytes(), allowed=DOCUMENT_KINDS, messages=messages(), field="file"
    )


def _text(checked: CheckedUpload) -> str:
    if checked.kind.extension == "pdf":
        return pdf_text(checked.data, max_chars=EXTRACTED_TEXT)
    if checked.kind.extension == "csv":
        return checked.data.decode("utf-8-sig")[:EXTRACTED_TEXT]
    return ""


def _store_version(
    actor: Actor, document: Document, file: UploadedFile, checked: CheckedUpload, text: str
) -> DocumentVersion:
    """Write the file under a generated name, then its row: the use case's last write, so a
    refusal before it stores nothing and a row that cannot be saved removes the file."""
    number = (
        document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=check_file_name(file.name or ""),
        extension=checked.kind.extension,
        content_type=checked.kind.content_type,
        size=len(checked.data),
        sha256=hashlib.sha256(checked.data).hexdigest(),
        text=text,
        uploaded_by=acting_user(actor),
    )
    version.file.save("upload", ContentFile(checked.data), save=False)
    try:
        version.save()
    except Exception:
        # The file was written before the row: a row that cannot be saved leaves no file.
        version.file.storage.delete(version.file.name)
        raise
    return version


def refresh_search(document: Document, *, text: str | None = None) -> None:
    """Refresh the document's search vector from its title, description and latest version's
    text (``text``, when that version is being added). The services that write call it; a page
    never computes it."""
    latest = text
    if latest is None:
        latest = document.versions.order_by("-number").values_list("text", flat=True).first() or ""
    Document.objects.filter(pk=document.pk).update(
        search=SearchVector("title", weight="A", config="simple")
        + SearchVector("description", weight="B", config="simple")
        + SearchVector(Value(latest), weight="C", config="simple")
    )


EDITABLE = (
    "title",
    "kind",
    "document_date",
    "language",
    "disclosure",
    "description",
    "body",
    "link",
)


@use_case
def document_update(*, actor: Actor, document: Document, changes: dict[str, Any]) -> Document:
    """Change a document's details (not its versions, not its organisation)."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    policy.require(actor, "document.edit", document)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(
            f"These details cannot be changed here: {', '.join(sorted(unknown))}."
        )
    current = {name: getattr(document, name) for name in EDITABLE}
    values = _clean(DocumentFields(**{**current, **changes}, organisation=document.organisation))
    if values["link"] and document.versions.exists():
        raise ValidationError(
            {"link": "This document has uploaded files: it cannot become a link."}
        )
    if not values["link"] and not document.versions.exists():
        raise ValidationError({"link": "Give the link to the document."})
    for name in EDITABLE:
        setattr(document, name, values[name])
    document.updated_at = timezone.now()
    document.save()
    refresh_search(document)
    return document


def _groups_for(organisation: Organisation | None, body: Body | None) -> list[Any]:
    if organisation is not None:
        return [organisation.group] if organisation.group is not None else []
    today = timezone.localdate()
    seated = (
        SeatHolder.objects.filter(body=body, term_start__lte=today)
        .exclude(term_end__lt=today)
        .values_list("organisation_id", flat=True)
    )
    return [
        o.group
        for o in Organisation.objects.filter(pk__in=seated).select_related("group")
        if o.group
    ]


@use_case
def document_share(
    *,
    actor: Actor,
    document: Document,
    organisation: Organisation | None = None,
    body: Body | None = None,
) -> DocumentShare:
    """Share a document with an organisation's people, or with the organisations seated on a
    body today (a django-guardian ``view_document`` permission for each one's group)."""
    policy.require(actor, "document.share", document)
    if (organisation is None) == (body is None):
        raise ValidationError(
            {"organisation": "Choose one organisation or one body to share with."}
        )
    existing = DocumentShare.objects.filter(document=document, organisation=organisation, body=body)
    if existing.exists():
        raise ValidationError({"organisation": "The document is shared with them already."})
    share = DocumentShare.objects.create(
        document=document, organisation=organisation, body=body, shared_by=acting_user(actor)
    )
    for group in _groups_for(organisation, body):
        assign_perm(VIEW, group, document)
    return share


@use_case
def document_unshare(*, actor: Actor, share: DocumentShare) -> None:
    """Take a share back: its groups lose the permission unless another share still gives it."""
    document = share.document
    policy.require(actor, "document.share", document)
    kept = {
        group.pk
        for other in document.shares.exclude(pk=share.pk)
        for group in _groups_for(other.organisation, other.body)
    }
    for group in _groups_for(share.organisation, share.body):
        if group.pk not in kept:
            remove_perm(VIEW, group, document)
    share.delete()


@use_case
def document_hold(*, actor: Actor, document: Document) -> Document:
    """Hold a document for legal review: from now on the secretariat only reads it."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    policy.require(actor, "document.hold", document)
    if document.legal_hold:
        raise ValidationError("This document is held for legal review already.")
    document.legal_hold = True
    document.legal_hold_released_by = None
    document.legal_hold_released_at = None
    document.save(update_fields=["legal_hold", "legal_hold_released_by", "legal_hold_released_at"])
    return document


@use_case
def document_release_hold(*, actor: Actor, document: Document) -> Document:
    """Release a document held for legal review: it is read at its level again, and who
    released it and when is recorded."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    policy.require(actor, "document.release_hold", document)
    if not document.legal_hold:
        raise ValidationError("This document is not held for legal review.")
    document.legal_hold = False
    document.legal_hold_released_by = acting_user(actor)
    document.legal_hold_released_at = timezone.now()
    document.save(update_fields=["legal_hold", "legal_hold_released_by", "legal_hold_released_at"])
    return document
