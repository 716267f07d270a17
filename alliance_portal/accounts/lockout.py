"""Brute-force protection (django-axes): whose failures count together, and what a locked-out
person is told. Five failed sign-ins for one email address from one address lock that pair
out for 15 minutes (``AXES_*`` settings); each attempt during the lock starts it again."""

from __future__ import annotations

import math
from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def lockout_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The email address tried, lower-cased: ``A@x.org`` and ``a@x.org`` are one account."""
    # Django's login_failed signal names it "username"; axes' backend names it after
    # USERNAME_FIELD ("email"); a form posts "username".
    given = credentials or {}
    value = given.get("username") or given.get("email") or request.POST.get("username") or ""
    return str(value).strip().lower()


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """429 with ``Retry-After``; the page says what to do, the API says it in ``detail``."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    minutes = math.ceil(seconds / 60)
    message = (
        f"Too many failed sign-in attempts for this account from your connection. Wait "
        f"{minutes} minutes and try again, or reset your password by email."
    )
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    return response


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, first of the authentication backends, on every sign-in that comes
    with a request (the login page, the admin's, the token endpoint). A sign-in without one
    (``Client.login`` in tests, a management command) is not reachable from the web: it passes
    on to the next backend."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
