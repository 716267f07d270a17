"""Admin: proposals' effects, listed and shown; set through the staff page or the API (the
service checks them), applied only by the decision that adopts the proposal."""

from __future__ import annotations

from django.contrib import admin

from alliance_portal.service_admin import RecordAdmin
from governance.effects.models import ProposalEffect


@admin.register(ProposalEffect)
class ProposalEffectAdmin(RecordAdmin):
    list_display = ("proposal", "kind", "set_at", "decision", "applied_at")
    list_filter = ("kind",)
    readonly_fields = (
        "proposal",
        "kind",
        "payload",
        "set_by",
        "set_at",
        "decision",
        "applied_at",
        "failure",
    )
