"""Pieces shared by the pages of several governance features."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from alliance_portal import policy


def _require_secretariat(request: HttpRequest) -> None:
    if not policy.principal(request.user).is_staff_role:
        raise PermissionDenied("This page is the secretariat's.")
