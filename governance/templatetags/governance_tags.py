"""Template filters of the governance pages: `{% load governance_tags %}`."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter(name="number")
def number(value: Decimal | int | None) -> str:
    """An exact number as people write it: no exponent, no trailing zeros (100, 12.5)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


@register.filter(name="money")
def money(value: Decimal | None) -> str:
    """An amount with thousands separators and two decimals when it has cents."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"
