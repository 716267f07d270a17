"""Published text is parsed once, not on every view: rendering is cached per source text and
renderer, in this process and in the shared cache."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from unittest import mock

import pytest
from django.core.cache import caches

from alliance_portal import markdown
from alliance_portal.markdown import render_markdown


@pytest.fixture
def parse() -> Iterator[mock.MagicMock]:
    markdown._cached_render.cache_clear()
    with mock.patch.object(markdown._parser, "parse", wraps=markdown._parser.parse) as spy:
        yield spy
    markdown._cached_render.cache_clear()


def _fresh_text() -> str:
    """A text no earlier run has cached (the test cache is a real Redis)."""
    return f"# Cobalt\n\nA **fair** price for {uuid.uuid4()}, see [site](https://example.org)."


def test_a_second_render_does_not_parse_again_and_gives_the_same_html(parse) -> None:
    text = _fresh_text()

    first = render_markdown(text)
    second = render_markdown(text)

    assert parse.call_count == 1
    assert second == first
    assert "<h3>Cobalt</h3>" in first
    assert 'rel="nofollow noopener noreferrer"' in first


def test_another_process_finds_the_rendering_in_the_shared_cache(parse) -> None:
    text = _fresh_text()
    first = render_markdown(text)

    markdown._cached_render.cache_clear()  # as if another worker served the next view
    second = render_markdown(text)

    assert parse.call_count == 1
    assert second == first
    assert caches["default"].get(markdown.cache_key(text)) == str(first)


def test_a_change_to_the_renderer_renders_again(parse) -> None:
    text = _fresh_text()
    render_markdown(text)
    old_key = markdown.cache_key(text)

    markdown._cached_render.cache_clear()
    with mock.patch.object(markdown, "RENDERER_KEY", "next-renderer"):
        assert markdown.cache_key(text) != old_key
        render_markdown(text)

    assert parse.call_count == 2


def test_the_renderer_key_follows_the_allow_lists() -> None:
    with mock.patch.object(markdown, "ALLOWED_TAGS", markdown.ALLOWED_TAGS | {"img"}):
        assert markdown._renderer_key() != markdown.RENDERER_KEY


def test_pages_still_render_when_the_cache_is_away(parse) -> None:
    text = _fresh_text()
    broken = mock.MagicMock()
    broken.get.side_effect = ConnectionError("redis is away")
    with mock.patch.object(markdown, "caches", {"default": broken}):
        html = render_markdown(text)

    assert "<strong>fair</strong>" in html
    assert parse.call_count == 1
