"""Admin for the secretariat. Edits made here go through the same services as pages and API
where a use case has rules (an organisation's creation, its people's rights, applications,
agreements)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from alliance_portal.forms import ChoiceArrayAdminMixin
from alliance_portal.service_admin import ServiceAdmin
from members import services
from members.models import (
    AgreementAcceptance,
    AgreementVersion,
    ApplicationStatus,
    Chamber,
    CountryRiskNote,
    FocusCountry,
    FocusMaterial,
    MembershipApplication,
    Organisation,
    PartnerAlliance,
    Person,
    StakeholderGroup,
)


@admin.register(Chamber)
class ChamberAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "order")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("order",)


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0
    fields = ("user", "position", "is_representative", "disclosure")
    # People are added and designated through their own admin, which calls the services.
    readonly_fields = ("user", "position", "is_representative", "disclosure")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(ChoiceArrayAdminMixin, ServiceAdmin):
    list_display = ("name", "chamber", "kind", "membership_status", "headquarters_country")
    list_filter = ("membership_status", "chamber", "kind")
    search_fields = ("name", "slug")
    readonly_fields = ("slug", "group", "created_at", "updated_at")
    inlines = (PersonInline,)

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
class PersonAdmin(ServiceAdmin):
    list_display = ("user", "organisation", "position", "is_representative", "disclosure")
    list_filter = ("is_representative", "organisation__chamber", "disclosure")
    search_fields = ("user__email", "user__display_name", "organisation__name")
    raw_id_fields = ("user", "organisation")

    def get_readonly_fields(
        self, request: HttpRequest, obj: Person | None = None
    ) -> tuple[str, ...]:
        # Moving a person to another organisation would carry its rights along: not an edit.
        return ("user", "organisation") if obj else ()

    def save_model(self, request: HttpRequest, obj: Person, form: ModelForm, change: bool) -> None:
        if change:
            # The use case first: when it refuses, nothing of the form is saved.
            if "is_representative" in form.changed_data:
                services.person_set_representative(
                    actor=request.user, person=obj, is_representative=obj.is_representative
                )
            obj.save(update_fields=["position", "disclosure"])
            return
        created = services.person_add(
            actor=request.user,
            organisation=form.cleaned_data["organisation"],
            user=form.cleaned_data["user"],
            position=form.cleaned_data.get("position", ""),
            is_representative=form.cleaned_data.get("is_representative", False),
        )
        obj.pk = created.pk


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(ChoiceArrayAdminMixin, admin.ModelAdmin):
    """Applications are reviewed, not edited: approve here or on the staff page, where a
    rejection takes the reason the applicant receives."""

    list_display = (
        "organisation_name",
        "chamber",
        "headquarters_country",
        "status",
        "submitted_at",
    )
    list_filter = ("status", "chamber")
    search_fields = ("organisation_name", "representative_email")
    actions = ("approve_selected",)
    # The letter is downloaded through the secretariat's view (an attachment, access logged),
    # never through a media URL.
    exclude = ("commitment_letter",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [
            "signed_letter" if field.name == "commitment_letter" else field.name
            for field in MembershipApplication._meta.fields
        ]

    @admin.display(description="Signed commitment letter")
    def signed_letter(self, application: MembershipApplication) -> str:
        if application.commitment_letter:
            url = reverse("members:application-letter", args=[application.pk])
            return format_html('<a href="{}">Download the signed letter (PDF)</a>', url)
        if application.status in {ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN}:
            return f"Removed when the application was {application.get_status_display().lower()}."
        return "No letter."

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # applicants use /members/apply/

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the record of who applied and what was decided stays

    @admin.action(description="Approve selected applications (creates the organisations)")
    def approve_selected(
        self, request: HttpRequest, queryset: QuerySet[MembershipApplication]
    ) -> None:
        for application in queryset.filter(status=ApplicationStatus.SUBMITTED):
            try:
                services.application_approve(actor=request.user, application=application)
            except ValidationError as error:
                self.message_user(
                    request, f"{application}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                self.message_user(request, f"{application.organisation_name} is a member now.")


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ServiceAdmin):
    """A published version is never edited: publish a new one, which everyone accepts again."""

    list_display = ("kind", "version", "title", "published_at")
    list_filter = ("kind",)
    fields = ("kind", "title", "text", "version", "published_at")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # people accepted it

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ("version", "published_at")
        return ("kind", "title", "text", "version", "published_at")

    def save_model(
        self, request: HttpRequest, obj: AgreementVersion, form: ModelForm, change: bool
    ) -> None:
        published = services.agreement_publish(
            actor=request.user,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
        )
        obj.pk, obj.version, obj.published_at = (
            published.pk,
            published.version,
            published.published_at,
        )


@admin.register(AgreementAcceptance)
class AgreementAcceptanceAdmin(admin.ModelAdmin):
    list_display = ("person", "agreement", "accepted_at")
    list_filter = ("agreement",)
    search_fields = ("person__user__email",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(ChoiceArrayAdminMixin, admin.ModelAdmin):
    list_display = ("name", "influence", "impact", "engagement", "chamber")
    list_filter = ("engagement", "chamber", "influence", "impact")
    search_fields = ("name",)
    filter_horizontal = ("organisations", "partner_alliances")


@admin.register(PartnerAlliance)
class PartnerAllianceAdmin(ChoiceArrayAdminMixin, admin.ModelAdmin):
    list_display = ("name", "cooperation_agreed_on")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("chambers",)


class RiskNoteInline(ChoiceArrayAdminMixin, admin.StackedInline):
    model = CountryRiskNote
    extra = 0


@admin.register(FocusCountry)
class FocusCountryAdmin(admin.ModelAdmin):
    list_display = ("country", "role")
    list_filter = ("role",)
    inlines = (RiskNoteInline,)


@admin.register(FocusMaterial)
class FocusMaterialAdmin(admin.ModelAdmin):
    list_display = ("material",)


@admin.register(CountryRiskNote)
class CountryRiskNoteAdmin(ChoiceArrayAdminMixin, admin.ModelAdmin):
    list_display = ("title", "country", "designation", "noted_on", "disclosure")
    list_filter = ("disclosure", "country")
