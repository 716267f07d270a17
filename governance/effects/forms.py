"""The secretariat's form: what a proposal changes when it is adopted."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from alliance_portal.forms import GuidedForm
from governance.effects import kinds as _kinds  # noqa: F401 (registers the kinds)
from governance.effects.registry import kind_choices

MAX_PAYLOAD = 20_000


class EffectForm(GuidedForm):
    kind = forms.ChoiceField(label="What the decision changes", widget=forms.RadioSelect)
    payload = forms.CharField(
        label="Details (JSON)",
        max_length=MAX_PAYLOAD,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text="As in the examples on this page. Checked now, and again when the ballot opens.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["kind"]
        field.choices = kind_choices()

    def clean_payload(self) -> Any:
        text = self.cleaned_data["payload"]
        try:
            return json.loads(text, parse_float=lambda value: value)
        except json.JSONDecodeError as error:
            raise ValidationError(
                f"Enter the details as JSON: line {error.lineno}, column {error.colno}: "
                f"{error.msg}."
            ) from None
