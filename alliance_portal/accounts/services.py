"""Account use cases: sign-up of external-stakeholder accounts, email confirmation, API tokens."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.models import (
    ApiToken,
    ApiTokenRevocation,
    User,
    api_token_digest,
    password_fingerprint,
)
from alliance_portal.outbox import email_queue
from alliance_portal.types import Actor


@use_case
def account_signup(
    *, actor: Actor, email: str, display_name: str, password: str, site_url: str
) -> User:
    """Create an inactive external-stakeholder account and send it a confirmation link. The
    account can sign in only after the link is followed, so nobody can claim an address they
    do not read. ``actor`` is the visitor signing up (``account.sign_up``)."""
    policy.require(actor, "account.sign_up")
    user = User.objects.create_user(
        email=email, password=password, display_name=display_name, is_active=False
    )
    token = default_token_generator.make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = site_url.rstrip("/") + reverse("signup_confirm", kwargs={"uidb64": uid, "token": token})
    email_queue(
        event_key=f"account-signup:{user.pk}",
        recipient=user.email,
        subject="Confirm your Alliance Portal account",
        body=render_to_string("accounts/signup_email.txt", {"user": user, "link": link}),
    )
    return user


@use_case
def account_confirm_email(*, actor: Actor, user: User, token: str) -> bool:
    """Activate the account when the token is valid; False (and nothing changed) otherwise.
    A used link confirms nothing more: an active account is never "confirmed" again.
    ``actor`` is whoever follows the link (``account.confirm_email``)."""
    policy.require(actor, "account.confirm_email", user)
    if user.is_active or not default_token_generator.check_token(user, token):
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True


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
