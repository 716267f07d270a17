"""The one check of an uploaded signed commitment letter: a PDF that parses, at most 10 MB, not
encrypted, with no JavaScript, no automatic actions and no embedded files. The application
service calls it, so the form, the admin and any API reach it the same way."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from pypdf import PdfWriter

from alliance_portal.uploads import Messages, check_upload

MAX_LETTER_BYTES = 10 * 1024 * 1024

TOO_LARGE = (
    "The letter may be at most 10 MB: scan it at a lower resolution or print it to PDF again, "
    "and upload that."
)
NOT_PDF_NAME = "Upload the signed letter as a PDF file (its name ends in .pdf)."
NOT_PDF = (
    "This file is not a PDF document we can read: print the signed letter to PDF again and "
    "upload that."
)
ACTIVE_CONTENT = (
    "Upload the signed letter as a PDF file without attachments or scripts: print it to PDF "
    "again and upload that."
)
ENCRYPTED = (
    "This PDF is protected by a password: upload the signed letter as a PDF file without a "
    "password (print it to PDF again and upload that)."
)

LETTER_MESSAGES = Messages(
    too_large=TOO_LARGE,
    not_allowed=NOT_PDF,
    active_content=ACTIVE_CONTENT,
    encrypted=ENCRYPTED,
    unreadable=NOT_PDF,
)


def check_letter(letter: UploadedFile) -> None:
    """Raise a ValidationError on the ``commitment_letter`` field unless the upload is a PDF
    fit to be the signed letter. The size is checked before a byte is read (the shared check
    of every upload, ``alliance_portal.uploads``, with only PDF allowed)."""
    if not (letter.name or "").lower().endswith(".pdf"):
        raise ValidationError({"commitment_letter": NOT_PDF_NAME})
    check_upload(
        letter,
        max_bytes=MAX_LETTER_BYTES,
        allowed=frozenset({"pdf"}),
        messages=LETTER_MESSAGES,
        field="commitment_letter",
    )


def minimal_pdf() -> bytes:
    """A real one-page blank PDF (A4) that passes ``check_letter``: the demo's and the tests'
    stand-in for a signed letter."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
