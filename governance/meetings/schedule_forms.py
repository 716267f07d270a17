"""Forms of the secretariat's meeting pages: schedule or change a meeting with its agenda (an
ordered list of items, one small form each), and cancel it with a reason. They parse input;
the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from alliance_portal.forms import GuidedForm
from alliance_portal.text_limits import text_form_field
from glossary.languages import ContentLanguage
from governance.bodies.models import Body
from governance.decision_log.models import PublishedDecision
from governance.meetings.models import AgendaItem, Meeting
from governance.meetings.services import AgendaInput
from governance.proposals.models import Proposal

AGENDA_ROWS = 3  # empty items offered below the agenda
MAX_AGENDA = 40
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _languages(label: str, help_text: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=ContentLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class MeetingForm(GuidedForm):
    field_guides = {"starts_at": "when the meeting starts", "ends_at": "when the meeting ends"}

    body = forms.ModelChoiceField(
        label="Body that meets",
        queryset=Body.objects.order_by("order", "name"),
        empty_label="Choose a body",
    )
    title = forms.CharField(label="Title", max_length=200)
    starts_at = forms.DateTimeField(label="Starts at (UTC)", widget=MOMENT)
    ends_at = forms.DateTimeField(label="Ends at (UTC)", widget=MOMENT)
    place = forms.CharField(
        label="Place", max_length=300, required=False, help_text="Address or room."
    )
    link = forms.URLField(
        label="Link to join online",
        required=False,
        assume_scheme="https",
        help_text="Give a place, a link, or both.",
    )
    languages = _languages("Languages", "Languages the meeting is held in.")
    interpretation = _languages(
        "Interpretation offered", "Languages interpreters will interpret into."
    )

    def __init__(self, *args: Any, meeting: Meeting | None = None, **kwargs: Any) -> None:
        if meeting is not None:
            kwargs.setdefault(
                "initial",
                {name: getattr(meeting, name) for name in self.base_fields},
            )
        super().__init__(*args, **kwargs)
        if meeting is not None:
            del self.fields["body"]  # a meeting stays with its body


class AgendaItemForm(GuidedForm):
    title = forms.CharField(label="Item", max_length=200, required=False)
    description = text_form_field(
        AgendaItem,
        "description",
        label="Description",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    proposal = forms.ModelChoiceField(
        label="Proposal discussed",
        queryset=Proposal.objects.order_by("-pk"),
        required=False,
        empty_label="None",
    )
    decision = forms.ModelChoiceField(
        label="Decision discussed",
        queryset=PublishedDecision.objects.order_by("-pk"),
        required=False,
        empty_label="None",
    )
    document_title = forms.CharField(label="Document's title", max_length=200, required=False)
    document_url = forms.URLField(
        label="Document's web address", required=False, assume_scheme="https"
    )
    legal_hold = forms.BooleanField(
        label="Hold for legal review",
        required=False,
        help_text="Only the secretariat sees a held item until counsel releases it "
        "(released on the meeting's page).",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decision: Any = self.fields["decision"]
        decision.label_from_instance = lambda d: f"Decision {d.pk}: {d.title}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = any(data.get(name) for name in self.fields if name not in ("ORDER", "DELETE"))
        if filled and not data.get("title") and not data.get("DELETE"):
            self.add_error("title", "Enter the item's title, or tick Remove")
        if data.get("document_title") and not data.get("document_url"):
            self.add_error("document_url", "Enter the document's web address")
        return data

    def agenda_input(self) -> AgendaInput:
        data = self.cleaned_data
        return AgendaInput(
            title=data["title"],
            description=data.get("description") or "",
            proposal=data.get("proposal"),
            decision=data.get("decision"),
            document_title=data.get("document_title") or "",
            document_url=data.get("document_url") or "",
            legal_hold=bool(data.get("legal_hold")),
        )


class BaseAgendaFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["ORDER"].label = "Position"
        form.fields["ORDER"].help_text = "Items are listed by this number."
        form.fields["DELETE"].label = "Remove this item"

    def agenda(self) -> list[AgendaInput]:
        """The items kept, in the order of their positions (unnumbered ones last)."""
        return [form.agenda_input() for form in self.ordered_forms if form.cleaned_data]


AgendaFormSet = forms.formset_factory(
    AgendaItemForm,
    formset=BaseAgendaFormSet,
    extra=AGENDA_ROWS,
    can_order=True,
    can_delete=True,
    max_num=MAX_AGENDA,
    absolute_max=MAX_AGENDA,
)


def agenda_formset(data: Any = None, *, meeting: Meeting | None = None) -> BaseAgendaFormSet:
    initial = []
    if meeting is not None:
        initial = [
            {
                "title": item.title,
                "description": item.description,
                "proposal": item.proposal_id,
                "decision": item.decision_id,
                "document_title": item.document_title,
                "document_url": item.document_url,
                "legal_hold": item.held,
                "ORDER": item.position,
            }
            for item in meeting.agenda_items.all()
        ]
    formset: BaseAgendaFormSet = AgendaFormSet(data, initial=initial, prefix="agenda")  # type: ignore[assignment]
    return formset


class CancelForm(GuidedForm):
    field_guides = {"reason": "the reason the meeting is cancelled"}

    reason = text_form_field(
        Meeting,
        "cancel_reason",
        name="reason",
        required=True,
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown on the meeting's page and sent to the organisations told of it.",
    )
