"""Pages of personal data: a person's own (export, erasure request) and the secretariat's list
of erasure requests with their answers."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from alliance_portal import policy
from alliance_portal.erasure.models import ErasureRequest, ErasureStatus
from alliance_portal.erasure.selectors import (
    erasure_request_of,
    erasure_requests,
    personal_data_export,
)
from alliance_portal.erasure.services import (
    erasure_confirm,
    erasure_decline,
    erasure_request,
    erasure_request_cancel,
)
from alliance_portal.personal_data import REGISTRY

PAGE_SIZE = 25


@login_required
@require_http_methods(["GET"])
def my_data(request: HttpRequest) -> HttpResponse:
    user: Any = request.user  # login_required: never anonymous here
    policy.require(user, "personal_data.export", user)
    kept = sorted({entry.why for entry in REGISTRY.values() if entry.why})
    context = {
        "erasure": erasure_request_of(user),
        "kept": kept,
        "settings_days": settings.PERSONAL_DATA_ERASURE_DAYS,
    }
    return render(request, "accounts/my_data.html", context)


@login_required
@require_http_methods(["GET"])
def my_data_export(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    policy.require(user, "personal_data.export", user)
    body = json.dumps(personal_data_export(user), cls=DjangoJSONEncoder, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["POST"])
def my_data_erasure(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Tick the box to confirm that you want your personal data erased.")
        return redirect("my_data")
    erasure = erasure_request(actor=user, user=user)
    messages.success(
        request,
        f"Your request is recorded. The secretariat answers by {erasure.due_on:%d %B %Y}.",
    )
    return redirect("my_data")


@login_required
@require_http_methods(["POST"])
def my_data_erasure_cancel(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    waiting = ErasureRequest.objects.filter(user=user, status=ErasureStatus.PENDING).first()
    if waiting is None:
        messages.info(request, "You have no waiting erasure request to withdraw.")
        return redirect("my_data")
    erasure_request_cancel(actor=user, request=waiting)
    messages.success(request, "Your erasure request is withdrawn.")
    return redirect("my_data")


@login_required
@require_http_methods(["GET"])
def request_list(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "personal_data.list_requests")
    status = request.GET.get("status", ErasureStatus.PENDING)
    if status not in {"", *ErasureStatus.values}:
        status = ErasureStatus.PENDING
    page = Paginator(erasure_requests(status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": [
            (value, label) for value, label in ErasureStatus.choices if value != "erasing"
        ],
        "query": urlencode({"status": status}),
        "today": timezone.now().date(),
    }
    return render(request, "accounts/erasure_requests.html", context)


def _request_or_404(pk: int) -> ErasureRequest:
    found = ErasureRequest.objects.filter(pk=pk).select_related("user").first()
    if found is None:
        raise Http404("No such erasure request.")
    return found


@login_required
@require_http_methods(["POST"])
def request_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = _request_or_404(pk)
    try:
        erasure_confirm(actor=request.user, request=erasure)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
        return redirect("erasure_requests")
    messages.success(request, f"Request {erasure.pk}: the person's data is erased.")
    return redirect("erasure_requests")


@login_required
@require_http_methods(["POST"])
def request_decline(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = _request_or_404(pk)
    try:
        erasure_decline(actor=request.user, request=erasure, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("erasure_requests")
    messages.success(request, f"Request {erasure.pk} is declined; the person is told why.")
    return redirect("erasure_requests")
