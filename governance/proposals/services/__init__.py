"""Writes of proposals: tabling and changing them (``editing``), their lifecycle and consultation
window (``lifecycle``) and their impact assessments (``impact``)."""

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

__all__ = [
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
    "proposal_create",
    "proposal_record_result",
    "proposal_transition",
    "proposal_update",
    "record_result",
]
