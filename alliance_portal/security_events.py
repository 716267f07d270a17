"""The audit trail of sign-ins and denials (``SecurityEvent``): every sign-in that succeeds or
fails (the login page, the admin's, the API's token endpoint), every lockout, and every request
the access policy refuses, each exactly once.

- Sign-ins: Django's ``user_logged_in`` / ``user_login_failed`` signals and django-axes'
  ``user_locked_out``; the token endpoint, which signs no one in to a session, calls
  ``record_sign_in`` itself.
- Denials: ``PolicyMiddleware`` writes one row per refused request once the view is done
  (``record_denial``): a 401 or 403 answer, a 404 the policy gave for an object the person may
  not see, or the login page for a visitor the policy asked to sign in. The policy names the
  refused action (``policy.note_denial``); a 403 it did not name is a "page" denial.

A row is written outside the view's transaction, after it rolled back, and never breaks the
answer: a database error while writing it is logged instead.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import DatabaseError, transaction
from django.dispatch import receiver
from django.http import HttpRequest

from alliance_portal.models import SecurityEvent, SecurityEventKind

logger = logging.getLogger(__name__)

DENIED_STATUSES = frozenset({401, 403})


def client_ip(request: HttpRequest | None) -> str | None:
    """The address django-axes counts failures for (the same proxy settings), else REMOTE_ADDR."""
    if request is None:
        return None
    address = getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR")
    return str(address) if address else None


def _write(kind: str, request: HttpRequest | None, **fields: Any) -> None:
    if request is not None:
        fields.setdefault("path", request.path[:500])
        fields.setdefault("method", (request.method or "")[:10])
    try:
        with transaction.atomic():
            SecurityEvent.objects.create(kind=kind, ip_address=client_ip(request), **fields)
    except DatabaseError:
        logger.exception("Could not record a security event (%s).", kind)


def _mark_sign_in(request: HttpRequest | None) -> None:
    from alliance_portal.policy import current_audit

    audit = current_audit.get()
    if audit is not None:
        audit.sign_in_recorded = True


def record_sign_in(request: HttpRequest | None, user: Any) -> None:
    """A sign-in succeeded (a session login, or an API token issued for the password)."""
    _mark_sign_in(request)
    _write(
        SecurityEventKind.SIGN_IN_SUCCEEDED,
        request,
        user=user if getattr(user, "pk", None) else None,
        email=str(getattr(user, "email", ""))[:254],
    )


def record_sign_in_failure(request: HttpRequest | None, email: str) -> None:
    _mark_sign_in(request)
    _write(SecurityEventKind.SIGN_IN_FAILED, request, email=email[:254])


def record_lockout(request: HttpRequest | None, email: str) -> None:
    _mark_sign_in(request)
    _write(SecurityEventKind.LOCKED_OUT, request, email=email[:254])


def record_denial(request: HttpRequest, action: str) -> None:
    """The policy refused this request (one row; ``PolicyMiddleware`` calls it once)."""
    user = getattr(request, "user", None)
    _write(
        SecurityEventKind.ACCESS_DENIED,
        request,
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action[:100],
    )


def _tried(credentials: dict[str, Any] | None) -> str:
    given = credentials or {}
    return str(given.get("username") or given.get("email") or "").strip().lower()


@receiver(user_logged_in, dispatch_uid="security-event-signed-in")
def _on_signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record_sign_in(request, user)


@receiver(user_login_failed, dispatch_uid="security-event-sign-in-failed")
def _on_sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    record_sign_in_failure(request, _tried(credentials))


def _on_locked_out(sender: Any, request: HttpRequest | None, username: str, **kwargs: Any) -> None:
    record_lockout(request, str(username or ""))


def connect() -> None:
    """Connect the receivers that need django-axes loaded (called from the app's ``ready``)."""
    from axes.signals import user_locked_out

    user_locked_out.connect(_on_locked_out, dispatch_uid="security-event-locked-out")
