"""Reads about ballots, votes, conflicts of interest and decisions.

Two rules hold for everything here. A secret ballot's individual choices are read only by
``ballot_tally`` (to count them) and never returned: not to the organisation that cast them,
not to the secretariat. Published records name organisations, never people, and hold no
floats (fractions as ``{"num", "den"}``, amounts as decimal strings, times as
``YYYY-MM-DDTHH:MM:SSZ``), so the public decision log can hash them as they are."""

from governance.ballots.methods import SECRET_MINIMUM_CAST
from governance.ballots.selectors.ballots import (
    DISSENT_DAYS,
    REVIEWER,
    ElectorRow,
    VoteRow,
    VoterStatus,
    ballot_get,
    ballot_list,
    ballot_of,
    ballot_tally,
    ballot_turnout,
    chamber_ref,
    declaration_list,
    electorate,
    fraction,
    organisation_ref,
    recused_ids,
    recused_organisations,
    timestamp,
    voter_status,
    votes_visible_to,
)
from governance.ballots.selectors.dashboard import (
    BallotDashboard,
    ballot_dashboard,
    ballots_needing,
)
from governance.ballots.selectors.decisions import (
    DecisionView,
    decision_list,
    decision_of,
    decision_public_record,
    decision_view,
    dissent_deadline,
    dissent_open_to,
    dissent_public_record,
    endorsement_public_record,
    reviewer_statement_public_record,
)
from governance.ballots.selectors.explain import (
    ConflictSummary,
    Representatives,
    VotingPosition,
    conflict_summary,
    representatives_of,
    roll_call_rows,
    voting_position,
)
from governance.ballots.selectors.interests import declarer_names, interest_register
from governance.ballots.selectors.records import decision_record_build, tally_record

__all__ = [
    "DISSENT_DAYS",
    "REVIEWER",
    "SECRET_MINIMUM_CAST",
    "BallotDashboard",
    "ConflictSummary",
    "DecisionView",
    "ElectorRow",
    "Representatives",
    "VoteRow",
    "VoterStatus",
    "VotingPosition",
    "ballot_dashboard",
    "ballot_get",
    "ballot_list",
    "ballot_of",
    "ballot_tally",
    "ballot_turnout",
    "ballots_needing",
    "chamber_ref",
    "conflict_summary",
    "decision_list",
    "decision_of",
    "decision_public_record",
    "decision_record_build",
    "decision_view",
    "declaration_list",
    "declarer_names",
    "dissent_deadline",
    "dissent_open_to",
    "dissent_public_record",
    "electorate",
    "endorsement_public_record",
    "fraction",
    "interest_register",
    "organisation_ref",
    "recused_ids",
    "recused_organisations",
    "representatives_of",
    "reviewer_statement_public_record",
    "roll_call_rows",
    "tally_record",
    "timestamp",
    "voter_status",
    "votes_visible_to",
    "voting_position",
]
