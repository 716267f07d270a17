"""Who may act on a proposal's versions (issue 16, texts that change through consultation)."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy.actions import action
from alliance_portal.policy.principals import Principal
from alliance_portal.policy.rules.common import is_staff, represents


@action(
    "proposal.publish_version",
    refusal="Only the secretariat publishes a revised version of a proposal.",
)
def _proposal_publish_version(who: Principal, proposal: Any) -> bool:
    """The secretariat publishes revised versions: of its own proposals, and of a
    member-tabled one with the author organisation's agreement (the service asks for it)."""
    return is_staff(who)


def _member_author(proposal: Any) -> int | None:
    if getattr(proposal, "origin", None) != "member":
        return None
    return getattr(proposal, "proposed_by_id", None)


@action(
    "proposal.submit_version",
    refusal="Only the author organisation's representative submits a revised version of a "
    "member-tabled proposal.",
)
def _proposal_submit_version(who: Principal, proposal: Any) -> bool:
    """The representative of the organisation that tabled the proposal submits its revised
    text; the secretariat publishes it or returns it."""
    author = _member_author(proposal)
    return represents(who, author)


@action(
    "version_submission.decide",
    refusal="Only the secretariat publishes or returns a version the author submitted.",
)
def _version_submission_decide(who: Principal, submission: Any) -> bool:
    """The secretariat publishes a submitted revision as the next version, or returns it to
    its author with a reason."""
    return is_staff(who)
