"""Layout tags shared by every page: `{% load layout_tags %}`.

`{% scrollbox "Count by chamber" %}<table>…</table>{% endscrollbox %}` wraps a wide table in the
box that scrolls sideways on its own (portal.css ".table-scroll"). A box that scrolls must be
reachable with the keyboard and named for screen readers (axe: scrollable-region-focusable), so
the tag always writes `role="region"`, `tabindex="0"` and an `aria-label`; its arguments are
joined into the label (`{% scrollbox "Indicators of " objective.title %}`).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.html import format_html

register = template.Library()


class ScrollboxNode(template.Node):
    def __init__(self, label: list[FilterExpression], nodelist: NodeList) -> None:
        self.label = label
        self.nodelist = nodelist

    def render(self, context: Any) -> str:
        label = "".join(
            str(part.resolve(context, ignore_failures=True) or "") for part in self.label
        )
        return format_html(
            '<div class="table-scroll" role="region" aria-label="{}" tabindex="0">{}</div>',
            label.strip() or "Table",
            self.nodelist.render(context),
        )


@register.tag(name="scrollbox")
def scrollbox(parser: Parser, token: Token) -> ScrollboxNode:
    """`{% scrollbox label… %}…{% endscrollbox %}`: the scrolling box of a wide table."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("scrollbox needs a label for screen readers")
    nodelist = parser.parse(("endscrollbox",))
    parser.delete_first_token()
    return ScrollboxNode([parser.compile_filter(bit) for bit in bits], nodelist)
