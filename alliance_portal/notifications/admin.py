"""Read-only admin of notifications: people change their own choices (their page, the API,
the unsubscribe link); events and digest items are written by the portal."""

from __future__ import annotations

from django.contrib import admin

from alliance_portal.notifications.models import (
    Notification,
    NotificationItem,
    NotificationPreference,
)
from alliance_portal.service_admin import ReadOnlyInline, RecordAdmin


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(RecordAdmin):
    """A person's choice for one kind of event (no row: the kind's default)."""

    list_display = ("user", "kind", "frequency", "scope", "updated_at")
    list_filter = ("kind", "frequency")
    search_fields = ("user__email", "user__display_name")
    list_select_related = ("user",)
    readonly_fields = ("user", "kind", "frequency", "scope", "updated_at")
    fields = readonly_fields


class NotificationItemInline(ReadOnlyInline):
    model = NotificationItem
    fields = ("user", "frequency", "created_at", "digest_sent_at")
    readonly_fields = fields
    verbose_name_plural = "Waiting for or sent in digests"


@admin.register(Notification)
class NotificationAdmin(RecordAdmin):
    """One notified event; who got it at once is in the outbox (key "notification:<event>")."""

    list_display = ("subject", "kind", "created_at", "dispatched_at")
    list_filter = ("kind",)
    search_fields = ("subject", "event_key")
    date_hierarchy = "created_at"
    fields = ("kind", "event_key", "subject", "line", "link", "body", "created_at", "dispatched_at")
    readonly_fields = fields
    inlines = (NotificationItemInline,)


@admin.register(NotificationItem)
class NotificationItemAdmin(RecordAdmin):
    list_display = ("notification", "user", "frequency", "created_at", "digest_sent_at")
    list_filter = ("frequency", "digest_sent_at")
    search_fields = ("user__email", "notification__subject")
    list_select_related = ("notification", "user")
    fields = ("notification", "user", "frequency", "created_at", "digest_sent_at", "digest_key")
    readonly_fields = fields
