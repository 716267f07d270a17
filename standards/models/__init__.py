"""Models of the standards app, one module per topic: the registry (standards, versions,
elements) and the crosswalk (mapping sets, mappings)."""

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
from standards.models.reports import (
    Answer,
    AnswerStatus,
    CycleRequirement,
    CycleStatus,
    Report,
    ReportingCycle,
    ReportVersion,
    VersionState,
)

__all__ = [
    "FIXED_STRENGTH",
    "INVERSE",
    "PHRASE",
    "PUBLISHED_STATUSES",
    "Answer",
    "AnswerStatus",
    "Certification",
    "CertificationStatus",
    "CycleRequirement",
    "CycleStatus",
    "Element",
    "ElementKind",
    "Mapping",
    "MappingSet",
    "MappingStatus",
    "Rationale",
    "Relationship",
    "Report",
    "ReportVersion",
    "ReportingCycle",
    "Standard",
    "StandardKind",
    "StandardVersion",
    "VersionState",
    "VersionStatus",
    "current_q",
    "strength_problem",
]
