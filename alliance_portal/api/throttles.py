"""Rate limits (DRF scoped throttles) for the endpoints a robot would hammer: the token
endpoint, sign-up, password reset, search, exports, report creation and the membership
application form.

An API view opts in with ``throttle_scope = "<scope>"`` (``ScopedThrottle`` is a default
throttle class, and lets views without a scope through), narrowed if need be to some methods
(``throttle_methods = ("POST",)``) or to requests that search (``throttle_only_with = ("q",)``:
a list is throttled only when one of these query parameters is given); a page's view with
``@throttled("<scope>", methods=..., only_with=...)``. Rates are ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``; counts live
in the ``throttle`` cache. Over the limit: 429 with ``Retry-After`` (seconds)."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.throttling import ScopedRateThrottle

SCOPES = (
    "auth-token",
    "signup",
    "password-reset",
    "search",
    "export",
    "report-create",
    "application",
)


class ScopedThrottle(ScopedRateThrottle):
    """DRF's scoped throttle, counting in the ``throttle`` cache."""

    def __init__(self) -> None:
        super().__init__()
        self.cache = caches["throttle"]

    def allow_request(self, request: Any, view: Any) -> bool:
        methods = getattr(view, "throttle_methods", None)
        if methods is not None and request.method not in methods:
            return True
        only_with = getattr(view, "throttle_only_with", None)
        if only_with is not None and not _searches(request.GET, only_with):
            return True
        return super().allow_request(request, view)


def _searches(query: Any, names: tuple[str, ...]) -> bool:
    return any(str(query.get(name, "")).strip() for name in names)


def throttled(
    scope: str, methods: tuple[str, ...] = ("POST",), only_with: tuple[str, ...] | None = None
) -> Callable[..., Any]:
    """Limit a page's view (its ``methods``; with ``only_with``, only requests that give one of
    these query parameters) to the ``scope``'s rate: over it, a 429 page that says when to try
    again."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                throttle = ScopedThrottle()
                view_ = SimpleNamespace(throttle_scope=scope, throttle_only_with=only_with)
                if not throttle.allow_request(request, view_):
                    return too_many_requests(request, throttle.wait())
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def too_many_requests(request: HttpRequest, wait: float | None) -> HttpResponse:
    seconds = max(1, math.ceil(wait or 60))
    minutes = math.ceil(seconds / 60)
    response = render(
        request,
        "accounts/too_many_requests.html",
        {"minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
