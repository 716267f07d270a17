"""Numbered paragraphs of a proposal text, so that a comment can name the paragraph it is
about ("§3") and everyone finds it under the same number.

A paragraph is a top-level Markdown block: a paragraph of prose, a whole list, a table, a
heading, a quotation or a code block. Each is rendered on its own through the portal's one
sanitizing renderer (``alliance_portal.markdown``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString
from markdown_it import MarkdownIt

from alliance_portal.markdown import render_markdown

# Only used to find where the top-level blocks start and end; rendering is the portal's.
_block_parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


@dataclass(frozen=True)
class Paragraph:
    number: int
    source: str

    @property
    def html(self) -> SafeString:
        return render_markdown(self.source)

    @property
    def anchor(self) -> str:
        return f"p{self.number}"


def split_paragraphs(text: str) -> list[Paragraph]:
    """The top-level blocks of ``text``, numbered from 1, each with its Markdown source.
    Guarantees: the same text always gives the same numbering; blank text gives none."""
    if not text or not text.strip():
        return []
    lines = text.splitlines()
    paragraphs: list[Paragraph] = []
    for token in _block_parser.parse(text):
        # Top-level blocks open at level 0 (nesting 1) or stand alone (nesting 0: code, hr).
        if token.level != 0 or token.nesting == -1 or token.map is None:
            continue
        start, end = token.map
        source = "\n".join(lines[start:end]).strip()
        if source:
            paragraphs.append(Paragraph(number=len(paragraphs) + 1, source=source))
    return paragraphs


def paragraph_count(text: str) -> int:
    return len(split_paragraphs(text))
