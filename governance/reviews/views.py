"""Pages: a decision's review date and the review's outcome. Thin: forms parse, services
write, the access policy decides who may."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from alliance_portal import policy
from alliance_portal.forms import apply_service_error
from governance.decision_log.models import LogEntryKind, PublishedDecision
from governance.proposals import selectors as proposal_selectors
from governance.reviews import selectors, services
from governance.reviews.forms import ReviewDateForm, ReviewOutcomeForm


def _decision(seq: int) -> PublishedDecision:
    decision = PublishedDecision.objects.filter(
        entry_id=seq, entry__kind=LogEntryKind.DECISION
    ).first()
    if decision is None:
        raise Http404("No decision has this number.")
    return decision


@login_required
@require_http_methods(["GET", "POST"])
def proposal_review_date(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the date by which the decision on this proposal will be reviewed (before the
    ballot: its author or the secretariat)."""
    proposal = proposal_selectors.proposal_get(user=request.user, pk=pk)
    policy.require(request.user, "decision_review.set", proposal)
    review = selectors.proposal_review(proposal=proposal)
    form = ReviewDateForm(
        request.POST or None, initial={"due_on": review.due_on} if review else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_review_set(
                actor=request.user, proposal=proposal, due_on=form.cleaned_data["due_on"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The review date is set.")
            return redirect(proposal.get_absolute_url())
    return render(
        request,
        "governance/reviews/review_date.html",
        {"proposal": proposal, "decision": None, "review": review, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_review_date(request: HttpRequest, seq: int) -> HttpResponse:
    """The secretariat sets or moves a published decision's review date."""
    decision = _decision(seq)
    policy.require(request.user, "decision_review.set", decision)
    review = selectors.next_review(selectors.decision_reviews(decision=decision))
    form = ReviewDateForm(
        request.POST or None, initial={"due_on": review.due_on} if review else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_review_set(
                actor=request.user, decision_seq=seq, due_on=form.cleaned_data["due_on"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "The review date is set.")
            return redirect("governance:decision-detail", seq=seq)
    return render(
        request,
        "governance/reviews/review_date.html",
        {"proposal": None, "decision": decision, "review": review, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_review_outcome(request: HttpRequest, seq: int) -> HttpResponse:
    """The secretariat records the outcome of a decision's open review (a log entry)."""
    decision = _decision(seq)
    policy.require(request.user, "decision_review.record")
    review = selectors.next_review(selectors.decision_reviews(decision=decision))
    form: ReviewOutcomeForm | None = ReviewOutcomeForm(request.POST or None)
    if review is None:
        form = None
    elif request.method == "POST" and form is not None and form.is_valid():
        try:
            recorded = services.decision_review_record(
                actor=request.user,
                review=review,
                outcome=form.cleaned_data["outcome"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            assert recorded.log_entry_id is not None  # noqa: S101 (a recorded review is published)
            messages.success(
                request, f"The review's outcome is published as entry {recorded.log_entry_id}."
            )
            return redirect("governance:decision-detail", seq=seq)
    return render(
        request,
        "governance/reviews/review_outcome.html",
        {"decision": decision, "review": review, "form": form},
    )


def decision_review_context(
    request: HttpRequest, decision: PublishedDecision | None
) -> dict[str, Any]:
    """What the decision page shows about reviews: the review date (the open review), past
    reviews, and the secretariat's links."""
    reviews = selectors.decision_reviews(decision=decision) if decision is not None else []
    return {
        "next_review": selectors.next_review(reviews),
        "may_set_review": decision is not None
        and policy.may(request.user, "decision_review.set", decision),
        "may_record_review": decision is not None
        and policy.may(request.user, "decision_review.record"),
    }
