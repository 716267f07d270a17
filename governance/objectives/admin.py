"""Admin for objectives, indicators, measurements and the RS issue register (status changes and
measurements go through the services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from alliance_portal.service_admin import ReadOnlyInline, RecordAdmin, ServiceAdmin
from alliance_portal.text_limits import text_form_field
from governance.objectives import services
from governance.objectives.models import Indicator, Issue, IssueStatusChange, Measurement, Objective

# --- objectives and issues ---------------------------------------------------------------------


class IndicatorInline(ReadOnlyInline):
    model = Indicator
    fields = ("name", "unit", "baseline_value", "baseline_date", "target_value", "target_date")
    readonly_fields = fields


@admin.register(Objective)
class ObjectiveAdmin(RecordAdmin):
    """Objectives and their indicators are adopted or changed only by a decision (a proposal's
    effect, issue 16): shown here, never edited by hand."""

    list_display = ("title", "status", "order")
    list_filter = ("status",)
    inlines = (IndicatorInline,)


class MeasurementInline(ReadOnlyInline):
    model = Measurement
    fields = ("measured_on", "value", "source")


@admin.register(Indicator)
class IndicatorAdmin(RecordAdmin):
    """Shown only: indicators change by decision, like their objectives."""

    list_display = ("name", "objective", "unit", "baseline_value", "target_value", "target_date")
    list_filter = ("objective",)
    inlines = (MeasurementInline,)


@admin.register(Measurement)
class MeasurementAdmin(ServiceAdmin):
    list_display = ("indicator", "measured_on", "value", "source")
    list_filter = ("indicator__objective",)
    exclude = ("recorded_by",)

    def save_model(
        self, request: HttpRequest, obj: Measurement, form: ModelForm, change: bool
    ) -> None:
        recorded = services.indicator_record_measurement(
            actor=request.user,
            indicator=obj.indicator,
            measured_on=obj.measured_on,
            value=obj.value,
            source=obj.source,
        )
        obj.pk = recorded.pk


class IssueStatusChangeInline(ReadOnlyInline):
    model = IssueStatusChange
    fields = ("changed_at", "from_status", "to_status", "reason")


class IssueForm(forms.ModelForm):
    status_reason = text_form_field(
        IssueStatusChange,
        "reason",
        label="Reason for the status",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required when the issue is added or its status changes; kept in its history.",
    )

    class Meta:
        model = Issue
        fields = ("title", "description", "status", "objective")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status_changes = self.instance.pk is None or "status" in self.changed_data
        if status_changes and not data.get("status_reason", "").strip():
            self.add_error("status_reason", "Say why the issue has this status.")
        return data


@admin.register(Issue)
class IssueAdmin(ServiceAdmin):
    form = IssueForm
    list_display = ("title", "status", "objective", "updated_at")
    list_filter = ("status", "objective")
    search_fields = ("title",)
    inlines = (IssueStatusChangeInline,)

    def save_model(self, request: HttpRequest, obj: Issue, form: ModelForm, change: bool) -> None:
        reason = form.cleaned_data.get("status_reason", "")
        if not change:
            created = services.issue_create(
                actor=request.user,
                title=obj.title,
                description=obj.description,
                status=obj.status,
                objective=obj.objective,
                reason=reason,
            )
            obj.pk = created.pk
            return
        new_status = obj.status
        if "status" in form.changed_data:
            obj.status = form.initial["status"]
        obj.save(update_fields=["title", "description", "objective", "updated_at"])
        if "status" in form.changed_data:
            services.issue_set_status(
                actor=request.user, issue=obj, status=new_status, reason=reason
            )
