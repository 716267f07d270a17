"""Template filter for user-written markdown: `{% load portal_markdown %}{{ text|markdown }}`."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from alliance_portal.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown(text: str | None) -> SafeString:
    """Render `text` as sanitized HTML (see `render_markdown`); None or empty gives ""."""
    return render_markdown(text)
