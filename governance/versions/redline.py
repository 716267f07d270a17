"""The paragraph-level redline between two versions of a text: which numbered paragraphs were
kept, added, removed or changed, and inside a changed paragraph which words were deleted and
inserted (``<del>`` / ``<ins>``, each with words for screen readers, so that nothing is said by
colour alone). Plain Python over ``governance.paragraphs``; the sources are shown as text (the
Markdown as written), escaped here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from governance.paragraphs import Paragraph, split_paragraphs

UNCHANGED = "unchanged"
CHANGED = "changed"
ADDED = "added"
REMOVED = "removed"
LABELS = {UNCHANGED: "Unchanged", CHANGED: "Changed", ADDED: "Added", REMOVED: "Removed"}

# A word and the space after it stay together, so a redline reads as words, not letters.
_TOKEN = re.compile(r"\S+\s*|\s+")
# Two paragraphs in the same place count as one paragraph changed when at least this share of
# their words is the same; otherwise one was removed and another added.
SAME_PARAGRAPH = 0.4


@dataclass(frozen=True)
class Row:
    """One row of the redline: ``old`` and ``new`` are the paragraphs (None where there is
    none), ``kind`` one of unchanged, changed, added, removed; ``html`` the redline of its
    text."""

    kind: str
    old: Paragraph | None
    new: Paragraph | None
    html: SafeString

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def word_redline(old: str, new: str) -> SafeString:
    """``new`` against ``old`` word by word: deleted words in ``<del>``, inserted ones in
    ``<ins>``, the rest as is; everything escaped."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(_mark("del", "deleted", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(_mark("ins", "inserted", "".join(b[j1:j2])))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


def _mark(tag: str, words: str, text: str) -> SafeString:
    return mark_safe(  # noqa: S308 (the text is escaped)
        f'<{tag}><span class="visually-hidden">[{words}: </span>{escape(text)}'
        f'<span class="visually-hidden">]</span></{tag}>'
    )


def _similar(a: Paragraph, b: Paragraph) -> bool:
    ratio = SequenceMatcher(None, _TOKEN.findall(a.source), _TOKEN.findall(b.source)).ratio()
    return ratio >= SAME_PARAGRAPH


def _block(old: list[Paragraph], new: list[Paragraph]) -> list[Row]:
    """A run of paragraphs replaced by another: paired in order while they are alike
    (changed), the rest removed or added."""
    rows: list[Row] = []
    i = j = 0
    while i < len(old) or j < len(new):
        if i < len(old) and j < len(new) and _similar(old[i], new[j]):
            rows.append(Row(CHANGED, old[i], new[j], word_redline(old[i].source, new[j].source)))
            i, j = i + 1, j + 1
        elif i < len(old) and (j >= len(new) or len(old) - i >= len(new) - j):
            rows.append(Row(REMOVED, old[i], None, _mark("del", "removed", old[i].source)))
            i += 1
        else:
            rows.append(Row(ADDED, None, new[j], _mark("ins", "added", new[j].source)))
            j += 1
    return rows


def redline(old_text: str, new_text: str) -> list[Row]:
    """The rows of the redline from ``old_text`` to ``new_text``, in reading order.
    Guarantees: the same texts give no row but unchanged ones; every paragraph of each text
    appears in exactly one row, in its order."""
    old, new = split_paragraphs(old_text), split_paragraphs(new_text)
    matcher = SequenceMatcher(
        None, [p.source for p in old], [p.source for p in new], autojunk=False
    )
    rows: list[Row] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(
                Row(UNCHANGED, a, b, mark_safe(escape(b.source)))  # noqa: S308
                for a, b in zip(old[i1:i2], new[j1:j2], strict=True)
            )
        else:
            rows.extend(_block(old[i1:i2], new[j1:j2]))
    return rows


def changed_paragraphs(old_text: str, new_text: str) -> set[int]:
    """Numbers of the paragraphs of ``new_text`` that are new or differ from ``old_text``."""
    return {
        row.new.number
        for row in redline(old_text, new_text)
        if row.new is not None and row.kind != UNCHANGED
    }
