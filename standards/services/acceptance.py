"""Writes of acceptance requests: an organisation's representative drafts one, changes the
draft, submits it and may withdraw it until the alliance answers; the secretariat marks it under
consideration when it opens a proposal from it (``governance`` calls this) and records the
alliance's answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.competition_law import commercial_problems
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.models import User
from alliance_portal.text_limits import length_problem
from alliance_portal.types import Actor
from members.models import Organisation
from standards.models import (
    OUTCOMES,
    WITHDRAWABLE,
    AcceptanceRequest,
    AcceptanceStatus,
    StandardVersion,
    VersionStatus,
)
from standards.selectors.registry import baseline_requirements, baseline_version

A = AcceptanceStatus


@dataclass(frozen=True)
class AcceptanceFields:
    """What an organisation states in its request (the form, the API and the demo alike)."""

    version: StandardVersion
    statement: str
    requirement_refs: list[str] = field(default_factory=list)  # empty: all of them
    disclosure: str = DisclosureLevel.PUBLIC


def _checked(fields: AcceptanceFields) -> dict[str, object]:
    """The model's values from ``fields``, or every problem at once."""
    errors: dict[str, str] = {}
    version = fields.version
    if version.standard.is_baseline:
        errors["version"] = "Choose another standard: the baseline is not measured against itself."
    elif version.status in (VersionStatus.DRAFT, VersionStatus.WITHDRAWN):
        label = str(VersionStatus(version.status).label).lower()
        errors["version"] = f"This version is {label}: choose a published version."
    refs = list(dict.fromkeys(ref.strip() for ref in fields.requirement_refs if ref.strip()))
    if refs:
        baseline = baseline_version()
        known = (
            [element.ref for element in baseline_requirements(baseline=baseline)]
            if baseline is not None
            else []
        )
        unknown = [ref for ref in refs if ref not in known]
        if baseline is None:
            errors["requirement_refs"] = (
                "The alliance has no current baseline yet: claim all of it, or wait for one."
            )
        elif unknown:
            errors["requirement_refs"] = (
                f"Not a requirement of the current baseline: {', '.join(unknown)}. "
                "Choose requirements from the list."
            )
        else:
            refs = [ref for ref in known if ref in refs]  # in the baseline's order
    statement = fields.statement.strip()
    if not statement:
        errors["statement"] = "Say why the standard meets the requirements you claim."
    else:
        problem = length_problem(AcceptanceRequest, "statement", statement)
        if problem:
            errors["statement"] = problem
        errors |= commercial_problems({"statement": statement})
    if fields.disclosure not in DisclosureLevel.values:
        errors["disclosure"] = "Choose who may read the request once it is submitted."
    if errors:
        raise ValidationError(errors)
    return {
        "version": version,
        "requirement_refs": refs,
        "statement": statement,
        "disclosure": fields.disclosure,
    }


def _locked(request: AcceptanceRequest) -> AcceptanceRequest:
    return AcceptanceRequest.objects.select_for_update().get(pk=request.pk)


@use_case
def acceptance_request_draft(
    *, actor: Actor, organisation: Organisation, fields: AcceptanceFields
) -> AcceptanceRequest:
    """Draft a request of ``organisation`` (its representative). Only the organisation's people
    and the secretariat read it until it is submitted."""
    policy.require(actor, "acceptance_request.draft", organisation)
    request = AcceptanceRequest(
        organisation=organisation,
        drafted_by=actor if isinstance(actor, User) else None,
        **_checked(fields),
    )
    request.full_clean()
    request.save()
    return request


@use_case
def acceptance_request_update(
    *, actor: Actor, request: AcceptanceRequest, fields: AcceptanceFields
) -> AcceptanceRequest:
    """Change a draft (its organisation's representative); a submitted request is what the
    alliance considers and no longer changes."""
    policy.require(actor, "acceptance_request.draft", request.organisation)
    locked = _locked(request)
    if locked.status != A.DRAFT:
        raise ValidationError(
            {"status": "The request is submitted: withdraw it and draft a new one to change it."}
        )
    for name, value in _checked(fields).items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    return locked


@use_case
def acceptance_request_submit(*, actor: Actor, request: AcceptanceRequest) -> AcceptanceRequest:
    """Submit a draft to the alliance (its organisation's representative): from now on it is
    read at its disclosure level, and the secretariat may open a proposal from it."""
    policy.require(actor, "acceptance_request.submit", request)
    locked = _locked(request)
    if locked.status != A.DRAFT:
        raise ValidationError({"status": "Only a draft is submitted, and only once."})
    locked.status = A.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.full_clean()
    locked.save()
    return locked


@use_case
def acceptance_request_withdraw(
    *, actor: Actor, request: AcceptanceRequest, reason: str = ""
) -> AcceptanceRequest:
    """Withdraw a request (its organisation's representative) until the alliance answers it."""
    policy.require(actor, "acceptance_request.withdraw", request)
    locked = _locked(request)
    errors = {}
    if locked.status not in WITHDRAWABLE:
        errors["status"] = "The alliance has answered this request: it can no longer be withdrawn."
    problem = length_problem(AcceptanceRequest, "status_note", reason.strip(), name="reason")
    if problem:
        errors["reason"] = problem
    if errors:
        raise ValidationError(errors)
    locked.status = A.WITHDRAWN
    locked.status_note = reason.strip()
    locked.full_clean()
    locked.save()
    return locked


def take_into_consideration(request: AcceptanceRequest) -> AcceptanceRequest:
    """Mark a submitted request under consideration, inside the caller's use case (governance
    opening a proposal from it, having checked ``acceptance_request.open_proposal``). Not a use
    case and no check of who acts."""
    locked = _locked(request)
    if locked.status != A.SUBMITTED:
        label = str(A(locked.status).label).lower()
        raise ValidationError(
            {
                "status": f"Only a submitted request is taken into consideration; this one is {label}."
            }
        )
    locked.status = A.UNDER_CONSIDERATION
    locked.save()
    return locked


def record_outcome(
    request: AcceptanceRequest, *, outcome: str, note: str = ""
) -> AcceptanceRequest:
    """Record the alliance's answer inside the caller's use case (which has checked
    ``acceptance_request.conclude``): accepted, partly accepted or declined. Not a use case."""
    locked = _locked(request)
    errors = {}
    if outcome not in OUTCOMES:
        errors["outcome"] = "Choose accepted, partly accepted or declined."
    if locked.status not in (A.SUBMITTED, A.UNDER_CONSIDERATION):
        errors["status"] = "Only a submitted request or one under consideration is answered."
    problem = length_problem(AcceptanceRequest, "status_note", note.strip(), name="note")
    if problem:
        errors["note"] = problem
    if errors:
        raise ValidationError(errors)
    locked.status = outcome
    locked.status_note = note.strip()
    locked.save()
    return locked


@use_case
def acceptance_request_consider(*, actor: Actor, request: AcceptanceRequest) -> AcceptanceRequest:
    """Mark a submitted request under consideration (the secretariat)."""
    policy.require(actor, "acceptance_request.open_proposal", request)
    return take_into_consideration(request)


@use_case
def acceptance_request_conclude(
    *, actor: Actor, request: AcceptanceRequest, outcome: str, note: str = ""
) -> AcceptanceRequest:
    """Record the alliance's answer: accepted, partly accepted or declined (the secretariat,
    once the decision on the proposal opened from it is known)."""
    policy.require(actor, "acceptance_request.conclude", request)
    return record_outcome(request, outcome=outcome, note=note)
