"""Markdown rendering for every user-written text (descriptions, comments, decision texts...).

One renderer for the whole portal, so that what a member may write, and what it can do to the
page, is decided in one place: CommonMark plus tables and strikethrough, raw HTML shown as text,
and the resulting HTML passed through an allow-list sanitizer before it is marked safe.
"""

from __future__ import annotations

from collections.abc import Sequence

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

# User text sits under the page's own h1 (page title) and h2 (sections); a "# Title" in a
# comment must not compete with them in the outline, so headings start at h3.
HEADING_SHIFT = 2
DEEPEST_HEADING = 6

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p", "br", "hr",
        "h3", "h4", "h5", "h6",
        "em", "strong", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "a",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"

# "html": False makes markdown-it escape any raw HTML in the source instead of passing it on;
# the sanitizer below is the second, independent line of defence.
_parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def _adjust_tokens(tokens: Sequence[Token]) -> None:
    """Rewrite the parsed tokens in place so the rendered HTML uses only allow-listed markup:
    headings shifted down (h1 -> h3, ..., capped at h6); strikethrough as `del` (markdown-it
    writes `s`); table cell alignment as an `align` attribute (markdown-it writes an inline
    `style`, which the sanitizer drops and the Content-Security-Policy would block anyway)."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = int(token.tag[1:])
            token.tag = f"h{min(level + HEADING_SHIFT, DEEPEST_HEADING)}"
        elif token.type in ("s_open", "s_close"):
            token.tag = "del"
        elif token.type in ("th_open", "td_open"):
            style = token.attrs.pop("style", None)
            if isinstance(style, str) and style.startswith("text-align:"):
                token.attrSet("align", style.removeprefix("text-align:"))
        if token.children:
            _adjust_tokens(token.children)


def render_markdown(text: str | None) -> SafeString:
    """Render user-written markdown to HTML that is safe to insert into a page.

    Guarantees: the result contains only the tags and attributes of the allow-lists above; no
    raw HTML from the source is interpreted (it appears as text); links point only to http,
    https or mailto URLs (or relative ones) and carry rel="nofollow noopener noreferrer";
    headings are h3-h6. Empty or None text gives an empty string."""
    if not text:
        return mark_safe("")
    tokens = _parser.parse(text)
    _adjust_tokens(tokens)
    html = _parser.renderer.render(tokens, _parser.options, {})
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
    )
    # Safe only because `clean` is the sanitizer's output: nothing outside the allow-lists.
    return mark_safe(clean)  # noqa: S308
