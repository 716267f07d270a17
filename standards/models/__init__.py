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
from standards.models.tiers import (
    PUBLISHED_TIER_STATUSES,
    CommitmentEnd,
    Tier,
    TierCommitment,
    TierRequirement,
    TierStatus,
)

__all__ = [
    "FIXED_STRENGTH",
    "INVERSE",
    "PHRASE",
    "PUBLISHED_STATUSES",
    "PUBLISHED_TIER_STATUSES",
    "Certification",
    "CertificationStatus",
    "CommitmentEnd",
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
    "Tier",
    "TierCommitment",
    "TierRequirement",
    "TierStatus",
    "VersionStatus",
    "current_q",
    "strength_problem",
]
