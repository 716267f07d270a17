"""Admin: proposal versions and the paragraphs accepted responses changed, read-only (a
version never changes once published; both are written through ``governance.versions``'
services)."""

from __future__ import annotations

from django.contrib import admin

from alliance_portal.service_admin import RecordAdmin
from governance.versions.models import ProposalVersion, ResponseChange


@admin.register(ProposalVersion)
class ProposalVersionAdmin(RecordAdmin):
    list_display = ("proposal", "number", "published_at", "short_hash", "author_agreed")
    list_filter = ("author_agreed",)
    list_select_related = ("proposal",)
    search_fields = ("proposal__title", "title", "sha256")
    readonly_fields = (
        "proposal",
        "number",
        "title",
        "summary",
        "text",
        "sha256",
        "note",
        "author_agreed",
        "published_by",
        "published_at",
    )
    fields = readonly_fields
    ordering = ("-published_at",)


@admin.register(ResponseChange)
class ResponseChangeAdmin(RecordAdmin):
    list_display = ("version", "paragraph", "response")
    list_select_related = ("version__proposal", "response")
    readonly_fields = ("response", "version", "paragraph")
    fields = readonly_fields
