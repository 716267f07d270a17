"""Forms of decision reviews: the review date, and the review's outcome. They parse input;
the services decide."""

from __future__ import annotations

from django import forms

from alliance_portal.forms import FORMATTING_HELP, GuidedForm
from alliance_portal.text_limits import text_form_field
from governance.reviews.models import DecisionReview, ReviewOutcome


class ReviewDateForm(GuidedForm):
    due_on = forms.DateField(
        label="Review date",
        help_text="The body is reminded by email when the date comes.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ReviewOutcomeForm(GuidedForm):
    outcome = forms.ChoiceField(
        label="Outcome of the review",
        choices=ReviewOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome of the review"},
    )
    text = text_form_field(
        DecisionReview,
        "outcome_text",
        name="text",
        required=True,
        label="What the review found",
        error_messages={"required": "Enter what the review found"},
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"Published in the decision log. {FORMATTING_HELP}",
    )
