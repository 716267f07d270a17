"""Admin: signed heads and cosignatures are read-only (the portal signs, witnesses cosign);
witnesses are approved, refused or retired through the same use case as the witness page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from governance.decision_log.admin import ReadOnlyAdmin
from governance.log_heads import services
from governance.log_heads.models import Cosignature, SignedHead, Witness


@admin.register(SignedHead)
class SignedHeadAdmin(ReadOnlyAdmin):
    list_display = ("size", "signed_at", "root_hash", "key_id")


@admin.register(Cosignature)
class CosignatureAdmin(ReadOnlyAdmin):
    list_display = ("head", "witness", "timestamp", "via")
    list_select_related = ("head", "witness")


@admin.register(Witness)
class WitnessAdmin(ReadOnlyAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "organisation", "partner_alliance", "status", "log_seq")
    list_filter = ("status",)
    list_select_related = ("organisation", "partner_alliance")
    actions = ("approve", "refuse", "retire")

    def _decide(self, request: HttpRequest, queryset: QuerySet[Witness], decision: str) -> None:
        for witness in queryset:
            try:
                services.witness_decide(
                    actor=request.user, witness_id=witness.pk, decision=decision
                )
            except ValidationError as error:
                self.message_user(request, f"{witness}: {' '.join(error.messages)}", messages.ERROR)

    @admin.action(description="Approve the selected witnesses (published in the log)")
    def approve(self, request: HttpRequest, queryset: QuerySet[Witness]) -> None:
        self._decide(request, queryset, "approve")

    @admin.action(description="Refuse the selected witnesses")
    def refuse(self, request: HttpRequest, queryset: QuerySet[Witness]) -> None:
        self._decide(request, queryset, "refuse")

    @admin.action(description="Retire the selected witnesses (published in the log)")
    def retire(self, request: HttpRequest, queryset: QuerySet[Witness]) -> None:
        self._decide(request, queryset, "retire")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
