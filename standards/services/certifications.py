"""Writes of certifications: an organisation's representative (or the secretariat) records a
certification and later changes it (status, dates, scope, evidence, who may read it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.competition_law import commercial_problems
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.models import User
from alliance_portal.text_limits import length_problem
from alliance_portal.types import Actor
from members.models import Organisation
from members.vocabularies import Material
from standards.models import Certification, CertificationStatus, StandardVersion, VersionStatus


@dataclass(frozen=True)
class CertificationFields:
    """What a person states about a certification (the form, the API and the admin alike)."""

    version: StandardVersion
    status: str = CertificationStatus.CERTIFIED
    valid_from: date | None = None
    valid_until: date | None = None
    sites: str = ""
    materials: list[str] = field(default_factory=list)
    evidence_url: str = ""
    disclosure: str = DisclosureLevel.PUBLIC


def _checked(fields: CertificationFields) -> dict[str, object]:
    """The model's values from ``fields``, or every problem at once."""
    errors: dict[str, str] = {}
    version = fields.version
    if version.standard.is_baseline:
        errors["version"] = (
            "Choose another standard: members are not certified under the alliance baseline."
        )
    elif version.status in (VersionStatus.DRAFT, VersionStatus.WITHDRAWN):
        label = str(VersionStatus(version.status).label).lower()
        errors["version"] = f"This version is {label}: choose a published version."
    if fields.status not in CertificationStatus.values:
        errors["status"] = "Choose the certification's status."
    if fields.status == CertificationStatus.CERTIFIED and fields.valid_from is None:
        errors["valid_from"] = "Enter the day the certification took effect."
    if fields.valid_from and fields.valid_until and fields.valid_until < fields.valid_from:
        errors["valid_until"] = "Enter an end date on or after the start date."
    if fields.status == CertificationStatus.EXPIRED and fields.valid_until is None:
        errors["valid_until"] = "Enter the day the certification expired."
    unknown = [value for value in fields.materials if value not in Material.values]
    if unknown:
        errors["materials"] = "Choose materials from the list."
    if fields.disclosure not in DisclosureLevel.values:
        errors["disclosure"] = "Choose who may read this certification."
    sites = "\n".join(line.strip() for line in fields.sites.splitlines() if line.strip())
    problem = length_problem(Certification, "sites", sites)
    if problem:
        errors["sites"] = problem
    errors |= commercial_problems({"sites": sites})
    if errors:
        raise ValidationError(errors)
    return {
        "version": version,
        "status": fields.status,
        "valid_from": fields.valid_from,
        "valid_until": fields.valid_until,
        "sites": sites,
        "materials": [value for value in Material.values if value in fields.materials],
        "evidence_url": fields.evidence_url.strip(),
        "disclosure": fields.disclosure,
    }


@use_case
def certification_record(
    *, actor: Actor, organisation: Organisation, fields: CertificationFields
) -> Certification:
    """Record a certification of ``organisation`` (its representative or the secretariat)."""
    policy.require(actor, "certification.record", organisation)
    certification = Certification(
        organisation=organisation,
        recorded_by=actor if isinstance(actor, User) else None,
        **_checked(fields),
    )
    certification.full_clean()
    certification.save()
    return certification


@use_case
def certification_update(
    *, actor: Actor, certification: Certification, fields: CertificationFields
) -> Certification:
    """Change a certification: renewed, suspended, expired, its scope or evidence, who may
    read it. The audit trail keeps each earlier state."""
    policy.require(actor, "certification.record", certification.organisation)
    locked = Certification.objects.select_for_update().get(pk=certification.pk)
    for name, value in _checked(fields).items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    return locked
