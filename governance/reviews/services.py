"""Review dates of decisions: setting them, reminding the body when one is due, and
publishing the review's outcome in the decision log."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.outbox import email_queue
from alliance_portal.types import Actor
from governance.bodies.models import Body
from governance.bodies.selectors import body_electorate
from governance.common.batch import each_due
from governance.common.services import acting_user
from governance.decision_log.models import (
    DecisionState,
    LogEntryKind,
    PublishedDecision,
)
from governance.decision_log.services import decision_log_append
from governance.proposals.models import Proposal
from governance.reviews.models import DecisionReview, ReviewOutcome
from members.models import Person


def _decision_of(proposal_id: int | None) -> PublishedDecision | None:
    """The latest published decision on the proposal, if any."""
    if proposal_id is None:
        return None
    return (
        PublishedDecision.objects.filter(proposal_id=proposal_id)
        .order_by("-decided_at", "-entry_id")
        .first()
    )


def _open_review(*, decision_seq: int | None, proposal: Proposal | None) -> DecisionReview | None:
    reviews = DecisionReview.objects.select_for_update().filter(outcome="")
    if decision_seq is not None:
        return reviews.filter(decision_id=decision_seq).first()
    return reviews.filter(proposal=proposal, decision__isnull=True).first()


def _attach(review: DecisionReview) -> PublishedDecision | None:
    """The review's published decision; a review set on a proposal before its ballot is
    attached to the decision once it is published (unless that decision has an open review of
    its own already)."""
    if review.decision_id is not None:
        return PublishedDecision.objects.filter(entry_id=review.decision_id).first()
    decision = _decision_of(review.proposal_id)
    if decision is None:
        return None
    if DecisionReview.objects.filter(decision_id=decision.entry_id, outcome="").exists():
        return None
    review.decision_id = decision.entry_id
    review.save(update_fields=["decision"])
    return decision


@use_case
def decision_review_set(
    *,
    actor: Actor,
    due_on: date,
    proposal: Proposal | None = None,
    decision_seq: int | None = None,
    now: datetime | None = None,
) -> DecisionReview:
    """Set (or move) the date by which a decision is reviewed: on a proposal before its
    ballot (its author or the secretariat), or on a published decision (the secretariat).
    A proposal that already has a published decision gets the review on that decision.

    Guarantees: at most one open review per decision (or per proposal awaiting its
    decision): setting the date again moves it, and a moved date may be reminded again.
    Refused: a date in the past, a decision that does not exist or was withdrawn, neither or
    both of ``proposal`` and ``decision_seq`` (ValidationError)."""
    now = now or timezone.now()
    if (proposal is None) == (decision_seq is None):
        raise ValidationError("Name either the proposal or the decision.")
    decision: PublishedDecision | None
    if proposal is not None:
        policy.require(actor, "decision_review.set", proposal)
        decision = _decision_of(proposal.pk)
    else:
        decision = PublishedDecision.objects.filter(entry_id=decision_seq).first()
        policy.require(actor, "decision_review.set", decision)
        if decision is None:
            raise ValidationError({"decision_seq": "No published decision has this number."})
    if decision is not None and decision.state == DecisionState.WITHDRAWN:
        raise ValidationError("This decision was withdrawn: there is nothing to review.")
    if due_on < timezone.localdate(now):
        raise ValidationError({"due_on": "Enter a review date from today on."})
    seq = decision.entry_id if decision is not None else None
    review = _open_review(decision_seq=seq, proposal=proposal if seq is None else None)
    if review is None and decision is not None and decision.proposal_id is not None:
        # Set on the proposal before the ballot, now that the decision exists: the same review.
        review = (
            DecisionReview.objects.select_for_update()
            .filter(outcome="", decision__isnull=True, proposal_id=decision.proposal_id)
            .first()
        )
    if review is None:
        return DecisionReview.objects.create(
            proposal=proposal if proposal is not None else _proposal_of(decision),
            decision_id=seq,
            due_on=due_on,
            set_by=acting_user(actor),
            set_at=now,
        )
    if review.due_on != due_on:
        review.reminded_at = None  # a new date, a new reminder
    review.due_on = due_on
    review.decision_id = seq if seq is not None else review.decision_id
    review.set_by = acting_user(actor)
    review.set_at = now
    review.save()
    return review


def _proposal_of(decision: PublishedDecision | None) -> Proposal | None:
    if decision is None or decision.proposal_id is None:
        return None
    return Proposal.objects.filter(pk=decision.proposal_id).first()


@use_case
def decision_review_record(
    *,
    actor: Actor,
    review: DecisionReview,
    outcome: str,
    text: str,
) -> DecisionReview:
    """Record a review's outcome (the secretariat): the decision is confirmed, is to be
    amended, or another outcome, with what the review found; published at once as a
    ``review`` entry of the decision log, about the decision. An amendment itself is a
    decision of its own; the review only says one is coming.

    Refused: a review already recorded, a decision not yet published or withdrawn, an
    unknown outcome, an empty text (ValidationError)."""
    policy.require(actor, "decision_review.record", review)
    review = DecisionReview.objects.select_for_update().get(pk=review.pk)
    if not review.is_open:
        raise ValidationError("This review's outcome is recorded already.")
    errors: dict[str, str] = {}
    if outcome not in ReviewOutcome.values:
        errors["outcome"] = "Choose confirmed, to be amended, or other."
    text = text.strip()
    if not text:
        errors["text"] = "Say what the review found."
    if errors:
        raise ValidationError(errors)
    decision = _attach(review)
    if decision is None:
        raise ValidationError("The decision is not published yet: review it once it is.")
    if decision.state == DecisionState.WITHDRAWN:
        raise ValidationError("This decision was withdrawn: there is nothing to review.")
    entry = decision_log_append(
        kind=LogEntryKind.REVIEW,
        amends=decision.entry_id,
        record={
            "decision_seq": decision.entry_id,
            "due_on": review.due_on.isoformat(),
            "outcome": outcome,
            "text": text,
        },
    )
    review.outcome = outcome
    review.outcome_text = text
    review.recorded_by = acting_user(actor)
    review.log_entry = entry
    review.save()
    return review


# --- reminders ---------------------------------------------------------------------------------


@use_case
def decision_review_remind(
    *, actor: Actor, review_id: int, now: datetime | None = None
) -> int | None:
    """Remind the body's members that a decision's review is due: each representative of the
    organisations that vote on the body's ballots gets one email (through the outbox, one per
    review, its date and recipient). Returns the review id, or None when there was nothing to
    do: reminded already, recorded already, not due, or its decision not yet published."""
    now = now or timezone.now()
    review = DecisionReview.objects.select_for_update().filter(pk=review_id, outcome="").first()
    if review is None or review.reminded_at is not None:
        return None
    if review.due_on > timezone.localdate(now):
        return None
    decision = _attach(review)
    if decision is None or decision.state == DecisionState.WITHDRAWN:
        return None
    body = Body.objects.filter(slug=decision.body_slug).first()
    if body is None and review.proposal_id is not None:
        body = Proposal.objects.select_related("body").get(pk=review.proposal_id).body
    if body is None:
        return None
    url = settings.PORTAL_BASE_URL + reverse(
        "governance:decision-detail", kwargs={"seq": decision.entry_id}
    )
    people = Person.objects.filter(
        is_representative=True, organisation__in=body_electorate(body=body)
    ).select_related("user")
    for person in people:
        if not person.user.email or not person.user.is_active:
            continue
        email_queue(
            event_key=f"governance:decision-review-due:{review.pk}:{review.due_on.isoformat()}",
            recipient=person.user.email,
            subject=f"Review due: “{decision.title}”",
            body=(
                f"The {body.name}'s decision “{decision.title}” is due for review on "
                f"{review.due_on.day} {review.due_on:%B %Y}.\n\nThe secretariat will publish the "
                f"review's outcome in the decision log:\n\n{url}\n"
            ),
        )
    review.reminded_at = now
    review.save(update_fields=["reminded_at", "decision"])
    return review.pk


def decision_reviews_remind_due(*, actor: Actor, now: datetime | None = None) -> list[int]:
    """Remind the body of every open review whose date has come and that was not reminded
    yet. Returns the ids reminded. Each is its own use case; idempotent: a second run finds
    nothing due."""
    now = now or timezone.now()
    due = DecisionReview.objects.filter(
        outcome="", reminded_at__isnull=True, due_on__lte=timezone.localdate(now)
    ).order_by("due_on", "pk")
    return each_due(
        list(due.values_list("pk", flat=True)),
        lambda pk: decision_review_remind(actor=actor, review_id=pk, now=now),
        what="Reminding the review of decision review",
    )
