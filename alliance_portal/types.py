"""Types shared by services and views."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, Union

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from alliance_portal.models import User

# Whoever makes a request: services receive it as ``actor`` and the access policy decides what
# it may do (an anonymous visitor is refused, never crashed on).
Actor: TypeAlias = Union["User", "AnonymousUser"]
