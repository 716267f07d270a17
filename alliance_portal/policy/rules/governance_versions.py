"""Who may act on a proposal's versions (issue 16, texts that change through consultation)."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy.actions import action
from alliance_portal.policy.principals import Principal
from alliance_portal.policy.rules.common import is_staff


@action(
    "proposal.publish_version",
    refusal="Only the secretariat publishes a revised version of a proposal.",
)
def _proposal_publish_version(who: Principal, proposal: Any) -> bool:
    """The secretariat publishes revised versions: of its own proposals, and of a
    member-tabled one with the author organisation's agreement (the service asks for it)."""
    return is_staff(who)
