"""Admin for the secretariat. Registry data (standards, versions, elements) is edited as plain
records, checked by the database's constraints and triggers; crosswalk mappings go through the
same services as pages and API (proposal, edits, review, approval), and approved mappings are
read-only here as everywhere."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from alliance_portal.service_admin import ReadOnlyInline, RecordAdmin, ServiceAdmin
from standards import services
from standards.models import (
    AcceptanceRequest,
    Answer,
    Certification,
    CycleRequirement,
    CycleStatus,
    Demand,
    Element,
    Mapping,
    MappingSet,
    Report,
    ReportingCycle,
    ReportVersion,
    Standard,
    StandardVersion,
    Tier,
    TierCommitment,
    TierRequirement,
)

MAPPING_FIELDS = (
    "mapping_set",
    "focal_element",
    "relationship",
    "reference_element",
    "rationale",
    "strength",
    "explanation",
)
RECORD_FIELDS = (
    "status",
    "supersedes",
    "author",
    "reviewed_by",
    "reviewed_at",
    "approved_by",
    "approved_at",
    "superseded_at",
    "created_at",
    "updated_at",
)


class VersionInline(admin.TabularInline):
    model = StandardVersion
    extra = 0
    fields = ("label", "status", "published_on", "effective_on")
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin):
    list_display = ("title", "short_name", "code", "kind", "issuing_body")
    list_filter = ("kind",)
    search_fields = ("title", "code", "short_name", "issuing_body")
    inlines = (VersionInline,)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.action(description="Make the selected version current (the current one is superseded)")
def make_current(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    for version in queryset:
        try:
            services.version_make_current(actor=request.user, version=version)
        except (ValidationError, PermissionDenied) as error:
            modeladmin.message_user(request, f"{version}: {error}", messages.ERROR)


@admin.register(StandardVersion)
class StandardVersionAdmin(admin.ModelAdmin):
    list_display = ("standard", "label", "status", "published_on", "effective_on")
    list_filter = ("status", "standard__kind")
    search_fields = ("standard__title", "standard__code", "label")
    list_select_related = ("standard",)
    raw_id_fields = ("supersedes",)
    actions = (make_current,)


@admin.register(Element)
class ElementAdmin(admin.ModelAdmin):
    list_display = ("ref", "title", "kind", "version", "order")
    list_filter = ("kind", "version__standard")
    search_fields = ("ref", "title", "summary")
    list_select_related = ("version__standard",)
    raw_id_fields = ("version", "parent")


@admin.register(MappingSet)
class MappingSetAdmin(ServiceAdmin):
    list_display = ("__str__", "version_number", "comprehensive", "created_at")
    list_filter = ("comprehensive",)
    list_select_related = ("focal_version__standard", "reference_version__standard")
    raw_id_fields = ("focal_version", "reference_version")
    readonly_fields = ("created_by", "created_at")

    def get_readonly_fields(
        self, request: HttpRequest, obj: MappingSet | None = None
    ) -> tuple[str, ...]:
        # The mappings' elements belong to the set's versions: they stay put once created.
        if obj is not None:
            return ("focal_version", "reference_version", "version_number", *self.readonly_fields)
        return tuple(self.readonly_fields)

    def save_model(
        self, request: HttpRequest, obj: MappingSet, form: ModelForm, change: bool
    ) -> None:
        if change:
            obj.save(update_fields=["purpose", "comprehensive"])
            return
        created = services.mapping_set_create(
            actor=request.user,
            focal_version=form.cleaned_data["focal_version"],
            reference_version=form.cleaned_data["reference_version"],
            purpose=form.cleaned_data["purpose"],
            comprehensive=form.cleaned_data.get("comprehensive", False),
            version_number=form.cleaned_data.get("version_number"),
        )
        obj.pk = created.pk


def _run(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet, service: Any
) -> None:
    done = 0
    for mapping in queryset:
        try:
            service(actor=request.user, mapping=mapping)
        except (ValidationError, PermissionDenied) as error:
            text = "; ".join(getattr(error, "messages", [str(error)]))
            modeladmin.message_user(request, f"Mapping {mapping.pk}: {text}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, f"{done} mapping(s) done.", messages.SUCCESS)


@admin.action(description="Mark the selected drafts as reviewed")
def review(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    _run(modeladmin, request, queryset, services.mapping_review)


@admin.action(description="Approve the selected reviewed mappings")
def approve(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    _run(modeladmin, request, queryset, services.mapping_approve)


@admin.register(Mapping)
class MappingAdmin(ServiceAdmin):
    list_display = ("pk", "__str__", "mapping_set", "strength", "status")
    list_filter = ("status", "relationship", "rationale")
    search_fields = ("focal_element__ref", "reference_element__ref", "explanation")
    list_select_related = (
        "focal_element",
        "reference_element",
        "mapping_set__focal_version__standard",
        "mapping_set__reference_version__standard",
    )
    raw_id_fields = ("mapping_set", "focal_element", "reference_element")
    fields = (*MAPPING_FIELDS, *RECORD_FIELDS)
    actions = (review, approve)

    def get_readonly_fields(
        self, request: HttpRequest, obj: Mapping | None = None
    ) -> tuple[str, ...]:
        if obj is None:
            return RECORD_FIELDS
        if obj.is_frozen:
            return (*MAPPING_FIELDS, *RECORD_FIELDS)
        return ("mapping_set", "focal_element", "reference_element", *RECORD_FIELDS)

    def has_delete_permission(self, request: HttpRequest, obj: Mapping | None = None) -> bool:
        if obj is not None and obj.is_frozen:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Mapping, form: ModelForm, change: bool) -> None:
        if change:
            if obj.is_frozen or not form.changed_data:
                return  # every field is read-only: nothing to save
            services.mapping_update(
                actor=request.user,
                mapping=obj,
                changes={name: form.cleaned_data[name] for name in form.changed_data},
            )
            return
        created = services.mapping_create(
            actor=request.user,
            mapping_set=form.cleaned_data["mapping_set"],
            focal_element=form.cleaned_data["focal_element"],
            reference_element=form.cleaned_data["reference_element"],
            relationship=form.cleaned_data["relationship"],
            rationale=form.cleaned_data["rationale"],
            strength=form.cleaned_data.get("strength"),
            explanation=form.cleaned_data.get("explanation", ""),
        )
        obj.pk = created.pk


@admin.register(Certification)
class CertificationAdmin(ServiceAdmin):
    """Certifications, recorded and changed through the same use cases as the pages and API
    (the organisation's representative or the secretariat)."""

    list_display = ("organisation", "version", "status", "valid_from", "valid_until", "disclosure")
    list_filter = ("status", "disclosure", "version__standard")
    search_fields = ("organisation__name", "version__standard__title")
    list_select_related = ("organisation", "version__standard")
    autocomplete_fields = ("organisation",)
    fields = (
        "organisation",
        "version",
        "status",
        "valid_from",
        "valid_until",
        "sites",
        "materials",
        "evidence_url",
        "disclosure",
        "recorded_by",
        "created_at",
        "updated_at",
    )
    readonly_fields = ("recorded_by", "created_at", "updated_at")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a certification ends by its status (suspended, expired), not deletion

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # The organisation is chosen once: a certification never moves to another one.
        return (*self.readonly_fields, "organisation") if obj else self.readonly_fields

    def save_model(
        self, request: HttpRequest, obj: Certification, form: ModelForm, change: bool
    ) -> None:
        data = form.cleaned_data
        fields = services.CertificationFields(
            version=data["version"],
            status=data["status"],
            valid_from=data.get("valid_from"),
            valid_until=data.get("valid_until"),
            sites=data.get("sites") or "",
            materials=list(data.get("materials") or []),
            evidence_url=data.get("evidence_url") or "",
            disclosure=data["disclosure"],
        )
        if change:
            services.certification_update(actor=request.user, certification=obj, fields=fields)
            return
        created = services.certification_record(
            actor=request.user, organisation=data["organisation"], fields=fields
        )
        obj.pk = created.pk


class TierRequirementInline(ReadOnlyInline):
    model = TierRequirement
    fields = ("number", "text")
    readonly_fields = fields


@admin.register(Tier)
class TierAdmin(RecordAdmin):
    """Commitment tiers, shown here: the secretariat drafts them on the tiers pages
    (/standards/tiers/draft/) and only a decision adopts one, so nobody changes one here."""

    list_display = ("name", "rank", "status", "adopted_on", "decision_ref")
    list_filter = ("status",)
    search_fields = ("name", "description")
    fields = (
        "slug",
        "name",
        "rank",
        "description",
        "status",
        "adopted_on",
        "decision_ref",
        "decision_url",
        "baseline_requirements",
        "created_at",
        "updated_at",
    )
    readonly_fields = fields
    inlines = (TierRequirementInline,)


@admin.register(TierCommitment)
class TierCommitmentAdmin(RecordAdmin):
    """Organisations' commitments and their history: declared, changed and withdrawn by the
    organisation's representative only."""

    list_display = ("organisation", "tier", "target_date", "disclosure", "declared_at", "ended_at")
    list_filter = ("tier", "disclosure", "end_reason")
    search_fields = ("organisation__name",)
    list_select_related = ("organisation", "tier")
    fields = (
        "organisation",
        "tier",
        "target_date",
        "disclosure",
        "declared_by",
        "declared_at",
        "ended_at",
        "end_reason",
    )
    readonly_fields = fields


@admin.register(AcceptanceRequest)
class AcceptanceRequestAdmin(RecordAdmin):
    """Acceptance requests, read here: the organisation's representative drafts, submits and
    withdraws them on their pages (or the API); the secretariat opens a proposal from one on its
    page, and the decision answers it."""

    list_display = ("organisation", "version", "status", "disclosure", "submitted_at")
    list_filter = ("status", "disclosure", "version__standard")
    search_fields = ("organisation__name", "version__standard__title", "statement")
    list_select_related = ("organisation", "version__standard")
    fields = (
        "organisation",
        "version",
        "requirement_refs",
        "statement",
        "status",
        "status_note",
        "disclosure",
        "drafted_by",
        "submitted_at",
        "created_at",
        "updated_at",
    )


# --- RS performance reports ------------------------------------------------------------------


class CycleQuestionInline(ReadOnlyInline):
    model = CycleRequirement
    fields = ("order", "requirement")
    readonly_fields = fields


@admin.register(ReportingCycle)
class ReportingCycleAdmin(ServiceAdmin):
    """Reporting cycles: opened through the same use case as the page and the API (its
    questionnaire is the current baseline's requirements, frozen); closed with the action."""

    list_display = ("title", "status", "opens_on", "due_on", "baseline")
    list_filter = ("status",)
    search_fields = ("title",)
    list_select_related = ("baseline__standard",)
    fields = ("title", "opens_on", "due_on", "status", "baseline", "opened_by", "closed_at")
    inlines = (CycleQuestionInline,)
    actions = ("close_cycles",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ("status", "baseline", "opened_by", "closed_at")
        return self.fields

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("title", "opens_on", "due_on") if obj is None else self.fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a cycle is closed, never deleted: reports refer to it

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        if change:
            return  # nothing changes here: closing is the action
        created = services.reporting_cycle_open(
            actor=request.user,
            title=form.cleaned_data["title"],
            opens_on=form.cleaned_data["opens_on"],
            due_on=form.cleaned_data["due_on"],
        )
        obj.pk = created.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        return  # the service froze the questionnaire

    @admin.action(description="Close the selected cycles")
    def close_cycles(self, request: HttpRequest, queryset: QuerySet[ReportingCycle]) -> None:
        for cycle in queryset.filter(status=CycleStatus.OPEN):
            services.reporting_cycle_close(actor=request.user, cycle=cycle)
        self.message_user(request, "The open cycles among those selected are closed.")


class ReportVersionInline(ReadOnlyInline):
    model = ReportVersion
    fields = ("number", "state", "reason", "created_at", "submitted_at", "submitted_by")
    readonly_fields = fields


@admin.register(Report)
class ReportAdmin(RecordAdmin):
    """RS reports are filed by the organisation's representative on its pages or the API; the
    secretariat reads them here."""

    list_display = ("organisation", "cycle", "first_submitted_at")
    list_filter = ("cycle",)
    search_fields = ("organisation__name",)
    list_select_related = ("organisation", "cycle")
    fields = ("cycle", "organisation", "first_submitted_at", "created_at")
    readonly_fields = fields
    inlines = (ReportVersionInline,)


@admin.register(Answer)
class AnswerAdmin(RecordAdmin):
    """Answers of RS reports, every version's, to read (a submitted answer never changes)."""

    list_display = ("version", "requirement", "status", "disclosure")
    list_filter = ("status", "disclosure", "version__report__cycle")
    search_fields = ("version__report__organisation__name", "requirement__ref")
    list_select_related = ("version__report__organisation", "version__report__cycle", "requirement")
    fields = (
        "version",
        "requirement",
        "status",
        "reason",
        "evidence_url",
        "narrative",
        "plans",
        "target_date",
        "disclosure",
    )
    readonly_fields = fields


@admin.register(Demand)
class DemandAdmin(ServiceAdmin):
    """Downstream demands, recorded and withdrawn through the same use cases as the pages and
    API (the organisation's representative or the secretariat); a demand is never edited."""

    list_display = ("organisation", "material", "element", "created_at")
    list_filter = ("material", "element__version__standard")
    search_fields = ("organisation__name", "element__ref", "element__title")
    list_select_related = ("organisation", "element__version__standard")
    autocomplete_fields = ("organisation",)
    raw_id_fields = ("element",)
    fields = ("organisation", "material", "element", "note", "recorded_by", "created_at")
    readonly_fields = ("recorded_by", "created_at")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # A demand is recorded or withdrawn, never changed.
        return tuple(self.fields) if obj else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: Demand, form: ModelForm, change: bool) -> None:
        if change:
            return
        data = form.cleaned_data
        created = services.demand_record(
            actor=request.user,
            organisation=data["organisation"],
            material=data["material"],
            elements=[data["element"]],
            note=data.get("note") or "",
        )
        if not created:
            raise ValidationError("The organisation demands this already for this material.")
        obj.pk = created[0].pk

    def delete_model(self, request: HttpRequest, obj: Demand) -> None:
        services.demand_withdraw(
            actor=request.user,
            organisation=obj.organisation,
            material=obj.material,
            elements=[obj.element],
        )

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Demand]) -> None:
        for demand in queryset.select_related("organisation", "element"):
            self.delete_model(request, demand)
