"""Admin: the public decision log, read-only (the database refuses any change anyway).
Amendments, corrections and withdrawals are new entries, made on the decision's page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from governance.decision_log.models import DecisionLogEntry, PublishedDecision


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DecisionLogEntry)
class DecisionLogEntryAdmin(ReadOnlyAdmin):
    list_display = ("seq", "kind", "published_at", "amends", "hash")
    list_filter = ("kind",)
    search_fields = ("canonical",)


@admin.register(PublishedDecision)
class PublishedDecisionAdmin(ReadOnlyAdmin):
    list_display = ("entry", "title", "outcome", "state", "body_name", "decided_at")
    list_filter = ("outcome", "state", "body_slug")
    search_fields = ("title", "summary")
