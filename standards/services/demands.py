"""Writes of downstream demands: a downstream organisation's representative (or the
secretariat) records which baseline requirements or standard elements it demands of its
suppliers of a material, and withdraws a demand."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.competition_law import commercial_problems
from alliance_portal.models import User
from alliance_portal.text_limits import length_problem
from alliance_portal.types import Actor
from members.models import Organisation
from members.vocabularies import Material
from standards.models import Demand, Element, ElementKind, VersionStatus
from standards.selectors.registry import baseline_version

NOT_DOWNSTREAM = (
    "Only an organisation active in component or product manufacturing or retail records "
    "demands of its suppliers: add one of those stages to its profile first."
)


def element_problem(element: Element, baseline_id: int | None) -> str | None:
    """Why ``element`` cannot be demanded, or None: a requirement of the current alliance
    baseline, or an element of another standard's published version."""
    version = element.version
    if version.standard.is_baseline:
        if version.pk != baseline_id:
            return f"{element.ref} belongs to a baseline version that is not current."
        if element.kind != ElementKind.REQUIREMENT:
            return f"{element.ref} is not a baseline requirement: choose a requirement."
        return None
    if version.status in (VersionStatus.DRAFT, VersionStatus.WITHDRAWN):
        label = str(VersionStatus(version.status).label).lower()
        return f"{element.ref} belongs to a {label} version of {version.standard.short_name}."
    return None


@use_case
def demand_record(
    *,
    actor: Actor,
    organisation: Organisation,
    material: str,
    elements: Sequence[Element],
    note: str = "",
) -> list[Demand]:
    """Record that ``organisation`` demands ``elements`` of its suppliers of ``material``.
    Demands it has already recorded stay as they are; returns the new ones."""
    policy.require(actor, "demand.record", organisation)
    errors: dict[str, str] = {}
    if not organisation.is_downstream:
        errors["organisation"] = NOT_DOWNSTREAM
    if material not in Material.values:
        errors["material"] = "Choose the material you buy."
    if not elements:
        errors["elements"] = "Choose at least one requirement or standard element."
    baseline = baseline_version()
    problems = [
        problem
        for element in elements
        if (problem := element_problem(element, baseline.pk if baseline else None))
    ]
    if problems:
        errors["elements"] = " ".join(problems)
    note = note.strip()
    problem = length_problem(Demand, "note", note)
    if problem:
        errors["note"] = problem
    errors |= commercial_problems({"note": note})
    if errors:
        raise ValidationError(errors)
    existing = set(
        Demand.objects.filter(
            organisation=organisation, material=material, element__in=elements
        ).values_list("element_id", flat=True)
    )
    created = []
    for element in dict.fromkeys(elements):  # each once, in the order given
        if element.pk in existing:
            continue
        demand = Demand(
            organisation=organisation,
            material=material,
            element=element,
            note=note,
            recorded_by=actor if isinstance(actor, User) else None,
        )
        demand.full_clean()
        demand.save()
        created.append(demand)
    return created


@use_case
def demand_withdraw(
    *, actor: Actor, organisation: Organisation, material: str, elements: Sequence[Element]
) -> int:
    """Withdraw what ``organisation`` demands of its suppliers of ``material`` among
    ``elements`` (it no longer asks them); a demand withdrawn already is no error. Returns
    how many were withdrawn; the audit trail keeps them."""
    policy.require(actor, "demand.record", organisation)
    _, by_model = Demand.objects.filter(
        organisation=organisation, material=material, element__in=list(elements)
    ).delete()
    return by_model.get(Demand._meta.label, 0)
