"""Form helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest


class ChoiceArrayAdminMixin:
    """Admin mixin: an ArrayField of choices (a vocabulary list) is edited as checkboxes
    instead of comma-separated text; a URLField assumes https."""

    def formfield_for_dbfield(
        self, db_field: models.Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if isinstance(db_field, ArrayField) and db_field.base_field.choices:
            return forms.MultipleChoiceField(
                label=db_field.verbose_name.capitalize(),
                choices=db_field.base_field.choices,
                required=not db_field.blank,
                widget=forms.CheckboxSelectMultiple,
            )
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]


def apply_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: each message on the field it names when the form
    has that field, otherwise above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
