"""Checks the effect kinds share on the JSON details a secretariat gives (``payload``): each
refusal is a ``ValidationError`` on ``payload`` that says what to enter."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

MAX_ITEMS = 50
MAX_ID = 2**63  # a database id fits a bigint


def _mapping(payload: Any) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise ValidationError({"payload": "Give the effect's details as a JSON object."})
    return payload


def _int(value: Any, *, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError({"payload": f"{what}: a whole number from {low} to {high}."})
    return value


def _text(value: Any, *, what: str, limit: int, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError({"payload": f"{what}: text."})
    text = value.strip()
    if required and not text:
        raise ValidationError({"payload": f"Enter {what}."})
    if len(text) > limit:
        raise ValidationError({"payload": f"{what}: at most {limit} characters."})
    return text
