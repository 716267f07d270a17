"""Forms of commitment tiers: the secretariat's draft, and an organisation's commitment."""

from __future__ import annotations

from typing import Any

from django import forms

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.forms import GuidedForm
from alliance_portal.text_limits import STATEMENT
from standards.models import Element, ElementKind, Tier
from standards.selectors.registry import baseline_version
from standards.selectors.tiers import adopted_tiers


class TierForm(GuidedForm):
    """A draft tier: name, rank, description, the baseline requirements it includes and its
    further requirements, one per line."""

    name = forms.CharField(label="Name", max_length=80, help_text="Such as Advanced.")
    rank = forms.IntegerField(
        label="Rank",
        min_value=1,
        max_value=99,
        help_text="1 for the first tier; a higher rank asks more.",
    )
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=STATEMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    baseline_requirements = forms.ModelMultipleChoiceField(
        label="Baseline requirements the tier includes",
        queryset=Element.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
        help_text="Requirements of the current alliance baseline.",
    )
    further_requirements = forms.CharField(
        label="Further requirements",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One per line, in order: they are numbered 1, 2, 3...",
    )
    field_guides = {"rank": "the tier's rank, a whole number"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        baseline = baseline_version()
        field: Any = self.fields["baseline_requirements"]
        if baseline is not None:
            field.queryset = Element.objects.filter(
                version=baseline, kind=ElementKind.REQUIREMENT
            ).order_by("order", "ref", "pk")
        field.label_from_instance = lambda element: f"{element.ref} {element.title}"

    def further_list(self) -> list[str]:
        text = self.cleaned_data.get("further_requirements") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    @staticmethod
    def initial_from(tier: Tier) -> dict[str, Any]:
        return {
            "name": tier.name,
            "rank": tier.rank,
            "description": tier.description,
            "baseline_requirements": list(tier.baseline_requirements.all()),
            "further_requirements": "\n".join(
                item.text for item in tier.further_requirements.all()
            ),
        }


class TierChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class CommitmentForm(GuidedForm):
    """The adopted tier an organisation commits to, and by when."""

    tier = TierChoiceField(
        label="Tier",
        queryset=Tier.objects.none(),
        to_field_name="slug",
        empty_label="Choose a tier",
        widget=forms.RadioSelect,
    )
    target_date = forms.DateField(
        label="Target date", help_text="The day by which the organisation meets the tier."
    )
    disclosure = forms.ChoiceField(
        label="Who may read it",
        choices=DisclosureLevel.choices,
        initial=DisclosureLevel.PUBLIC,
        help_text=(
            "Public: anyone (the directory shows it). Members: people of member organisations. "
            "Secretariat: the secretariat only. Your organisation's people always see it."
        ),
    )
    field_guides = {
        "tier": "the tier your organisation commits to",
        "disclosure": "who may read it",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["tier"]
        field.queryset = adopted_tiers()
