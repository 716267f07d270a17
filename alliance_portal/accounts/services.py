"""Account use cases: sign-up of external-stakeholder accounts (confirmed by email, the password
chosen at confirmation), removal of expired sign-ups, API tokens."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from alliance_portal import policy
from alliance_portal.accounts.selectors import (
    signup_cutoff,
    signup_link_valid,
    unconfirmed_legacy_accounts,
)
from alliance_portal.audit import use_case
from alliance_portal.models import (
    ApiToken,
    ApiTokenRevocation,
    PendingSignup,
    User,
    api_token_digest,
    password_fingerprint,
)
from alliance_portal.outbox import email_queue
from alliance_portal.types import Actor


def signup_link(pending: PendingSignup, token: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(pending.pk))
    path = reverse("signup_confirm", kwargs={"uidb64": uid, "token": token})
    return settings.PORTAL_BASE_URL.rstrip("/") + path


@use_case
def account_signup(*, actor: Actor, email: str, display_name: str) -> None:
    """Answer a sign-up for ``email`` without telling the visitor whether the address is known
    (the caller learns nothing either: this returns nothing). An unknown address gets a link to
    confirm it and choose a password; an address with a pending sign-up gets that sign-up
    replaced (new name, new link: the earlier link stops working); an address with an account
    gets an email saying so, with a password-reset link. No password is taken here, so a
    squatter's password can never end up on the owner's account. ``actor`` is the visitor
    signing up (``account.sign_up``)."""
    policy.require(actor, "account.sign_up")
    email = User.objects.normalize_email(email)
    _lock_address(email)
    pending = PendingSignup.objects.filter(email__iexact=email).first()
    account = User.objects.filter(email__iexact=email).first()
    if account is not None:
        if pending is not None:
            pending.delete()
        _email_known_address(account)
        return
    token = secrets.token_urlsafe(32)
    pending = pending or PendingSignup()
    pending.email = email
    pending.display_name = display_name
    pending.token_digest = api_token_digest(token)
    pending.requested_at = timezone.now()
    pending.save()
    email_queue(
        event_key=f"account-signup:{pending.pk}:{pending.token_digest[:16]}",
        recipient=pending.email,
        subject="Confirm your Alliance Portal account",
        body=render_to_string(
            "accounts/signup_email.txt",
            {
                "display_name": display_name,
                "link": signup_link(pending, token),
                "hours": settings.SIGNUP_CONFIRMATION_HOURS,
            },
        ),
    )


def _lock_address(email: str) -> None:
    """One sign-up step per address at a time, until the transaction ends."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"signup:{email.lower()}"])


def _email_known_address(account: User) -> None:
    base = settings.PORTAL_BASE_URL.rstrip("/")
    reset_link = None
    if account.is_active and account.has_usable_password():
        uid = urlsafe_base64_encode(force_bytes(account.pk))
        token = default_token_generator.make_token(account)
        reset_link = base + reverse(
            "password_reset_confirm", kwargs={"uidb64": uid, "token": token}
        )
    email_queue(
        event_key=f"account-signup-known:{account.pk}:{secrets.token_hex(8)}",
        recipient=account.email,
        subject="Someone tried to create an Alliance Portal account with your address",
        body=render_to_string(
            "accounts/signup_known_email.txt",
            {
                "account": account,
                "reset_link": reset_link,
                "login_link": base + reverse("login"),
            },
        ),
    )


@use_case
def account_signup_complete(
    *, actor: Actor, pending: PendingSignup, token: str, password: str
) -> User | None:
    """Create the account of a confirmed sign-up, active, with the password the person chose on
    the link's page, and remove the sign-up (the link works once). ``None`` (nothing changed)
    when the link is no longer valid: replaced, used, or older than
    ``SIGNUP_CONFIRMATION_HOURS``. ``actor`` is whoever holds the link
    (``account.confirm_email``: the link's token is the check)."""
    policy.require(actor, "account.confirm_email", pending)
    _lock_address(pending.email)
    locked = PendingSignup.objects.select_for_update().filter(pk=pending.pk).first()
    if locked is None or not signup_link_valid(locked, token):
        return None
    if User.objects.filter(email__iexact=locked.email).exists():
        raise ValidationError(
            "An account with this address exists already: sign in, or reset its password."
        )
    user = User.objects.create_user(
        email=locked.email, password=password, display_name=locked.display_name, is_active=True
    )
    locked.delete()
    return user


@use_case
def signups_remove_expired(*, actor: Actor) -> int:
    """Remove the sign-ups never confirmed within ``SIGNUP_CONFIRMATION_HOURS`` (their links
    work no more); returns how many. A sign-up is not an account; the only accounts removed are
    those the former sign-up left inactive and unconfirmed, never one that was ever active or
    has anything hanging off it (``unconfirmed_legacy_accounts``). ``actor`` is SYSTEM (beat)
    or the secretariat (``account.remove_expired_signups``)."""
    policy.require(actor, "account.remove_expired_signups")
    deleted, _ = PendingSignup.objects.filter(requested_at__lte=signup_cutoff()).delete()
    for account in unconfirmed_legacy_accounts():
        account.delete()
        deleted += 1
    return deleted


@use_case
def api_token_issue(*, actor: Actor, user: User) -> tuple[ApiToken, str]:
    """Issue a new API token to ``user`` (who just proved their password) and return it with
    its key, which is shown this once: only its digest is kept. It expires after
    ``API_TOKEN_LIFETIME``. ``actor`` is the person asking (``account.issue_token``)."""
    policy.require(actor, "account.issue_token", user)
    key = secrets.token_hex(20)
    token = ApiToken.objects.create(
        user=user,
        digest=api_token_digest(key),
        prefix=key[:8],
        password_fingerprint=password_fingerprint(user),
        expires_at=timezone.now() + settings.API_TOKEN_LIFETIME,
    )
    return token, key


@use_case
def api_token_revoke(*, actor: Actor, token: ApiToken) -> bool:
    """Revoke one token; False when it was revoked already. ``actor`` is its owner or the
    secretariat (``account.revoke_tokens``)."""
    policy.require(actor, "account.revoke_tokens", token.user)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.revoked_reason = (
        ApiTokenRevocation.BY_PERSON
        if getattr(actor, "pk", None) == token.user_id
        else ApiTokenRevocation.BY_SECRETARIAT
    )
    token.save(update_fields=["revoked_at", "revoked_reason"])
    return True


@use_case
def api_tokens_revoke_all(*, actor: Actor, user: User, reason: ApiTokenRevocation) -> int:
    """Revoke every token of ``user`` still in force (the password changed, the account was
    deactivated); returns how many. ``actor`` is the account's owner, the secretariat, or
    SYSTEM (``account.revoke_tokens``)."""
    policy.require(actor, "account.revoke_tokens", user)
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason
    )
