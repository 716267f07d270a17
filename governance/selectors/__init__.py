"""Reads of the governance app, used by views, API, reports and tests. Each says what it
guarantees in its docstring."""

from governance.selectors.bodies import (
    body_composition,
    body_electorate,
    body_get,
    body_list,
    electorate_by_chamber,
)
from governance.selectors.consultations import (
    comment_author_names,
    comment_list,
    comment_threads,
    consultation_participation,
    held_comment_list,
    response_table,
)
from governance.selectors.dashboard import (
    actions_for,
    dashboard,
    open_consultations,
    upcoming_ballots,
)
from governance.selectors.objectives import indicator_list, issue_register, objective_list
from governance.selectors.proposals import (
    ballot_blockers,
    impact_assessment_of,
    proposal_get,
    proposal_list,
    proposal_story,
)

__all__ = [
    "actions_for",
    "ballot_blockers",
    "body_composition",
    "body_electorate",
    "body_get",
    "body_list",
    "comment_author_names",
    "comment_list",
    "comment_threads",
    "consultation_participation",
    "dashboard",
    "electorate_by_chamber",
    "held_comment_list",
    "impact_assessment_of",
    "indicator_list",
    "issue_register",
    "objective_list",
    "open_consultations",
    "proposal_get",
    "proposal_list",
    "proposal_story",
    "response_table",
    "upcoming_ballots",
]
