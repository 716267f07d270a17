"""Reads of the accounts: a person's API tokens, the sign-up a confirmation link names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import router
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from alliance_portal.models import (
    ApiToken,
    PendingSignup,
    User,
    api_token_digest,
    password_fingerprint,
)


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


def signup_cutoff() -> datetime:
    """Sign-ups asked for at or before this moment have expired."""
    return timezone.now() - timedelta(hours=settings.SIGNUP_CONFIRMATION_HOURS)


def signup_link_valid(pending: PendingSignup, token: str) -> bool:
    """The link's token is the sign-up's latest one and it has not expired."""
    return pending.requested_at > signup_cutoff() and constant_time_compare(
        api_token_digest(token), pending.token_digest
    )


def signup_for_link(uidb64: str, token: str) -> PendingSignup | None:
    """The pending sign-up a confirmation link names, when the link still works."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    pending = PendingSignup.objects.filter(pk=pk).first()
    if pending is None or not signup_link_valid(pending, token):
        return None
    return pending


def unconfirmed_legacy_accounts() -> list[User]:
    """Accounts the former sign-up created inactive, with the signer's password, that nobody
    confirmed in time: never active (by the audit trail), never signed in, no staff powers,
    older than the confirmation window, and nothing at all hanging off them (a membership, a
    permission, a token, a log row: any related row keeps the account)."""
    from django.apps import apps

    ever_active = apps.get_model("alliance_portal", "UserEvent").objects.filter(is_active=True)
    candidates = (
        User.objects.filter(
            is_active=False,
            last_login__isnull=True,
            is_staff=False,
            is_superuser=False,
            date_joined__lte=signup_cutoff(),
        )
        .exclude(pk__in=ever_active.values("pgh_obj_id"))
        .order_by("pk")
    )
    return [user for user in candidates if _nothing_hangs_off(user)]


def _nothing_hangs_off(user: User) -> bool:
    collector = Collector(using=router.db_for_write(User))
    try:
        collector.collect([user])
    except (ProtectedError, RestrictedError):
        return False
    if any(objs for model, objs in collector.data.items() if model is not User):
        return False
    if any(qs.exists() for qs in collector.fast_deletes):
        return False
    # SET_NULL relations (authorship, who decided, the access log): a row that names the account.
    return not any(
        rows.exists() if hasattr(rows, "exists") else bool(rows)
        for batches in collector.field_updates.values()
        for rows in batches
    )
