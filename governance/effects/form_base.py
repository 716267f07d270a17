"""The base of the effect kinds' forms (``governance.effects.kind_forms``)."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from alliance_portal.forms import GuidedForm


class KindForm(GuidedForm):
    """A kind's form: ``payload()`` from its cleaned fields, ``initial_from(payload)``."""

    items: forms.BaseFormSet | None = None  # a formset of items, when the kind has one
    item_name: ClassVar[str] = ""

    def __init__(self, *args: Any, proposal: Any = None, **kwargs: Any) -> None:
        self.proposal = proposal
        super().__init__(*args, **kwargs)

    def payload(self) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def initial_from(cls, payload: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError
