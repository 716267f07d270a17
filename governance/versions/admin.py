"""Admin: proposal versions and the paragraphs accepted responses changed, read-only (a
version never changes once published; both are written through ``governance.versions``'
services)."""

from __future__ import annotations

from django.contrib import admin

from alliance_portal.service_admin import RecordAdmin
from governance.versions.models import ProposalVersion, ResponseChange, VersionSubmission


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


@admin.register(VersionSubmission)
class VersionSubmissionAdmin(RecordAdmin):
    """Revised versions submitted by member authors: read-only here (the secretariat
    publishes or returns them on the proposal's versions pages, or through the API)."""

    list_display = ("proposal", "organisation", "status", "submitted_at", "decided_at")
    list_filter = ("status",)
    list_select_related = ("proposal", "organisation")
    search_fields = ("proposal__title", "title", "organisation__name")
    readonly_fields = (
        "proposal",
        "based_on",
        "organisation",
        "title",
        "summary",
        "text",
        "note",
        "changes",
        "status",
        "submitted_by",
        "submitted_at",
        "decided_by",
        "decided_at",
        "return_reason",
        "version",
    )
    fields = readonly_fields
    ordering = ("-submitted_at",)
