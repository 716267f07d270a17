"""Term links: the first occurrence of each agreed glossary term in rendered HTML links to the
concept's page, with the definition as its title (a tooltip).

Used through the template filter ``{{ html|glossary_links }}`` after ``|markdown`` (proposals,
decisions, standards summaries, usage notes). The HTML is parsed with the standard library's
``html.parser`` and written back unchanged except for the links added to text nodes; nothing
inside ``<a>``, ``<code>``, ``<pre>``, headings (or script-like elements) is touched. Terms are
the preferred and alternative labels (not deprecated terms, not hidden labels) of agreed
concepts, in every language; abbreviations written in capitals (ASM, CAHRA, 3TG) match only in
capitals, other terms in any case, with an optional plural "s".

The term list is built from the database once per change: it is kept per process under a
fingerprint of the agreed concepts (their number and latest change), checked at most once per
request; services call ``terms_changed()`` after they agree or retire a concept.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from django.db import connection
from django.db.models import Count, Max
from django.urls import reverse
from django.utils.html import strip_tags

from alliance_portal.markdown import render_markdown
from glossary.languages import SOURCE_LANGUAGE
from glossary.models import Concept, ConceptStatus, Definition, Label, LabelKind, TermStatus

# Elements whose text is never linked.
SKIP_TAGS = frozenset(
    {"a", "code", "pre", "kbd", "samp", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style",
     "textarea", "button", "select", "option", "title"}
)  # fmt: skip
TITLE_LENGTH = 240


@dataclass(frozen=True)
class Term:
    text: str
    slug: str
    url: str
    title: str

    @property
    def case_sensitive(self) -> bool:
        """An abbreviation in capitals (ASM, 3TG) matches only in capitals."""
        return any(c.isupper() for c in self.text) and not any(c.islower() for c in self.text)


def plain_text(markdown_text: str, limit: int = TITLE_LENGTH) -> str:
    """Markdown as one line of plain text, cut at ``limit`` characters."""
    text = " ".join(html.unescape(strip_tags(render_markdown(markdown_text))).split())
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


class TermIndex:
    """Finds terms in text: one regular expression over every term, longest first (so that
    "artisanal and small-scale mining" wins over "small-scale mining")."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self.terms = list(terms)
        self._exact: dict[str, Term] = {}
        self._folded: dict[str, Term] = {}
        parts = []
        for term in sorted(self.terms, key=lambda t: len(t.text), reverse=True):
            escaped = r"\s+".join(re.escape(word) for word in term.text.split())
            if term.case_sensitive:
                self._exact.setdefault(term.text, term)
                parts.append(escaped)
            else:
                self._folded.setdefault(term.text.casefold(), term)
                parts.append(f"(?i:{escaped})")
        self._pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(parts) + r")(?:e?s)?(?![\w-])") if parts else None
        )

    def _term(self, matched: str) -> Term | None:
        words = " ".join(matched.split())
        return self._exact.get(words) or self._folded.get(words.casefold())

    def link(self, text: str, linked: set[str]) -> str:
        """``text`` (plain) as HTML, with the first occurrence of each concept not yet in
        ``linked`` made a link; ``linked`` is updated."""
        if self._pattern is None:
            return html.escape(text, quote=False)
        out: list[str] = []
        position = 0
        for match in self._pattern.finditer(text):
            term = self._term(match.group(1))
            if term is None or term.slug in linked:
                continue
            linked.add(term.slug)
            out.append(html.escape(text[position : match.start()], quote=False))
            out.append(
                f'<a class="glossary-term" href="{html.escape(term.url)}" '
                f'title="{html.escape(term.title)}">{html.escape(match.group(0), quote=False)}</a>'
            )
            position = match.end()
        out.append(html.escape(text[position:], quote=False))
        return "".join(out)


class _Linker(HTMLParser):
    def __init__(self, index: TermIndex, linked: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.index = index
        self.linked = linked
        self.skip_depth = 0
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.skip_depth += 1
        self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            self.out.append(html.escape(data, quote=False))
        else:
            self.out.append(self.index.link(data, self.linked))

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def link_terms(
    safe_html: str, *, exclude: str | None = None, index: TermIndex | None = None
) -> str:
    """``safe_html`` (already safe: the output of ``render_markdown``) with the first
    occurrence of each agreed term linked. ``exclude`` is a concept slug not to link (the
    concept whose own page this is)."""
    linker = _Linker(index or term_index(), {exclude} if exclude else set())
    linker.feed(safe_html)
    linker.close()
    return "".join(linker.out)


def build_index() -> TermIndex:
    """The terms of every agreed concept, from its current text (three queries)."""
    concepts = dict(
        Concept.objects.filter(status=ConceptStatus.AGREED).values_list(
            "current_revision_id", "slug"
        )
    )
    definitions: dict[tuple[int, str], str] = {
        (revision_id, language): text
        for revision_id, language, text in Definition.objects.filter(
            revision_id__in=list(concepts)
        ).values_list("revision_id", "language", "text")
    }
    terms = []
    labels = (
        Label.objects.filter(
            revision_id__in=list(concepts), kind__in=(LabelKind.PREFERRED, LabelKind.ALTERNATIVE)
        )
        .exclude(term_status=TermStatus.DEPRECATED)
        .values_list("revision_id", "language", "text")
    )
    titles: dict[tuple[int, str], str] = {}
    for revision_id, language, text in labels:
        key = (revision_id, language)
        if key not in titles:
            definition = definitions.get(key) or definitions.get((revision_id, SOURCE_LANGUAGE), "")
            titles[key] = plain_text(definition)
        slug = concepts[revision_id]
        terms.append(
            Term(
                text=text,
                slug=slug,
                url=reverse("glossary:concept-detail", kwargs={"slug": slug}),
                title=titles[key],
            )
        )
    return TermIndex(terms)


_lock = threading.Lock()
_indexes: dict[tuple[Any, ...], TermIndex] = {}
_request = threading.local()
_KEPT = 4


def _fingerprint() -> tuple[Any, ...]:
    row = Concept.objects.filter(status=ConceptStatus.AGREED).aggregate(
        count=Count("pk"), changed=Max("updated_at")
    )
    return (connection.settings_dict.get("NAME"), row["count"], row["changed"])


def term_index() -> TermIndex:
    """The current term index: rebuilt when the agreed concepts changed, else reused."""
    memo: TermIndex | None = getattr(_request, "index", None)
    if memo is not None:
        return memo
    key = _fingerprint()
    index = _indexes.get(key)
    if index is None:
        index = build_index()
        with _lock:
            if len(_indexes) >= _KEPT:
                _indexes.clear()
            _indexes[key] = index
    if getattr(_request, "active", False):
        _request.index = index
    return index


def terms_changed() -> None:
    """Forget this request's term index (the fingerprint catches the change for others)."""
    _request.index = None


def request_started(**kwargs: Any) -> None:
    _request.active = True
    _request.index = None


def request_finished(**kwargs: Any) -> None:
    _request.active = False
    _request.index = None
