"""Reads of the accounts: a person's API tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from alliance_portal.models import ApiToken, User, password_fingerprint


@dataclass(frozen=True)
class TokenRow:
    """One token as its owner sees it, with its state in words."""

    id: int
    prefix: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    active: bool
    state: str


def _state(token: ApiToken, fingerprint: str, now: datetime) -> tuple[bool, str]:
    if token.revoked_at is not None:
        return False, f"Revoked ({token.get_revoked_reason_display() or 'revoked'})"
    if token.password_fingerprint != fingerprint:
        return False, "Revoked (revoked because the password changed)"
    if token.expires_at <= now:
        return False, "Expired"
    return True, "Active"


def tokens_of(user: User) -> list[TokenRow]:
    """The person's tokens, newest first (one query)."""
    now = timezone.now()
    fingerprint = password_fingerprint(user)
    rows = []
    for token in ApiToken.objects.filter(user=user).order_by("-created_at", "-pk"):
        active, state = _state(token, fingerprint, now)
        rows.append(
            TokenRow(
                id=token.pk,
                prefix=token.prefix,
                created_at=token.created_at,
                expires_at=token.expires_at,
                revoked_at=token.revoked_at,
                active=active and user.is_active,
                state=state if user.is_active else "Revoked (the account is deactivated)",
            )
        )
    return rows
