"""Admin: which proposal was opened from which acceptance request (read only: the use case that
opens the proposal writes it)."""

from __future__ import annotations

from django.contrib import admin

from alliance_portal.service_admin import RecordAdmin
from governance.acceptance.models import AcceptanceProposal


@admin.register(AcceptanceProposal)
class AcceptanceProposalAdmin(RecordAdmin):
    list_display = ("proposal", "acceptance_request", "opened_at")
    list_select_related = ("proposal", "acceptance_request__organisation")
    fields = ("proposal", "acceptance_request", "opened_at")
