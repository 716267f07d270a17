from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.views import redirect_to_login
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse

from alliance_portal.policy import (
    RequestAudit,
    SignInRequired,
    current_audit,
    current_path,
    record_reads,
)
from alliance_portal.security_events import DENIED_STATUSES, record_denial


class PolicyMiddleware:
    """Serves the access policy: tells it the request's path (for the access log), turns its
    ``SignInRequired`` into a redirect to the login page, logs the reads of confidential
    material on the admin's lists and change pages, and records a refused request in the audit
    trail, once, after the view is done (``alliance_portal.security_events``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        audit = RequestAudit()
        path_token = current_path.set(request.path)
        audit_token = current_audit.set(audit)
        try:
            response = self.get_response(request)
            if _is_denial(audit, response):
                record_denial(request, audit.denied or "page")
            return response
        finally:
            current_audit.reset(audit_token)
            current_path.reset(path_token)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, SignInRequired):
            audit = current_audit.get()
            if audit is not None:
                audit.sign_in_redirect = True
            return redirect_to_login(request.get_full_path())
        return None

    def process_template_response(
        self, request: HttpRequest, response: TemplateResponse
    ) -> TemplateResponse:
        # The admin's change list and change page (every model admin, whatever its class):
        # the rows of the page shown, or the object, before the template renders them.
        context = response.context_data or {}
        shown: Any = None
        if isinstance(context.get("cl"), ChangeList):
            shown = context["cl"].result_list
        elif isinstance(context.get("original"), Model) and "adminform" in context:
            shown = [context["original"]]
        if shown is not None and 200 <= response.status_code < 300:
            record_reads(request.user, shown)
        return response


def _is_denial(audit: RequestAudit, response: HttpResponse) -> bool:
    if audit.sign_in_recorded:
        return False
    if response.status_code in DENIED_STATUSES:
        return True
    return audit.denied is not None and (response.status_code == 404 or audit.sign_in_redirect)


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
