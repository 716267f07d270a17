"""Writes of proposals: tabling and changing them (``editing``), their lifecycle and consultation
window (``lifecycle``), member-tabled proposals with their co-sponsors, admission and decline
(``tabling``), its author's withdrawal (``withdrawal``) and their impact assessments
(``impact``)."""

from governance.proposals.services.admission import proposal_admit, proposal_decline
from governance.proposals.services.editing import EDITABLE_FIELDS, proposal_create, proposal_update
from governance.proposals.services.impact import CostInput, OptionInput, impact_assessment_save
from governance.proposals.services.lifecycle import (
    consultation_close,
    consultation_close_on_schedule,
    consultation_open,
    consultation_open_on_schedule,
    consultations_close_due,
    consultations_open_due,
    proposal_record_result,
    proposal_transition,
    record_result,
)
from governance.proposals.services.tabling import (
    DRAFT_FIELDS,
    proposal_draft,
    proposal_draft_update,
    proposal_revise,
    proposal_sponsor,
    proposal_sponsor_withdraw,
    proposal_sponsors_request,
    proposal_table,
)
from governance.proposals.services.withdrawal import proposal_withdraw_own

__all__ = [
    "DRAFT_FIELDS",
    "EDITABLE_FIELDS",
    "CostInput",
    "OptionInput",
    "consultation_close",
    "consultation_close_on_schedule",
    "consultation_open",
    "consultation_open_on_schedule",
    "consultations_close_due",
    "consultations_open_due",
    "impact_assessment_save",
    "proposal_admit",
    "proposal_create",
    "proposal_decline",
    "proposal_draft",
    "proposal_draft_update",
    "proposal_record_result",
    "proposal_revise",
    "proposal_sponsor",
    "proposal_sponsor_withdraw",
    "proposal_sponsors_request",
    "proposal_table",
    "proposal_transition",
    "proposal_update",
    "proposal_withdraw_own",
    "record_result",
]
