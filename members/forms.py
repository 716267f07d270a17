from __future__ import annotations

from django import forms
from django_countries import countries

from members.models import Chamber, Organisation
from members.services import PROFILE_FIELDS


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Name contains", required=False, max_length=100)
    chamber = forms.ModelChoiceField(
        label="Chamber",
        queryset=Chamber.objects.order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label="All chambers",
    )
    country = forms.ChoiceField(
        label="Country", required=False, choices=[("", "All countries"), *countries]
    )


class OrganisationProfileForm(forms.ModelForm):
    """The profile fields an organisation's representative edits; the service decides."""

    website = forms.URLField(required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = PROFILE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}
