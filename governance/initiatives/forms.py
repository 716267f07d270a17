"""Forms of the initiative pages. They parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django_countries import countries

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.forms import FORMATTING_HELP, CountryCheckboxes, GuidedForm
from alliance_portal.text_limits import text_form_field
from governance.actions.models import ActionItem
from governance.currencies import ISO_4217_CODES
from governance.decision_log.models import PublishedDecision
from governance.initiatives.models import (
    INITIATIVE_DISCLOSURE_LEVELS,
    MONEY_DIGITS,
    MONEY_PLACES,
    Initiative,
    InitiativeStatus,
)
from members.models import MembershipStatus, Organisation, PartnerAlliance
from members.vocabularies import Material

CURRENCIES = [(code, code) for code in sorted(ISO_4217_CODES)]
ADOPTED = "adopted"


def _amount(label: str, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=MONEY_DIGITS,
        decimal_places=MONEY_PLACES,
        min_value=0,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


def _currency(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", "Choose a currency"), *CURRENCIES],
        help_text="The ISO 4217 code, like EUR, USD or CDF.",
    )


class InitiativeFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *InitiativeStatus.choices]
    )
    country = forms.ChoiceField(
        label="Country", required=False, choices=[("", "All countries"), *countries]
    )
    material = forms.ChoiceField(
        label="Material", required=False, choices=[("", "All materials"), *Material.choices]
    )
    lead = forms.ModelChoiceField(
        label="Lead organisation",
        queryset=Organisation.objects.filter(led_initiatives__isnull=False)
        .distinct()
        .order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="Any organisation",
    )


class ActionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} (decision {obj.decision_id}: {obj.decision.title})"


class InitiativeForm(GuidedForm):
    title = forms.CharField(label="Title", max_length=200)
    description = text_form_field(
        Initiative,
        "description",
        label="Description",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=f"What the initiative will do, where and by when. {FORMATTING_HELP}",
    )
    status = forms.ChoiceField(
        label="Status", choices=InitiativeStatus.choices, initial=InitiativeStatus.PROPOSED
    )
    disclosure = forms.ChoiceField(
        label="Readers",
        choices=[(level.value, level.label) for level in INITIATIVE_DISCLOSURE_LEVELS],
        initial=DisclosureLevel.PUBLIC,
        widget=forms.RadioSelect,
        help_text="Everyone, or people of member organisations only.",
    )
    lead_organisation = forms.ModelChoiceField(
        label="Lead organisation",
        queryset=Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE).order_by(
            "name"
        ),
        empty_label="Choose the member organisation that leads it",
    )
    budget_amount = _amount("Budget", "The whole budget, in the currency below.")
    budget_currency = _currency("Budget currency")
    decisions = forms.ModelMultipleChoiceField(
        label="Decisions it puts into practice",
        queryset=PublishedDecision.objects.filter(outcome=ADOPTED).order_by("-decided_at"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
    )
    actions = ActionChoiceField(
        label="Actions it funds",
        queryset=ActionItem.objects.select_related("decision").order_by("decision_id", "title"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
        help_text="Action items of the decisions above (link the decision too).",
    )
    partner_alliances = forms.ModelMultipleChoiceField(
        label="Partner alliances involved",
        queryset=PartnerAlliance.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
    )
    countries = forms.MultipleChoiceField(
        label="Countries", choices=list(countries), required=False, widget=CountryCheckboxes()
    )
    materials = forms.MultipleChoiceField(
        label="Materials",
        choices=Material.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
    )
    field_guides = {"decisions": "the decisions", "budget_amount": "the budget"}

    @staticmethod
    def initial_from(initiative: Initiative) -> dict[str, Any]:
        return {
            "title": initiative.title,
            "description": initiative.description,
            "status": initiative.status,
            "disclosure": initiative.disclosure,
            "lead_organisation": initiative.lead_organisation_id,
            "budget_amount": initiative.budget_amount,
            "budget_currency": initiative.budget_currency,
            "decisions": list(initiative.decisions.values_list("pk", flat=True)),
            "actions": list(initiative.actions.values_list("pk", flat=True)),
            "partner_alliances": list(initiative.partner_alliances.values_list("pk", flat=True)),
            "countries": [str(c) for c in initiative.countries],
            "materials": list(initiative.materials),
        }

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["decisions"] = list(data["decisions"])
        data["actions"] = list(data["actions"])
        data["partner_alliances"] = list(data["partner_alliances"])
        return data


class PledgeForm(GuidedForm):
    """A representative's pledge for their own organisation."""

    amount = _amount("Amount pledged")
    currency = _currency("Currency")
    due_on = forms.DateField(
        label="Date the money is due",
        required=False,
        help_text="When your organisation expects to pay.",
    )
    field_guides = {"due_on": "the date the money is due"}


class PartnerPledgeForm(PledgeForm):
    """The secretariat records a partner alliance's pledge."""

    partner_alliance = forms.ModelChoiceField(
        label="Partner alliance",
        queryset=PartnerAlliance.objects.order_by("name"),
        empty_label="Choose the partner alliance that pledged",
    )
    field_order = ("partner_alliance", "amount", "currency", "due_on")


class PaidForm(GuidedForm):
    paid_on = forms.DateField(label="Date the money arrived")
