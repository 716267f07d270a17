"""Template filters of the ballot pages: `{% load ballot_tags %}`."""

from __future__ import annotations

from typing import Any

from django import template

from governance.ballots.methods import METHODS, Method
from governance.ballots.models import VoteChoice

register = template.Library()


@register.filter(name="fraction")
def fraction(value: dict[str, int] | None) -> str:
    """A published fraction ``{"num": 2, "den": 3}`` as people write it: 2/3 (1 for 1/1)."""
    if not value:
        return "—"
    if value["den"] == 1:
        return str(value["num"])
    return f"{value['num']}/{value['den']}"


@register.filter(name="choice_label")
def choice_label(value: Any) -> str:
    """A vote's choice as shown: Yes, No, Abstain, Consent, Object; "did not vote" for none."""
    if not value:
        return "Did not vote"
    return str(VoteChoice(value).label) if value in VoteChoice.values else str(value)


@register.filter(name="method_label")
def method_label(value: str) -> str:
    """A ballot method's name: Chamber-balanced, One member, one vote, Consent."""
    return METHODS[value].label if value in METHODS else value


@register.filter(name="ballot_method")
def ballot_method(value: str) -> Method | None:
    """The method (rule object) of a stored method value, for a template to ask:
    ``{% with rule=tally.method|ballot_method %}``."""
    return METHODS.get(value)


@register.filter(name="figure")
def figure(row: dict[str, Any], key: str) -> Any:
    """One figure of a published tally row, a fraction written as people write it."""
    value = row.get(key)
    return fraction(value) if isinstance(value, dict) else value
