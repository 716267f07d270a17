"""Writes of the crosswalk: mapping sets, and crosswalk mappings through their life
(draft → reviewed → approved, then superseded by an approved replacement).

Who may act is the action policy's (``alliance_portal.policy.rules.standards``): people who
read members-level material propose mappings (create, import, propose a replacement); the
author or the secretariat edits a draft or reviewed mapping; the secretariat reviews and
approves, never a mapping it wrote. An approved mapping is never edited.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.policy.rules.standards import OWN_APPROVAL, OWN_REVIEW
from alliance_portal.text_limits import length_problem
from alliance_portal.types import Actor
from standards.csv_io import MAPPING_COLUMNS, CsvImportError, RowError, read_rows
from standards.models import (
    FIXED_STRENGTH,
    Element,
    Mapping,
    MappingSet,
    MappingStatus,
    Rationale,
    Relationship,
    StandardVersion,
    strength_problem,
)

EDITABLE_FIELDS = frozenset({"relationship", "rationale", "strength", "explanation"})
SIGNED_BY_AUTHOR = {"reviewed_by": OWN_REVIEW, "approved_by": OWN_APPROVAL}
FROZEN_MESSAGE = (
    "An approved crosswalk mapping is never edited: propose a replacement that supersedes it."
)


def _person_id(actor: Actor) -> int | None:
    """The account recorded as author, reviewer or approver: none when the portal acts."""
    return getattr(actor, "pk", None)


def _check_not_signed_by_author(mapping: Mapping, field: str) -> None:
    """A mapping's reviewer and approver are never its author: a rule of the record that the
    database keeps too (``mapping_reviewer_not_author``, ``mapping_approver_not_author``),
    reported as an error of the field that would break it."""
    signer_id = getattr(mapping, f"{field}_id")
    if signer_id is not None and signer_id == mapping.author_id:
        raise ValidationError({field: SIGNED_BY_AUTHOR[field]})


@use_case
def mapping_set_create(
    *,
    actor: Actor,
    focal_version: StandardVersion,
    reference_version: StandardVersion,
    purpose: str,
    comprehensive: bool = False,
    version_number: int | None = None,
) -> MappingSet:
    """Open a mapping set from ``focal_version`` to ``reference_version``. Without a
    ``version_number`` the set takes the next number for that pair of versions."""
    policy.require(actor, "mapping_set.open")
    if focal_version.pk == reference_version.pk:
        raise ValidationError(
            {"reference_version": "A mapping set maps one version to another version."}
        )
    if not purpose.strip():
        raise ValidationError({"purpose": "Say what the mappings are for."})
    pair = MappingSet.objects.filter(
        focal_version=focal_version, reference_version=reference_version
    )
    if version_number is None:
        version_number = (pair.aggregate(last=Max("version_number"))["last"] or 0) + 1
    elif version_number < 1:
        raise ValidationError({"version_number": "A version number is 1 or more."})
    elif pair.filter(version_number=version_number).exists():
        raise ValidationError(
            {"version_number": f"Version {version_number} of this mapping set exists already."}
        )
    return MappingSet.objects.create(
        focal_version=focal_version,
        reference_version=reference_version,
        purpose=purpose.strip(),
        comprehensive=comprehensive,
        version_number=version_number,
        created_by_id=_person_id(actor),
    )


def _checked_strength(relationship: str, strength: int | None) -> int | None:
    """The strength to store: equal and no_relationship take their fixed value when none is
    given; anything else that breaks the rule is refused."""
    if strength is None and relationship in FIXED_STRENGTH:
        return FIXED_STRENGTH[relationship]
    problem = strength_problem(relationship, strength)
    if problem:
        raise ValidationError({"strength": problem})
    return strength


def _check_choices(relationship: str, rationale: str) -> None:
    errors: dict[str, str] = {}
    if relationship not in Relationship.values:
        errors["relationship"] = (
            f"Unknown relationship '{relationship}'; one of: {', '.join(Relationship.values)}."
        )
    if rationale not in Rationale.values:
        errors["rationale"] = (
            f"Unknown rationale '{rationale}'; one of: {', '.join(Rationale.values)}."
        )
    if errors:
        raise ValidationError(errors)


def _new_mapping(
    *,
    actor: Actor,
    mapping_set: MappingSet,
    focal_element: Element,
    reference_element: Element,
    relationship: str,
    rationale: str,
    strength: int | None,
    explanation: str,
    supersedes: Mapping | None = None,
) -> Mapping:
    errors: dict[str, str] = {}
    if focal_element.version_id != mapping_set.focal_version_id:
        errors["focal_element"] = (
            f"'{focal_element.ref}' is not an element of {mapping_set.focal_version}."
        )
    if reference_element.version_id != mapping_set.reference_version_id:
        errors["reference_element"] = (
            f"'{reference_element.ref}' is not an element of {mapping_set.reference_version}."
        )
    if errors:
        raise ValidationError(errors)
    _check_choices(relationship, rationale)
    return Mapping.objects.create(
        mapping_set=mapping_set,
        focal_element=focal_element,
        reference_element=reference_element,
        relationship=relationship,
        rationale=rationale,
        strength=_checked_strength(relationship, strength),
        explanation=explanation.strip(),
        supersedes=supersedes,
        author_id=_person_id(actor),
    )


@use_case
def mapping_create(
    *,
    actor: Actor,
    mapping_set: MappingSet,
    focal_element: Element,
    reference_element: Element,
    relationship: str,
    rationale: str,
    strength: int | None = None,
    explanation: str = "",
) -> Mapping:
    """Propose a crosswalk mapping "focal_element <relationship> reference_element" in
    ``mapping_set``, as a draft authored by ``actor``. The elements belong to the set's focal
    and reference versions; strength follows NIST IR 8278A rev. 1 (equal 10, no relationship 0,
    the others 1-9 or empty; equal and no relationship get theirs when none is given)."""
    policy.require(actor, "mapping.propose", mapping_set)
    return _new_mapping(
        actor=actor,
        mapping_set=mapping_set,
        focal_element=focal_element,
        reference_element=reference_element,
        relationship=relationship,
        rationale=rationale,
        strength=strength,
        explanation=explanation,
    )


def _locked(mapping: Mapping) -> Mapping:
    """The mapping's row, locked for the rest of the transaction (two people approving at once
    are served one after the other)."""
    return Mapping.objects.select_for_update().get(pk=mapping.pk)


@use_case
def mapping_update(*, actor: Actor, mapping: Mapping, changes: dict[str, Any]) -> Mapping:
    """Change a draft or reviewed mapping's relationship, rationale, strength or explanation.
    Its author or the secretariat may; a reviewed mapping goes back to draft (the review no
    longer holds). An approved or superseded mapping is never edited. Nothing is saved unless
    every change is allowed and valid."""
    policy.require(actor, "mapping.edit", mapping)
    current = _locked(mapping)
    if current.is_frozen:
        raise ValidationError({"status": FROZEN_MESSAGE})
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(
            f"These fields cannot be changed: {', '.join(sorted(unknown))}. "
            "Propose a new mapping for other elements."
        )
    relationship = changes.get("relationship", current.relationship)
    rationale = changes.get("rationale", current.rationale)
    _check_choices(relationship, rationale)
    if "strength" in changes:
        strength = changes["strength"]
    elif "relationship" in changes and relationship != current.relationship:
        # A new relationship without a new strength: keep the old one only where it still fits.
        strength = None if strength_problem(relationship, current.strength) else current.strength
    else:
        strength = current.strength
    explanation = (
        (changes["explanation"] or "").strip() if "explanation" in changes else current.explanation
    )
    after = (relationship, rationale, _checked_strength(relationship, strength), explanation)
    if after == (current.relationship, current.rationale, current.strength, current.explanation):
        return current  # nothing changes: a review still holds
    current.relationship, current.rationale, current.strength, current.explanation = after
    if current.status == MappingStatus.REVIEWED:
        current.status = MappingStatus.DRAFT
        current.reviewed_by = None
        current.reviewed_at = None
    current.save()
    return current


@use_case
def mapping_review(*, actor: Actor, mapping: Mapping) -> Mapping:
    """The secretariat checked a draft mapping: it becomes ``reviewed``. The reviewer is never
    the author."""
    policy.require(actor, "mapping.review")
    current = _locked(mapping)
    if current.status != MappingStatus.DRAFT:
        raise ValidationError(
            {"status": f"Only a draft is reviewed; this mapping is {current.get_status_display()}."}
        )
    current.reviewed_by_id = _person_id(actor)
    _check_not_signed_by_author(current, "reviewed_by")
    current.status = MappingStatus.REVIEWED
    current.reviewed_at = timezone.now()
    current.save()
    return current


@use_case
def mapping_approve(*, actor: Actor, mapping: Mapping) -> Mapping:
    """The secretariat approves a reviewed mapping; from then on it counts for baseline
    coverage and is never edited. Never approved by its author. A replacement's approval
    supersedes the mapping it replaces, in the same transaction; two approved mappings of the
    same pair of elements in one set are refused."""
    policy.require(actor, "mapping.approve")
    current = _locked(mapping)
    current.approved_by_id = _person_id(actor)
    _check_not_signed_by_author(current, "approved_by")
    if current.status != MappingStatus.REVIEWED:
        message = {
            MappingStatus.DRAFT: "A draft is reviewed before it is approved.",
            MappingStatus.APPROVED: "This mapping is approved already.",
            MappingStatus.SUPERSEDED: "This mapping was superseded; it cannot be approved.",
        }[MappingStatus(current.status)]
        raise ValidationError({"status": message})
    now = timezone.now()
    if current.supersedes_id is not None:
        replaced = _locked(current.supersedes)  # type: ignore[arg-type]
        if replaced.status != MappingStatus.APPROVED:
            raise ValidationError(
                {
                    "supersedes": (
                        f"Mapping {replaced.pk}, which this one replaces, is no longer approved: "
                        "propose a replacement of the mapping that superseded it."
                    )
                }
            )
        replaced.status = MappingStatus.SUPERSEDED
        replaced.superseded_at = now
        replaced.save(update_fields=["status", "superseded_at"])
    else:
        clash = (
            Mapping.objects.filter(
                mapping_set_id=current.mapping_set_id,
                focal_element_id=current.focal_element_id,
                reference_element_id=current.reference_element_id,
                status=MappingStatus.APPROVED,
            )
            .values_list("pk", flat=True)
            .first()
        )
        if clash is not None:
            raise ValidationError(
                {
                    "status": (
                        f"These elements have an approved mapping in this set already "
                        f"(mapping {clash}): propose a replacement that supersedes it."
                    )
                }
            )
    current.status = MappingStatus.APPROVED
    current.approved_at = now
    current.save()
    return current


@use_case
def mapping_supersede(
    *,
    actor: Actor,
    mapping: Mapping,
    relationship: str,
    rationale: str,
    strength: int | None = None,
    explanation: str = "",
) -> Mapping:
    """Propose a replacement for an approved mapping: a new draft for the same two elements
    in the same set, linked to the one it replaces. The approved mapping stays in force (and
    counts for coverage) until the replacement is approved; then it becomes superseded."""
    policy.require(actor, "mapping.propose", mapping.mapping_set)
    if mapping.status != MappingStatus.APPROVED:
        raise ValidationError(
            {
                "status": (
                    "Only an approved mapping is superseded; a draft or reviewed mapping is "
                    "edited instead."
                )
            }
        )
    return _new_mapping(
        actor=actor,
        mapping_set=mapping.mapping_set,
        focal_element=mapping.focal_element,
        reference_element=mapping.reference_element,
        relationship=relationship,
        rationale=rationale,
        strength=strength,
        explanation=explanation,
        supersedes=mapping,
    )


@use_case
def mapping_set_import_csv(
    *, actor: Actor, mapping_set: MappingSet, csv_text: str
) -> list[Mapping]:
    """Import proposed mappings into ``mapping_set`` from CSV in the NIST IR 8278A rev. 1
    template (Focal Document Element, Focal Document Element Description, Rationale,
    Relationship, Reference Document Element, Reference Document Element Description, Strength
    of Relationship, Comments): one draft per row, authored by ``actor``. Elements are given
    by reference code; the description columns are informative and not read.

    The file is checked as a whole: every row's problems are reported by row number
    (``CsvImportError``), and nothing is imported when any row is invalid."""
    policy.require(actor, "mapping.propose", mapping_set)
    rows = read_rows(csv_text, MAPPING_COLUMNS)
    focal = {e.ref: e for e in Element.objects.filter(version_id=mapping_set.focal_version_id)}
    reference = {
        e.ref: e for e in Element.objects.filter(version_id=mapping_set.reference_version_id)
    }
    relationships = _lookup(Relationship)
    rationales = _lookup(Rationale)
    errors: list[RowError] = []
    seen: dict[tuple[str, str], int] = {}
    mappings: list[Mapping] = []
    for row in rows:
        values = row.values
        problems: list[RowError] = []
        focal_element = focal.get(values["focal_element"])
        if focal_element is None:
            problems.append(
                RowError(
                    row.number,
                    "Focal Document Element",
                    f"No element '{values['focal_element']}' in {mapping_set.focal_version}.",
                )
            )
        reference_element = reference.get(values["reference_element"])
        if reference_element is None:
            problems.append(
                RowError(
                    row.number,
                    "Reference Document Element",
                    f"No element '{values['reference_element']}' in "
                    f"{mapping_set.reference_version}.",
                )
            )
        relationship = relationships.get(values["relationship"].lower())
        if relationship is None:
            problems.append(
                RowError(
                    row.number,
                    "Relationship",
                    f"Unknown relationship '{values['relationship']}'; one of: "
                    f"{', '.join(Relationship.values)}.",
                )
            )
        rationale = rationales.get(values["rationale"].lower())
        if rationale is None:
            problems.append(
                RowError(
                    row.number,
                    "Rationale",
                    f"Unknown rationale '{values['rationale']}'; one of: "
                    f"{', '.join(Rationale.values)}.",
                )
            )
        strength_text = values.get("strength", "")
        strength: int | None = None
        if strength_text:
            try:
                strength = int(strength_text)
            except ValueError:
                problems.append(
                    RowError(
                        row.number,
                        "Strength of Relationship",
                        f"'{strength_text}' is not a whole number from 0 to 10.",
                    )
                )
        if relationship is not None and not problems:
            if strength is None and relationship in FIXED_STRENGTH:
                strength = FIXED_STRENGTH[relationship]
            problem = strength_problem(relationship, strength)
            if problem:
                problems.append(RowError(row.number, "Strength of Relationship", problem))
        explanation_problem = length_problem(
            Mapping, "explanation", values.get("comments", ""), name="comments"
        )
        if explanation_problem:
            problems.append(RowError(row.number, "Comments", explanation_problem))
        pair = (values["focal_element"], values["reference_element"])
        if pair in seen:
            problems.append(
                RowError(row.number, "", f"This pair of elements is in row {seen[pair]} already.")
            )
        seen.setdefault(pair, row.number)
        if problems or not (focal_element and reference_element and relationship and rationale):
            errors.extend(problems)
            continue
        mappings.append(
            Mapping(
                mapping_set=mapping_set,
                focal_element=focal_element,
                reference_element=reference_element,
                relationship=relationship,
                rationale=rationale,
                strength=strength,
                explanation=values.get("comments", ""),
                author_id=_person_id(actor),
            )
        )
    if errors:
        raise CsvImportError(errors)
    return Mapping.objects.bulk_create(mappings)


def _lookup(choices: type[Relationship] | type[Rationale]) -> dict[str, str]:
    """Accept a value (``subset_of``), its label (``subset of``) or the value with spaces."""
    lookup: dict[str, str] = {}
    for value, label in choices.choices:
        lookup[value] = value
        lookup[str(label).lower()] = value
        lookup[value.replace("_", " ")] = value
    return lookup
