"""Models of the standards app, one module per topic: the registry (standards, versions,
elements) and the crosswalk (mapping sets, mappings)."""

from standards.models.acceptance import (
    OUTCOMES,
    WITHDRAWABLE,
    AcceptanceRequest,
    AcceptanceStatus,
)
from standards.models.certifications import Certification, CertificationStatus, current_q
from standards.models.crosswalk import (
    FIXED_STRENGTH,
    INVERSE,
    PHRASE,
    PUBLISHED_STATUSES,
    Mapping,
    MappingSet,
    MappingStatus,
    Rationale,
    Relationship,
    strength_problem,
)
from standards.models.registry import (
    Element,
    ElementKind,
    Standard,
    StandardKind,
    StandardVersion,
    VersionStatus,
)

__all__ = [
    "FIXED_STRENGTH",
    "INVERSE",
    "OUTCOMES",
    "PHRASE",
    "PUBLISHED_STATUSES",
    "WITHDRAWABLE",
    "AcceptanceRequest",
    "AcceptanceStatus",
    "Certification",
    "CertificationStatus",
    "Element",
    "ElementKind",
    "Mapping",
    "MappingSet",
    "MappingStatus",
    "Rationale",
    "Relationship",
    "Standard",
    "StandardKind",
    "StandardVersion",
    "VersionStatus",
    "current_q",
    "strength_problem",
]
