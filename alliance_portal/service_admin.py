"""Admin pieces every app shares: model admins whose saves go through the services, and
read-only inlines.

A service is a use case that runs in its own durable transaction
(``alliance_portal.audit.use_case``), so an admin page that saves through one must not wrap
the page in a transaction of its own, as ``ModelAdmin.changeform_view`` does: ``ServiceAdmin``
leaves that out. Its saves are the service call alone (inlines on such admins are read-only),
so a refused save still changes nothing; the service's ``ValidationError`` is shown as an error
message on the same page, never as a server error (a refusal of the person is the admin's usual
403 page).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.options import csrf_protect_m
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect


class ServiceAdmin(admin.ModelAdmin):
    """A model admin whose add and change pages save through a service (override
    ``save_model``, and ``delete_model`` where deleting is a use case too)."""

    @csrf_protect_m
    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            # ModelAdmin.changeform_view is this call inside transaction.atomic(), which the
            # service's durable transaction may not be nested in.
            return self._changeform_view(  # type: ignore[attr-defined]
                request, object_id, form_url, extra_context
            )
        except ValidationError as error:
            return self._refused(request, error)

    @csrf_protect_m
    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        try:
            # ModelAdmin.delete_view is this call inside transaction.atomic().
            return self._delete_view(request, object_id, extra_context)  # type: ignore[attr-defined]
        except ValidationError as error:
            return self._refused(request, error)

    def _refused(self, request: HttpRequest, error: ValidationError) -> HttpResponse:
        self.message_user(request, " ".join(error.messages), level=messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())


class RecordAdmin(admin.ModelAdmin):
    """A record the portal writes itself (the outbox, the access log, security events): the
    admin lists and shows it, and nobody adds, changes or deletes one by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    """Rows shown for context under their parent, changed only through their own use cases."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
