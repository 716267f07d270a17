"""Admin for bodies and their seat holders (seat holders go through the services)."""

from __future__ import annotations

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from alliance_portal.service_admin import ReadOnlyInline, RecordAdmin, ServiceAdmin
from governance.bodies import services
from governance.bodies.models import Body, BodySeat, Constitution, SeatHolder

# --- bodies ------------------------------------------------------------------------------------


class BodySeatInline(admin.TabularInline):
    model = BodySeat
    extra = 1


class ConstitutionInline(ReadOnlyInline):
    model = Constitution
    fk_name = "body"
    fields = (
        "number",
        "min_consultation_days",
        "bounds",
        "cosponsor_chambers",
        "admission_days",
        "amendments_by",
        "adopted_by",
        "adopted_at",
    )
    readonly_fields = fields

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class SeatHolderInline(ReadOnlyInline):
    model = SeatHolder
    fields = ("organisation", "person", "position", "term_start", "term_end")


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "electorate", "order")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (BodySeatInline, SeatHolderInline, ConstitutionInline)


@admin.register(Constitution)
class ConstitutionAdmin(RecordAdmin):
    """Versions of the bodies' constitutions: shown, never written by hand. A new version is
    the effect of a decision of the General Assembly (a proposal's effect, staff page or API)."""

    list_display = (
        "body",
        "number",
        "min_consultation_days",
        "cosponsor_chambers",
        "admission_days",
        "adopted_by",
        "adopted_at",
    )
    list_filter = ("body",)


@admin.register(SeatHolder)
class SeatHolderAdmin(ServiceAdmin):
    """Appointing a seat holder and changing a term are the seat-holder use cases; the body,
    organisation, person and start of a term are fixed once it exists."""

    list_display = ("organisation", "body", "person", "position", "term_start", "term_end")
    list_filter = ("body", "organisation__chamber")
    raw_id_fields = ("organisation", "person")

    def get_readonly_fields(
        self, request: HttpRequest, obj: SeatHolder | None = None
    ) -> tuple[str, ...]:
        return ("body", "organisation", "person", "term_start") if obj else ()

    def save_model(
        self, request: HttpRequest, obj: SeatHolder, form: ModelForm, change: bool
    ) -> None:
        if not change:
            created = services.seat_holder_add(
                actor=request.user,
                body=obj.body,
                organisation=obj.organisation,
                person=obj.person,
                position=obj.position,
                term_start=obj.term_start,
                term_end=obj.term_end,
            )
            obj.pk = created.pk
            obj._state.adding = False
            return
        services.seat_holder_update(
            actor=request.user, holder=obj, term_end=obj.term_end, position=obj.position
        )
