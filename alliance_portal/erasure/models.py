"""A person's request that their personal data be erased, and what became of it."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q

from alliance_portal.append_only import ERASING
from alliance_portal.audit import audit_trail
from alliance_portal.text_limits import STATEMENT, BoundedTextField


class ErasureStatus(models.TextChoices):
    PENDING = "pending", "waiting for the secretariat"
    # Only inside the erasure's transaction: what the append-only tables' triggers look for.
    ERASING = ERASING, "being erased"
    ERASED = "erased", "erased"
    DECLINED = "declined", "declined"
    CANCELLED = "cancelled", "withdrawn by the person"


OPEN_STATUSES = (ErasureStatus.PENDING,)


@audit_trail()
class ErasureRequest(models.Model):
    """A person asks for erasure; the secretariat confirms (and the portal erases them
    everywhere) or declines with a reason by ``due_on`` (``PERSONAL_DATA_ERASURE_DAYS`` after
    the request). The row stays as the record that it was asked and done."""

    user = models.ForeignKey(
        "alliance_portal.User", on_delete=models.PROTECT, related_name="erasure_requests"
    )
    status = models.CharField(
        max_length=10, choices=ErasureStatus.choices, default=ErasureStatus.PENDING
    )
    requested_at = models.DateTimeField()
    due_on = models.DateField(help_text="The secretariat answers by this day.")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "alliance_portal.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decline_reason = BoundedTextField(max_length=STATEMENT, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("due_on", "id")
        verbose_name = "erasure request"
        verbose_name_plural = "erasure requests"
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("user",),
                condition=Q(status__in=["pending", "erasing"]),
                name="erasurerequest_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ErasureStatus.values), name="erasurerequest_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="erasurerequest_decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Erasure request {self.pk} ({self.get_status_display()})"
