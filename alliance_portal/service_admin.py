"""Admin pieces every app shares: model admins whose saves go through the services, and
read-only inlines.

A service is a use case that runs in its own durable transaction
(``alliance_portal.audit.use_case``), so an admin page that saves through one must not wrap
the page in a transaction of its own, as ``ModelAdmin.changeform_view`` does: ``ServiceAdmin``
leaves that out. Its saves are the service call alone (inlines on such admins are read-only),
so a refused save still changes nothing; the refusal (``ValidationError`` or
``PermissionDenied``) is shown as an error message on the same page, never as a server error.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect


class ServiceAdmin(admin.ModelAdmin):
    """A model admin whose add and change pages save through a service (override
    ``save_model``, and ``delete_model`` where deleting is a use case too)."""

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
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            self.message_user(request, text or "This change was refused.", level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class ReadOnlyInline(admin.TabularInline):
    """Rows shown for context under their parent, changed only through their own use cases."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
