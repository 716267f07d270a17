"""Forms of the ballot pages. They parse input; the services decide (a refusal comes back on
the form through ``alliance_portal.forms.apply_service_error``)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django_countries import countries

from alliance_portal import policy
from alliance_portal.collation import name_sort_key
from alliance_portal.forms import FORMATTING_HELP, GuidedForm
from alliance_portal.text_limits import text_form_field
from alliance_portal.types import Actor
from governance.ballots.methods import method_choices, methods, methods_named, or_list
from governance.ballots.models import (
    Ballot,
    ConflictDeclaration,
    DissentingStatement,
    Endorsement,
    EndorserKind,
    InterestDeclaration,
    InterestKind,
    RecusalExemption,
    Vote,
)
from members.models import Organisation, OrganisationKind

TEXTAREA = {"rows": 5}


class VoteForm(GuidedForm):
    """The vote of the representative's organisation. The reason's label says when a choice
    needs one (an objection in a consent ballot) and where it is published. ``locked`` shows
    every control disabled (the organisation must declare first, is recused, ...): the page
    says why; a submitted form is still parsed, and the service refuses."""

    choice = forms.ChoiceField(label="Your organisation's vote", widget=forms.RadioSelect)
    reason = text_form_field(
        Vote,
        "reason",
        label="Reason (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args: Any,
        choices: list[tuple[str, str]] | None = None,
        ballot: Ballot | None = None,
        locked: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["choice"]
        field.choices = choices if choices is not None else ballot.choices if ballot else []
        if ballot is not None:
            self._describe_reason(ballot)
        if locked:
            for each in self.fields.values():
                each.widget.attrs["disabled"] = True

    def _describe_reason(self, ballot: Ballot) -> None:
        rule = ballot.rule
        needing = [label.lower() for value, label in rule.choices if value in rule.reason_required]
        reason = self.fields["reason"]
        if needing:
            reason.label = f"Reason (optional; required to {or_list(needing)})"
        reason.help_text = (
            "Kept with the vote and never published: the ballot is secret."
            if ballot.secret
            else "Published with the roll-call when the ballot closes."
        )


class DeclarationForm(GuidedForm):
    field_guides = {
        "has_conflict": "whether your organisation has a conflict of interest in this ballot",
        "nature": "the nature of the conflict",
    }

    has_conflict = forms.TypedChoiceField(
        label="Does your organisation have a conflict of interest in this ballot?",
        choices=[
            ("no", "No conflict of interest"),
            ("yes", "Yes: a conflict of interest (the organisation is recused)"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    nature = text_form_field(
        ConflictDeclaration,
        "nature",
        label="Nature of the conflict",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required for a conflict. Published with the decision, naming the "
        "organisation, not you.",
    )


class FractionField(forms.Field):
    """An exact fraction written as ``2/3`` (or ``1``, or ``0.5``), never a float."""

    widget = forms.TextInput

    def to_python(self, value: Any) -> Fraction | None:
        text = str(value or "").strip()
        if not text:
            return None
        if len(text) > 20:
            raise ValidationError("Write a fraction such as 1/2 or 2/3.")
        try:
            return Fraction(text)
        except (ValueError, ZeroDivisionError) as bad:
            raise ValidationError("Write a fraction such as 1/2 or 2/3.") from bad


class BallotSettingsForm(GuidedForm):
    field_guides = {
        "closes_at": "the closing time",
        "effective_date": "the date an adopted decision takes effect",
    }

    method = forms.ChoiceField(label="Method", choices=method_choices, widget=forms.RadioSelect)
    quorum = FractionField(
        label="Quorum",
        initial="1/2",
        help_text="Share of the eligible organisations that must vote (per chamber in a "
        f"{methods_named(m for m in methods() if m.by_chamber)} ballot), e.g. 1/2.",
    )
    threshold = FractionField(
        label="Threshold",
        initial="2/3",
        help_text="Support needed to adopt, e.g. 2/3 (not used by "
        f"{methods_named(m for m in methods() if not m.uses_threshold)} ballots).",
    )
    concurrent_majority = forms.BooleanField(
        label="Concurrent majority: adopted only if every chamber's share is above 1/2",
        required=False,
    )
    secret = forms.BooleanField(
        label="Secret ballot: individual choices are never published",
        required=False,
    )
    closes_at = forms.DateTimeField(
        label="Closes at (UTC)",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Empty: 14 days after the ballot opens.",
    )
    effective_date = forms.DateField(
        label="An adopted decision takes effect on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Empty: the day the ballot closes.",
    )


class ReasonForm(GuidedForm):
    field_guides = {"reason": "the reason the interest ends"}

    reason = text_form_field(
        InterestDeclaration,
        "end_reason",
        name="reason",
        required=True,
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Published with the decision.",
    )


class CloseForm(GuidedForm):
    reason = text_form_field(
        Ballot,
        "close_reason",
        name="reason",
        label="Why the ballot closes now",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required before the closing time; published with the decision.",
    )


class ExemptionForm(GuidedForm):
    field_guides = {"reason": "why the conflict does not recuse the organisation"}

    organisation = forms.ModelChoiceField(
        label="Organisation that declared a conflict", queryset=Organisation.objects.none()
    )
    reason = text_form_field(
        RecusalExemption,
        "reason",
        label="Why the conflict does not recuse it",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Published with the declaration.",
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["organisation"]
        field.queryset = organisations


class StatementForm(GuidedForm):
    field_guides = {"text": "your statement"}

    text = text_form_field(
        DissentingStatement,
        "text",
        name="statement",
        label="Statement",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"{FORMATTING_HELP} Published with the decision; it cannot be changed afterwards.",
    )


def _country_choices() -> list[tuple[str, str]]:
    """Every country by its name in the reader's language, sorted as the reader reads it
    (evaluated per form, in the active language)."""
    named = sorted(
        ((code, str(name)) for code, name in countries), key=lambda c: name_sort_key(c[1])
    )
    return [("", "The member's country"), *named]


class EndorsementForm(GuidedForm):
    field_guides = {
        "endorser_kind": "the kind of endorser",
        "evidence_url": "the link to the evidence",
        "endorsed_on": "the date of the endorsement",
    }

    organisation = forms.ModelChoiceField(
        label="Member organisation (a government body)",
        required=False,
        queryset=Organisation.objects.filter(kind=OrganisationKind.GOVERNMENT_BODY).order_by(
            "name"
        ),
        empty_label="Not a member: name it below",
    )
    endorser_name = forms.CharField(label="Endorser (non-member)", required=False, max_length=200)
    endorser_kind = forms.ChoiceField(label="Kind", choices=EndorserKind.choices)
    country = forms.ChoiceField(label="Country", required=False, choices=_country_choices)
    statement = text_form_field(
        Endorsement,
        "statement",
        label="What the endorser said",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence_url = forms.URLField(
        label="Evidence: link", required=False, max_length=500, assume_scheme="https"
    )
    evidence_note = text_form_field(
        Endorsement,
        "evidence_note",
        label="Evidence: where it is kept",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    endorsed_on = forms.DateField(
        label="Endorsed on", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class InterestForm(GuidedForm):
    field_guides = {"description": "a description of the interest"}

    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.order_by("name"),
        to_field_name="slug",
    )
    kind = forms.ChoiceField(label="Kind of interest", choices=InterestKind.choices)
    description = text_form_field(
        InterestDeclaration,
        "description",
        label="Description",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Public, naming the organisation.",
    )

    def __init__(self, *args: Any, choose_organisation: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not choose_organisation:
            del self.fields["organisation"]


class InterestFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All organisations",
    )
    current = forms.BooleanField(label="Current interests only", required=False)

    def __init__(self, *args: Any, user: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["organisation"]
        field.queryset = policy.visible(user, Organisation.objects.order_by("name"))
