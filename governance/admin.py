"""Admin for the secretariat. Whatever has rules goes through the same services as the pages
and the API: proposals (tabled, edited, consultations opened and closed), comments (posted,
moderated, answered), RS issues' status, measurements and seat holders. A refusal is shown
as a message and nothing is saved."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from governance import services
from governance.models import (
    Body,
    BodySeat,
    Comment,
    CommentResponse,
    CostEntry,
    ImpactAssessment,
    ImpactOption,
    Indicator,
    Issue,
    IssueStatusChange,
    Measurement,
    Objective,
    Proposal,
    ProposalStatusChange,
    SeatHolder,
)


class ServiceErrorsMixin:
    """A service's refusal (ValidationError) becomes an error message on the same page; the
    admin's own transaction around the change form rolls everything back."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(  # type: ignore[misc]
                request, object_id, form_url, extra_context
            )
        except ValidationError as error:
            self.message_user(  # type: ignore[attr-defined]
                request, " ".join(error.messages), level=messages.ERROR
            )
            return HttpResponseRedirect(request.get_full_path())


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- bodies ------------------------------------------------------------------------------------


class BodySeatInline(admin.TabularInline):
    model = BodySeat
    extra = 1


class SeatHolderInline(ReadOnlyInline):
    model = SeatHolder
    fields = ("organisation", "person", "position", "term_start", "term_end")


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "electorate", "order")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (BodySeatInline, SeatHolderInline)


@admin.register(SeatHolder)
class SeatHolderAdmin(ServiceErrorsMixin, admin.ModelAdmin):
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
            return
        if "term_end" in form.changed_data and obj.term_end is not None:
            services.seat_holder_end_term(actor=request.user, holder=obj, term_end=obj.term_end)
        obj.save(update_fields=["position", "term_end"])


# --- objectives and issues ---------------------------------------------------------------------


class IndicatorInline(admin.StackedInline):
    model = Indicator
    extra = 0


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "order")
    list_filter = ("status",)
    prepopulated_fields = {"slug": ("title",)}
    inlines = (IndicatorInline,)


class MeasurementInline(ReadOnlyInline):
    model = Measurement
    fields = ("measured_on", "value", "source")


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "objective", "unit", "baseline_value", "target_value", "target_date")
    list_filter = ("objective",)
    inlines = (MeasurementInline,)


@admin.register(Measurement)
class MeasurementAdmin(ServiceErrorsMixin, admin.ModelAdmin):
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
    status_reason = forms.CharField(
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
class IssueAdmin(ServiceErrorsMixin, admin.ModelAdmin):
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


# --- proposals ---------------------------------------------------------------------------------


class ProposalStatusChangeInline(ReadOnlyInline):
    model = ProposalStatusChange
    fields = ("changed_at", "from_status", "to_status", "reason")


@admin.register(Proposal)
class ProposalAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "body",
        "status",
        "disclosure",
        "consultation_public",
        "consultation_opens_at",
        "consultation_closes_at",
    )
    list_filter = ("status", "body", "disclosure", "consultation_public")
    search_fields = ("title", "summary")
    readonly_fields = ("status", "consultation_opened_at", "consultation_closed_at", "page_link")
    filter_horizontal = ("objectives", "issues")
    raw_id_fields = ("proposed_by",)
    exclude = ("created_by", "created_at")
    inlines = (ProposalStatusChangeInline,)
    actions = ("open_consultations", "close_consultations")

    @admin.display(description="Page")
    def page_link(self, obj: Proposal) -> str:
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())

    def save_model(
        self, request: HttpRequest, obj: Proposal, form: ModelForm, change: bool
    ) -> None:
        data = form.cleaned_data
        if not change:
            created = services.proposal_create(
                actor=request.user,
                body=data["body"],
                title=data["title"],
                summary=data["summary"],
                text=data["text"],
                disclosure=data["disclosure"],
                countries=data.get("countries") or [],
                materials=data.get("materials") or [],
                proposed_by=data.get("proposed_by"),
                consultation_opens_at=data.get("consultation_opens_at"),
                consultation_closes_at=data.get("consultation_closes_at"),
                consultation_public=data.get("consultation_public", False),
            )
            obj.pk = created.pk
            obj._state.adding = False
            return
        stored = Proposal.objects.get(pk=obj.pk)
        changes = {
            field: data[field]
            for field in form.changed_data
            if field in services.EDITABLE_FIELDS and field not in ("objectives", "issues")
        }
        services.proposal_update(actor=request.user, proposal=stored, changes=changes)

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        stored = Proposal.objects.get(pk=form.instance.pk)
        links = {
            field: list(form.cleaned_data[field])
            for field in ("objectives", "issues")
            if field in form.changed_data
        }
        if links:
            services.proposal_update(actor=request.user, proposal=stored, changes=links)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def _each(
        self, request: HttpRequest, queryset: QuerySet[Proposal], what: str, service: Any
    ) -> None:
        done, refused = 0, []
        for proposal in queryset:
            try:
                service(actor=request.user, proposal=proposal)
            except (ValidationError, PermissionDenied) as error:
                messages_ = error.messages if isinstance(error, ValidationError) else [str(error)]
                refused.append(f"{proposal}: {' '.join(messages_)}")
            else:
                done += 1
        if done:
            self.message_user(request, f"{what}: {done} proposal(s).", level=messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, level=messages.ERROR)

    @admin.action(description="Open the consultation now")
    def open_consultations(self, request: HttpRequest, queryset: QuerySet[Proposal]) -> None:
        self._each(request, queryset, "Consultation opened", services.consultation_open)

    @admin.action(description="Close the consultation now")
    def close_consultations(self, request: HttpRequest, queryset: QuerySet[Proposal]) -> None:
        self._each(request, queryset, "Consultation closed", services.consultation_close)


# --- comments, responses -----------------------------------------------------------------------


class CommentResponseInline(ReadOnlyInline):
    model = CommentResponse
    fields = ("outcome", "reason", "responded_at")


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason (sent to the authors)", widget=forms.Textarea(attrs={"rows": 3})
    )


@admin.register(Comment)
class CommentAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    list_display = ("pk", "proposal", "author_kind", "organisation", "status", "created_at")
    list_filter = ("status", "author_kind", "proposal__status")
    search_fields = ("text", "proposal__title")
    raw_id_fields = ("proposal", "parent")
    inlines = (CommentResponseInline,)
    actions = ("approve", "reject")

    def get_fields(self, request: HttpRequest, obj: Comment | None = None) -> tuple[str, ...]:
        if obj is None:
            return ("proposal", "parent", "paragraph", "text")
        return (
            "proposal",
            "parent",
            "paragraph",
            "author_kind",
            "organisation",
            "text",
            "status",
            "moderation_reason",
            "moderated_at",
            "created_at",
        )

    def get_readonly_fields(
        self, request: HttpRequest, obj: Comment | None = None
    ) -> tuple[str, ...]:
        # Moderation goes through the actions; an author's words are not edited.
        return self.get_fields(request, obj) if obj else ()

    def save_model(self, request: HttpRequest, obj: Comment, form: ModelForm, change: bool) -> None:
        if change:
            return
        created = services.comment_post(
            actor=request.user,
            proposal=obj.proposal,
            text=obj.text,
            paragraph=obj.paragraph,
            parent=obj.parent,
        )
        obj.pk = created.pk

    def _moderate(
        self, request: HttpRequest, queryset: QuerySet[Comment], decision: str, reason: str = ""
    ) -> None:
        done, refused = 0, []
        for comment in queryset.select_related("proposal"):
            try:
                services.comment_moderate(
                    actor=request.user, comment=comment, decision=decision, reason=reason
                )
            except ValidationError as error:
                refused.append(f"Comment #{comment.pk}: {' '.join(error.messages)}")
            else:
                done += 1
        if done:
            self.message_user(request, f"{done} comment(s) moderated.", level=messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, level=messages.ERROR)

    @admin.action(description="Approve: show the selected comments")
    def approve(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._moderate(request, queryset, services.Decision.APPROVE)

    @admin.action(description="Reject the selected comments (asks for a reason)")
    def reject(self, request: HttpRequest, queryset: QuerySet[Comment]) -> TemplateResponse | None:
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._moderate(request, queryset, services.Decision.REJECT, form.cleaned_data["reason"])
            return None
        return TemplateResponse(
            request,
            "governance/admin_reject_comments.html",
            {
                **self.admin_site.each_context(request),
                "title": "Reject comments",
                "comments": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(CommentResponse)
class CommentResponseAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    list_display = ("comment", "outcome", "responded_at")
    list_filter = ("outcome",)
    raw_id_fields = ("comment",)
    fields = ("comment", "outcome", "reason")

    def get_readonly_fields(
        self, request: HttpRequest, obj: CommentResponse | None = None
    ) -> tuple[str, ...]:
        return ("comment",) if obj else ()

    def save_model(
        self, request: HttpRequest, obj: CommentResponse, form: ModelForm, change: bool
    ) -> None:
        saved = services.comment_respond(
            actor=request.user,
            comment=Comment.objects.select_related("proposal").get(pk=obj.comment_id),
            outcome=obj.outcome,
            reason=obj.reason,
        )
        obj.pk = saved.pk


# --- impact assessments ------------------------------------------------------------------------


class ImpactOptionInline(ReadOnlyInline):
    model = ImpactOption
    fields = ("position", "title", "is_chosen")


class CostEntryInline(ReadOnlyInline):
    model = CostEntry
    fields = (
        "kind",
        "dimension",
        "borne_by",
        "magnitude",
        "amount",
        "currency",
        "horizon",
        "confidence",
    )


class ImpactAssessmentForm(forms.ModelForm):
    class Meta:
        model = ImpactAssessment
        fields = ("proposal", "rationale", "trade_offs")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        proposal = data.get("proposal")
        if self.instance.pk is None and proposal is not None:
            url = reverse("governance:impact-assessment-edit", kwargs={"pk": proposal.pk})
            raise ValidationError(
                f"An impact assessment needs its options and costs: record it on {url}"
            )
        return data


@admin.register(ImpactAssessment)
class ImpactAssessmentAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    form = ImpactAssessmentForm
    list_display = ("proposal", "updated_at")
    raw_id_fields = ("proposal",)
    inlines = (ImpactOptionInline, CostEntryInline)

    def get_readonly_fields(
        self, request: HttpRequest, obj: ImpactAssessment | None = None
    ) -> tuple[str, ...]:
        return ("proposal",) if obj else ()

    def save_model(
        self, request: HttpRequest, obj: ImpactAssessment, form: ModelForm, change: bool
    ) -> None:
        stored = ImpactAssessment.objects.get(pk=obj.pk)
        services.impact_assessment_save(
            actor=request.user,
            proposal=stored.proposal,
            rationale=obj.rationale,
            trade_offs=obj.trade_offs,
            options=[
                services.OptionInput(o.title, o.description, o.is_chosen)
                for o in stored.options.all()
            ],
            costs=[
                services.CostInput(
                    kind=c.kind,
                    dimension=c.dimension,
                    borne_by=c.borne_by,
                    magnitude=c.magnitude,
                    horizon=c.horizon,
                    confidence=c.confidence,
                    amount=c.amount,
                    currency=c.currency,
                    description=c.description,
                )
                for c in stored.costs.all()
            ],
        )


# The admin of ballots, the decision log and reports lives in modules of their own.
from governance import admin_ballots, admin_decision_log, admin_reports  # noqa: E402, F401
