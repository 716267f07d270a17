"""Models of the governance app, one module per topic."""

# Ballots and decision records, the public decision log and transparency reports are imported
# from their own modules (governance.models.ballots etc.); importing them here registers them.
from governance.models import ballots, decision_log, reports  # noqa: F401
from governance.models.bodies import Body, BodyKind, BodySeat, Electorate, SeatHolder
from governance.models.consultations import (
    AuthorKind,
    Comment,
    CommentResponse,
    CommentStatus,
    ResponseOutcome,
)
from governance.models.impact import (
    Confidence,
    CostEntry,
    CostKind,
    Dimension,
    Horizon,
    ImpactAssessment,
    ImpactOption,
    Magnitude,
)
from governance.models.objectives import (
    Indicator,
    Issue,
    IssueStatus,
    IssueStatusChange,
    Measurement,
    Objective,
    ObjectiveStatus,
)
from governance.models.proposals import (
    BEFORE_BALLOT,
    FINAL_STATUSES,
    RESULT_STATUSES,
    TRANSITIONS,
    Proposal,
    ProposalStatus,
    ProposalStatusChange,
)

__all__ = [
    "BEFORE_BALLOT",
    "FINAL_STATUSES",
    "RESULT_STATUSES",
    "TRANSITIONS",
    "AuthorKind",
    "Body",
    "BodyKind",
    "BodySeat",
    "Comment",
    "CommentResponse",
    "CommentStatus",
    "Confidence",
    "CostEntry",
    "CostKind",
    "Dimension",
    "Electorate",
    "Horizon",
    "ImpactAssessment",
    "ImpactOption",
    "Indicator",
    "Issue",
    "IssueStatus",
    "IssueStatusChange",
    "Magnitude",
    "Measurement",
    "Objective",
    "ObjectiveStatus",
    "Proposal",
    "ProposalStatus",
    "ProposalStatusChange",
    "ResponseOutcome",
    "SeatHolder",
]
