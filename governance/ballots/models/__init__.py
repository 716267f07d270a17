"""Ballots and what follows them (Governance II): the electorate taken when a ballot opens,
votes, conflicts of interest (the standing register and each ballot's declarations, with the
secretariat's reasoned exemptions), the frozen decision record, dissenting statements,
civil-society reviewers' statements and endorsements by governments and public bodies.

A ballot belongs to one proposal and is read by whoever may read the proposal (its disclosure
level is the proposal's). The rules live in ``governance.ballots.services`` and the count in
``governance.tally``; the database holds what must hold whatever code runs: one vote per
organisation and ballot, an objection has a reason, a conflict has a nature, exact fractions,
and a decision (with its statements and endorsements) is never changed once written.
"""

from governance.ballots.models.ballots import (
    DISSENTING_CHOICES,
    Ballot,
    BallotElector,
    BallotMethod,
    BallotOutcome,
    Vote,
    VoteChoice,
    frozen_triggers,
)
from governance.ballots.models.decisions import (
    Decision,
    DissentingStatement,
    Endorsement,
    EndorserKind,
    ReviewerStatement,
)
from governance.ballots.models.interests import (
    ConflictDeclaration,
    InterestDeclaration,
    InterestKind,
    RecusalExemption,
)

__all__ = [
    "DISSENTING_CHOICES",
    "Ballot",
    "BallotElector",
    "BallotMethod",
    "BallotOutcome",
    "ConflictDeclaration",
    "Decision",
    "DissentingStatement",
    "Endorsement",
    "EndorserKind",
    "InterestDeclaration",
    "InterestKind",
    "RecusalExemption",
    "ReviewerStatement",
    "Vote",
    "VoteChoice",
    "frozen_triggers",
]
