"""The one check of an uploaded signed commitment letter: a PDF that parses, at most 10 MB, not
encrypted, with no JavaScript, no automatic actions and no embedded files. The application
service calls it, so the form, the admin and any API reach it the same way."""

from __future__ import annotations

import io
import logging
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

MAX_LETTER_BYTES = 10 * 1024 * 1024
MAX_OBJECTS = 200_000  # a letter has a few hundred; more is a file built to slow us down

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

# A browser that sniffs the first bytes must never find markup there (an HTML or SVG file
# that starts "%PDF-1.4" is a polyglot, not a letter).
_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed)", re.I)
# Keys that run something when the file is opened or viewed, or carry another file.
_ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/RichMedia", "/XFA"})
# Actions that run a script or a program, send or import data, or open an embedded file.
_ACTIVE_VALUES = frozenset(
    {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/FileAttachment"}
)

logger = logging.getLogger(__name__)


def _refuse(message: str) -> ValidationError:
    return ValidationError({"commitment_letter": message})


def check_letter(letter: UploadedFile) -> None:
    """Raise a ValidationError on the ``commitment_letter`` field unless the upload is a PDF
    fit to be the signed letter. The size is checked before a byte is read."""
    if not (letter.name or "").lower().endswith(".pdf"):
        raise _refuse(NOT_PDF_NAME)
    if letter.size is None or letter.size > MAX_LETTER_BYTES:
        raise _refuse(TOO_LARGE)
    letter.seek(0)
    data = letter.read(MAX_LETTER_BYTES + 1)
    letter.seek(0)
    if len(data) > MAX_LETTER_BYTES:
        raise _refuse(TOO_LARGE)
    if not data.startswith(b"%PDF-") or _MARKUP.search(data[:1024]):
        raise _refuse(NOT_PDF)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _refuse(ENCRYPTED)
        if len(reader.pages) < 1:
            raise _refuse(NOT_PDF)
        active = _has_active_content(reader.trailer)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        logger.info("Refused a commitment letter that does not parse: %s", error)
        raise _refuse(NOT_PDF) from error
    if active:
        raise _refuse(ACTIVE_CONTENT)


def _has_active_content(trailer: DictionaryObject) -> bool:
    """Walk every object reachable from the trailer (the catalogue, its names trees, pages,
    annotations, actions...) looking for JavaScript, automatic actions and embedded files."""
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [trailer]
    while stack:
        if len(seen) > MAX_OBJECTS:
            raise ValueError("too many objects")
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, DictionaryObject):  # stream objects too (their dictionary)
            if _ACTIVE_KEYS.intersection(node.keys()):
                return True
            if _name(node, "/S") in _ACTIVE_VALUES or _name(node, "/Subtype") in _ACTIVE_VALUES:
                return True
            if "/EF" in node:  # a file specification with the file embedded in it
                return True
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return False


def _name(node: DictionaryObject, key: str) -> str:
    value = node.get(key)
    if isinstance(value, IndirectObject):
        value = value.get_object()
    return str(value) if isinstance(value, NameObject) else ""


def minimal_pdf() -> bytes:
    """A real one-page blank PDF (A4) that passes ``check_letter``: the demo's and the tests'
    stand-in for a signed letter."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
