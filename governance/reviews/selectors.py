"""Reads about decision reviews: a decision's reviews, a proposal's planned review, and the
list the API serves."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from alliance_portal import policy
from alliance_portal.types import Actor
from governance.decision_log.models import PublishedDecision
from governance.proposals.models import Proposal
from governance.reviews.models import DecisionReview


def decision_reviews(*, decision: PublishedDecision) -> list[DecisionReview]:
    """Every review of the decision, by due date: those attached to it, and an open one set
    on its proposal before the ballot and not attached yet. One query."""
    wanted = Q(decision_id=decision.entry_id)
    if decision.proposal_id is not None:
        wanted |= Q(decision__isnull=True, proposal_id=decision.proposal_id, outcome="")
    return list(DecisionReview.objects.filter(wanted).order_by("due_on", "pk"))


def next_review(reviews: list[DecisionReview]) -> DecisionReview | None:
    """The open review among ``reviews`` (there is at most one), or None."""
    return next((review for review in reviews if review.is_open), None)


def proposal_review(*, proposal: Proposal) -> DecisionReview | None:
    """The open review planned for the proposal's decision, whether or not the decision is
    published yet. One query."""
    return DecisionReview.objects.filter(proposal=proposal, outcome="").order_by("due_on").first()


def review_list(*, user: Actor, status: str | None = None) -> QuerySet[DecisionReview]:
    """The reviews this user may see, by due date: every review of a published decision (the
    log is public), and those planned on a proposal the user may see. ``status`` "open" or
    "recorded" keeps those without or with an outcome."""
    visible = policy.visible(user, Proposal.objects.all()).values("pk")
    queryset = DecisionReview.objects.filter(
        Q(decision__isnull=False) | Q(proposal__in=visible)
    ).select_related("log_entry")
    if status == "open":
        queryset = queryset.filter(outcome="")
    elif status == "recorded":
        queryset = queryset.exclude(outcome="")
    return queryset.order_by("due_on", "pk")
