"""A small real PDF with text (Helvetica, one page): the demo's documents and the tests' stand-in
for minutes and papers whose text the library's search reads."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject


def _escape(line: str) -> bytes:
    text = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return text.encode("latin-1", "replace")


def text_pdf(lines: list[str]) -> bytes:
    """One A4 page with ``lines`` of text, top to bottom."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    body = (
        b"BT /F1 11 Tf 14 TL 56 786 Td "
        + b" ".join(b"(" + _escape(line) + b") Tj T*" for line in lines)
        + b" ET"
    )
    stream = DecodedStreamObject()
    stream.set_data(body)
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
