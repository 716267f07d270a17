from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django_countries import countries

from alliance_portal.collation import name_sort_key
from alliance_portal.directory import directory_filters
from alliance_portal.forms import (
    FORMATTING_HELP,
    CountryCheckboxes,
    GuidedForm,
    GuidedModelForm,
    ListSelect,
)
from alliance_portal.text_limits import text_form_field
from members.models import Chamber, MembershipApplication, Organisation, OrganisationKind
from members.selectors.standing import as_of_problem
from members.services import PROFILE_FIELDS
from members.vocabularies import Material, Sector, ValueChainStage


def _multiple(choices: type[Any], label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
    )


@lru_cache(maxsize=16)
def _country_choices_in(language: str) -> tuple[tuple[str, str], ...]:
    named = [(code, str(name)) for code, name in countries]
    return (("", "All countries"), *sorted(named, key=lambda item: name_sort_key(item[1])))


def _country_choices() -> list[tuple[str, str]]:
    """Every country by its name in the reader's language (evaluated per form, not at import;
    named and sorted once per language and process: the list only changes with a release)."""
    return list(_country_choices_in(get_language() or settings.LANGUAGE_CODE))


class StandingDateForm(forms.Form):
    """The day a standing is stated for: today unless the reader asks for an earlier one."""

    as_of = forms.DateField(
        label="As of",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="A day, today or earlier (YYYY-MM-DD).",
        error_messages={"invalid": "Enter the day as YYYY-MM-DD, for example 2026-12-07."},
    )

    def clean_as_of(self) -> date:
        day: date | None = self.cleaned_data.get("as_of")
        if day is None:
            return timezone.localdate()
        problem = as_of_problem(day)
        if problem:
            raise forms.ValidationError(problem)
        return day


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    chamber = forms.ModelChoiceField(
        label="Chamber",
        queryset=Chamber.objects.order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label="All chambers",
        widget=ListSelect,
    )
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "All kinds"), *OrganisationKind.choices],
        widget=ListSelect,
    )
    country = forms.ChoiceField(
        label="Country", required=False, choices=_country_choices, widget=ListSelect
    )
    stage = forms.ChoiceField(
        label="Value-chain stage",
        required=False,
        choices=[("", "All stages"), *ValueChainStage.choices],
        widget=ListSelect,
    )
    material = forms.ChoiceField(
        label="Material",
        required=False,
        choices=[("", "All materials"), *Material.choices],
        widget=ListSelect,
    )
    sector = forms.ChoiceField(
        label="Sector",
        required=False,
        choices=[("", "All sectors"), *Sector.choices],
        widget=ListSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The filters higher apps register (a commitment tier...), after the members' own.
        for item in directory_filters():
            self.fields[item.key] = forms.ChoiceField(
                label=item.label,
                required=False,
                choices=[("", item.all_label), *item.choices()],
                widget=ListSelect,
            )

    def offered_filters(self) -> list[str]:
        """The registered filters that have choices (beyond "all") to offer."""
        return [
            item.key
            for item in directory_filters()
            if len(getattr(self.fields[item.key], "choices", [])) > 1
        ]

    def extra_values(self) -> dict[str, str]:
        """The registered filters' chosen values (call after ``is_valid``)."""
        data = getattr(self, "cleaned_data", {})
        return {item.key: data[item.key] for item in directory_filters() if data.get(item.key)}


class CoverageFilterForm(forms.Form):
    material = forms.ChoiceField(
        label="Material",
        required=False,
        choices=[("", "All materials"), *Material.choices],
        widget=ListSelect,
    )
    country = forms.ChoiceField(
        label="Country", required=False, choices=_country_choices, widget=ListSelect
    )


class OrganisationProfileForm(GuidedModelForm):
    """The profile fields an organisation's representative edits; the service decides."""

    website = forms.URLField(required=False, assume_scheme="https")
    value_chain_stages = _multiple(ValueChainStage, "Value-chain stages")
    sectors = _multiple(Sector, "Sectors")
    materials = _multiple(Material, "Materials")

    class Meta:
        model = Organisation
        fields = PROFILE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "countries_of_operation": CountryCheckboxes(),
        }
        help_texts = {"description": f"Shown on the public profile. {FORMATTING_HELP}"}


class ApplicationForm(GuidedModelForm):
    """The public membership application; the service checks the name and the letter."""

    website = forms.URLField(required=False, assume_scheme="https")
    value_chain_stages = _multiple(ValueChainStage, "Value-chain stages")
    sectors = _multiple(Sector, "Sectors")
    materials = _multiple(Material, "Materials")
    commitment_signed_on = forms.DateField(label="Date the commitment was signed")
    commitment_letter = forms.FileField(
        label="Signed commitment letter (PDF, at most 10 MB)",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    class Meta:
        model = MembershipApplication
        fields = (
            "organisation_name",
            "chamber",
            "kind",
            "website",
            "headquarters_country",
            "countries_of_operation",
            "value_chain_stages",
            "sectors",
            "materials",
            "description",
            "motivation",
            "representative_name",
            "representative_email",
            "representative_position",
            "commitment_signatory_name",
            "commitment_signatory_position",
            "commitment_signed_on",
            "commitment_letter",
        )
        labels = {
            "representative_name": "Name of the person who will represent the organisation",
            "commitment_signatory_name": "Name of the senior manager who signed the commitment",
            "commitment_signatory_position": "Their position",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "motivation": forms.Textarea(attrs={"rows": 5}),
            "countries_of_operation": CountryCheckboxes(),
        }
        help_texts = {"description": f"What the organisation does. {FORMATTING_HELP}"}


class RejectionForm(GuidedForm):
    reason = text_form_field(
        MembershipApplication,
        "rejection_reason",
        name="reason",
        required=True,
        label="Reason (sent to the applicant)",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class InvitePersonForm(GuidedForm):
    display_name = forms.CharField(label="Name", max_length=150)
    email = forms.EmailField(label="Email address")
    position = forms.CharField(label="Position", max_length=150, required=False)
    is_representative = forms.BooleanField(
        label="Also a representative (votes, declares conflicts, edits the profile)",
        required=False,
    )
