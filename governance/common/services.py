"""Helpers shared by the governance services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from alliance_portal import policy
from alliance_portal.models import User
from alliance_portal.types import Actor


def acting_user(actor: Actor) -> User | None:
    """The account to record as having acted: None for the system or an anonymous visitor."""
    return actor if isinstance(actor, User) else None


def require_staff(actor: Any, what: str) -> None:
    """Refuse unless ``actor`` is the secretariat or the superuser. ``None`` is the system
    (scheduled tasks, demo data) and may. An anonymous visitor is asked to sign in."""
    if actor is None:
        return
    who = policy.principal(actor)
    if who.is_staff_role:
        return
    if not who.is_authenticated:
        raise policy.SignInRequired
    raise PermissionDenied(f"Only the secretariat may {what}.")
