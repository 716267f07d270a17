"""Models of the members app, one module per topic."""

from members.models.applications import (
    AgreementAcceptance,
    AgreementKind,
    AgreementVersion,
    ApplicationStatus,
    MembershipApplication,
)
from members.models.organisations import (
    Chamber,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    Person,
)
from members.models.stakeholders import (
    CRITICAL_FROM,
    CountryRiskNote,
    CountryRole,
    EngagementStatus,
    FocusCountry,
    FocusMaterial,
    PartnerAlliance,
    StakeholderGroup,
)

__all__ = [
    "CRITICAL_FROM",
    "AgreementAcceptance",
    "AgreementKind",
    "AgreementVersion",
    "ApplicationStatus",
    "Chamber",
    "CountryRiskNote",
    "CountryRole",
    "EngagementStatus",
    "FocusCountry",
    "FocusMaterial",
    "MembershipApplication",
    "MembershipStatus",
    "Organisation",
    "OrganisationKind",
    "PartnerAlliance",
    "Person",
    "StakeholderGroup",
]
