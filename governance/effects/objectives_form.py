"""The form of the objectives effect: one objective (an existing one or a new one), what of it
changes, its indicators to add or change (one small form each) and those to remove."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.utils.text import slugify

from alliance_portal.forms import GuidedForm
from alliance_portal.text_limits import DESCRIPTION
from governance.effects.form_base import KindForm
from governance.objectives.models import Indicator, Objective, ObjectiveStatus

INDICATOR_ROWS = 3
SEPARATOR = "|"  # between an objective's slug and an indicator's name in a removal's value


def _number(label: str) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=False, max_digits=18, decimal_places=4)


class IndicatorForm(GuidedForm):
    name = forms.CharField(label="Indicator", max_length=200, required=False)
    unit = forms.CharField(label="Unit", max_length=40, required=False, help_text="e.g. %, sites")
    baseline_value = _number("Baseline value")
    baseline_date = forms.DateField(
        label="Baseline date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    target_value = _number("Target value")
    target_date = forms.DateField(
        label="Target date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.has_changed() and not data.get("name") and "name" not in self.errors:
            self.add_error("name", "Enter the indicator's name")
        return data

    def indicator(self) -> dict[str, str] | None:
        """The indicator as the payload holds it (only the fields given), or None if empty."""
        data = self.cleaned_data
        if not data or not data.get("name"):
            return None
        item = {"name": data["name"].strip()}
        for key, value in data.items():
            if key == "name" or value in (None, ""):
                continue
            if isinstance(value, date):
                item[key] = value.isoformat()
            elif isinstance(value, Decimal):
                item[key] = format(value.normalize(), "f")
            else:
                item[key] = str(value).strip()
        return item


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=INDICATOR_ROWS, max_num=50)


class ObjectivesForm(KindForm):
    kind: ClassVar[str] = "objectives"
    item_name: ClassVar[str] = "Indicator"
    field_guides = {"objective": "the objective"}

    objective = forms.ChoiceField(label="Objective", required=False)
    new_slug = forms.SlugField(
        label="Short name of a new objective",
        required=False,
        max_length=80,
        help_text="Lowercase words joined by -, used in its address. Only for a new objective.",
    )
    title = forms.CharField(label="Title", max_length=200, required=False)
    description = forms.CharField(
        label="Description",
        max_length=DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Unchanged (new objectives are active)"), *ObjectiveStatus.choices],
    )
    remove_indicators = forms.MultipleChoiceField(
        label="Indicators to remove",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
        help_text="Removed with their measurements, when the decision is adopted.",
    )

    def __init__(self, data: Any = None, *, initial: Any = None, **kwargs: Any) -> None:
        initial = dict(initial or {})
        indicators = initial.pop("indicators", [])
        # An effect set through the API may change several objectives: the page edits the
        # first and keeps the others as they are (never dropped by a save here).
        self.other_objectives: list[dict[str, Any]] = initial.pop("other_objectives", [])
        super().__init__(data, initial=initial, **kwargs)
        objectives = list(Objective.objects.order_by("order", "title"))
        objective: Any = self.fields["objective"]
        objective.choices = [("", "A new objective"), *[(o.slug, o.title) for o in objectives]]
        titles = {o.pk: o for o in objectives}
        removable: Any = self.fields["remove_indicators"]
        removable.choices = [
            (
                f"{titles[i.objective_id].slug}{SEPARATOR}{i.name}",
                f"{titles[i.objective_id].title}: {i.name}",
            )
            for i in Indicator.objects.order_by("objective__order", "order", "name")
            if i.objective_id in titles
        ]
        self.indicators = IndicatorFormSet(data, initial=indicators, prefix="indicator")
        self.items = self.indicators

    def is_valid(self) -> bool:
        return all([super().is_valid(), self.indicators.is_valid()])  # every message at once

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        slug = data.get("objective") or data.get("new_slug")
        if not slug:
            self.add_error("new_slug", "Choose an objective, or give a new one its short name")
            return data
        if not data.get("objective") and slugify(slug) != slug:
            self.add_error("new_slug", "Use lowercase words joined by -")
        if not data.get("objective") and not data.get("title"):
            self.add_error("title", "Enter the title of the new objective")
        others = [
            v for v in data.get("remove_indicators", []) if not v.startswith(slug + SEPARATOR)
        ]
        if others:
            self.add_error(
                "remove_indicators", "Choose only indicators of the objective chosen above"
            )
        data["slug"] = slug
        return data

    def payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        item: dict[str, Any] = {"slug": data["slug"]}
        for key in ("title", "description", "status"):
            if data.get(key):
                item[key] = data[key].strip()
        indicators = [i for i in (form.indicator() for form in self.indicators.forms) if i]
        if indicators:
            item["indicators"] = indicators
        removed = [v.split(SEPARATOR, 1)[1] for v in data.get("remove_indicators", [])]
        if removed:
            item["remove_indicators"] = removed
        others = [other for other in self.other_objectives if other.get("slug") != item["slug"]]
        return {"objectives": [item, *others]}

    @classmethod
    def initial_from(cls, payload: dict[str, Any]) -> dict[str, Any]:
        items = payload.get("objectives") or [{}]
        item = items[0]
        slug = item.get("slug", "")
        exists = Objective.objects.filter(slug=slug).exists()
        return {
            "objective": slug if exists else "",
            "new_slug": "" if exists else slug,
            "title": item.get("title", ""),
            "description": item.get("description", ""),
            "status": item.get("status", ""),
            "indicators": item.get("indicators", []),
            "remove_indicators": [
                f"{slug}{SEPARATOR}{name}" for name in item.get("remove_indicators", [])
            ],
            "other_objectives": items[1:],
        }
