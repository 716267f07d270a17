"""Forms of the action pages. They parse input; the services decide."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django_countries import countries

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.forms import FORMATTING_HELP, CountryCheckboxes, GuidedForm, ListSelect
from alliance_portal.text_limits import text_form_field
from governance.actions.models import (
    ActionItem,
    ActionMilestone,
    ActionStatus,
    ProgressMode,
    ProgressUpdate,
)
from governance.actions.selectors import ActionFacets
from governance.actions.services import MilestoneInput
from governance.documents.forms import AttachDocumentMixin
from members.models import MembershipStatus, Organisation, Person
from members.vocabularies import Material

YES, NO = "yes", "no"


# Every filter is a ListSelect: the owners and decisions run to thousands at alliance scale.
class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *ActionStatus.choices],
        widget=ListSelect,
    )
    owner = forms.ChoiceField(label="Owner organisation", required=False, widget=ListSelect)
    overdue = forms.ChoiceField(
        label="Overdue",
        required=False,
        choices=[("", "Overdue or not"), (YES, "Overdue only"), (NO, "Not overdue")],
        widget=ListSelect,
    )
    body = forms.ChoiceField(label="Decided by", required=False, widget=ListSelect)
    country = forms.ChoiceField(
        label="Country",
        required=False,
        choices=[("", "All countries"), *countries],
        widget=ListSelect,
    )
    material = forms.ChoiceField(
        label="Material",
        required=False,
        choices=[("", "All materials"), *Material.choices],
        widget=ListSelect,
    )
    decision = forms.TypedChoiceField(
        label="Decision", required=False, coerce=int, widget=ListSelect
    )

    def __init__(self, *args: Any, facets: ActionFacets, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["owner"].choices = [("", "All organisations"), *facets.owners]
        fields["body"].choices = [("", "All bodies"), *facets.bodies]
        fields["decision"].choices = [
            ("", "All decisions"),
            *((seq, f"{seq}. {title}") for seq, title in facets.decisions),
        ]

    def filters(self) -> dict[str, Any]:
        """The valid filters, as ``selectors.action_list`` takes them."""
        if not self.is_bound:
            return {}
        self.is_valid()  # a filter that names nothing known is left out, with its message
        data = self.cleaned_data
        found: dict[str, Any] = {
            name: data[name]
            for name in ("status", "owner", "body", "country", "material", "decision")
            if data.get(name)
        }
        if data.get("overdue"):
            found["overdue"] = data["overdue"] == YES
        return found


MILESTONES_HELP = (
    "One milestone per line: its due date, its title, and “done” with the day it was done. "
    "For example: 2027-03-31 | Draft the guidance | done 2027-03-20"
)


def parse_milestones(text: str) -> list[MilestoneInput]:
    """Milestones written one per line: ``YYYY-MM-DD | title [| done YYYY-MM-DD]``."""
    found = []
    for number, line in enumerate((ln for ln in text.splitlines() if ln.strip()), start=1):
        due, _, rest = line.partition("|")
        title, _, done = rest.partition("|")
        try:
            due_date = date.fromisoformat(due.strip())
            done_text = done.strip().removeprefix("done").strip()
            done_on = date.fromisoformat(done_text) if done_text else None
        except ValueError as error:
            raise ValidationError(
                f"Line {number}: write the dates as YYYY-MM-DD, for example 2027-03-31."
            ) from error
        if not title.strip():
            raise ValidationError(f"Line {number}: give the milestone a title.")
        found.append(MilestoneInput(title=title.strip(), due_date=due_date, done_on=done_on))
    return found


def milestones_text(milestones: list[ActionMilestone]) -> str:
    lines = []
    for milestone in milestones:
        line = f"{milestone.due_date.isoformat()} | {milestone.title}"
        if milestone.done_on:
            line += f" | done {milestone.done_on.isoformat()}"
        lines.append(line)
    return "\n".join(lines)


class ActionItemForm(GuidedForm):
    """The secretariat's form: create an action or change it (move its due date...)."""

    title = forms.CharField(label="Title", max_length=200)
    description = text_form_field(
        ActionItem,
        "description",
        label="Description",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=FORMATTING_HELP,
    )
    owner = forms.ModelChoiceField(
        label="Owner organisation",
        queryset=Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE).order_by(
            "name"
        ),
        help_text="The member organisation that carries the action out and reports on it.",
    )
    responsible = forms.ModelChoiceField(
        label="Responsible person",
        queryset=Person.objects.select_related("user", "organisation").order_by(
            "organisation__name", "user__email"
        ),
        required=False,
        help_text="A person of the owner organisation.",
    )
    due_date = forms.DateField(label="Due date")
    disclosure = forms.ChoiceField(
        label="Who may read the action",
        choices=DisclosureLevel.choices,
        initial=DisclosureLevel.PUBLIC,
        widget=forms.RadioSelect,
    )
    countries = forms.MultipleChoiceField(
        label="Countries it concerns beyond the decision's",
        choices=list(countries),
        required=False,
        widget=CountryCheckboxes(),
    )
    progress_mode = forms.ChoiceField(
        label="How progress is measured",
        choices=ProgressMode.choices,
        initial=ProgressMode.PERCENT,
        widget=forms.RadioSelect,
    )
    milestones = forms.CharField(
        label="Milestones",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=MILESTONES_HELP,
    )
    field_guides = {"progress_mode": "how progress is measured"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["responsible"]
        field.label_from_instance = lambda p: f"{p.user} ({p.organisation.name})"

    def clean_milestones(self) -> list[MilestoneInput]:
        return parse_milestones(self.cleaned_data["milestones"])


class ProgressForm(AttachDocumentMixin, GuidedForm):
    """The owner's people: a dated update, and the status and progress it leaves."""

    text = text_form_field(
        ProgressUpdate,
        "text",
        label="What was done",
        required=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=FORMATTING_HELP,
    )
    evidence_url = forms.URLField(
        label="Link to the evidence",
        required=False,
        assume_scheme="https",
        max_length=500,
        help_text="A report, photographs, minutes: where a reader can check what was done.",
    )
    status = forms.ChoiceField(label="Status", widget=forms.RadioSelect)
    reason = text_form_field(
        ProgressUpdate,
        "reason",
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required when the action is blocked or cancelled.",
    )
    percent = forms.IntegerField(label="Percent done", required=False, min_value=0, max_value=100)
    milestones_done = forms.ModelMultipleChoiceField(
        label="Milestones done",
        queryset=ActionMilestone.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
    )
    field_guides = {"text": "what was done"}

    attach_label = "Evidence from the documents library"

    def __init__(self, *args: Any, item: ActionItem, documents: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "status": item.status,
                "reason": item.status_reason,
                "percent": item.percent,
                "milestones_done": list(
                    item.milestones.filter(done_on__isnull=False).values_list("pk", flat=True)
                ),
            },
        )
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["status"].choices = ActionStatus.choices
        if item.progress_mode == ProgressMode.MILESTONES:
            del self.fields["percent"]
            fields["milestones_done"].queryset = item.milestones.all()
            fields["milestones_done"].label_from_instance = lambda m: (
                f"{m.title} (due {m.due_date:%d %B %Y})"
            )
        else:
            del self.fields["milestones_done"]
        self.add_attach_fields(documents, upload_label="Evidence as a file")

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        found = {
            "text": data["text"],
            "evidence_url": data.get("evidence_url") or "",
            "evidence_document": data.get("document"),
            "evidence_file": data.get("file"),
            "status": data["status"],
            "reason": data.get("reason") or "",
        }
        if "percent" in self.fields:
            found["percent"] = data.get("percent")
        if "milestones_done" in self.fields:
            found["milestones_done"] = [m.pk for m in data.get("milestones_done") or []]
        return found


class StatementForm(GuidedForm):
    text = forms.CharField(
        label="Statement",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        help_text="Published in the public decision log, with the action's owner, status and "
        "dates. " + FORMATTING_HELP,
    )
    field_guides = {"text": "the statement"}
