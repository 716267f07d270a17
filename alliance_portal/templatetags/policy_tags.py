"""``{% may "ballot.close" ballot as can_close %}``: ask the action policy in a template, for
the person making the request, whether to show a control."""

from __future__ import annotations

from typing import Any

from django import template

from alliance_portal import policy

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context: template.Context, action: str, obj: Any = None) -> bool:
    request = context.get("request")
    if request is None:  # a page rendered without a request (the server-error page)
        return False
    return policy.may(request.user, action, obj)
