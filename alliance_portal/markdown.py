"""Markdown rendering for every user-written text (descriptions, comments, decision texts...).

One renderer for the whole portal, so that what a member may write, and what it can do to the
page, is decided in one place: CommonMark plus tables and strikethrough, raw HTML shown as text,
and the resulting HTML passed through an allow-list sanitizer before it is marked safe.

Rendering is cached: a small in-process LRU in front of Django's "default" cache, keyed by the
SHA-256 of the source and `RENDERER_KEY` (this module's `RENDERER_VERSION`, the allow-lists and
the parser's and sanitizer's versions), so a published text is parsed once, not on every view,
and any change to the renderer gives new keys instead of stale HTML.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from functools import lru_cache
from importlib.metadata import version

import nh3
from django.core.cache import caches
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

# Bump when the rendering below changes in a way the allow-lists and library versions don't show.
RENDERER_VERSION = 1
CACHE_TIMEOUT = 30 * 24 * 3600  # seconds; the key changes with the text, so this only frees room
LOCAL_CACHE_SIZE = 128  # texts kept in this process (most are a few KB; at most ~250 KB each)

logger = logging.getLogger(__name__)

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


def _renderer_key() -> str:
    parts = (
        RENDERER_VERSION,
        sorted(ALLOWED_TAGS),
        sorted((tag, sorted(attrs)) for tag, attrs in ALLOWED_ATTRIBUTES.items()),
        sorted(ALLOWED_URL_SCHEMES),
        LINK_REL,
        HEADING_SHIFT,
        DEEPEST_HEADING,
        version("markdown-it-py"),
        version("nh3"),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


RENDERER_KEY = _renderer_key()


def cache_key(text: str) -> str:
    """The shared-cache key of `text`'s rendering under the current renderer."""
    return f"markdown:{RENDERER_KEY}:{hashlib.sha256(text.encode()).hexdigest()}"


def render_markdown(text: str | None) -> SafeString:
    """Render user-written markdown to HTML that is safe to insert into a page.

    Guarantees: the result contains only the tags and attributes of the allow-lists above; no
    raw HTML from the source is interpreted (it appears as text); links point only to http,
    https or mailto URLs (or relative ones) and carry rel="nofollow noopener noreferrer";
    headings are h3-h6. Empty or None text gives an empty string."""
    if not text:
        return mark_safe("")
    # Safe: whatever the cache holds was put there by `_render`, i.e. the sanitizer's output.
    return mark_safe(_cached_render(text))  # noqa: S308


@lru_cache(maxsize=LOCAL_CACHE_SIZE)
def _cached_render(text: str) -> str:
    cache = caches["default"]
    key = cache_key(text)
    try:
        html = cache.get(key)
    except Exception:  # the cache is a speed-up: a page still renders when Redis is away
        logger.warning("markdown cache unavailable", exc_info=True)
        return _render(text)
    if not isinstance(html, str):
        html = _render(text)
        try:
            cache.set(key, html, CACHE_TIMEOUT)
        except Exception:
            logger.warning("markdown cache unavailable", exc_info=True)
    return html


def _render(text: str) -> str:
    """Parse and sanitize (uncached)."""
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
    return clean
