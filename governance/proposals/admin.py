"""Admin for proposals (tabled, edited, consultations opened and closed through the services)
and their impact assessments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from alliance_portal.service_admin import ReadOnlyInline, ServiceAdmin
from governance.proposals import services
from governance.proposals.models import (
    CostEntry,
    ImpactAssessment,
    ImpactOption,
    Proposal,
    ProposalStatusChange,
)
from governance.proposals.sponsors import ProposalSponsor

# --- proposals ---------------------------------------------------------------------------------


class ProposalStatusChangeInline(ReadOnlyInline):
    model = ProposalStatusChange
    fields = ("changed_at", "from_status", "to_status", "reason")


class ProposalSponsorInline(ReadOnlyInline):
    """Co-sponsors are given and withdrawn by the organisations' representatives only."""

    model = ProposalSponsor
    fields = ("organisation", "chamber", "sponsored_at")


@admin.register(Proposal)
class ProposalAdmin(ServiceAdmin):
    list_display = (
        "title",
        "body",
        "status",
        "origin",
        "proposed_by",
        "admission_due_at",
        "disclosure",
        "consultation_public",
        "consultation_opens_at",
        "consultation_closes_at",
    )
    list_filter = ("status", "origin", "body", "disclosure", "consultation_public")
    search_fields = ("title", "summary")
    readonly_fields = (
        "status",
        "origin",
        "tabled_at",
        "admission_due_at",
        "consultation_opened_at",
        "consultation_closed_at",
        "page_link",
    )
    filter_horizontal = ("objectives", "issues")
    raw_id_fields = ("proposed_by",)
    exclude = ("created_by", "created_at")
    inlines = (ProposalSponsorInline, ProposalStatusChangeInline)
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
                objectives=list(data.get("objectives") or []),
                issues=list(data.get("issues") or []),
            )
            obj.pk = created.pk
            obj._state.adding = False
            return
        # One use case for the whole change, links included (``save_related`` saves none).
        stored = Proposal.objects.get(pk=obj.pk)
        changes = {
            field: list(data[field]) if field in ("objectives", "issues") else data[field]
            for field in form.changed_data
            if field in services.EDITABLE_FIELDS
        }
        services.proposal_update(actor=request.user, proposal=stored, changes=changes)

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        # The links went through the service with the rest; the inlines are read-only.
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
class ImpactAssessmentAdmin(ServiceAdmin):
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
