"""Writes of proposals: their lifecycle and consultation window (``lifecycle``) and their impact
assessments (``impact``)."""

from governance.proposals.services.impact import CostInput, OptionInput, impact_assessment_save
from governance.proposals.services.lifecycle import (
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
    "OptionInput",
    "consultation_close",
    "consultation_open",
    "consultations_close_due",
    "consultations_open_due",
    "impact_assessment_save",
    "proposal_create",
    "proposal_record_result",
    "proposal_transition",
    "proposal_update",
]
