"""Writes of the standards app: one function per use case, each a transaction whose writes the
audit trail tags with the acting person and the use case (``@use_case``)."""

from standards.services.acceptance import (
    AcceptanceFields,
    acceptance_request_conclude,
    acceptance_request_consider,
    acceptance_request_draft,
    acceptance_request_submit,
    acceptance_request_update,
    acceptance_request_withdraw,
    record_outcome,
    take_into_consideration,
)
from standards.services.certifications import (
    CertificationFields,
    certification_record,
    certification_update,
)
from standards.services.crosswalk import (
    mapping_approve,
    mapping_create,
    mapping_review,
    mapping_set_create,
    mapping_set_import_csv,
    mapping_supersede,
    mapping_update,
)
from standards.services.demands import demand_record, demand_withdraw
from standards.services.registry import (
    ElementImport,
    version_import_elements_csv,
    version_make_current,
)
from standards.services.reports import (
    AnswerFields,
    report_correct,
    report_save_draft,
    report_submit,
    reporting_cycle_close,
    reporting_cycle_open,
)
from standards.services.tiers import (
    TierFields,
    tier_adopt,
    tier_commitment_declare,
    tier_commitment_withdraw,
    tier_draft,
    tier_update,
)

__all__ = [
    "AcceptanceFields",
    "AnswerFields",
    "CertificationFields",
    "ElementImport",
    "TierFields",
    "acceptance_request_conclude",
    "acceptance_request_consider",
    "acceptance_request_draft",
    "acceptance_request_submit",
    "acceptance_request_update",
    "acceptance_request_withdraw",
    "certification_record",
    "certification_update",
    "demand_record",
    "demand_withdraw",
    "mapping_approve",
    "mapping_create",
    "mapping_review",
    "mapping_set_create",
    "mapping_set_import_csv",
    "mapping_supersede",
    "mapping_update",
    "record_outcome",
    "report_correct",
    "report_save_draft",
    "report_submit",
    "reporting_cycle_close",
    "reporting_cycle_open",
    "take_into_consideration",
    "tier_adopt",
    "tier_commitment_declare",
    "tier_commitment_withdraw",
    "tier_draft",
    "tier_update",
    "version_import_elements_csv",
    "version_make_current",
]
