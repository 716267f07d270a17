"""Who may act on input to governance beyond the portal's own comments: translations of a
proposal for a multilingual consultation, and the review dates and outcomes of decisions."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy.actions import action
from alliance_portal.policy.principals import Principal
from alliance_portal.policy.rules.common import is_staff
from alliance_portal.policy.visibility import can_change

# Statuses before the ballot opens, as ``Proposal.status`` stores them (rules do not import apps).
BEFORE_BALLOT = ("draft", "consultation", "deliberation")


@action("proposal.translate", refusal="Only the secretariat may add translations of proposals.")
def _proposal_translate(who: Principal, proposal: Any) -> bool:
    """The secretariat adds and replaces a proposal's translations."""
    return is_staff(who)


@action(
    "decision_review.set",
    refusal="Only the secretariat sets the review date of a decision.",
)
def _decision_review_set(who: Principal, obj: Any) -> bool | str:
    """The secretariat, on a proposal or a published decision; before the ballot, also whoever
    may change the proposal (its author)."""
    if is_staff(who):
        return True
    if not who.is_authenticated or obj is None or not hasattr(obj, "status"):
        return False
    if obj.status not in BEFORE_BALLOT:
        return "Once the ballot has opened, only the secretariat sets the review date."
    return can_change(who.user, obj)


@action(
    "decision_review.record",
    refusal="Only the secretariat records the outcome of a decision's review.",
)
def _decision_review_record(who: Principal, review: Any) -> bool:
    """The secretariat records a review's outcome (published in the decision log)."""
    return is_staff(who)
