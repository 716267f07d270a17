"""Closing a ballot (counting it, writing the decision) and publishing the decision."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.types import Actor
from governance.ballots.models import (
    Ballot,
    BallotOutcome,
    Decision,
)
from governance.ballots.selectors import (
    ballot_tally,
    decision_public_record,
    decision_record_build,
    dissent_public_record,
    endorsement_public_record,
    reviewer_statement_public_record,
)
from governance.ballots.services.common import _lock, _when
from governance.common.services import acting_user
from governance.decision_log.services import decision_log_append
from governance.effects.services import apply_effect, effect_record
from governance.proposals.models import Proposal, ProposalStatus
from governance.proposals.selectors import impact_assessment_of
from governance.proposals.services import record_result
from governance.tally import TallyResult

logger = logging.getLogger(__name__)
S = ProposalStatus


# --- closing ------------------------------------------------------------------------------------


def _summary(ballot: Ballot, outcome: str) -> str:
    proposal = ballot.proposal
    body = proposal.body.name
    if outcome == BallotOutcome.NO_QUORUM:
        head = (
            f"The {body} took no decision on “{proposal.title}”: its ballot closed without quorum."
        )
    else:
        head = f"The {body} {outcome} “{proposal.title}”."
    return f"{head} {proposal.summary}".strip()


def _rationale(ballot: Ballot, result: TallyResult, tally: dict[str, Any]) -> str:
    """How the count reached the outcome, in words, using only what the record publishes."""
    sentences = ballot.rule.rationale(result, tally)
    recused = sum(row["recused"] for row in tally["chambers"])
    if recused:
        sentences.append(
            f"{recused} organisation{'s were' if recused != 1 else ' was'} recused for a "
            "conflict of interest."
        )
    text = " ".join(sentences)
    assessment = impact_assessment_of(proposal=ballot.proposal)
    if result.outcome == BallotOutcome.ADOPTED and assessment is not None:
        text += f"\n\nWhy this option (from the impact assessment): {assessment.rationale}"
    return text


def _close(ballot: Ballot, *, actor: Actor, reason: str, now: datetime) -> Decision | None:
    """Close the locked ballot now. With the proposal still put to the vote: count the stored
    votes, record the proposal's result, write the frozen decision and, for a public proposal,
    append it to the public decision log, all in the caller's transaction. Otherwise (the
    proposal was withdrawn meanwhile) close it without a count."""
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("body")
        .get(pk=ballot.proposal_id)
    )
    ballot.proposal = proposal
    ballot.closed_at = now
    ballot.closed_by = acting_user(actor)
    if proposal.status != S.VOTING:
        ballot.outcome = BallotOutcome.CANCELLED
        ballot.close_reason = reason or (
            f"The proposal is {proposal.get_status_display().lower()}: nothing was counted."
        )
        ballot.save(update_fields=["closed_at", "closed_by", "outcome", "close_reason"])
        return None
    result = ballot_tally(ballot=ballot)
    ballot.outcome = result.outcome
    ballot.close_reason = reason
    ballot.save(update_fields=["closed_at", "closed_by", "outcome", "close_reason"])
    summary = _summary(ballot, result.outcome)
    record_result(proposal=proposal, result=result.outcome, reason=summary, now=now)
    effective_date = (
        (ballot.effective_date or timezone.localdate(now))
        if result.outcome == BallotOutcome.ADOPTED
        else None
    )
    record = decision_record_build(
        ballot=ballot,
        result=result,
        decided_at=now,
        summary=summary,
        rationale="",
        effective_date=effective_date,
    )
    record["rationale"] = _rationale(ballot, result, record["tally"])
    effect = effect_record(proposal=proposal)
    if effect is not None:
        record["effect"] = effect  # what the decision changes, when adopted
    entry = None
    if proposal.disclosure == DisclosureLevel.PUBLIC:
        entry = decision_log_append(kind="decision", record=record)
    decision = Decision.objects.create(
        ballot=ballot,
        proposal=proposal,
        outcome=result.outcome,
        summary=summary,
        rationale=record["rationale"],
        effective_date=effective_date,
        decided_at=now,
        record=record,
        log_entry=entry,
    )
    if result.outcome == BallotOutcome.ADOPTED:
        apply_effect(decision=decision, now=now)
    return decision


@use_case
def ballot_close(
    *, actor: Actor, ballot: Ballot, reason: str = "", now: datetime | None = None
) -> Decision | None:
    """Close a ballot: the secretariat, before its time only with a reason; the system when it
    is due. Counts the stored votes and writes the decision (see ``_close``); returns it, or
    None when the proposal had left the ballot. Refused: a ballot not open, or closed already."""
    policy.require(actor, "ballot.close", ballot)
    now = now or timezone.now()
    locked = _lock(ballot)
    if locked.opened_at is None or locked.closes_at is None:
        raise ValidationError("The ballot has not opened: there is nothing to close.")
    if locked.closed_at is not None:
        raise ValidationError(f"The ballot closed already, on {_when(locked.closed_at)}.")
    reason = reason.strip()
    if now < locked.closes_at and locked.proposal.status == S.VOTING:
        if policy.is_system(actor):
            raise ValidationError(f"The ballot closes on {_when(locked.closes_at)}, not before.")
        if not reason:
            raise ValidationError(
                {"reason": "Say why the ballot closes before its time; the reason is published."}
            )
    decision = _close(locked, actor=actor, reason=reason, now=now)
    for field in ("closed_at", "outcome", "close_reason"):
        setattr(ballot, field, getattr(locked, field))
    return decision


def _due(now: datetime) -> Q:
    """Open ballots whose closing time ``now`` has come, or whose proposal left the ballot."""
    return Q(opened_at__isnull=False, closed_at__isnull=True) & (
        Q(closes_at__lte=now) | ~Q(proposal__status=S.VOTING)
    )


@use_case
def ballot_close_due(*, actor: Actor, ballot_id: int, now: datetime) -> bool:
    """Close one ballot that is due (its closing time ``now`` has come, or its proposal left
    the ballot), in a transaction of its own: what ``ballots_close_due`` does for each. The
    ballot is locked with SKIP LOCKED (another worker closing it is left to finish) and checked
    again under the lock; True when this call closed it."""
    policy.require(actor, "ballot.close")
    ballot = (
        Ballot.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(_due(now), pk=ballot_id)
        .select_related("proposal__body")
        .first()
    )
    if ballot is None:
        return False
    _close(ballot, actor=actor, reason="", now=now)
    return True


def ballots_close_due(*, actor: Actor, now: datetime | None = None) -> list[int]:
    """Close every ballot that is due (Celery beat, as the system): open ones whose closing
    time has come, and open ones whose proposal left the ballot (withdrawn). Returns the ids
    closed. Not one use case: each ballot closes in its own (``ballot_close_due``), so no lock
    is held from one ballot to the next and a ballot that cannot close is logged and left for
    the next run without undoing the others. Running twice, or two runs at once, closes each
    ballot once."""
    policy.require(actor, "ballot.close")
    now = now or timezone.now()
    due = list(
        Ballot.objects.filter(_due(now)).order_by("closes_at", "pk").values_list("pk", flat=True)
    )
    done = []
    for pk in due:
        try:
            closed = ballot_close_due(actor=actor, ballot_id=pk, now=now)
        except ValidationError as refused:
            logger.warning("Ballot %s could not close: %s", pk, refused.messages)
            continue
        except Exception:
            # One ballot's failure is reported and does not stop the others (its own
            # transaction rolled back; the next run tries again).
            logger.exception("Ballot %s could not close", pk)
            continue
        if closed:
            done.append(pk)
    return done


# --- publishing ---------------------------------------------------------------------------------


def _publish(decision: Decision) -> None:
    """Append the decision and what was said about it so far to the public decision log."""
    entry = decision_log_append(kind="decision", record=decision_public_record(decision))
    decision.log_entry = entry
    decision.save(update_fields=["log_entry"])
    seq = entry.seq
    for dissent in decision.dissents.filter(log_entry__isnull=True).select_related(
        "organisation", "decision"
    ):
        dissent.log_entry = decision_log_append(
            kind="dissent", record=dissent_public_record(dissent, seq), amends=seq
        )
        dissent.save(update_fields=["log_entry"])
    for statement in decision.reviewer_statements.filter(log_entry__isnull=True).select_related(
        "decision"
    ):
        statement.log_entry = decision_log_append(
            kind="statement", record=reviewer_statement_public_record(statement, seq), amends=seq
        )
        statement.save(update_fields=["log_entry"])
    for endorsement in decision.endorsements.filter(log_entry__isnull=True).select_related(
        "organisation", "decision"
    ):
        endorsement.log_entry = decision_log_append(
            kind="endorsement", record=endorsement_public_record(endorsement, seq), amends=seq
        )
        endorsement.save(update_fields=["log_entry"])


def decision_publish_on_disclosure(*, proposal: Proposal) -> None:
    """Called by ``proposal_update`` when a proposal's disclosure is raised to public: its
    decision, if it has one not yet published, goes to the public decision log now."""
    decision = (
        Decision.objects.select_for_update()
        .filter(proposal=proposal, log_entry__isnull=True)
        .first()
    )
    if decision is not None:
        _publish(decision)


@use_case
def decision_publish(*, actor: Actor, decision: Decision) -> Decision:
    """Publish a members-only proposal's decision (the secretariat): the proposal's disclosure
    is raised to public and the decision, with its dissenting statements, reviewer statements
    and endorsements, is appended to the public decision log. Refused when it is published
    already."""
    policy.require(actor, "decision.publish", decision)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.log_entry_id is not None:
        raise ValidationError(
            f"The decision is published already (decision log entry {decision.log_entry_id})."
        )
    proposal = Proposal.objects.select_for_update().get(pk=decision.proposal_id)
    if proposal.disclosure != DisclosureLevel.PUBLIC:
        proposal.disclosure = DisclosureLevel.PUBLIC
        proposal.save(update_fields=["disclosure", "updated_at"])
    _publish(decision)
    return decision
