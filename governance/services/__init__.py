"""Writes of the governance app: one function per use case, keyword-only and typed, each a
transaction whose writes the audit trail tags with the acting person and the use case
(``@use_case``). Bad input raises ``ValidationError`` (nothing changes), a refusal
``PermissionDenied``."""

from governance.services.ballots import (
    ballot_close,
    ballot_configure,
    ballots_close_due,
    conflict_declare,
    decision_publish,
    dissent_file,
    endorsement_record,
    interest_declare,
    interest_end,
    recusal_exempt,
    reviewer_statement_file,
    vote_cast,
)
from governance.services.bodies import seat_holder_add, seat_holder_end_term
from governance.services.consultations import (
    Decision,
    comment_moderate,
    comment_post,
    comment_record_received,
    comment_respond,
)
from governance.services.impact import CostInput, OptionInput, impact_assessment_save
from governance.services.objectives import (
    indicator_record_measurement,
    issue_create,
    issue_set_status,
)
from governance.services.proposals import (
    EDITABLE_FIELDS,
    consultation_close,
    consultation_open,
    consultations_close_due,
    consultations_open_due,
    proposal_create,
    proposal_record_result,
    proposal_transition,
    proposal_update,
)

__all__ = [
    "EDITABLE_FIELDS",
    "CostInput",
    "Decision",
    "OptionInput",
    "ballot_close",
    "ballot_configure",
    "ballots_close_due",
    "comment_moderate",
    "comment_post",
    "comment_record_received",
    "comment_respond",
    "conflict_declare",
    "consultation_close",
    "consultation_open",
    "consultations_close_due",
    "consultations_open_due",
    "decision_publish",
    "dissent_file",
    "endorsement_record",
    "impact_assessment_save",
    "indicator_record_measurement",
    "interest_declare",
    "interest_end",
    "issue_create",
    "issue_set_status",
    "proposal_create",
    "proposal_record_result",
    "proposal_transition",
    "proposal_update",
    "recusal_exempt",
    "reviewer_statement_file",
    "seat_holder_add",
    "seat_holder_end_term",
    "vote_cast",
]
