"""Account use cases: sign-up of external-stakeholder accounts and email confirmation."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.models import User
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
