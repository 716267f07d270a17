from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

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
