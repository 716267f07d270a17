"""Admin for the documents library. A document is added on its page (the file is checked by
the service); here the secretariat changes its details through ``document_update``, and holds
or releases it for legal review through their use cases. Versions and shares are shown, never
edited by hand; documents are not deleted (they are evidence for reports and actions)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from alliance_portal.service_admin import ReadOnlyInline, ServiceAdmin
from governance.documents import services
from governance.documents.models import Document, DocumentShare, DocumentVersion


class VersionInline(ReadOnlyInline):
    model = DocumentVersion
    fields = ("number", "original_name", "content_type", "size", "sha256", "uploaded_at")
    readonly_fields = fields


class ShareInline(ReadOnlyInline):
    model = DocumentShare
    fields = ("organisation", "body", "shared_at")
    readonly_fields = fields


@admin.register(Document)
class DocumentAdmin(ServiceAdmin):
    list_display = ("title", "kind", "document_date", "disclosure", "organisation", "legal_hold")
    list_filter = ("kind", "disclosure", "language", "legal_hold", "body")
    search_fields = ("title",)
    fields = (*services.EDITABLE, "organisation", "legal_hold", "legal_hold_released_at")
    readonly_fields = ("organisation", "legal_hold", "legal_hold_released_at")
    inlines = (VersionInline, ShareInline)
    actions = ("hold_for_legal_review", "release_from_legal_review")

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")  # a link without a scheme is https
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # added on the library's page, where the file is checked

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: Document, form: ModelForm, change: bool
    ) -> None:
        data = form.cleaned_data
        services.document_update(
            actor=request.user,
            document=Document.objects.get(pk=obj.pk),
            changes={name: data[name] for name in services.EDITABLE if name in data},
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Everything was saved by the use case; the inlines are read-only."""

    def _each(self, request: HttpRequest, queryset: QuerySet[Document], use_case: Any) -> None:
        done = 0
        for document in queryset:
            try:
                use_case(actor=request.user, document=document)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request, f"{document}: {' '.join(error.args[:1])}", messages.ERROR
                )
        if done:
            self.message_user(request, f"{done} document(s) changed.", messages.SUCCESS)

    @admin.action(description="Hold for legal review")
    def hold_for_legal_review(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        self._each(request, queryset, services.document_hold)

    @admin.action(description="Release from legal review")
    def release_from_legal_review(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        self._each(request, queryset, services.document_release_hold)
