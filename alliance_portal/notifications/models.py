"""What a person chose to hear about, the events the portal notified, and the items waiting for
a person's digest. Registered under the app label ``alliance_portal`` (imported by
``alliance_portal.models``)."""

from __future__ import annotations

from typing import ClassVar

from django.contrib.postgres.fields import ArrayField
from django.db import models

from alliance_portal.audit import audit_trail
from alliance_portal.notifications.kinds import KIND_CHOICES, Frequency, Scope, kind_label
from alliance_portal.text_limits import DOCUMENT, BoundedTextField


@audit_trail()
class NotificationPreference(models.Model):
    """A person's choice for one kind of event. No row means the kind's default
    (``alliance_portal.notifications.kinds``)."""

    user = models.ForeignKey(
        "alliance_portal.User", on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40, choices=KIND_CHOICES)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    scope = models.CharField(
        max_length=10,
        choices=Scope.choices,
        blank=True,
        help_text="For consultations opened only: which ones the person hears of.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("user", "kind")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("user", "kind"), name="notificationpref_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{kind_label(self.kind)}: {self.get_frequency_display()} ({self.user})"


class Notification(models.Model):
    """One event the portal notified (a consultation opened, a ballot closing...), once: its
    ``event_key`` is unique. Written in the transaction that made the event happen; a worker
    delivers it to ``audience`` after that transaction commits."""

    kind = models.CharField(max_length=40, choices=KIND_CHOICES)
    event_key = models.CharField(max_length=200, unique=True)
    subject = models.CharField(max_length=300)
    line = models.CharField(max_length=300, help_text="The event in one line, for digests.")
    link = models.CharField(max_length=500, help_text="Where to read or act, an absolute URL.")
    body = BoundedTextField(max_length=DOCUMENT, help_text="The immediate email's text.")
    audience = ArrayField(models.PositiveIntegerField(), default=list)
    in_scope = ArrayField(
        models.PositiveIntegerField(),
        default=list,
        help_text="Of the audience, the people for whom the event is in their organisation's "
        "materials or countries (kinds with a scope).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.subject


class NotificationItem(models.Model):
    """One event waiting for (or sent in) one person's daily or weekly digest: unique per
    event and person."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="items")
    user = models.ForeignKey(
        "alliance_portal.User", on_delete=models.CASCADE, related_name="notification_items"
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    digest_sent_at = models.DateTimeField(null=True, blank=True)
    digest_key = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("-created_at",)
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("notification", "user"), name="notificationitem_once_per_event_person"
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=("frequency", "digest_sent_at", "created_at")),
        ]

    def __str__(self) -> str:
        return f"{self.notification} → {self.user}"
