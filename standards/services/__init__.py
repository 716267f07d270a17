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
from standards.services.registry import (
    ElementImport,
    version_import_elements_csv,
    version_make_current,
)

__all__ = [
    "AcceptanceFields",
    "CertificationFields",
    "ElementImport",
    "acceptance_request_conclude",
    "acceptance_request_consider",
    "acceptance_request_draft",
    "acceptance_request_submit",
    "acceptance_request_update",
    "acceptance_request_withdraw",
    "certification_record",
    "certification_update",
    "mapping_approve",
    "mapping_create",
    "mapping_review",
    "mapping_set_create",
    "mapping_set_import_csv",
    "mapping_supersede",
    "mapping_update",
    "record_outcome",
    "take_into_consideration",
    "version_import_elements_csv",
    "version_make_current",
]
