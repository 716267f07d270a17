"""Admin for initiatives and pledges. Saves go through the same use cases as the pages: an
initiative is created and edited by ``initiative_create`` / ``initiative_update``; a pledge
added here is a partner alliance's (member organisations pledge through their representative),
and a pledge's status moves only from pledged to paid or withdrawn. Neither is deleted: an
initiative is cancelled, a pledge withdrawn."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils import timezone

from alliance_portal.forms import ChoiceArrayAdminMixin
from alliance_portal.service_admin import ReadOnlyInline, ServiceAdmin
from governance.initiatives import services
from governance.initiatives.models import Initiative, Pledge, PledgeStatus

INITIATIVE_FIELDS = (
    "title",
    "description",
    "status",
    "disclosure",
    "lead_organisation",
    "budget_amount",
    "budget_currency",
    "countries",
    "materials",
)


class PledgeInline(ReadOnlyInline):
    model = Pledge
    fields = ("organisation", "partner_alliance", "amount", "currency", "status", "due_on")
    readonly_fields = fields


@admin.register(Initiative)
class InitiativeAdmin(ChoiceArrayAdminMixin, ServiceAdmin):
    list_display = ("title", "status", "lead_organisation", "budget_amount", "budget_currency")
    list_filter = ("status", "disclosure", "budget_currency")
    search_fields = ("title",)
    fields = (*INITIATIVE_FIELDS, "decisions", "actions", "partner_alliances")
    filter_horizontal = ("decisions", "actions", "partner_alliances")
    inlines = (PledgeInline,)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # cancel it instead: its pledges and links stay on record

    def save_model(
        self, request: HttpRequest, obj: Initiative, form: ModelForm, change: bool
    ) -> None:
        data = form.cleaned_data
        values: dict[str, Any] = {name: data[name] for name in INITIATIVE_FIELDS}
        links: dict[str, Any] = {
            "decisions": list(data["decisions"]),
            "actions": list(data["actions"]),
            "partner_alliances": list(data["partner_alliances"]),
        }
        if change:
            services.initiative_update(
                actor=request.user,
                initiative=Initiative.objects.get(pk=obj.pk),
                changes={**values, **links},
            )
            return
        created = services.initiative_create(actor=request.user, **values, **links)
        obj.pk = created.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """The links were saved by the use case (no ``save_m2m``); the pledges' inline is
        read-only, its formset saves nothing."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(Pledge)
class PledgeAdmin(ServiceAdmin):
    list_display = (
        "initiative",
        "pledger_name",
        "amount",
        "currency",
        "status",
        "due_on",
        "paid_on",
    )
    list_filter = ("status", "currency")
    search_fields = ("initiative__title", "organisation__name", "partner_alliance__name")

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:  # a partner alliance's pledge
            return ("initiative", "partner_alliance", "amount", "currency", "due_on")
        return (
            "initiative",
            "organisation",
            "partner_alliance",
            "amount",
            "currency",
            "due_on",
            "status",
            "paid_on",
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ()
        return ("initiative", "organisation", "partner_alliance", "amount", "currency", "due_on")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # withdraw it instead

    def save_model(self, request: HttpRequest, obj: Pledge, form: ModelForm, change: bool) -> None:
        if not change:
            created = services.partner_pledge_record(
                actor=request.user,
                initiative=obj.initiative,
                partner_alliance=obj.partner_alliance,
                amount=obj.amount,
                currency=obj.currency,
                due_on=obj.due_on,
            )
            obj.pk = created.pk
            return
        stored = Pledge.objects.get(pk=obj.pk)
        if obj.status == stored.status:
            if obj.paid_on != stored.paid_on:
                raise ValidationError("The date paid is set when the pledge is marked paid.")
            return
        if obj.status == PledgeStatus.PAID:
            services.pledge_mark_paid(
                actor=request.user, pledge=stored, paid_on=obj.paid_on or timezone.localdate()
            )
        elif obj.status == PledgeStatus.WITHDRAWN:
            services.pledge_withdraw(actor=request.user, pledge=stored)
        else:
            raise ValidationError("A pledge goes from pledged to paid or withdrawn, never back.")
