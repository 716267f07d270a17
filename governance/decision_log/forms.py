from __future__ import annotations

from django import forms

from alliance_portal.text_limits import STATEMENT, BoundedTextFormField, text_form_field
from governance.decision_log.models import DecisionState, PublishedDecision


class DecisionFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    body = forms.CharField(label="Body", required=False, max_length=100)
    state = forms.ChoiceField(
        label="State", required=False, choices=[("", "Any state"), *DecisionState.choices]
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        required=False,
        choices=[
            ("", "Any outcome"),
            ("adopted", "Adopted"),
            ("rejected", "Rejected"),
            ("no_quorum", "No quorum"),
        ],
    )
    year = forms.IntegerField(label="Year", required=False, min_value=2000, max_value=2100)
    objective = forms.CharField(label="Objective", required=False, max_length=100)
    country = forms.CharField(label="Country (ISO code)", required=False, max_length=2)
    material = forms.CharField(label="Material", required=False, max_length=40)


class DecisionChangeForm(forms.Form):
    kind = forms.ChoiceField(
        label="What",
        choices=[
            ("amendment", "Amendment"),
            ("correction", "Correction"),
            ("withdrawal", "Withdrawal"),
        ],
    )
    reason = BoundedTextFormField(
        max_length=STATEMENT,
        name="reason",
        label="Reason (published)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    title = forms.CharField(label="New title", required=False, max_length=300)
    summary = text_form_field(
        PublishedDecision,
        "summary",
        label="New summary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    rationale = text_form_field(
        PublishedDecision,
        "rationale",
        label="New rationale",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    effective_date = forms.DateField(
        label="New effective date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def changes(self) -> dict[str, str]:
        data = self.cleaned_data
        changes = {f: data[f] for f in ("title", "summary", "rationale") if data.get(f)}
        if data.get("effective_date"):
            changes["effective_date"] = data["effective_date"].isoformat()
        return changes
