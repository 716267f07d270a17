"""API error answers: the policy's and the services' exceptions become DRF responses."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from alliance_portal import policy
from alliance_portal.policy import SignInRequired
from alliance_portal.read_reasons import ReasonRequired


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, exceptions.PermissionDenied | exceptions.NotAuthenticated):
        # A refusal of DRF's own permission classes: the audit trail names the view (the
        # policy's own refusals were named already; the first name stays).
        view = context.get("view")
        policy.note_denial(f"api {type(view).__name__}" if view is not None else "api")
    if isinstance(exc, ReasonRequired):
        # Staff read confidential material without saying why: the answer says how to.
        response = drf_exception_handler(exceptions.PermissionDenied(str(exc)), context)
        if response is not None:
            response.data["code"] = "access_reason_required"
        return response
    if isinstance(exc, SignInRequired):
        exc = exceptions.NotAuthenticated()
    elif isinstance(exc, DjangoPermissionDenied) and exc.args:
        # The policy's refusal keeps its reason (DRF would answer a bare "permission denied").
        exc = exceptions.PermissionDenied(str(exc))
    elif isinstance(exc, DjangoValidationError):
        # A service refused the input: 400 with field errors, nothing changed.
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)
