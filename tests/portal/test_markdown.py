"""User-written markdown renders as readable HTML and can never inject markup or script."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils.safestring import SafeString

from alliance_portal.markdown import render_markdown


def test_script_tags_are_shown_as_text_never_run() -> None:
    html = render_markdown("Hello <script>alert('x')</script>")

    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_event_handler_attributes_do_not_survive() -> None:
    html = render_markdown('<img src="x" onerror="alert(1)">\n\n<p onclick="alert(2)">hi</p>')

    assert "<img" not in html
    assert "<p onclick" not in html
    assert "&lt;img" in html


def test_raw_html_is_escaped_not_rendered() -> None:
    html = render_markdown('<b>bold</b> <a href="https://example.org">link</a>')

    assert html == (
        '<p>&lt;b&gt;bold&lt;/b&gt; &lt;a href="https://example.org"&gt;link&lt;/a&gt;</p>\n'
    )


@pytest.mark.parametrize(
    "source",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](vbscript:msgbox)",
        "<javascript:alert(1)>",
    ],
)
def test_dangerous_link_schemes_are_dropped(source: str) -> None:
    html = render_markdown(source)

    assert "href" not in html
    assert "<a" not in html


def test_links_keep_allowed_schemes_and_get_nofollow() -> None:
    html = render_markdown(
        '[site](https://example.org "Example") [mail](mailto:info@example.org) [old](ftp://x)'
    )

    assert (
        '<a href="https://example.org" title="Example" rel="nofollow noopener noreferrer">'
        "site</a>" in html
    )
    assert '<a href="mailto:info@example.org" rel="nofollow noopener noreferrer">mail' in html
    assert "ftp://" not in html


def test_headings_are_shifted_below_the_page_outline() -> None:
    html = render_markdown("# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six")

    assert "<h1" not in html
    assert "<h2" not in html
    assert "<h3>One</h3>" in html
    assert "<h4>Two</h4>" in html
    assert "<h5>Three</h5>" in html
    assert "<h6>Four</h6>" in html
    assert "<h6>Five</h6>" in html
    assert "<h6>Six</h6>" in html


def test_tables_render_with_alignment() -> None:
    html = render_markdown("| Name | Score |\n|:-----|------:|\n| Acme | 12 |")

    assert "<table>" in html
    assert '<th align="left">Name</th>' in html
    assert '<td align="right">12</td>' in html
    assert "style=" not in html


def test_everyday_formatting_survives() -> None:
    html = render_markdown(
        "*em* **strong** ~~gone~~ `code`\n\n> quoted\n\n3. three\n4. four\n\n```\nx = 1\n```"
    )

    assert "<em>em</em>" in html
    assert "<strong>strong</strong>" in html
    assert "<del>gone</del>" in html
    assert "<code>code</code>" in html
    assert "<blockquote>" in html
    assert '<ol start="3">' in html
    assert "<pre><code>x = 1\n</code></pre>" in html


@pytest.mark.parametrize("empty", [None, ""])
def test_empty_text_renders_nothing(empty: str | None) -> None:
    html = render_markdown(empty)

    assert html == ""
    assert isinstance(html, SafeString)


def test_template_filter_renders_sanitized_html_unescaped() -> None:
    template = Template("{% load portal_markdown %}<div>{{ text|markdown }}</div>")

    html = template.render(Context({"text": "# Title\n\nSee <script>x</script> **this**"}))

    assert html == (
        "<div><h3>Title</h3>\n<p>See &lt;script&gt;x&lt;/script&gt; <strong>this</strong></p>\n"
        "</div>"
    )


def test_template_filter_handles_missing_text() -> None:
    template = Template("{% load portal_markdown %}[{{ text|markdown }}]")

    assert template.render(Context({"text": None})) == "[]"
