"""Pages of ballots, conflicts of interest and decisions. Thin: forms parse, selectors read,
services write and refuse (the refusal comes back on the form), the access policy decides
who sees what. Every form works without JavaScript."""

from governance.ballots.views.ballots import (
    ballot_close,
    ballot_dashboard_context,
    ballot_endorsement,
    ballot_exemption,
    ballot_publish,
    ballot_settings,
    proposal_ballot_context,
)
from governance.ballots.views.interests import (
    PAGE_SIZE,
    interest_declare,
    interest_end,
    interest_list,
)
from governance.ballots.views.voting import (
    ballot_declaration,
    ballot_dissent,
    ballot_reviewer_statement,
    ballot_vote,
)

__all__ = [
    "PAGE_SIZE",
    "ballot_close",
    "ballot_dashboard_context",
    "ballot_declaration",
    "ballot_dissent",
    "ballot_endorsement",
    "ballot_exemption",
    "ballot_publish",
    "ballot_reviewer_statement",
    "ballot_settings",
    "ballot_vote",
    "interest_declare",
    "interest_end",
    "interest_list",
    "proposal_ballot_context",
]
