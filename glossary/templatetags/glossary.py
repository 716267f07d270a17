"""Template tags of the glossary.

- ``{{ html|glossary_links }}`` after ``|markdown``: link the first occurrence of each agreed
  term to its concept page, with its definition as a tooltip (``glossary.terms``). Give a
  concept (or its slug) to leave that concept unlinked: ``{{ html|glossary_links:concept }}``.
- ``{% concept_url slug lang %}``: a concept page's address in a content language.
- ``{{ code|language_name }}``: a content language's name for itself.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from glossary.languages import SOURCE_LANGUAGE
from glossary.languages import language_name as _language_name
from glossary.terms import link_terms

register = template.Library()


@register.filter(name="glossary_links")
def glossary_links(value: Any, exclude: Any = None) -> SafeString:
    """Rendered HTML with agreed glossary terms linked. Text that is not marked safe is
    escaped first, so the filter never lets markup through."""
    safe_html = str(conditional_escape(value))
    slug = getattr(exclude, "slug", exclude) or None
    # Safe: the input was safe HTML and only links with escaped attributes were added.
    return mark_safe(link_terms(safe_html, exclude=str(slug) if slug else None))  # noqa: S308


@register.simple_tag
def concept_url(slug: str, language: str = SOURCE_LANGUAGE) -> str:
    url = reverse("glossary:concept-detail", kwargs={"slug": slug})
    return url if language == SOURCE_LANGUAGE else f"{url}?lang={language}"


@register.filter
def language_name(code: str) -> str:
    return _language_name(code)
