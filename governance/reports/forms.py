"""Forms of the transparency report pages and admin. They parse input; the service decides."""

from __future__ import annotations

from typing import Any

from django import forms

from alliance_portal.forms import GuidedForm
from governance.reports.models import ReportEdition, ReportKind

QUARTERS = [
    ("", "—"),
    ("1", "Q1 (January to March)"),
    ("2", "Q2 (April to June)"),
    ("3", "Q3 (July to September)"),
    ("4", "Q4 (October to December)"),
]


class ReportFilterForm(forms.Form):
    """The archive's filters. Their ids differ from the request form's on the same page
    ("id_filter_kind", not "id_kind"), so each label and error link finds its own field."""

    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *ReportKind.choices]
    )
    edition = forms.ChoiceField(
        label="Edition", required=False, choices=[("", "Any edition"), *ReportEdition.choices]
    )
    year = forms.IntegerField(
        label="Period ending in", required=False, min_value=2000, max_value=2100
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_filter_%s")
        super().__init__(*args, **kwargs)


class ReportRequestForm(GuidedForm):
    """Ask for a report: the kind and edition, then the year (annual), year and quarter
    (quarterly) or first and last day (ad hoc). The service checks the period."""

    field_guides = {
        "start": "the first day of the period",
        "end": "the last day of the period",
    }

    kind = forms.ChoiceField(label="Kind of report", choices=ReportKind.choices)
    edition = forms.ChoiceField(
        label="Edition", choices=ReportEdition.choices, initial=ReportEdition.PUBLIC
    )
    year = forms.IntegerField(
        label="Year",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="For an annual or quarterly report.",
    )
    quarter = forms.TypedChoiceField(
        label="Quarter",
        required=False,
        choices=QUARTERS,
        coerce=int,
        empty_value=None,
        help_text="For a quarterly report.",
    )
    start = forms.DateField(
        label="First day",
        required=False,
        help_text="For an ad hoc report.",
    )
    end = forms.DateField(
        label="Last day",
        required=False,
        help_text="For an ad hoc report.",
    )

    def request_arguments(self) -> dict[str, Any]:
        """The keyword arguments of ``report_request`` this form asks for."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "edition": data["edition"],
            "year": data.get("year"),
            "quarter": data.get("quarter"),
            "start": data.get("start"),
            "end": data.get("end"),
        }
