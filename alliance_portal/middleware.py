from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.views import redirect_to_login
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse

from alliance_portal import read_reasons
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
    trail, once, after the view is done (``alliance_portal.security_events``). Staff who read
    confidential material without having said why are sent to the reason page, which comes
    back (``alliance_portal.read_reasons``); a wrong ``X-Access-Reason`` header is a 400."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            read_reasons.from_headers(request)
        except read_reasons.InvalidReason as problem:
            return _bad_request(request, str(problem))
        audit = RequestAudit(reason_source=lambda: read_reasons.of_request(request))
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
        if isinstance(exception, read_reasons.ReasonRequired):
            return redirect(_reason_page_url(request))
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
            try:
                record_reads(request.user, shown)
            except read_reasons.ReasonRequired:
                # Asked in place (a template response cannot become a redirect here): the
                # reason page, which comes back to this admin page once answered.
                return reason_page(request, next_url=request.get_full_path())
        return response


def _reason_page_url(request: HttpRequest) -> str:
    back = request.get_full_path() if request.method in ("GET", "HEAD") else request.path
    return f"{reverse('read_reason')}?{urlencode({'next': back})}"


def reason_page(request: HttpRequest, *, next_url: str, form: Any = None) -> TemplateResponse:
    """The page that asks staff why they read confidential material, then returns to
    ``next_url`` (the page that asked)."""
    from alliance_portal.accounts.forms import ReadReasonForm

    return TemplateResponse(
        request,
        "accounts/read_reason.html",
        {
            "form": form or ReadReasonForm(initial={"next": next_url}),
            "action": reverse("read_reason"),
        },
    )


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "invalid_access_reason"}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


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
