"""Admin for the secretariat. Edits made here go through the same services as pages and API
where a use case has rules (an organisation's creation, its people's representative right)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest

from members import services
from members.models import Chamber, Organisation, Person


@admin.register(Chamber)
class ChamberAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "order")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("order",)


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0
    fields = ("user", "position", "is_representative")
    raw_id_fields = ("user",)
    # People are added and designated through their own admin, which calls the services.
    readonly_fields = ("user", "position", "is_representative")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "chamber", "kind", "membership_status", "headquarters_country")
    list_filter = ("membership_status", "chamber", "kind")
    search_fields = ("name", "slug")
    readonly_fields = ("slug", "group", "created_at", "updated_at")
    inlines = (PersonInline,)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(
        self, request: HttpRequest, obj: Organisation, form: ModelForm, change: bool
    ) -> None:
        data = {field: form.cleaned_data[field] for field in form.changed_data}
        if change:
            services.organisation_update(actor=request.user, organisation=obj, changes=data)
            return
        profile = {
            field: value
            for field, value in form.cleaned_data.items()
            if field in services.PROFILE_FIELDS
        }
        created = services.organisation_create(
            actor=request.user,
            name=form.cleaned_data["name"],
            chamber=form.cleaned_data["chamber"],
            kind=form.cleaned_data["kind"],
            membership_status=form.cleaned_data["membership_status"],
            joined_on=form.cleaned_data.get("joined_on"),
            **profile,
        )
        obj.pk = created.pk
        obj.slug = created.slug


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "position", "is_representative")
    list_filter = ("is_representative", "organisation__chamber")
    search_fields = ("user__email", "user__display_name", "organisation__name")
    raw_id_fields = ("user", "organisation")

    def get_readonly_fields(
        self, request: HttpRequest, obj: Person | None = None
    ) -> tuple[str, ...]:
        # Moving a person to another organisation would carry its rights along: not an edit.
        return ("user", "organisation") if obj else ()

    def save_model(self, request: HttpRequest, obj: Person, form: ModelForm, change: bool) -> None:
        if change:
            obj.save(update_fields=["position"])
            if "is_representative" in form.changed_data:
                services.person_set_representative(
                    actor=request.user, person=obj, is_representative=obj.is_representative
                )
            return
        created = services.person_add(
            actor=request.user,
            organisation=form.cleaned_data["organisation"],
            user=form.cleaned_data["user"],
            position=form.cleaned_data.get("position", ""),
            is_representative=form.cleaned_data.get("is_representative", False),
        )
        obj.pk = created.pk
