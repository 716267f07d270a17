"""Helpers shared by the governance services."""

from __future__ import annotations

from alliance_portal.models import User
from alliance_portal.types import Actor


def acting_user(actor: Actor) -> User | None:
    """The account to record as having acted: None for the system or an anonymous visitor."""
    return actor if isinstance(actor, User) else None
