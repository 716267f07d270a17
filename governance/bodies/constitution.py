"""Reading a body's constitution and holding ballots and consultations to it.

``constitution_for(body)`` is the one read every rule uses (ballot set-up, consultation
scheduling, tabling): the body's current version, or its founding settings when no version
was written yet. The checks here raise a ``ValidationError`` that quotes the rule and where
it comes from ("The constitution of the Executive Board requires a quorum of at least 1/2
(adopted by decision 12)."), so a refusal always says which decision to change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from governance.ballots.methods import METHODS, fraction_text, method_for
from governance.bodies.models import (
    FOUNDING_QUORUM,
    FOUNDING_THRESHOLD,
    Body,
    Constitution,
)

MAX_TERM = 100  # the largest numerator or denominator of a bound ("99/100")


@dataclass(frozen=True)
class Bounds:
    """The lowest quorum and threshold a ballot of one method may use (``threshold`` None for
    a method without a threshold)."""

    quorum: Fraction
    threshold: Fraction | None


def parse_fraction(value: Any, *, where: str) -> Fraction:
    """``"1/2"`` (or an int 1) as an exact fraction in (0, 1]; a ``ValidationError`` naming
    ``where`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValidationError(f"{where}: write a fraction such as 1/2.")
    try:
        fraction = Fraction(str(value).strip())
    except (ValueError, ZeroDivisionError):
        raise ValidationError(f"{where}: write a fraction such as 1/2.") from None
    if not 0 < fraction <= 1:
        raise ValidationError(f"{where}: a fraction above 0 and at most 1.")
    if fraction.denominator > MAX_TERM:
        raise ValidationError(f"{where}: write the fraction with smaller numbers.")
    return fraction


def clean_bounds(value: Any) -> dict[str, dict[str, str]]:
    """The bounds as stored: ``{method: {"quorum": "1/2", "threshold": "2/3"}}``, every method
    known, every fraction in (0, 1] written in lowest terms, a threshold only for a method that
    has one. A ``ValidationError`` saying what is wrong otherwise."""
    if not isinstance(value, Mapping):
        raise ValidationError('Give the bounds per ballot method: {"consent": {"quorum": "1/2"}}.')
    cleaned: dict[str, dict[str, str]] = {}
    for method_value, item in value.items():
        if method_value not in METHODS:
            raise ValidationError(f"There is no ballot method “{method_value}”.")
        method = METHODS[method_value]
        if not isinstance(item, Mapping):
            raise ValidationError(f"{method.label}: give its quorum (and threshold) bounds.")
        unknown = set(item) - {"quorum", "threshold"}
        if unknown:
            raise ValidationError(f"{method.label}: only a quorum and a threshold are bounded.")
        if "threshold" in item and not method.uses_threshold:
            raise ValidationError(f"{method.label} ballots have no threshold to bound.")
        row = {}
        for key in ("quorum", "threshold"):
            if key in item:
                row[key] = fraction_text(parse_fraction(item[key], where=f"{method.label} {key}"))
        cleaned[method_value] = row
    return cleaned


def current_constitution(body: Body) -> Constitution | None:
    """The body's highest-numbered constitution, or None before any was written."""
    return (
        Constitution.objects.filter(body=body)
        .select_related("adopted_by__log_entry", "amendments_by")
        .order_by("-number")
        .first()
    )


def constitution_for(body: Body) -> Constitution:
    """The constitution that binds ``body`` now: its current version or, before any, its
    founding settings (an unsaved version 0 with the founding defaults). Two queries at most."""
    current = current_constitution(body)
    if current is not None:
        return current
    return Constitution(body=body, number=0, adopted_at=timezone.now())


def bounds_for(constitution: Constitution, method: str) -> Bounds:
    """The lowest quorum and threshold of a ``method`` ballot under ``constitution``."""
    rule = method_for(method)
    item = (constitution.bounds or {}).get(method) or {}
    quorum = Fraction(item.get("quorum", FOUNDING_QUORUM))
    threshold = Fraction(item.get("threshold", FOUNDING_THRESHOLD)) if rule.uses_threshold else None
    return Bounds(quorum=quorum, threshold=threshold)


def source_text(constitution: Constitution) -> str:
    """Where the rule comes from: "adopted by decision 12", "adopted by the decision of
    3 March 2026" (a decision not in the public log), or "the founding settings"."""
    decision = constitution.adopted_by
    if decision is None:
        return "the founding settings, which no decision has changed yet"
    if decision.log_entry_id is not None:
        return f"adopted by decision {decision.log_entry_id}"
    return f"adopted by the decision of {timezone.localtime(decision.decided_at):%-d %B %Y}"


def _requires(constitution: Constitution, what: str) -> str:
    return (
        f"The constitution of the {constitution.body.name} requires {what} "
        f"({source_text(constitution)})."
    )


def check_ballot_bounds(
    *, body: Body, method: str, quorum: Fraction, threshold: Fraction
) -> dict[str, str]:
    """The errors of a ballot of ``body`` whose quorum or threshold is below its
    constitution's bounds for ``method`` (empty when within them), each quoting the rule."""
    constitution = constitution_for(body)
    if method not in METHODS:
        return {}
    bounds = bounds_for(constitution, method)
    label = METHODS[method].label.lower()
    errors = {}
    if quorum < bounds.quorum:
        errors["quorum"] = _requires(
            constitution, f"a quorum of at least {fraction_text(bounds.quorum)} in a {label} ballot"
        )
    if bounds.threshold is not None and threshold < bounds.threshold:
        errors["threshold"] = _requires(
            constitution,
            f"a threshold of at least {fraction_text(bounds.threshold)} in a {label} ballot",
        )
    return errors


def days_text(days: int) -> str:
    return f"{days} day{'s' if days != 1 else ''}"


def check_consultation_length(
    *, body: Body, opens: datetime, closes: datetime, field: str = "consultation_closes_at"
) -> dict[str, str]:
    """The error of a consultation of ``body`` open from ``opens`` to ``closes`` that is
    shorter than its constitution's minimum (empty when long enough), quoting the rule."""
    constitution = constitution_for(body)
    minimum = timedelta(days=constitution.min_consultation_days)
    if closes - opens >= minimum:
        return {}
    return {
        field: _requires(
            constitution,
            f"a consultation of at least {days_text(constitution.min_consultation_days)}",
        )
    }


def amending_body(body: Body) -> Body:
    """The body whose decision amends or withdraws ``body``'s decisions."""
    constitution = constitution_for(body)
    return constitution.amendments_by or body
