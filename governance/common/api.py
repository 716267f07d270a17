"""Shared pieces of the governance API: schema-friendly choice and country fields and the error
body. (Who may write is the action policy's: ``policy.require(request.user, ...)``.)"""

from __future__ import annotations

from typing import Any

from django.db import models
from django_countries.serializer_fields import CountryField as CountriesCountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field({"type": "string", "pattern": "^[A-Z]{2}$", "example": "CD"})
class CountryField(CountriesCountryField):
    """An ISO 3166-1 alpha-2 code (described as such in the schema, not as a 250-value enum)."""


def choice_field(
    choices: type[models.TextChoices] | list[tuple[str, str]], **kwargs: Any
) -> serializers.ChoiceField:
    """A ChoiceField that validates strictly but is described in the schema as a string with a
    pattern, not as an enum component: several apps use field names such as ``status`` and
    ``kind`` for different vocabularies, and shared enum names would collide."""
    pairs = choices.choices if isinstance(choices, type) else choices
    values = [value for value, _label in pairs]
    listed = ", ".join(f"`{value}`" for value in values)

    @extend_schema_field(
        {"type": "string", "pattern": "^(" + "|".join(values) + ")$", "example": values[0]}
    )
    class _Choice(serializers.ChoiceField):
        pass

    help_text = kwargs.pop("help_text", "")
    return _Choice(choices=pairs, help_text=f"{help_text} One of: {listed}.".strip(), **kwargs)


class ErrorSerializer(serializers.Serializer):
    """A refused request: field name → messages, or ``non_field_errors`` / ``detail``."""

    detail = serializers.CharField(required=False)
    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)

    class Meta:
        ref_name = "GovernanceError"
