"""The form the secretariat opens a proposal from an acceptance request with."""

from __future__ import annotations

from typing import Any

from django import forms

from alliance_portal.forms import GuidedForm
from governance.bodies.models import Body, BodyKind


class OpenProposalForm(GuidedForm):
    body = forms.ModelChoiceField(
        label="Body that decides",
        queryset=Body.objects.none(),
        empty_label="Choose a body",
        help_text="The draft proposal goes to this body; you can change it while it is a draft.",
    )
    field_guides = {"body": "the body that decides"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["body"]
        field.queryset = Body.objects.order_by("order", "name")
        assembly = Body.objects.filter(kind=BodyKind.GENERAL_ASSEMBLY).first()
        if assembly is not None:
            field.initial = assembly.pk
