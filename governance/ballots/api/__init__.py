"""API: ballots, votes, conflicts of interest, decisions and what is said about them, and the
register of interests. Votes and declarations go through the same services as the pages,
with the same rules; a refusal answers 400 (bad input: a closed ballot, a missing
declaration, an unknown choice...) or 403 (not the organisation's representative) and
changes nothing. A secret ballot's choices are in no response."""

from governance.ballots.api.ballots import (
    BALLOT_FILTERS,
    BallotDetailApi,
    BallotDetailOutputSerializer,
    BallotListApi,
    BallotOutputSerializer,
    ElectorSerializer,
    FractionField,
    FractionSerializer,
)
from governance.ballots.api.decisions import (
    BallotDecisionApi,
    DecisionDissentListApi,
    DecisionEndorsementListApi,
    DecisionOutputSerializer,
    DecisionPublishApi,
    DecisionReviewerStatementListApi,
    DissentOutputSerializer,
    EndorsementOutputSerializer,
    ReviewerStatementOutputSerializer,
    StatementInputSerializer,
)
from governance.ballots.api.interests import (
    InterestEndApi,
    InterestListApi,
    InterestOutputSerializer,
)
from governance.ballots.api.votes import (
    BallotCloseApi,
    BallotDeclarationListApi,
    BallotExemptionApi,
    BallotSettingsApi,
    BallotVoteListApi,
    DeclarationOutputSerializer,
    VoteOutputSerializer,
)

__all__ = [
    "BALLOT_FILTERS",
    "BallotCloseApi",
    "BallotDecisionApi",
    "BallotDeclarationListApi",
    "BallotDetailApi",
    "BallotDetailOutputSerializer",
    "BallotExemptionApi",
    "BallotListApi",
    "BallotOutputSerializer",
    "BallotSettingsApi",
    "BallotVoteListApi",
    "DecisionDissentListApi",
    "DecisionEndorsementListApi",
    "DecisionOutputSerializer",
    "DecisionPublishApi",
    "DecisionReviewerStatementListApi",
    "DeclarationOutputSerializer",
    "DissentOutputSerializer",
    "ElectorSerializer",
    "EndorsementOutputSerializer",
    "FractionField",
    "FractionSerializer",
    "InterestEndApi",
    "InterestListApi",
    "InterestOutputSerializer",
    "ReviewerStatementOutputSerializer",
    "StatementInputSerializer",
    "VoteOutputSerializer",
]
