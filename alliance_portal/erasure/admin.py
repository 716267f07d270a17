"""The secretariat's admin of erasure requests: listed and shown; confirmed through the use
case (an action), never edited, added or deleted by hand."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from alliance_portal.erasure.models import ErasureRequest
from alliance_portal.erasure.services import erasure_confirm
from alliance_portal.service_admin import RecordAdmin


@admin.register(ErasureRequest)
class ErasureRequestAdmin(RecordAdmin):
    list_display = ("id", "user", "status", "requested_at", "due_on", "decided_at", "decided_by")
    list_filter = ("status", "due_on")
    search_fields = ("user__email", "user__display_name")
    list_select_related = ("user", "decided_by")
    date_hierarchy = "requested_at"
    actions = ("confirm_and_erase",)

    @admin.action(description="Confirm and erase the selected people")
    def confirm_and_erase(self, request: HttpRequest, queryset: QuerySet[ErasureRequest]) -> None:
        done = 0
        for erasure in queryset.order_by("pk"):
            try:
                erasure_confirm(actor=request.user, request=erasure)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request,
                    f"Request {erasure.pk}: {' '.join(getattr(error, 'messages', [str(error)]))}",
                    level=messages.WARNING,
                )
                continue
            done += 1
        self.message_user(request, f"{done} request(s) confirmed: those people are erased.")
