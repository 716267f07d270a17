"""Request bodies larger than a page or the API takes are refused (413) before anything reads
them: not the CSRF check (which reads a form's fields), not the view.

``settings.MAX_REQUEST_BODY_SIZE`` bounds every request; a view may take less with
``@body_limit(max_bytes, too_large)``, whose ``too_large(request)`` answers in the form's own
words. The size is the request's ``Content-Length``: Django reads no more than it announces (a
body without one is read as empty)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

TOO_LARGE = (
    "What you sent is larger than the portal accepts ({megabytes} MB at most). Send a smaller "
    "file, or split what you send, and try again."
)

View = Callable[..., HttpResponse]


def content_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def body_limit(
    max_bytes: int,
    too_large: Callable[[HttpRequest], HttpResponse],
    *,
    keep_body: bool = False,
) -> Callable[[View], View]:
    """Refuse a body over ``max_bytes`` for this view with ``too_large(request)`` (a 413).
    With ``keep_body`` a body within the limit is read (and kept) before the CSRF check parses
    it, so the view may still look at the raw bytes (``alliance_portal.uploads.names_a_path``:
    the file names as the client sent them)."""

    def decorate(view: View) -> View:
        view.body_limit = (max_bytes, too_large, keep_body)  # type: ignore[attr-defined]
        return view

    return decorate


class BodyLimitMiddleware:
    """Placed before ``CsrfViewMiddleware``: its ``process_view`` runs before the CSRF check
    reads the body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: View, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        size = content_length(request)
        own = getattr(view, "body_limit", None)
        if own is not None and size > own[0]:
            response = own[1](request)
            response.status_code = 413
            return response
        limit: int = settings.MAX_REQUEST_BODY_SIZE
        if size > limit:
            message = TOO_LARGE.format(megabytes=limit // (1024 * 1024))
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return render(request, "413.html", {"message": message}, status=413)
        if own is not None and own[2] and request.method in {"POST", "PUT", "PATCH"}:
            request.body  # noqa: B018  (read now, within the limit; parsed from memory later)
        return None
