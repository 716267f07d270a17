"""Writes of the standards app: one function per use case, each a transaction whose writes the
audit trail tags with the acting person and the use case (``@use_case``)."""

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

__all__ = [
    "CertificationFields",
    "ElementImport",
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
    "version_import_elements_csv",
    "version_make_current",
]
