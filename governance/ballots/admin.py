"""Admin: ballots. Set up (before the ballot opens) through the same service as the staff page,
closed through ``ballot_close`` (an action that asks for the reason), and otherwise read-only:
the electorate, the conflict declarations and the decision are shown, never edited (the
database refuses any change to a decision anyway). Votes are not shown in the admin at all:
a secret ballot's choices never leave the votes table, and a roll-call is published with the
decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.html import format_html

from alliance_portal.service_admin import ReadOnlyInline, ServiceAdmin
from alliance_portal.text_limits import text_form_field
from governance.ballots import services
from governance.ballots.forms import FractionField
from governance.ballots.models import Ballot, BallotElector, ConflictDeclaration, Decision


class BallotElectorInline(ReadOnlyInline):
    model = BallotElector
    fields = ("organisation", "chamber")
    verbose_name = "organisation of the electorate"
    verbose_name_plural = "electorate (taken when the ballot opened)"


class ConflictDeclarationInline(ReadOnlyInline):
    model = ConflictDeclaration
    fields = ("organisation", "has_conflict", "nature", "exemption_reason", "declared_at")
    readonly_fields = fields

    @admin.display(description="Exemption")
    def exemption_reason(self, obj: ConflictDeclaration) -> str:
        exemption = getattr(obj, "exemption", None)
        return exemption.reason if exemption is not None else "—"


class DecisionInline(ReadOnlyInline):
    model = Decision
    fields = ("outcome", "summary", "effective_date", "decided_at", "log_entry")
    readonly_fields = fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class BallotForm(forms.ModelForm):
    quorum = FractionField(label="Quorum", initial="1/2")
    threshold = FractionField(label="Threshold", initial="2/3")

    class Meta:
        model = Ballot
        fields = (
            "proposal",
            "method",
            "concurrent_majority",
            "secret",
            "closes_at",
            "effective_date",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ballot = self.instance
        if ballot.pk:
            self.initial["quorum"] = f"{ballot.quorum_numerator}/{ballot.quorum_denominator}"
            self.initial["threshold"] = (
                f"{ballot.threshold_numerator}/{ballot.threshold_denominator}"
            )


class CloseBallotsForm(forms.Form):
    reason = text_form_field(
        Ballot,
        "close_reason",
        name="reason",
        label="Reason (published with each decision; required before a ballot's closing time)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@admin.register(Ballot)
class BallotAdmin(ServiceAdmin):
    form = BallotForm
    list_display = ("proposal", "method", "secret", "state", "opened_at", "closes_at", "outcome")
    list_filter = ("method", "secret", "outcome", "proposal__body")
    search_fields = ("proposal__title",)
    raw_id_fields = ("proposal",)
    actions = ("close_ballots",)

    def get_inlines(self, request: HttpRequest, obj: Ballot | None) -> list[Any]:
        if obj is None or obj.opened_at is None:
            return []
        return [DecisionInline, ConflictDeclarationInline, BallotElectorInline]

    def get_fields(self, request: HttpRequest, obj: Ballot | None = None) -> list[str]:  # type: ignore[override]
        if obj is not None and obj.opened_at is not None:
            return [
                "proposal_link",
                "method",
                "quorum_text",
                "threshold_text",
                "concurrent_majority",
                "secret",
                "opened_at",
                "closes_at",
                "closed_at",
                "close_reason",
                "outcome",
                "effective_date",
            ]
        return [
            "proposal",
            "method",
            "quorum",
            "threshold",
            "concurrent_majority",
            "secret",
            "closes_at",
            "effective_date",
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Ballot | None = None) -> list[str]:
        if obj is not None and obj.opened_at is not None:
            return self.get_fields(request, obj)
        return ["proposal"] if obj is not None else []

    @admin.display(description="Proposal")
    def proposal_link(self, obj: Ballot) -> str:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.proposal)

    @admin.display(description="Quorum")
    def quorum_text(self, obj: Ballot) -> str:
        return f"{obj.quorum_numerator}/{obj.quorum_denominator}"

    @admin.display(description="Threshold")
    def threshold_text(self, obj: Ballot) -> str:
        return f"{obj.threshold_numerator}/{obj.threshold_denominator}"

    def save_model(self, request: HttpRequest, obj: Ballot, form: ModelForm, change: bool) -> None:
        if obj.opened_at is not None:
            return  # an open or closed ballot's rules never change
        data = form.cleaned_data
        saved = services.ballot_configure(
            actor=request.user,
            proposal=data.get("proposal") or obj.proposal,
            method=data["method"],
            quorum=data["quorum"],
            threshold=data["threshold"],
            concurrent_majority=data["concurrent_majority"],
            secret=data["secret"],
            closes_at=data["closes_at"],
            effective_date=data["effective_date"],
        )
        obj.pk = saved.pk
        obj._state.adding = False

    def _close(self, request: HttpRequest, queryset: QuerySet[Ballot], reason: str) -> None:
        done, refused = 0, []
        for ballot in queryset.select_related("proposal"):
            try:
                services.ballot_close(actor=request.user, ballot=ballot, reason=reason)
            except (ValidationError, PermissionDenied) as error:
                texts = error.messages if isinstance(error, ValidationError) else [str(error)]
                refused.append(f"{ballot}: {' '.join(texts)}")
            else:
                done += 1
        if done:
            self.message_user(request, f"{done} ballot(s) closed.", level=messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, level=messages.ERROR)

    @admin.action(description="Close the selected ballots now (asks for a reason)")
    def close_ballots(
        self, request: HttpRequest, queryset: QuerySet[Ballot]
    ) -> TemplateResponse | None:
        form = CloseBallotsForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._close(request, queryset, form.cleaned_data["reason"])
            return None
        return TemplateResponse(
            request,
            "governance/ballots/admin_close_ballots.html",
            {
                **self.admin_site.each_context(request),
                "title": "Close ballots",
                "ballots": queryset.select_related("proposal"),
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )
