"""Forms of the proposal pages: the list filter, lifecycle transitions and the impact
assessment. They parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django_countries import countries

from alliance_portal.forms import FORMATTING_HELP, CountryCheckboxes, GuidedForm, GuidedModelForm
from alliance_portal.text_limits import text_form_field
from governance.bodies.models import Body
from governance.objectives.models import Issue, Objective
from governance.proposals.models import (
    Confidence,
    CostEntry,
    CostKind,
    Dimension,
    Horizon,
    ImpactAssessment,
    ImpactOption,
    Magnitude,
    Proposal,
    ProposalStatus,
    ProposalStatusChange,
)
from governance.proposals.services import CostInput, OptionInput
from members.models import MembershipStatus, Organisation
from members.vocabularies import Material


class ProposalFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    body = forms.ModelChoiceField(
        label="Body",
        queryset=Body.objects.order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label="All bodies",
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *ProposalStatus.choices]
    )
    objective = forms.ModelChoiceField(
        label="Objective",
        queryset=Objective.objects.order_by("order", "title"),
        to_field_name="slug",
        required=False,
        empty_label="All objectives",
    )
    country = forms.ChoiceField(
        label="Country", required=False, choices=[("", "All countries"), *countries]
    )
    material = forms.ChoiceField(
        label="Material", required=False, choices=[("", "All materials"), *Material.choices]
    )


class TransitionForm(GuidedForm):
    to_status = forms.ChoiceField(label="Move the proposal to", widget=forms.RadioSelect)
    reason = text_form_field(
        ProposalStatusChange,
        "reason",
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown in the proposal's story. Required to withdraw.",
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["to_status"]
        field.choices = choices


# --- impact assessment -------------------------------------------------------------------------

MAX_OPTIONS = 6


class ImpactAssessmentForm(GuidedForm):
    rationale = text_form_field(
        ImpactAssessment,
        "rationale",
        label="Why the chosen option",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=FORMATTING_HELP,
    )
    trade_offs = text_form_field(
        ImpactAssessment,
        "trade_offs",
        name="trade-offs",
        label="Trade-offs: what is given up, and by whom",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=FORMATTING_HELP,
    )
    chosen = forms.TypedChoiceField(
        label="Chosen option",
        coerce=int,
        choices=[(str(n), f"Option {n}") for n in range(1, MAX_OPTIONS + 1)],
    )


class OptionForm(GuidedForm):
    title = forms.CharField(label="Title", required=False, max_length=200)
    description = text_form_field(
        ImpactOption,
        "description",
        label="Description",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


OptionFormSet = forms.formset_factory(
    OptionForm, extra=0, max_num=MAX_OPTIONS, absolute_max=MAX_OPTIONS
)


class CostForm(GuidedForm):
    borne_by = forms.CharField(label="Who bears it", max_length=300, required=False)
    magnitude = forms.ChoiceField(
        label="Magnitude", choices=[("", "—"), *Magnitude.choices], required=False
    )
    amount = forms.DecimalField(
        label="Amount", required=False, min_value=0, max_digits=18, decimal_places=2
    )
    currency = forms.CharField(
        label="Currency (ISO 4217)", required=False, max_length=3, help_text="e.g. USD, EUR, CDF."
    )
    horizon = forms.ChoiceField(
        label="Time horizon", choices=[("", "—"), *Horizon.choices], required=False
    )
    confidence = forms.ChoiceField(
        label="Confidence", choices=[("", "—"), *Confidence.choices], required=False
    )
    description = text_form_field(
        CostEntry,
        "description",
        name="explanation",
        label="Explanation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_currency(self) -> str:
        return str(self.cleaned_data.get("currency") or "").strip().upper()


COST_SLOTS: list[tuple[str, str, str]] = [
    (kind.value, dimension.value, f"{kind.label}: {dimension.label.lower()}")
    for kind in CostKind
    for dimension in Dimension
]


class ImpactAssessmentForms:
    """The impact assessment page's forms together: the main form, the options and one cost
    form per (kind, dimension)."""

    def __init__(self, data: Any = None, *, assessment: ImpactAssessment | None = None) -> None:
        options_initial: list[dict[str, Any]] = []
        chosen = 1
        costs_initial: dict[tuple[str, str], dict[str, Any]] = {}
        main_initial: dict[str, Any] = {}
        if assessment is not None:
            main_initial = {"rationale": assessment.rationale, "trade_offs": assessment.trade_offs}
            for number, option in enumerate(assessment.options.all(), start=1):
                options_initial.append({"title": option.title, "description": option.description})
                if option.is_chosen:
                    chosen = number
            for cost in assessment.costs.all():
                costs_initial[(cost.kind, cost.dimension)] = {
                    "borne_by": cost.borne_by,
                    "magnitude": cost.magnitude,
                    "amount": cost.amount,
                    "currency": cost.currency,
                    "horizon": cost.horizon,
                    "confidence": cost.confidence,
                    "description": cost.description,
                }
        main_initial["chosen"] = chosen
        while len(options_initial) < MAX_OPTIONS:
            options_initial.append({})
        self.main = ImpactAssessmentForm(data, initial=main_initial)
        self.options = OptionFormSet(data, initial=options_initial, prefix="option")
        self.costs = [
            (
                label,
                CostForm(
                    data, initial=costs_initial.get((kind, dimension)), prefix=f"{kind}-{dimension}"
                ),
                kind,
                dimension,
            )
            for kind, dimension, label in COST_SLOTS
        ]

    def is_valid(self) -> bool:
        results = [self.main.is_valid(), self.options.is_valid()]
        results += [form.is_valid() for _label, form, _kind, _dimension in self.costs]
        return all(results)

    def inputs(self) -> tuple[list[OptionInput], list[CostInput]]:
        """The options (blank rows left out) and costs as the service takes them."""
        chosen = self.main.cleaned_data["chosen"]
        options = [
            OptionInput(
                title=form.cleaned_data.get("title", ""),
                description=form.cleaned_data.get("description", ""),
                is_chosen=number == chosen,
            )
            for number, form in enumerate(self.options.forms, start=1)
            if form.cleaned_data.get("title") or form.cleaned_data.get("description")
        ]
        costs = []
        for _label, form, kind, dimension in self.costs:
            data = form.cleaned_data
            costs.append(
                CostInput(
                    kind=kind,
                    dimension=dimension,
                    borne_by=data.get("borne_by", ""),
                    magnitude=data.get("magnitude", ""),
                    horizon=data.get("horizon", ""),
                    confidence=data.get("confidence", ""),
                    amount=data.get("amount"),
                    currency=data.get("currency", ""),
                    description=data.get("description", ""),
                )
            )
        return options, costs


# --- member-tabled proposals -------------------------------------------------------------------


class ProposalDraftForm(GuidedModelForm):
    """A member organisation's draft: what it proposes, to which body, for whom. The service
    decides (and names the author organisation)."""

    materials = forms.MultipleChoiceField(
        label="Materials",
        choices=Material.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
    )

    class Meta:
        model = Proposal
        fields = (
            "body",
            "title",
            "summary",
            "text",
            "disclosure",
            "objectives",
            "issues",
            "countries",
            "materials",
        )
        labels = {
            "body": "Body it is put to",
            "text": "Proposal text",
            "disclosure": "Readers",
            "objectives": "Objectives it serves",
            "issues": "RS issues it addresses",
        }
        help_texts = {
            "title": "A short name for the proposal.",
            "summary": "One or two sentences, plain text.",
            "text": "Write one paragraph per point, separated by a blank line: paragraphs are "
            f"numbered so that comments can name them. {FORMATTING_HELP}",
            "disclosure": "Everyone, or people of member organisations only.",
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "text": forms.Textarea(attrs={"rows": 14}),
            "disclosure": forms.RadioSelect,
            "objectives": forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
            "issues": forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
            "countries": CountryCheckboxes(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body: Any = self.fields["body"]
        body.queryset = Body.objects.order_by("order", "name")
        body.empty_label = None
        objectives: Any = self.fields["objectives"]
        objectives.queryset = Objective.objects.order_by("order", "title")
        issues: Any = self.fields["issues"]
        issues.queryset = Issue.objects.order_by("title")

    def values(self) -> dict[str, Any]:
        """The cleaned fields as the services take them."""
        data = self.cleaned_data
        return {
            "body": data["body"],
            "title": data["title"],
            "summary": data["summary"],
            "text": data["text"],
            "disclosure": data["disclosure"],
            "objectives": list(data.get("objectives") or []),
            "issues": list(data.get("issues") or []),
            "countries": list(data.get("countries") or []),
            "materials": list(data.get("materials") or []),
        }


class SponsorRequestForm(GuidedForm):
    organisations = forms.ModelMultipleChoiceField(
        label="Organisations to ask",
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
        help_text="Their representatives get an email with a link to the proposal.",
    )

    def __init__(self, *args: Any, author: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["organisations"]
        field.queryset = (
            Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE)
            .exclude(pk=author.pk)
            .select_related("chamber")
            .order_by("chamber__order", "chamber__name", "name")
        )
        field.label_from_instance = lambda o: f"{o.name} ({o.chamber.name})"


class AdmitForm(GuidedForm):
    consultation_opens_at = forms.DateTimeField(
        label="Consultation opens on",
        required=False,
        help_text="Date and time (UTC). Leave it empty to open the consultation as soon as you "
        "admit it; a later time keeps the proposal admitted until then.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    consultation_closes_at = forms.DateTimeField(
        label="Consultation closes on",
        help_text="Date and time (UTC). The body's constitution sets how long it lasts at least.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    consultation_public = forms.BooleanField(
        label="Open the consultation to the public",
        required=False,
        help_text="External stakeholders may comment too (moderated); only for a public proposal.",
    )


class DeclineForm(GuidedForm):
    reason = text_form_field(
        ProposalStatusChange,
        "reason",
        label="Reason for declining",
        required=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Published with the proposal, for everyone who may read it. Say what would "
        "make it admissible.",
    )


class WithdrawOwnForm(GuidedForm):
    """Why the author organisation withdraws its own proposal."""

    reason = text_form_field(
        ProposalStatusChange,
        "reason",
        label="Why your organisation withdraws it",
        required=True,
        error_messages={"required": "Say why the proposal is withdrawn"},
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Kept in the proposal's story, for everyone who may read it, and sent to its "
        "co-sponsors.",
    )
