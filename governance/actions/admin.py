"""Admin for action items: every save goes through the use cases. Milestones are edited as lines
of text; the owner's progress updates and the decision-log statements are shown under the
action and made on its pages (or the API)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from alliance_portal.forms import ChoiceArrayAdminMixin
from alliance_portal.service_admin import ReadOnlyInline, ServiceAdmin
from governance.actions import services
from governance.actions.forms import MILESTONES_HELP, milestones_text, parse_milestones
from governance.actions.models import ActionItem, ActionMilestone, ActionStatement, ProgressUpdate
from governance.decision_log.models import DecisionOutcome


class ActionItemAdminForm(forms.ModelForm):
    milestones_text = forms.CharField(
        label="Milestones",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=MILESTONES_HELP,
    )

    class Meta:
        model = ActionItem
        fields = ("decision", "title", "description", *services.EDITABLE[2:])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "decision" in self.fields:
            field: Any = self.fields["decision"]
            field.queryset = field.queryset.filter(outcome=DecisionOutcome.ADOPTED)
        if self.instance.pk:
            self.fields["milestones_text"].initial = milestones_text(
                list(self.instance.milestones.all())
            )

    def clean_milestones_text(self) -> list[services.MilestoneInput]:
        return parse_milestones(self.cleaned_data["milestones_text"])


class MilestoneInline(ReadOnlyInline):
    model = ActionMilestone
    fields = ("position", "title", "due_date", "done_on")


class UpdateInline(ChoiceArrayAdminMixin, ReadOnlyInline):
    model = ProgressUpdate
    fields = ("posted_at", "organisation", "status", "percent", "text", "evidence_url")


class StatementInline(ReadOnlyInline):
    model = ActionStatement
    fields = ("entry", "occasion", "due_date")


@admin.register(ActionItem)
class ActionItemAdmin(ChoiceArrayAdminMixin, ServiceAdmin):
    """Creating and changing an action (reassigning it, moving its due date) are the action
    use cases; its status is the owner's to change, on the action's page."""

    form = ActionItemAdminForm
    list_display = ("title", "owner", "due_date", "status", "overdue", "disclosure")
    list_filter = ("status", "disclosure", "owner")
    search_fields = ("title",)
    readonly_fields = ("status", "status_reason", "percent", "started_at", "done_at")
    inlines = (MilestoneInline, UpdateInline, StatementInline)

    def get_readonly_fields(self, request: HttpRequest, obj: ActionItem | None = None) -> Any:
        return ("decision", *self.readonly_fields) if obj is not None else self.readonly_fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """An action's timeline and statements are public records: it is cancelled, with a
        reason, by its owner, never deleted."""
        return False

    @admin.display(boolean=True)
    def overdue(self, obj: ActionItem) -> bool:
        return obj.overdue

    def save_model(
        self, request: HttpRequest, obj: ActionItem, form: ModelForm, change: bool
    ) -> None:
        milestones = form.cleaned_data.get("milestones_text", [])
        values: dict[str, Any] = {name: form.cleaned_data.get(name) for name in services.EDITABLE}
        values["description"] = values["description"] or ""
        values["countries"] = values["countries"] or []
        if not change:
            created = services.action_item_create(
                actor=request.user, decision=obj.decision, milestones=milestones, **values
            )
            obj.pk = created.pk
            obj._state.adding = False
            return
        services.action_item_update(
            actor=request.user,
            item=obj,
            changes=values,
            milestones=milestones if "milestones_text" in form.changed_data else None,
        )

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        """The inlines are read-only and the milestones were saved by the use case (nothing
        of the inlines is saved; the change message finds nothing added or changed)."""
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
