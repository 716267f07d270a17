"""Types shared by services and views."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, Union

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from alliance_portal.models import User
    from alliance_portal.policy.principals import SystemPrincipal

# Whoever acts: a person making a request (an anonymous visitor is refused, never crashed on),
# or the portal itself (``policy.SYSTEM``). Services receive it as ``actor`` and the action
# policy decides what it may do; ``None`` is never an actor.
Actor: TypeAlias = Union["User", "AnonymousUser", "SystemPrincipal"]
