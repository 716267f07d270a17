"""The access log's filters, on an organisation's own log and on the secretariat's whole log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from alliance_portal.access_log import AccessLogFilters
from alliance_portal.forms import GuidedForm
from alliance_portal.models import User
from alliance_portal.organisations import organisation_lookup
from alliance_portal.policy.visibility import confidential_labels
from alliance_portal.read_reasons import ReadReason


def item_type_choices() -> list[tuple[str, str]]:
    """The kinds of item whose reads are logged (models with a disclosure level, and the
    secretariat-level ones of the policy), by name."""
    found = [
        (model._meta.label_lower, str(model._meta.verbose_name).capitalize())
        for model in apps.get_models()
        if hasattr(model, "disclosure_level") or model._meta.label in confidential_labels()
    ]
    return sorted(found, key=lambda item: item[1])


class AccessLogFilterForm(GuidedForm):
    """Filters of an organisation's own access log."""

    reason = forms.ChoiceField(
        label="Why", required=False, choices=[("", "Any reason"), *ReadReason.choices]
    )
    item_type = forms.ChoiceField(label="Kind of item", required=False)
    on_or_after = forms.DateField(label="Read on or after", required=False)
    on_or_before = forms.DateField(label="Read on or before", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        item_type: Any = self.fields["item_type"]
        item_type.choices = [("", "Every kind"), *item_type_choices()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        after, before = data.get("on_or_after"), data.get("on_or_before")
        if after and before and after > before:
            self.add_error("on_or_before", "Choose a day on or after the first day.")
        return data

    def filters(self, **fixed: Any) -> AccessLogFilters:
        """The filters chosen (none when the form is not valid), with ``fixed`` ones."""
        data = self.cleaned_data if self.is_valid() else {}
        content_type_id = None
        if data.get("item_type"):
            app_label, model = data["item_type"].split(".", 1)
            content_type_id = ContentType.objects.get_by_natural_key(app_label, model).pk
        return AccessLogFilters(
            reason=data.get("reason") or "",
            content_type_id=content_type_id,
            on_or_after=data.get("on_or_after"),
            on_or_before=data.get("on_or_before"),
            organisation_id=fixed.get("organisation_id", self._organisation_id(data)),
            user_id=fixed.get("user_id", self._user_id(data)),
        )

    def _organisation_id(self, data: dict[str, Any]) -> int | None:
        return None

    def _user_id(self, data: dict[str, Any]) -> int | None:
        return None


class WholeAccessLogFilterForm(AccessLogFilterForm):
    """The secretariat's filters of the whole log: also by person and by organisation."""

    person = forms.TypedChoiceField(label="Who read", required=False, coerce=int, empty_value=None)
    organisation = forms.ChoiceField(label="Whose material", required=False)

    field_order = ("person", "organisation", "reason", "item_type", "on_or_after", "on_or_before")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(Q(is_staff=True) | Q(is_superuser=True)).order_by("email")
        person: Any = self.fields["person"]
        person.choices = [
            ("", "Anyone"),
            *((user.pk, f"{user} ({user.email})") for user in staff),
        ]
        organisation: Any = self.fields["organisation"]
        organisation.choices = [
            ("", "Any organisation"),
            *organisation_lookup().choices(),
        ]

    def _organisation_id(self, data: dict[str, Any]) -> int | None:
        slug = data.get("organisation")
        return organisation_lookup().id_of(slug) if slug else None

    def _user_id(self, data: dict[str, Any]) -> int | None:
        return data.get("person")
