"""Forms of the witness pages: registering a witness key, the secretariat's decision."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from alliance_portal.forms import GuidedForm
from alliance_portal.text_limits import text_form_field
from governance.log_heads.models import Witness
from members.models import Organisation, PartnerAlliance


class WitnessRegisterForm(GuidedForm):
    vkey = forms.CharField(
        label="Witness key",
        max_length=300,
        help_text="The verifier key python tools/witness.py keygen printed: "
        "name+key ID+base64 key (type 0x04, cosignature/v1).",
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label="Organisation"
    )
    partner_alliance = forms.ModelChoiceField(
        queryset=PartnerAlliance.objects.none(), required=False, label="Partner alliance"
    )
    url = forms.URLField(
        required=False,
        assume_scheme="https",
        label="tlog-witness address",
        help_text="If your witness answers the C2SP tlog-witness protocol, its submission "
        "prefix (the portal then asks it for cosignatures itself).",
    )
    note = text_form_field(Witness, "note", required=False, label="Note", help_text="Who runs it.")
    field_guides = {"vkey": "the witness key", "organisation": "the organisation"}

    def __init__(self, *args: Any, organisations: Any, staff: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations
        if staff:
            alliances = cast(forms.ModelChoiceField, self.fields["partner_alliance"])
            alliances.queryset = PartnerAlliance.objects.all()
        else:
            del self.fields["partner_alliance"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("organisation") and not data.get("partner_alliance"):
            raise forms.ValidationError(
                "Choose the organisation (or the partner alliance) that runs the witness."
            )
        if data.get("organisation") and data.get("partner_alliance"):
            raise forms.ValidationError("Choose an organisation or a partner alliance, not both.")
        return data


class WitnessDecisionForm(GuidedForm):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("refuse", "Refuse"), ("retire", "Retire")]
    )
    reason = text_form_field(Witness, "note", name="reason", required=False, label="Reason")
