"""Proposals and their lifecycle. ``_transition`` is the one place that moves a proposal from
one status to another (draft → consultation → deliberation → voting → adopted | rejected |
no_quorum, withdrawn from any state before a result); every use case that changes a status goes
through it, and every change leaves a ``ProposalStatusChange`` with its reason."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.types import Actor
from governance.bodies.models import Body
from governance.common.services import acting_user, require_staff
from governance.objectives.models import Issue, Objective
from governance.paragraphs import paragraph_count
from governance.proposals.models import (
    FINAL_STATUSES,
    RESULT_STATUSES,
    TRANSITIONS,
    Proposal,
    ProposalStatus,
    ProposalStatusChange,
)
from governance.proposals.selectors import ballot_blockers
from members.models import Organisation

logger = logging.getLogger(__name__)
S = ProposalStatus


def _label(status: str) -> str:
    return str(ProposalStatus(status).label).lower()


def _require_lifecycle_actor(actor: Actor | None, proposal: Proposal) -> None:
    """Statuses are the secretariat's (or the system's, ``actor=None``)."""
    if actor is not None:
        policy.require_change(actor, proposal)


def _transition(
    *, actor: Actor | None, proposal: Proposal, to_status: str, reason: str, now: datetime
) -> Proposal:
    """Move ``proposal`` to ``to_status`` if the lifecycle allows it, or raise ValidationError
    with a message saying why not; nothing changes then. The row is locked for the check."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    current = locked.status
    if to_status not in S.values:
        raise ValidationError({"to_status": f"“{to_status}” is not a status of a proposal."})
    if to_status == current:
        raise ValidationError({"to_status": f"The proposal is already {_label(current)}."})
    if to_status not in TRANSITIONS[current]:
        if current in FINAL_STATUSES:
            message = f"The proposal is {_label(current)}: its status does not change any more."
        else:
            allowed = " or ".join(f"“{_label(s)}”" for s in sorted(TRANSITIONS[current]))
            message = (
                f"A proposal that is {_label(current)} cannot become “{_label(to_status)}”; "
                f"it may become {allowed}."
            )
        raise ValidationError({"to_status": message})
    reason = reason.strip()
    if to_status == S.WITHDRAWN and not reason:
        raise ValidationError({"reason": "Say why the proposal is withdrawn."})
    if to_status == S.CONSULTATION:
        closes = locked.consultation_closes_at
        if closes is None or closes <= now:
            raise ValidationError(
                {
                    "consultation_closes_at": "Set a closing time in the future before the "
                    "consultation opens."
                }
            )
        if paragraph_count(locked.text) == 0:
            raise ValidationError({"text": "The proposal has no text to consult on."})
        locked.consultation_opened_at = now
        if locked.consultation_opens_at is None or locked.consultation_opens_at > now:
            locked.consultation_opens_at = now
    elif to_status == S.DELIBERATION or (to_status == S.WITHDRAWN and current == S.CONSULTATION):
        locked.consultation_closed_at = now
    elif to_status == S.VOTING:
        blockers = ballot_blockers(proposal=locked)
        if blockers:
            raise ValidationError(blockers)
    locked.status = to_status
    locked.save(
        update_fields=[
            "status",
            "consultation_opens_at",
            "consultation_opened_at",
            "consultation_closed_at",
            "updated_at",
        ]
    )
    ProposalStatusChange.objects.create(
        proposal=locked,
        from_status=current,
        to_status=to_status,
        reason=reason,
        actor=acting_user(actor),
        changed_at=now,
    )
    if to_status == S.VOTING:
        # The ballot opens with the step (Governance II); imported here because the ballot
        # services record their results through this module.
        from governance.ballots.services import ballot_open_for

        ballot_open_for(proposal=locked, now=now)
    # Keep the caller's instance in step with the database.
    for field in ("status", "consultation_opens_at", "consultation_opened_at"):
        setattr(proposal, field, getattr(locked, field))
    proposal.consultation_closed_at = locked.consultation_closed_at
    return locked


@use_case
def proposal_transition(
    *,
    actor: Actor | None,
    proposal: Proposal,
    to_status: str,
    reason: str = "",
    now: datetime | None = None,
) -> Proposal:
    """Move a proposal along its lifecycle (the secretariat, or the system with
    ``actor=None``). Refuses, with a message saying why and changing nothing: an unknown or
    the current status; a step the lifecycle does not allow; withdrawing without a reason;
    opening a consultation with no closing time in the future or no text; opening the ballot
    (``voting``) while a shown comment has no response, a comment awaits moderation or no
    impact assessment exists. Results are the ballot's: see ``proposal_record_result``."""
    _require_lifecycle_actor(actor, proposal)
    if to_status in RESULT_STATUSES:
        raise ValidationError(
            {"to_status": "A result is recorded by the ballot's tally, not set by hand."}
        )
    return _transition(
        actor=actor,
        proposal=proposal,
        to_status=to_status,
        reason=reason,
        now=now or timezone.now(),
    )


@use_case
def proposal_record_result(
    *,
    actor: Actor | None,
    proposal: Proposal,
    result: str,
    reason: str = "",
    now: datetime | None = None,
) -> Proposal:
    """Record the result of the proposal's ballot: adopted, rejected or no_quorum, from
    ``voting`` only. For the ballot's tally (the system, ``actor=None``) or the secretariat;
    anyone else is refused."""
    if actor is not None and not policy.principal(actor).is_staff_role:
        if not policy.principal(actor).is_authenticated:
            raise policy.SignInRequired
        raise PermissionDenied("Only the ballot's tally or the secretariat records a result.")
    if result not in RESULT_STATUSES:
        raise ValidationError({"result": "A result is adopted, rejected or no_quorum."})
    return _transition(
        actor=actor, proposal=proposal, to_status=result, reason=reason, now=now or timezone.now()
    )


@use_case
def consultation_open(
    *, actor: Actor | None, proposal: Proposal, now: datetime | None = None
) -> Proposal:
    """Open the proposal's consultation now (draft → consultation)."""
    _require_lifecycle_actor(actor, proposal)
    return _transition(
        actor=actor,
        proposal=proposal,
        to_status=S.CONSULTATION,
        reason="Consultation opened.",
        now=now or timezone.now(),
    )


@use_case
def consultation_close(
    *, actor: Actor | None, proposal: Proposal, now: datetime | None = None
) -> Proposal:
    """Close the proposal's consultation now (consultation → deliberation)."""
    _require_lifecycle_actor(actor, proposal)
    return _transition(
        actor=actor,
        proposal=proposal,
        to_status=S.DELIBERATION,
        reason="Consultation closed.",
        now=now or timezone.now(),
    )


def _act_on_due(pks: Iterable[int], to_status: str, reason: str, now: datetime) -> list[int]:
    done = []
    for pk in pks:
        try:
            with transaction.atomic():
                # Another worker holding the row is doing the same work: leave it to them.
                proposal = (
                    Proposal.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
                )
                if proposal is None:
                    continue
                _transition(
                    actor=None, proposal=proposal, to_status=to_status, reason=reason, now=now
                )
        except ValidationError as refused:
            logger.warning("Proposal %s could not become %s: %s", pk, to_status, refused.messages)
            continue
        done.append(pk)
    return done


@use_case
def consultations_open_due(*, actor: None = None, now: datetime | None = None) -> list[int]:
    """Open every consultation that is due: drafts whose opening time has come and whose
    closing time has not. Returns the ids opened. Idempotent: a second run finds nothing due.
    A draft whose whole window has passed is left for the secretariat to reschedule."""
    now = now or timezone.now()
    due = Proposal.objects.filter(
        status=S.DRAFT, consultation_opens_at__lte=now, consultation_closes_at__gt=now
    ).values_list("pk", flat=True)
    return _act_on_due(list(due), S.CONSULTATION, "Consultation opened on schedule.", now)


@use_case
def consultations_close_due(*, actor: None = None, now: datetime | None = None) -> list[int]:
    """Close every open consultation whose closing time has come. Returns the ids closed.
    Idempotent: a second run finds nothing due."""
    now = now or timezone.now()
    due = Proposal.objects.filter(
        status=S.CONSULTATION, consultation_closes_at__lte=now
    ).values_list("pk", flat=True)
    return _act_on_due(list(due), S.DELIBERATION, "Consultation closed on schedule.", now)


# --- creating and editing ---------------------------------------------------------------------

# Editable while the proposal is a draft only: what people comment on must not move under them.
DRAFT_ONLY_FIELDS = frozenset(
    {"title", "summary", "text", "body", "proposed_by", "consultation_opens_at"}
)
# Links kept up to date until a result.
LINK_FIELDS = frozenset({"objectives", "issues", "countries", "materials"})
SCHEDULE_FIELDS = frozenset({"consultation_closes_at", "consultation_public", "disclosure"})
EDITABLE_FIELDS = DRAFT_ONLY_FIELDS | LINK_FIELDS | SCHEDULE_FIELDS


def _check_schedule(proposal: Proposal) -> dict[str, str]:
    errors = {}
    opens, closes = proposal.consultation_opens_at, proposal.consultation_closes_at
    if opens is not None and closes is None:
        errors["consultation_closes_at"] = "Say when the consultation closes."
    if opens is not None and closes is not None and closes <= opens:
        errors["consultation_closes_at"] = "The consultation must close after it opens."
    if proposal.consultation_public and proposal.disclosure != DisclosureLevel.PUBLIC:
        errors["consultation_public"] = (
            "Only a public proposal can have a consultation open to the public."
        )
    return errors


def _save_checked(proposal: Proposal) -> None:
    errors = _check_schedule(proposal)
    if errors:
        raise ValidationError(errors)
    proposal.full_clean(exclude=["objectives", "issues"])
    proposal.save()


def _set_links(
    proposal: Proposal,
    objectives: Iterable[Objective] | None,
    issues: Iterable[Issue] | None,
) -> None:
    if objectives is not None:
        proposal.objectives.set(list(objectives))
    if issues is not None:
        proposal.issues.set(list(issues))


@use_case
def proposal_create(
    *,
    actor: Actor | None,
    body: Body,
    title: str,
    summary: str,
    text: str,
    disclosure: str = DisclosureLevel.MEMBERS,
    objectives: Iterable[Objective] = (),
    issues: Iterable[Issue] = (),
    countries: Iterable[str] = (),
    materials: Iterable[str] = (),
    proposed_by: Organisation | None = None,
    consultation_opens_at: datetime | None = None,
    consultation_closes_at: datetime | None = None,
    consultation_public: bool = False,
    created_at: datetime | None = None,
) -> Proposal:
    """Table a draft proposal (the secretariat). A consultation scheduled here opens by itself
    when its time comes (Celery beat). Refuses a schedule that closes before it opens and a
    public consultation of a members-only proposal."""
    require_staff(actor, "table proposals")
    proposal = Proposal(
        body=body,
        title=title.strip(),
        summary=summary.strip(),
        text=text.strip(),
        disclosure=disclosure,
        countries=cast(Any, list(countries)),
        materials=list(materials),
        proposed_by=proposed_by,
        consultation_opens_at=consultation_opens_at,
        consultation_closes_at=consultation_closes_at,
        consultation_public=consultation_public,
        created_by=acting_user(actor),
        created_at=created_at or timezone.now(),
    )
    _save_checked(proposal)
    _set_links(proposal, objectives, issues)
    return proposal


@use_case
def proposal_update(
    *, actor: Actor, proposal: Proposal, changes: Mapping[str, Any], now: datetime | None = None
) -> Proposal:
    """Change a proposal (the secretariat). The text, title, summary, body, sponsor and
    opening time change only while it is a draft; links (objectives, issues, countries,
    materials) until a result; the closing time while the consultation has not closed (and
    only to a time in the future once it is open); the consultation may be opened to the
    public but not closed to it once it runs; the disclosure may always be raised to public
    but lowered only on a draft. Nothing is saved unless every change is allowed and valid."""
    policy.require_change(actor, proposal)
    now = now or timezone.now()
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(f"Unknown or read-only fields: {', '.join(sorted(unknown))}.")
    status = proposal.status
    errors: dict[str, str] = {}
    for field, value in changes.items():
        current = getattr(proposal, field) if field not in ("objectives", "issues") else None
        if field in DRAFT_ONLY_FIELDS and status != S.DRAFT and value != current:
            errors[field] = "This changes only while the proposal is a draft."
        elif field in LINK_FIELDS and status in FINAL_STATUSES:
            errors[field] = "The proposal is decided: its links do not change any more."
        elif field == "consultation_closes_at" and value != current:
            if status not in (S.DRAFT, S.CONSULTATION):
                errors[field] = "The consultation has closed."
            elif status == S.CONSULTATION and (value is None or value <= now):
                errors[field] = "An open consultation closes at a time in the future."
        elif field == "consultation_public" and value != current:
            if status not in (S.DRAFT, S.CONSULTATION):
                errors[field] = "The consultation has closed."
            elif status == S.CONSULTATION and not value:
                errors[field] = "A consultation open to the public stays open to it."
        elif (
            field == "disclosure"
            and value != current
            and value == DisclosureLevel.MEMBERS
            and status != S.DRAFT
        ):
            errors[field] = "Only a draft can be made members-only again."
    if errors:
        raise ValidationError(errors)
    made_public = (
        changes.get("disclosure") == DisclosureLevel.PUBLIC
        and proposal.disclosure != DisclosureLevel.PUBLIC
    )
    for field, value in changes.items():
        if field in ("objectives", "issues"):
            continue
        if field in ("countries", "materials"):
            value = list(value)
        setattr(proposal, field, value)
    _save_checked(proposal)
    _set_links(proposal, changes.get("objectives"), changes.get("issues"))
    if made_public:
        # A decided members-only proposal made public publishes its decision (Governance II).
        from governance.ballots.services import decision_publish_on_disclosure

        decision_publish_on_disclosure(proposal=proposal)
    return proposal
