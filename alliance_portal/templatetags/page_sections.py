from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from alliance_portal.sections import sections_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_sections(context: template.Context, page: str, obj: Any = None) -> SafeString:
    """Render every section registered for ``page`` (see alliance_portal.sections)."""
    request = context["request"]
    sections = sections_for(page, request, obj)
    return SafeString(
        render_to_string("_page_sections.html", {"sections": sections}, request=request)
    )
