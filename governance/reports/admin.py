"""Admin: transparency reports. Imported by governance/admin.py.

The secretariat asks for a report from the add form (kind, edition and period), builds failed
reports again and publishes corrected editions of published ones with actions, and deletes
those never published (a published edition and its files are kept as they are); all through ``governance.reports.services``, like the
pages and the API. What a build wrote is read-only here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html

from alliance_portal.forms import apply_service_error
from alliance_portal.service_admin import ServiceAdmin
from governance.reports import services
from governance.reports.forms import QUARTERS
from governance.reports.models import ReportFile, TransparencyReport


class ReportRequestAdminForm(forms.ModelForm):
    """Kind and edition from the model; the period as the request form asks for it."""

    year = forms.IntegerField(
        required=False, min_value=2000, max_value=2100, help_text="Annual and quarterly."
    )
    quarter = forms.TypedChoiceField(
        required=False, choices=QUARTERS, coerce=int, empty_value=None, help_text="Quarterly."
    )
    start = forms.DateField(required=False, help_text="Ad hoc: the first day (YYYY-MM-DD).")
    end = forms.DateField(required=False, help_text="Ad hoc: the last day (YYYY-MM-DD).")

    class Meta:
        model = TransparencyReport
        fields = ("kind", "edition")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            services.requested_period(
                kind=data["kind"],
                year=data.get("year"),
                quarter=data.get("quarter"),
                start=data.get("start"),
                end=data.get("end"),
            )
        except ValidationError as error:
            apply_service_error(self, error)
        return data


class ReportFileInline(admin.TabularInline):
    model = ReportFile
    extra = 0
    can_delete = False
    fields = ("kind", "file", "size", "sha256")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TransparencyReport)
class TransparencyReportAdmin(ServiceAdmin):
    list_display = (
        "__str__",
        "kind",
        "period",
        "edition",
        "number",
        "state",
        "progress",
        "requested_by",
        "finished_at",
        "page",
    )
    list_filter = ("kind", "edition", "state")
    search_fields = ("period",)
    actions = ("build_again", "publish_correction")
    inlines = (ReportFileInline,)
    readonly_fields = (
        "kind",
        "period",
        "period_start",
        "period_end",
        "edition",
        "number",
        "corrects",
        "state",
        "step",
        "progress",
        "requested_by",
        "requested_at",
        "started_at",
        "heartbeat_at",
        "finished_at",
        "attempts",
        "error",
        "log_head_seq",
        "log_head_hash",
        "tables",
        "page",
    )

    @admin.display(description="Page")
    def page(self, obj: TransparencyReport) -> str:
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), "Open the report page")

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = ReportRequestAdminForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("kind", "edition", "year", "quarter", "start", "end")
        return self.readonly_fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else ()

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        return self.inlines if obj is not None else ()

    def save_model(
        self, request: HttpRequest, obj: TransparencyReport, form: Any, change: bool
    ) -> None:
        if change:
            return  # everything is read-only once asked for
        data = form.cleaned_data
        report, created = services.report_request(
            actor=request.user,
            kind=data["kind"],
            edition=data["edition"],
            year=data.get("year"),
            quarter=data.get("quarter"),
            start=data.get("start"),
            end=data.get("end"),
        )
        obj.pk = report.pk
        obj.__dict__.update(
            {
                f.attname: getattr(report, f.attname)
                for f in TransparencyReport._meta.concrete_fields
            }
        )
        if not created:
            self.message_user(
                request,
                f"{report} existed already: it is queued to be built again only if its build "
                "failed. A published report is changed by publishing a corrected edition "
                "(an action of the list).",
                level=messages.INFO,
            )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A published edition and its files are kept as they are (issue 14 item 10).
        if obj is not None and services.report_is_published(obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request: HttpRequest, obj: TransparencyReport) -> None:
        try:
            services.report_delete(actor=request.user, report=obj)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), level=messages.ERROR)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[TransparencyReport]) -> None:
        for report in queryset:
            self.delete_model(request, report)

    @admin.action(description="Build the selected failed reports again")
    def build_again(self, request: HttpRequest, queryset: QuerySet[TransparencyReport]) -> None:
        queued = 0
        for report in queryset:
            try:
                services.report_rebuild(actor=request.user, report=report)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), level=messages.ERROR)
            else:
                queued += 1
        if queued:
            self.message_user(request, f"{queued} report(s) queued to be built again.")

    @admin.action(description="Publish a corrected edition of the selected published reports")
    def publish_correction(
        self, request: HttpRequest, queryset: QuerySet[TransparencyReport]
    ) -> None:
        for report in queryset:
            try:
                correction, _created = services.report_correct(actor=request.user, report=report)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), level=messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"{correction} is queued: the worker builds it; {report.edition_label} "
                    "stays published, marked as corrected.",
                )
