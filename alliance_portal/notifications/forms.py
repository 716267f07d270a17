"""The preferences page's form: for each kind, how often; for consultations opened, which."""

from __future__ import annotations

from typing import Any

from django import forms

from alliance_portal.forms import GuidedForm, guide_field
from alliance_portal.notifications.kinds import KINDS, Frequency, Scope
from alliance_portal.notifications.selectors import Choice
from alliance_portal.notifications.services import ChoiceInput

SCOPE_SUFFIX = "_scope"


class NotificationPreferencesForm(GuidedForm):
    """One group of choices per kind of event (field ``<kind>``), plus ``<kind>_scope`` for
    kinds with a scope. Filled in with the person's current choices."""

    def __init__(self, *args: Any, choices: list[Choice], **kwargs: Any) -> None:
        initial = {}
        for choice in choices:
            initial[choice.kind] = choice.frequency
            if choice.scope:
                initial[choice.kind + SCOPE_SUFFIX] = choice.scope
        super().__init__(*args, initial=initial, **kwargs)
        guides: dict[str, str] = {}
        for choice in choices:
            event = KINDS[choice.kind]
            self.fields[choice.kind] = forms.ChoiceField(
                label=event.label,
                help_text=event.description,
                choices=Frequency.choices,
                widget=forms.RadioSelect,
            )
            guides[choice.kind] = f"how often to hear of “{event.label.lower()}”"
            if event.scoped:
                self.fields[choice.kind + SCOPE_SUFFIX] = forms.ChoiceField(
                    label=f"Which ones: {event.label.lower()}",
                    choices=Scope.choices,
                    widget=forms.RadioSelect,
                    help_text="Your organisation's materials and countries are those on its "
                    "profile. Without an organisation, choose “All of them” to hear of any.",
                )
                guides[choice.kind + SCOPE_SUFFIX] = "which consultations to hear of"
        # Guide the fields added here (GuidedForm guides only those the class declares).
        for name, field in self.fields.items():
            guide_field(field, name, guides.get(name))

    def choice_inputs(self) -> list[ChoiceInput]:
        data = self.cleaned_data
        return [
            ChoiceInput(
                kind=kind,
                frequency=data[kind],
                scope=data.get(kind + SCOPE_SUFFIX, "") if event.scoped else "",
            )
            for kind, event in KINDS.items()
        ]
