"""Ballots, conflicts of interest and decisions (Governance II): one function per use case,
each a transaction (``@use_case``). A refusal changes nothing: ``ValidationError`` for bad
input (a closed ballot, a missing declaration, a choice the method does not know...),
``PermissionDenied`` for someone who may not act (``SignInRequired`` when not signed in).

The life of a ballot: the secretariat may set it up before it opens (``ballot_configure``);
it opens when the proposal moves to ``voting`` (``ballot_open_for``, called by the
lifecycle), taking the electorate of the body that day; each organisation's representative
declares whether it has a conflict of interest (``conflict_declare``) and votes
(``vote_cast``, again to change it); the secretariat may exempt a conflicted organisation from
recusal with a reason (``recusal_exempt``); the ballot closes on time (``ballots_close_due``,
Celery beat) or early (``ballot_close``, the secretariat with a reason), which counts the
stored votes with ``governance.tally``, writes the frozen ``Decision``, records the proposal's
result and, for a public proposal, appends the decision to the public decision log, all in one
transaction. Afterwards: dissenting statements, reviewer statements and endorsements, each
published in the log when the decision is public; a members-only decision is published when
the proposal's disclosure is raised to public (``decision_publish``)."""

from governance.ballots.services.closing import (
    ballot_close,
    ballots_close_due,
    decision_publish,
    decision_publish_on_disclosure,
)
from governance.ballots.services.common import (
    DEFAULT_VOTING_PERIOD,
    MAX_TERM,
    MAX_TEXT,
    default_method,
)
from governance.ballots.services.interests import interest_declare, interest_end
from governance.ballots.services.statements import (
    dissent_file,
    endorsement_record,
    reviewer_statement_file,
)
from governance.ballots.services.voting import (
    ballot_configure,
    ballot_open_for,
    conflict_declare,
    recusal_exempt,
    vote_cast,
)

__all__ = [
    "DEFAULT_VOTING_PERIOD",
    "MAX_TERM",
    "MAX_TEXT",
    "ballot_close",
    "ballot_configure",
    "ballot_open_for",
    "ballots_close_due",
    "conflict_declare",
    "decision_publish",
    "decision_publish_on_disclosure",
    "default_method",
    "dissent_file",
    "endorsement_record",
    "interest_declare",
    "interest_end",
    "recusal_exempt",
    "reviewer_statement_file",
    "vote_cast",
]
