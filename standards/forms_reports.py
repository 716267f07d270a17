"""Forms of the reporting pages: opening a cycle, one answer per baseline requirement (the
report form is one ``AnswerForm`` per requirement, prefixed by its id), a correction's reason.
They parse input and point at the field a problem is in; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.forms import GuidedForm
from alliance_portal.text_limits import text_form_field
from standards import services
from standards.models import Answer, AnswerStatus, Element, ReportVersion
from standards.services.reports import ANSWER_FIELDS

DISCLOSURE_HELP = (
    "Public: anyone. Members: people of member organisations and civil-society reviewers. "
    "Secretariat: the secretariat only. Your organisation's own people always read it."
)


class CycleForm(GuidedForm):
    title = forms.CharField(label="Title", max_length=120, help_text='For example "2026 annual".')
    opens_on = forms.DateField(label="Opens on")
    due_on = forms.DateField(
        label="Due on", help_text="Reports submitted on or before this day are on time."
    )
    field_guides = {"opens_on": "the day the cycle opens", "due_on": "the due date"}


class AnswerForm(GuidedForm):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Not answered yet"), *AnswerStatus.choices]
    )
    reason = text_form_field(
        Answer,
        "reason",
        label="Why it does not apply",
        required=False,
        help_text='Required when the status is "not applicable".',
    )
    evidence_url = forms.URLField(
        label="Evidence link",
        assume_scheme="https",
        required=False,
        max_length=500,
        help_text="A link to a published policy, audit summary or report. (File uploads come later.)",
    )
    narrative = text_form_field(Answer, "narrative", label="Narrative", required=False)
    plans = text_form_field(Answer, "plans", label="Plans", required=False)
    target_date = forms.DateField(label="Target date of the plans", required=False)
    disclosure = forms.ChoiceField(
        label="Who may read this answer",
        choices=DisclosureLevel.choices,
        initial=DisclosureLevel.SECRETARIAT,
        help_text=DISCLOSURE_HELP,
    )
    field_guides = {"disclosure": "who may read this answer"}

    def __init__(self, *args: Any, requirement: Element, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"q{requirement.pk}")
        super().__init__(*args, **kwargs)
        self.requirement = requirement

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == AnswerStatus.NOT_APPLICABLE and not data.get("reason", "").strip():
            self.add_error("reason", "Say why this requirement does not apply to you.")
        return data

    def fields_value(self) -> services.AnswerFields:
        data = self.cleaned_data
        return services.AnswerFields(
            requirement=self.requirement,
            status=data.get("status") or "",
            reason=data.get("reason") or "",
            evidence_url=data.get("evidence_url") or "",
            narrative=data.get("narrative") or "",
            plans=data.get("plans") or "",
            target_date=data.get("target_date"),
            disclosure=data.get("disclosure") or DisclosureLevel.SECRETARIAT,
        )


def answer_forms(
    requirements: list[Element], version: ReportVersion | None, data: Any = None
) -> list[AnswerForm]:
    """One form per requirement, filled from ``version``'s answers (the draft being edited)."""
    saved = {answer.requirement_id: answer for answer in version.answers.all()} if version else {}
    forms_: list[AnswerForm] = []
    for requirement in requirements:
        answer = saved.get(requirement.pk)
        initial = {name: getattr(answer, name) for name in ANSWER_FIELDS} if answer else {}
        forms_.append(AnswerForm(data, requirement=requirement, initial=initial))
    return forms_


class CorrectionForm(GuidedForm):
    reason = text_form_field(
        ReportVersion,
        "reason",
        label="Reason for the correction",
        help_text="What was wrong or has changed. It is kept in the report's history.",
    )
    field_guides = {"reason": "the reason for the correction"}
