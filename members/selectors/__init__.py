"""Reads of the members app, used by views, API, reports and the access policy."""

from members.selectors.coverage import (
    CoverageCell,
    CoverageMatrix,
    Gap,
    coverage_gaps,
    coverage_matrix,
)
from members.selectors.organisations import (
    agreements_to_accept,
    chamber_list,
    competition_statement,
    current_agreements,
    in_country_q,
    membership_lookup,
    organisation_get,
    organisation_list,
    organisation_lookup_for_shared_layer,
    organisation_people,
    organisation_shows_contacts,
)
from members.selectors.stakeholders import (
    CountryPage,
    country_page,
    focus_country_list,
    partner_alliance_list,
    partner_alliance_shows_liaison,
    stakeholder_chart,
    stakeholder_group_list,
)

__all__ = [
    "CountryPage",
    "CoverageCell",
    "CoverageMatrix",
    "Gap",
    "agreements_to_accept",
    "chamber_list",
    "competition_statement",
    "country_page",
    "coverage_gaps",
    "coverage_matrix",
    "current_agreements",
    "focus_country_list",
    "in_country_q",
    "membership_lookup",
    "organisation_get",
    "organisation_list",
    "organisation_lookup_for_shared_layer",
    "organisation_people",
    "organisation_shows_contacts",
    "partner_alliance_list",
    "partner_alliance_shows_liaison",
    "stakeholder_chart",
    "stakeholder_group_list",
]
