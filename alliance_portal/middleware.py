from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from alliance_portal.policy import SignInRequired, current_path


class PolicyMiddleware:
    """Serves the access policy: tells it the request's path (for the access log), and turns
    its ``SignInRequired`` into a redirect to the login page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_path.set(request.path)
        try:
            return self.get_response(request)
        finally:
            current_path.reset(token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, SignInRequired):
            return redirect_to_login(request.get_full_path())
        return None


NUL_MESSAGE = (
    "This address contains a NUL character (%00), which no address of the portal uses. "
    "Check the link, remove the %00 and try again."
)


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path or "\x00" in request.path_info:
        return True
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    )


class NulByteMiddleware:
    """Refuses a NUL byte in the path or the query string with a 400 that says so, before any
    view sees it: PostgreSQL cannot hold the character, so no lookup could match it, and a
    lookup with it would fail as a server error. The one place for every page and the API."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": NUL_MESSAGE}, status=400)
            return render(request, "400.html", {"message": NUL_MESSAGE}, status=400)
        return self.get_response(request)
