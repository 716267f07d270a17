"""The secretariat's form for each effect kind of the registry (``KIND_FORMS``): fields with
labels and units instead of a payload to type. Each form turns its fields into the kind's
payload (``payload``) and a stored payload back into its fields (``initial_from``); the kind's
``clean`` still decides (its refusals come back on the form)."""

from __future__ import annotations

from typing import Any

from django import forms

from alliance_portal.text_limits import SHORT_NOTE, STATEMENT
from glossary.models import Revision
from glossary.models.revisions import OPEN_REVISION_STATUSES
from governance.acceptance.effect import OUTCOME_CHOICES, AcceptanceAnswer
from governance.ballots.methods import METHODS
from governance.bodies.models import Body
from governance.decision_log.models import DecisionState, PublishedDecision
from governance.effects import kinds, tiers_kind
from governance.effects.form_base import KindForm
from governance.effects.objectives_form import ObjectivesForm
from governance.effects.registry import KINDS
from standards.models import Tier, TierStatus


def _days(label: str, low: int, high: int, help_text: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=low, max_value=high, help_text=help_text
    )


UNCHANGED = "Empty: unchanged."
ITSELF = "-"  # amendments_by: the body itself


class ConstitutionForm(KindForm):
    body = forms.ModelChoiceField(
        label="Body whose constitution changes",
        queryset=Body.objects.order_by("order", "name"),
        to_field_name="slug",
        empty_label="Choose a body",
    )
    min_consultation_days = _days("Minimum consultation length (days)", 1, 365, UNCHANGED)
    cosponsor_chambers = _days("Co-sponsors needed from this many other chambers", 0, 10, UNCHANGED)
    admission_days = _days(
        "Days the secretariat has to admit or decline a tabled proposal", 1, 365, UNCHANGED
    )
    amendments_by = forms.ChoiceField(label="Who amends or withdraws its decisions", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["amendments_by"]
        field.choices = [
            ("", "Unchanged"),
            (ITSELF, "The body itself"),
            *Body.objects.order_by("order", "name").values_list("slug", "name"),
        ]
        for method in METHODS.values():
            keys = ["quorum", "threshold"] if method.uses_threshold else ["quorum"]
            for key in keys:
                self.fields[f"{method.value}_{key}"] = forms.CharField(
                    label=f"{method.label}: lowest {key} allowed",
                    required=False,
                    max_length=12,
                    help_text=f"A fraction, such as 1/2. {UNCHANGED}",
                )

    def payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        payload: dict[str, Any] = {"body": data["body"].slug}
        for name in ("min_consultation_days", "cosponsor_chambers", "admission_days"):
            if data.get(name) is not None:
                payload[name] = data[name]
        bounds: dict[str, dict[str, str]] = {}
        for method in METHODS.values():
            for key in ("quorum", "threshold"):
                value = (data.get(f"{method.value}_{key}") or "").strip()
                if value:
                    bounds.setdefault(method.value, {})[key] = value
        if bounds:
            payload["bounds"] = bounds
        if data.get("amendments_by"):
            payload["amendments_by"] = (
                "" if data["amendments_by"] == ITSELF else data["amendments_by"]
            )
        return payload

    @classmethod
    def initial_from(cls, payload: dict[str, Any]) -> dict[str, Any]:
        initial = {key: value for key, value in payload.items() if key != "bounds"}
        if "amendments_by" in payload:
            initial["amendments_by"] = payload["amendments_by"] or ITSELF
        for method, row in (payload.get("bounds") or {}).items():
            for key, value in row.items():
                initial[f"{method}_{key}"] = value
        return initial


class GlossaryBatchForm(KindForm):
    revisions = forms.ModelMultipleChoiceField(
        label="Glossary revisions the decision agrees",
        queryset=Revision.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
        help_text="Proposed or under review; at most one per concept.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["revisions"]
        field.queryset = (
            Revision.objects.filter(status__in=OPEN_REVISION_STATUSES)
            .select_related("concept")
            .order_by("concept__slug", "number")
        )
        field.label_from_instance = lambda r: f"“{r.concept.slug}”, revision {r.number}"

    def payload(self) -> dict[str, Any]:
        return {"revisions": sorted(r.pk for r in self.cleaned_data["revisions"])}

    @classmethod
    def initial_from(cls, payload: dict[str, Any]) -> dict[str, Any]:
        return {"revisions": payload.get("revisions", [])}


class DecisionChangeForm(KindForm):
    field_guides = {"reason": "the reason (it is published)"}
    decision = forms.ModelChoiceField(
        label="Published decision",
        queryset=PublishedDecision.objects.none(),
        empty_label="Choose a decision",
    )
    reason = forms.CharField(
        label="Reason (published)",
        max_length=STATEMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["decision"]
        field.queryset = PublishedDecision.objects.exclude(state=DecisionState.WITHDRAWN).order_by(
            "-pk"
        )
        field.label_from_instance = lambda d: f"Decision {d.pk}: {d.title}"

    def payload(self) -> dict[str, Any]:
        return {
            "decision_seq": self.cleaned_data["decision"].pk,
            "reason": self.cleaned_data["reason"],
        }

    @classmethod
    def initial_from(cls, payload: dict[str, Any]) -> dict[str, Any]:
        return {"decision": payload.get("decision_seq"), "reason": payload.get("reason", "")}


class TiersForm(KindForm):
    tiers = forms.ModelMultipleChoiceField(
        label="Draft tiers the decision adopts",
        queryset=Tier.objects.none(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
        help_text="Drafted by the secretariat on the commitment tiers page.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["tiers"]
        field.queryset = Tier.objects.filter(status=TierStatus.DRAFT).order_by("rank")
        field.label_from_instance = lambda tier: f"{tier.name} (rank {tier.rank})"

    def payload(self) -> dict[str, Any]:
        return {"tiers": [tier.slug for tier in self.cleaned_data["tiers"]]}

    @classmethod
    def initial_from(cls, payload: dict[str, Any]) -> dict[str, Any]:
        return {"tiers": payload.get("tiers", [])}


AMENDABLE = ("title", "summary", "rationale", "effective_date")


class AmendmentForm(DecisionChangeForm):
    new_title = forms.CharField(label="New title", required=False, max_length=300)
    new_summary = forms.CharField(
        label="New summary", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    new_rationale = forms.CharField(
        label="New rationale", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    new_effective_date = forms.DateField(label="New date it takes effect", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f"new_{name}") for name in AMENDABLE):
            self.add_error(None, "Say what changes: a new title, summary, rationale or date.")
        return data

    def payload(self) -> dict[str, Any]:
        changes = {}
        for name in AMENDABLE:
            value = self.cleaned_data.get(f"new_{name}")
            if value:
                changes[name] = value.isoformat() if name == "effective_date" else value
        return {**super().payload(), "changes": changes}

    @classmethod
    def initial_from(cls, payload: dict[str, Any]) -> dict[str, Any]:
        changes = payload.get("changes", {})
        return {
            **super().initial_from(payload),
            **{f"new_{name}": value for name, value in changes.items()},
        }


class AcceptanceAnswerForm(KindForm):
    outcome = forms.ChoiceField(
        label="The answer, once the proposal is adopted",
        choices=[("", "Choose the answer"), *OUTCOME_CHOICES],
    )
    note = forms.CharField(
        label="Note shown with the request",
        required=False,
        max_length=SHORT_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For a partial acceptance, which requirements it covers.",
    )
    field_guides = {"outcome": "the answer"}

    def payload(self) -> dict[str, Any]:
        return {"outcome": self.cleaned_data["outcome"], "note": self.cleaned_data.get("note", "")}

    @classmethod
    def initial_from(cls, payload: dict[str, Any]) -> dict[str, Any]:
        return {"outcome": payload.get("outcome", ""), "note": payload.get("note", "")}


KIND_FORMS: dict[str, type[KindForm]] = {
    kinds.ConstitutionChange.value: ConstitutionForm,
    kinds.GlossaryBatch.value: GlossaryBatchForm,
    kinds.DecisionAmendment.value: AmendmentForm,
    kinds.DecisionWithdrawal.value: DecisionChangeForm,
    ObjectivesForm.kind: ObjectivesForm,
    tiers_kind.TiersAdoption.value: TiersForm,
    AcceptanceAnswer.value: AcceptanceAnswerForm,
}


def kind_form(kind: str) -> type[KindForm] | None:
    """The form of a registered kind (None for a kind that is not registered)."""
    return KIND_FORMS.get(kind) if kind in KINDS else None
