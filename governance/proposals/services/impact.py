"""Impact assessments: options, the chosen one and why, and the costs of action and of
inaction per dimension."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.common.services import acting_user
from governance.currencies import is_currency
from governance.proposals.models import (
    BEFORE_BALLOT,
    Confidence,
    CostEntry,
    CostKind,
    Dimension,
    Horizon,
    ImpactAssessment,
    ImpactOption,
    Magnitude,
    Proposal,
)

MIN_OPTIONS = 2


@dataclass(frozen=True)
class OptionInput:
    title: str
    description: str = ""
    is_chosen: bool = False


@dataclass(frozen=True)
class CostInput:
    kind: str
    dimension: str
    borne_by: str
    magnitude: str
    horizon: str
    confidence: str
    amount: Decimal | None = None
    currency: str = ""
    description: str = ""


def _check_options(options: Sequence[OptionInput]) -> list[str]:
    errors = []
    if len(options) < MIN_OPTIONS:
        errors.append("List at least two options considered (doing nothing can be one of them).")
    for number, option in enumerate(options, start=1):
        if not option.title.strip():
            errors.append(f"Option {number} needs a title.")
    chosen = sum(1 for option in options if option.is_chosen)
    if chosen != 1:
        errors.append(f"Choose exactly one option (now {chosen}).")
    return errors


def _check_costs(costs: Sequence[CostInput]) -> list[str]:
    errors = []
    seen: set[tuple[str, str]] = set()
    for cost in costs:
        where = f"{CostKind(cost.kind).label if cost.kind in CostKind.values else cost.kind}, {cost.dimension}"
        if cost.kind not in CostKind.values:
            errors.append(f"{where}: the kind is cost of action or cost of inaction.")
        if cost.dimension not in Dimension.values:
            errors.append(f"{where}: the dimension is economic, social or environmental.")
        if (cost.kind, cost.dimension) in seen:
            errors.append(f"{where}: given twice.")
        seen.add((cost.kind, cost.dimension))
        if not cost.borne_by.strip():
            errors.append(f"{where}: say who bears it.")
        if cost.magnitude not in Magnitude.values:
            errors.append(f"{where}: the magnitude is low, medium or high.")
        if cost.horizon not in Horizon.values:
            errors.append(f"{where}: choose a time horizon.")
        if cost.confidence not in Confidence.values:
            errors.append(f"{where}: the confidence is low, medium or high.")
        if cost.amount is None:
            if cost.currency:
                errors.append(f"{where}: a currency needs an amount.")
        else:
            if cost.amount < 0:
                errors.append(f"{where}: an amount is not negative.")
            if not is_currency(cost.currency):
                errors.append(f"{where}: give the amount's ISO 4217 currency code, e.g. USD.")
    missing = [
        f"{kind.label.lower()} ({dimension.label.lower()})"
        for kind in CostKind
        for dimension in Dimension
        if (kind.value, dimension.value) not in seen
    ]
    if missing:
        errors.append("Missing: " + ", ".join(missing) + ".")
    return errors


@use_case
def impact_assessment_save(
    *,
    actor: Actor,
    proposal: Proposal,
    rationale: str,
    trade_offs: str,
    options: Sequence[OptionInput],
    costs: Sequence[CostInput],
) -> ImpactAssessment:
    """Record the proposal's impact assessment, replacing any earlier version (the audit trail
    keeps it): at least two options considered with exactly one chosen, why it was chosen and
    its trade-offs, and for both the cost of action and the cost of inaction one entry per
    dimension (economic, social, environmental) saying who bears it, magnitude, time horizon,
    confidence and optionally an exact amount with its ISO 4217 currency. The secretariat,
    until the ballot opens. Nothing is saved unless all of it is valid."""
    policy.require(actor, "impact_assessment.save", proposal)
    if proposal.status not in BEFORE_BALLOT:
        raise ValidationError(
            "The impact assessment is final once the ballot has opened: it is published "
            "with the decision."
        )
    errors: dict[str, list[str]] = {}
    if not rationale.strip():
        errors["rationale"] = ["Say why the chosen option was chosen."]
    if not trade_offs.strip():
        errors["trade_offs"] = ["Say what is given up for it, and by whom."]
    option_errors = _check_options(options)
    if option_errors:
        errors["options"] = option_errors
    cost_errors = _check_costs(costs)
    if cost_errors:
        errors["costs"] = cost_errors
    if errors:
        raise ValidationError(errors)
    assessment, _ = ImpactAssessment.objects.update_or_create(
        proposal=proposal,
        defaults={
            "rationale": rationale.strip(),
            "trade_offs": trade_offs.strip(),
            "updated_by": acting_user(actor),
        },
    )
    assessment.options.all().delete()
    assessment.costs.all().delete()
    ImpactOption.objects.bulk_create(
        ImpactOption(
            assessment=assessment,
            position=position,
            title=option.title.strip(),
            description=option.description.strip(),
            is_chosen=option.is_chosen,
        )
        for position, option in enumerate(options, start=1)
    )
    CostEntry.objects.bulk_create(
        CostEntry(
            assessment=assessment,
            kind=cost.kind,
            dimension=cost.dimension,
            borne_by=cost.borne_by.strip(),
            magnitude=cost.magnitude,
            amount=cost.amount,
            currency=cost.currency if cost.amount is not None else "",
            horizon=cost.horizon,
            confidence=cost.confidence,
            description=cost.description.strip(),
        )
        for cost in costs
    )
    return assessment
