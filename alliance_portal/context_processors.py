from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from alliance_portal import policy


def portal(request: HttpRequest) -> dict[str, Any]:
    """What every page's frame needs to know about the visitor."""
    who = policy.principal(getattr(request, "user", None))
    return {"principal": who}
