"""The page-section registry: how a lower app's page shows what higher apps know.

A country page (members) lists the decisions taken about the country (governance), but members
may not import governance. Instead governance registers a section for the page ``"country"``
from its ``AppConfig.ready()``; the country page renders ``{% page_sections "country" country %}``
and gets every registered section in order, each rendered from its own template with the
context its provider returns. A provider returns ``None`` to leave its section out (nothing to
show, or nothing this user may see: providers use the access policy like any view).

    register_section(
        "country",
        PageSection(key="decisions", title="Decisions", template="governance/sections/decisions.html",
                    context=lambda request, country: {...} or None, order=30),
    )
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

SectionContext = Callable[[HttpRequest, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class PageSection:
    key: str
    title: str
    template: str
    context: SectionContext
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    key: str
    title: str
    html: SafeString


_registry: dict[str, dict[str, PageSection]] = defaultdict(dict)


def register_section(page: str, section: PageSection) -> None:
    """Register ``section`` on ``page``; registering the same key again replaces it (so a
    reloaded app does not show a section twice)."""
    _registry[page][section.key] = section


def unregister_section(page: str, key: str) -> None:
    _registry[page].pop(key, None)


def sections_for(page: str, request: HttpRequest, obj: Any = None) -> list[RenderedSection]:
    """The sections of ``page`` that have something to show, rendered, in order."""
    rendered = []
    for section in sorted(_registry[page].values(), key=lambda s: (s.order, s.key)):
        context = section.context(request, obj)
        if context is None:
            continue
        html = render_to_string(
            section.template, {**context, "section": section, "object": obj}, request=request
        )
        rendered.append(
            RenderedSection(key=section.key, title=section.title, html=SafeString(html))
        )
    return rendered
