"""Proposals and their lifecycle. ``_transition`` is the one place that moves a proposal from
one status to another (draft → consultation → deliberation → voting → adopted | rejected |
no_quorum, withdrawn from any state before a result); every use case that changes a status goes
through it, and every change leaves a ``ProposalStatusChange`` with its reason."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.bodies.constitution import check_consultation_length
from governance.common.batch import each_due
from governance.common.services import acting_user
from governance.paragraphs import paragraph_count
from governance.proposals.models import (
    FINAL_STATUSES,
    RESULT_STATUSES,
    TABLING_STEPS,
    TRANSITIONS,
    Proposal,
    ProposalOrigin,
    ProposalStatus,
    ProposalStatusChange,
)
from governance.proposals.selectors import ballot_blockers

S = ProposalStatus
# How late the beat may open a scheduled consultation and still count its window from the
# scheduled opening.
OPENING_GRACE = timedelta(hours=1)

TABLING_STEP_REFUSAL = (
    "A member's proposal is tabled by its author and admitted or declined by the secretariat "
    "through their own steps, not by changing its status."
)


def _label(status: str) -> str:
    return str(ProposalStatus(status).label).lower()


def _transition(
    *,
    actor: Actor,
    proposal: Proposal,
    to_status: str,
    reason: str,
    now: datetime,
    tabling_step: bool = False,
) -> Proposal:
    """Move ``proposal`` to ``to_status`` if the lifecycle allows it, or raise ValidationError
    with a message saying why not; nothing changes then. The row is locked for the check.
    The steps of a member's proposal in ``TABLING_STEPS`` are taken only by the tabling use
    cases (``tabling_step``), which check their own rules first."""
    locked = (
        Proposal.objects.select_for_update(of=("self",)).select_related("body").get(pk=proposal.pk)
    )
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
    if (current, to_status) in TABLING_STEPS and not tabling_step:
        raise ValidationError({"to_status": TABLING_STEP_REFUSAL})
    reason = reason.strip()
    if to_status == S.WITHDRAWN and not reason:
        raise ValidationError({"reason": "Say why the proposal is withdrawn."})
    if to_status == S.DECLINED and not reason:
        raise ValidationError({"reason": "Say why the proposal is declined."})
    if to_status == S.CONSULTATION and current == S.DRAFT and locked.is_member_drafted:
        raise ValidationError(
            {
                "to_status": "A member organisation's draft opens for consultation only once "
                "it is tabled and the secretariat admits it."
            }
        )
    if to_status == S.CONSULTATION:
        closes = locked.consultation_closes_at
        if current == S.DELIBERATION and (closes is None or closes <= now):
            raise ValidationError(
                {
                    "to_status": "A further consultation round opens with its own closing "
                    "time: use “Open another consultation round”."
                }
            )
        if closes is None or closes <= now:
            raise ValidationError(
                {
                    "consultation_closes_at": "Set a closing time in the future before the "
                    "consultation opens."
                }
            )
        if paragraph_count(locked.text) == 0:
            raise ValidationError({"text": "The proposal has no text to consult on."})
        # Version 1 is the text the first consultation opens on; a further round needs a
        # revised version (governance.versions; imported here, as it builds on this module).
        from governance.versions.services.records import current_version

        version = current_version(proposal=locked, actor=actor, now=now)
        if current == S.DELIBERATION:
            closed = locked.consultation_closed_at
            if version.number == 1 or (closed is not None and version.published_at < closed):
                raise ValidationError(
                    {
                        "to_status": "A further consultation round is on a revised text: "
                        "publish a new version first."
                    }
                )
            locked.consultation_closed_at = None
        # Counted from now, or from the scheduled opening when the beat runs a little late.
        scheduled = locked.consultation_opens_at
        starts = scheduled if scheduled and now - OPENING_GRACE <= scheduled <= now else now
        too_short = check_consultation_length(body=locked.body, opens=starts, closes=closes)
        if too_short:
            raise ValidationError(too_short)
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
    if to_status == S.CONSULTATION:
        # Whoever chose to hear of it is told once this use case commits (imported here:
        # governance.notifications reads the proposals' models).
        from governance.notifications.events import consultation_opened

        consultation_opened(locked, now=now)
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
    actor: Actor,
    proposal: Proposal,
    to_status: str,
    reason: str = "",
    now: datetime | None = None,
) -> Proposal:
    """Move a proposal along its lifecycle (whoever may change the proposal, or the system). Refuses, with a message saying why and changing nothing: an unknown or
    the current status; a step the lifecycle does not allow; withdrawing without a reason;
    opening a consultation with no closing time in the future, no text, or a window shorter
    than the body's constitution allows; opening the ballot
    (``voting``) while a shown comment has no response, a comment awaits moderation or no
    impact assessment exists. Results are the ballot's: see ``proposal_record_result``."""
    policy.require(actor, "proposal.advance", proposal)
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


def record_result(
    *,
    proposal: Proposal,
    result: str,
    reason: str,
    now: datetime,
    actor: Actor = policy.SYSTEM,
) -> Proposal:
    """Record the result of the proposal's ballot: adopted, rejected or no_quorum, from
    ``voting`` only. A plain helper for use inside a use case (the ballot's closing and
    ``proposal_record_result``): it checks no actor, the caller has; ``actor`` is only who the
    status change names (the person who closed the ballot; the system by default)."""
    if result not in RESULT_STATUSES:
        raise ValidationError({"result": "A result is adopted, rejected or no_quorum."})
    return _transition(actor=actor, proposal=proposal, to_status=result, reason=reason, now=now)


@use_case
def proposal_record_result(
    *,
    actor: Actor,
    proposal: Proposal,
    result: str,
    reason: str = "",
    now: datetime | None = None,
) -> Proposal:
    """Record the result of the proposal's ballot (see ``record_result``): for the ballot's
    tally (the system) or the secretariat; anyone else is refused."""
    policy.require(actor, "proposal.record_result", proposal)
    return record_result(
        proposal=proposal, result=result, reason=reason, now=now or timezone.now(), actor=actor
    )


@use_case
def consultation_open(*, actor: Actor, proposal: Proposal, now: datetime | None = None) -> Proposal:
    """Open the proposal's consultation now (draft → consultation)."""
    policy.require(actor, "proposal.advance", proposal)
    return _transition(
        actor=actor,
        proposal=proposal,
        to_status=S.CONSULTATION,
        reason="Consultation opened.",
        now=now or timezone.now(),
    )


@use_case
def consultation_close(
    *, actor: Actor, proposal: Proposal, now: datetime | None = None
) -> Proposal:
    """Close the proposal's consultation now (consultation → deliberation)."""
    policy.require(actor, "proposal.advance", proposal)
    return _transition(
        actor=actor,
        proposal=proposal,
        to_status=S.DELIBERATION,
        reason="Consultation closed.",
        now=now or timezone.now(),
    )


# The scheduled steps: (from status, to status, reason recorded).
OPEN_ON_SCHEDULE = (S.DRAFT, S.CONSULTATION, "Consultation opened on schedule.")
# A member's proposal the secretariat admitted with a later opening time stays tabled till then.
ADMITTED_ON_SCHEDULE = (
    S.TABLED,
    S.CONSULTATION,
    "Admitted to consultation by the secretariat; opened on schedule.",
)
CLOSE_ON_SCHEDULE = (S.CONSULTATION, S.DELIBERATION, "Consultation closed on schedule.")


def _advance_due(
    actor: Actor, proposal_id: int, now: datetime, step: tuple[str, str, str]
) -> int | None:
    """Take one scheduled ``step`` for one proposal; None when the proposal is no longer where
    the step starts or another worker holds its row (that worker is doing the same work)."""
    from_status, to_status, reason = step
    proposal = (
        Proposal.objects.select_for_update(skip_locked=True)
        .filter(pk=proposal_id, status=from_status)
        .first()
    )
    if proposal is None:
        return None
    policy.require(actor, "proposal.advance", proposal)
    _transition(
        actor=actor,
        proposal=proposal,
        to_status=to_status,
        reason=reason,
        now=now,
        tabling_step=from_status == S.TABLED,  # the admission the secretariat scheduled
    )
    return proposal.pk


@use_case
def consultation_open_on_schedule(*, actor: Actor, proposal_id: int, now: datetime) -> int | None:
    """Open one consultation whose opening time has come (the schedule's step for one item):
    a secretariat's draft, or a member's proposal admitted with a later opening time."""
    return _advance_due(actor, proposal_id, now, OPEN_ON_SCHEDULE) or _advance_due(
        actor, proposal_id, now, ADMITTED_ON_SCHEDULE
    )


@use_case
def consultation_close_on_schedule(*, actor: Actor, proposal_id: int, now: datetime) -> int | None:
    """Close one consultation whose closing time has come (the schedule's step for one item)."""
    return _advance_due(actor, proposal_id, now, CLOSE_ON_SCHEDULE)


def consultations_open_due(*, actor: Actor, now: datetime | None = None) -> list[int]:
    """Open every consultation that is due: the secretariat's drafts and the member's proposals
    it admitted (still tabled) whose opening time has come and whose closing time has not. Returns the ids opened. Each one is its own use case: one that fails
    is logged and the others still open. Idempotent: a second run finds nothing due. A draft
    whose whole window has passed is left for the secretariat to reschedule."""
    now = now or timezone.now()
    due = Proposal.objects.filter(
        # A member's draft opens only once admitted: tabled, with an opening time.
        Q(status=S.DRAFT, origin=ProposalOrigin.SECRETARIAT)
        | Q(status=S.TABLED, origin=ProposalOrigin.MEMBER),
        consultation_opens_at__lte=now,
        consultation_closes_at__gt=now,
    ).order_by("consultation_opens_at", "pk")
    return each_due(
        list(due.values_list("pk", flat=True)),
        lambda pk: consultation_open_on_schedule(actor=actor, proposal_id=pk, now=now),
        what="Opening the consultation of proposal",
    )


def consultations_close_due(*, actor: Actor, now: datetime | None = None) -> list[int]:
    """Close every open consultation whose closing time has come. Returns the ids closed. Each
    one is its own use case: one that fails is logged and the others still close. Idempotent:
    a second run finds nothing due."""
    now = now or timezone.now()
    due = Proposal.objects.filter(status=S.CONSULTATION, consultation_closes_at__lte=now).order_by(
        "consultation_closes_at", "pk"
    )
    return each_due(
        list(due.values_list("pk", flat=True)),
        lambda pk: consultation_close_on_schedule(actor=actor, proposal_id=pk, now=now),
        what="Closing the consultation of proposal",
    )
