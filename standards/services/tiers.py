"""Writes of commitment tiers: the secretariat drafts a tier (and changes or retires a draft),
a decision adopts it (``tier_adopt``, called by the governance effect "adopt commitment
tiers"), and an organisation's representative declares, changes or withdraws the tier it
commits to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.text import slugify

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.models import User
from alliance_portal.text_limits import SHORT_NOTE, length_problem
from alliance_portal.types import Actor
from members.models import Organisation
from standards.models import (
    CommitmentEnd,
    Element,
    ElementKind,
    Tier,
    TierCommitment,
    TierRequirement,
    TierStatus,
)
from standards.selectors.registry import baseline_version

MAX_FURTHER = 50
# /standards/tiers/draft/ and /standards/tiers/commitments/ are pages: no tier takes those names.
RESERVED_SLUGS = ("draft", "commitments")


@dataclass(frozen=True)
class TierFields:
    """What the secretariat states about a draft tier (the form and the admin alike)."""

    name: str
    rank: int
    description: str = ""
    baseline_requirements: list[Element] = field(default_factory=list)
    further_requirements: list[str] = field(default_factory=list)  # one text each, in order


def _checked(fields: TierFields, *, tier: Tier | None) -> dict[str, object]:
    errors: dict[str, str] = {}
    name = " ".join(fields.name.split())
    slug = slugify(name)
    others = Tier.objects.exclude(pk=tier.pk) if tier is not None else Tier.objects.all()
    if not name or not slug:
        errors["name"] = "Enter the tier's name, such as Advanced."
    elif slug in RESERVED_SLUGS:
        errors["name"] = "Choose another name: this one is taken by a page's address."
    elif len(name) > 80:
        errors["name"] = "Shorten the name to 80 characters or fewer."
    elif others.filter(slug=slug).exists() or others.filter(name__iexact=name).exists():
        errors["name"] = "Another tier has this name: choose another."
    if not isinstance(fields.rank, int) or not 1 <= fields.rank <= 99:
        errors["rank"] = "Enter the tier's rank, a whole number from 1 to 99."
    elif others.filter(rank=fields.rank).exists():
        errors["rank"] = "Another tier has this rank: choose another."
    problem = length_problem(Tier, "description", fields.description.strip())
    if problem:
        errors["description"] = problem
    baseline = baseline_version()
    requirements = list(fields.baseline_requirements)
    if any(
        baseline is None
        or element.version_id != baseline.pk
        or element.kind != ElementKind.REQUIREMENT
        for element in requirements
    ):
        errors["baseline_requirements"] = (
            "Choose requirements of the current alliance baseline only."
        )
    further = [" ".join(text.split()) for text in fields.further_requirements]
    further = [text for text in further if text]
    if len(further) > MAX_FURTHER:
        errors["further_requirements"] = f"List at most {MAX_FURTHER} further requirements."
    elif any(len(text) > SHORT_NOTE for text in further):
        errors["further_requirements"] = (
            f"Shorten each further requirement to {SHORT_NOTE} characters or fewer."
        )
    if not requirements and not further:
        errors["baseline_requirements"] = (
            "Choose the baseline requirements the tier includes, or list further ones."
        )
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "slug": slug,
        "rank": fields.rank,
        "description": fields.description.strip(),
        "baseline_requirements": requirements,
        "further_requirements": further,
    }


def _save(tier: Tier, values: dict[str, object]) -> Tier:
    requirements = values.pop("baseline_requirements")
    further: list[str] = values.pop("further_requirements")  # type: ignore[assignment]
    for name, value in values.items():
        setattr(tier, name, value)
    tier.full_clean()
    tier.save()
    tier.baseline_requirements.set(requirements)  # type: ignore[arg-type]
    tier.further_requirements.all().delete()
    TierRequirement.objects.bulk_create(
        TierRequirement(tier=tier, number=number, text=text)
        for number, text in enumerate(further, start=1)
    )
    return tier


@use_case
def tier_draft(*, actor: Actor, fields: TierFields) -> Tier:
    """Draft a commitment tier (the secretariat). It is the secretariat's only until a decision
    adopts it."""
    policy.require(actor, "tier.draft")
    return _save(Tier(status=TierStatus.DRAFT), _checked(fields, tier=None))


@use_case
def tier_update(*, actor: Actor, tier: Tier, fields: TierFields) -> Tier:
    """Change a draft tier (the secretariat). An adopted or retired tier is what a decision
    said: it is never edited."""
    policy.require(actor, "tier.draft", tier)
    locked = Tier.objects.select_for_update().get(pk=tier.pk)
    if locked.status != TierStatus.DRAFT:
        raise ValidationError(
            f"The tier is {locked.get_status_display().lower()}: only a draft is changed."
        )
    return _save(locked, _checked(fields, tier=locked))


def tier_adopt(
    *, actor: Actor, tier: Tier, decision_ref: str, decision_url: str = "", on: date
) -> Tier:
    """Adopt a draft tier: only the portal carrying out an adopted decision's effect (the
    governance effect "adopt commitment tiers") passes ``tier.adopt``. Plain work in the
    caller's transaction (the decision's), never a use case of its own; refused with a
    ``ValidationError`` for a tier that is not a draft or a missing decision reference."""
    policy.require(actor, "tier.adopt", tier)
    decision_ref = decision_ref.strip()
    if not decision_ref:
        raise ValidationError({"decision_ref": "Name the decision that adopts the tier."})
    locked = Tier.objects.select_for_update().get(pk=tier.pk)
    if locked.status != TierStatus.DRAFT:
        raise ValidationError(
            f"The tier “{locked.name}” is {locked.get_status_display().lower()}: only a draft "
            "is adopted."
        )
    locked.status = TierStatus.ADOPTED
    locked.decision_ref = decision_ref[:200]
    locked.decision_url = decision_url[:300]
    locked.adopted_on = on
    locked.full_clean()
    locked.save()
    return locked


def _current(organisation: Organisation) -> TierCommitment | None:
    return (
        TierCommitment.objects.select_for_update()
        .filter(organisation=organisation, ended_at__isnull=True)
        .first()
    )


@use_case
def tier_commitment_declare(
    *,
    actor: Actor,
    organisation: Organisation,
    tier: Tier,
    target_date: date,
    disclosure: str = DisclosureLevel.PUBLIC,
    now: datetime | None = None,
) -> TierCommitment:
    """Declare (or change) the adopted tier ``organisation`` commits to and by when (its
    representative). A change ends the current declaration, which stays in the history."""
    policy.require(actor, "tier_commitment.declare", organisation)
    now = now or timezone.now()
    errors: dict[str, str] = {}
    if tier.status != TierStatus.ADOPTED:
        errors["tier"] = "Choose an adopted tier."
    if target_date is None or target_date <= timezone.localdate(now):
        errors["target_date"] = "Enter a target date after today."
    elif target_date.year > timezone.localdate(now).year + 30:
        errors["target_date"] = "Enter a target date within the next 30 years."
    if disclosure not in DisclosureLevel.values:
        errors["disclosure"] = "Choose who may read this commitment."
    current = _current(organisation)
    if (
        current is not None
        and current.tier_id == tier.pk
        and current.target_date == target_date
        and current.disclosure == disclosure
    ):
        errors["tier"] = "The organisation commits to this tier by this date already."
    if errors:
        raise ValidationError(errors)
    if current is not None:
        current.ended_at = now
        current.end_reason = CommitmentEnd.CHANGED
        current.save(update_fields=["ended_at", "end_reason"])
    commitment = TierCommitment(
        organisation=organisation,
        tier=tier,
        target_date=target_date,
        disclosure=disclosure,
        declared_by=actor if isinstance(actor, User) else None,
        declared_at=now,
    )
    commitment.full_clean(validate_constraints=False)
    try:
        commitment.save()
    except IntegrityError as error:  # a declaration made at the same moment
        raise ValidationError("Another declaration was just made: reload and try again.") from error
    return commitment


@use_case
def tier_commitment_withdraw(
    *, actor: Actor, organisation: Organisation, now: datetime | None = None
) -> TierCommitment:
    """Withdraw the organisation's current commitment (its representative); it stays in the
    history as withdrawn."""
    policy.require(actor, "tier_commitment.declare", organisation)
    current = _current(organisation)
    if current is None:
        raise ValidationError("The organisation has no current commitment to withdraw.")
    current.ended_at = now or timezone.now()
    current.end_reason = CommitmentEnd.WITHDRAWN
    current.save(update_fields=["ended_at", "end_reason"])
    return current
