"""Who may act in standards (rules registered with ``@action``).

- People who read members-level material propose crosswalk mappings: one by one, as a
  replacement for an approved mapping, or many from CSV (DESIGN.md §2).
- A mapping is edited by its author or the secretariat (whether it can still be edited, a draft
  or reviewed mapping, is the service's validation: an approved mapping is edited by nobody).
- The secretariat reviews and approves mappings, never one it wrote; it opens mapping sets,
  imports a version's element tree and makes a version current.

- The secretariat drafts commitment tiers; nobody adopts one by hand: only a decision's effect,
  carried out by the portal (the system). An organisation's representative, and only they,
  declares the tier the organisation commits to.

``mapping.review`` and ``mapping.approve`` asked without a mapping answer whether the person
does that work at all; asked about a mapping, they also refuse its author. (The services ask
the first and report the second as a field error of the record, the rule the database keeps
too: ``mapping_reviewer_not_author``, ``mapping_approver_not_author``.)
"""

from __future__ import annotations

from typing import Any

from alliance_portal.policy.actions import Verdict, action
from alliance_portal.policy.principals import Principal
from alliance_portal.policy.rules.common import (
    ORGANISATION_ROLES,
    is_author,
    is_representative,
    is_staff,
    reads_members_level,
    represents,
)
from alliance_portal.policy.visibility import can_change

OWN_REVIEW = "You wrote this mapping: someone else must review it."
OWN_APPROVAL = "You wrote this mapping: someone else must approve it."


@action(
    "mapping.propose", refusal="Only people of member organisations may propose crosswalk mappings."
)
def propose_mapping(who: Principal, mapping_set: Any) -> Verdict:
    """Members, representatives, civil-society reviewers and the secretariat (drafts, CSV
    imports and replacements of approved mappings)."""
    return reads_members_level(who)


@action("mapping.edit", refusal="Only the mapping's author or the secretariat may change it.")
def edit_mapping(who: Principal, mapping: Any) -> Verdict:
    """The mapping's author or the secretariat (a draft or reviewed mapping only)."""
    return is_staff(who) or is_author(who, mapping.author_id)


def _signs_off(who: Principal, mapping: Any, own: str) -> Verdict:
    if not is_staff(who):
        return False
    if mapping is not None and is_author(who, mapping.author_id):
        return own
    return True


@action("mapping.review", refusal="Only the secretariat may review crosswalk mappings.")
def review_mapping(who: Principal, mapping: Any) -> Verdict:
    """The secretariat, never for a mapping it wrote."""
    return _signs_off(who, mapping, OWN_REVIEW)


@action("mapping.approve", refusal="Only the secretariat may approve crosswalk mappings.")
def approve_mapping(who: Principal, mapping: Any) -> Verdict:
    """The secretariat, never for a mapping it wrote."""
    return _signs_off(who, mapping, OWN_APPROVAL)


@action("mapping_set.open", refusal="Only the secretariat may open mapping sets.")
def open_mapping_set(who: Principal, obj: Any) -> Verdict:
    """The secretariat."""
    return is_staff(who)


@action(
    "version.import_elements", refusal="Only the secretariat may import the elements of a standard."
)
def import_elements(who: Principal, version: Any) -> Verdict:
    """The secretariat (a standard version's element tree, from CSV)."""
    return is_staff(who)


@action(
    "version.make_current",
    refusal="Only the secretariat may change which version of a standard is current.",
)
def make_version_current(who: Principal, version: Any) -> Verdict:
    """The secretariat."""
    return is_staff(who)


@action(
    "certification.record",
    refusal="Only the organisation's representative or the secretariat records its certifications.",
)
def record_certification(who: Principal, organisation: Any) -> Verdict:
    """The organisation's representative (its own certifications) and the secretariat: record
    a certification and change it later (status, dates, scope, evidence, disclosure)."""
    return can_change(who.user, organisation)


@action("tier.draft", refusal="Only the secretariat drafts commitment tiers.")
def draft_tier(who: Principal, tier: Any) -> Verdict:
    """The secretariat: draft a commitment tier and change a draft."""
    return is_staff(who)


@action(
    "tier.adopt",
    refusal="A commitment tier is adopted only by a decision: table a proposal whose effect "
    "adopts it.",
)
def adopt_tier(who: Principal, tier: Any) -> Verdict:
    """Nobody by hand: only an adopted decision whose effect adopts the tier, carried out by the
    portal (the system)."""
    return False


@action(
    "tier_commitment.declare",
    refusal="Only the organisation's representative declares the tier it commits to.",
)
def declare_tier_commitment(who: Principal, organisation: Any) -> Verdict:
    """The organisation's representative: declare the adopted tier it commits to and by when,
    change or withdraw it."""
    return represents(who, getattr(organisation, "pk", None))


# --- acceptance requests: an organisation proposes a standard version as meeting (part of) the
# alliance baseline; the secretariat opens a proposal from it.


@action(
    "acceptance_request.draft",
    refusal="Only the organisation's representative drafts its acceptance requests.",
)
def draft_acceptance_request(who: Principal, organisation: Any) -> Verdict:
    """The organisation's representative, for its own organisation: draft an acceptance
    request and change it while it is a draft (asked without an organisation: any
    representative)."""
    if organisation is None:
        return is_representative(who)
    return represents(who, getattr(organisation, "pk", None))


@action(
    "acceptance_request.submit",
    refusal="Only the organisation's representative submits its acceptance requests.",
)
def submit_acceptance_request(who: Principal, request: Any) -> Verdict:
    """The representative of the organisation whose draft it is."""
    return represents(who, getattr(request, "organisation_id", None))


@action(
    "acceptance_request.withdraw",
    refusal="Only the organisation's representative withdraws its acceptance requests.",
)
def withdraw_acceptance_request(who: Principal, request: Any) -> Verdict:
    """The representative of the organisation that made it, until the alliance answers."""
    return represents(who, getattr(request, "organisation_id", None))


@action(
    "acceptance_request.open_proposal",
    refusal="Only the secretariat opens a proposal from an acceptance request.",
)
def open_proposal_from_acceptance_request(who: Principal, request: Any) -> Verdict:
    """The secretariat: open a draft proposal from a submitted request (which is then under
    consideration)."""
    return is_staff(who)


@action(
    "acceptance_request.conclude",
    refusal="Only the secretariat records the alliance's answer to an acceptance request.",
)
def conclude_acceptance_request(who: Principal, request: Any) -> Verdict:
    """The secretariat (or the decision that answers it): record the request as accepted,
    partly accepted or declined."""
    return is_staff(who)


@action("reporting_cycle.open", refusal="Only the secretariat opens reporting cycles.")
def open_reporting_cycle(who: Principal, obj: Any) -> Verdict:
    """The secretariat (its questionnaire is the current baseline's requirements)."""
    return is_staff(who)


@action("reporting_cycle.close", refusal="Only the secretariat closes reporting cycles.")
def close_reporting_cycle(who: Principal, cycle: Any) -> Verdict:
    """The secretariat."""
    return is_staff(who)


REPORT_REFUSAL = "Only the organisation's representative files its RS reports."


def _files_reports_for(who: Principal, organisation: Any) -> Verdict:
    """The organisation's representative: not the secretariat (it reads every report but never
    answers for an organisation), not another organisation's people. A representative whose
    protocol acceptance is outdated still edits drafts; submitting asks them to accept it
    (the service's validation says where). The portal itself (the demo loader) files reports
    as the system."""
    if who.is_system:
        return True
    if is_staff(who) or organisation is None or who.organisation_id != organisation.pk:
        return False
    return can_change(who.user, organisation)


@action("rs_report.edit", refusal=REPORT_REFUSAL)
def edit_report(who: Principal, organisation: Any) -> Verdict:
    """The organisation's representative saves its report's draft (answers, evidence links,
    plans and each answer's disclosure level)."""
    return _files_reports_for(who, organisation)


@action("rs_report.submit", refusal=REPORT_REFUSAL)
def submit_report(who: Principal, organisation: Any) -> Verdict:
    """The organisation's representative submits its draft, which freezes it (and only with
    a current acceptance of the information-sharing protocol)."""
    return _files_reports_for(who, organisation)


@action("rs_report.correct", refusal=REPORT_REFUSAL)
def correct_report(who: Principal, organisation: Any) -> Verdict:
    """The organisation's representative corrects a submitted report: a new version with a
    reason; the earlier versions stay in its history."""
    return _files_reports_for(who, organisation)


@action(
    "demand.record",
    refusal="Only the organisation's representative or the secretariat records what it demands "
    "of its suppliers.",
)
def record_demand(who: Principal, organisation: Any) -> Verdict:
    """The organisation's representative (its own demands) and the secretariat: record which
    baseline requirements or standard elements a downstream organisation demands of its
    suppliers, per material, and withdraw them. Its people and the secretariat read them in
    full; everyone else sees only counts of 3 buyers or more."""
    return can_change(who.user, organisation)


@action(
    "demand.read",
    refusal="Only the organisation's own people and the secretariat read its demands of "
    "suppliers; everyone may read the aggregated demand.",
)
def read_demands(who: Principal, organisation: Any) -> Verdict:
    """The organisation's own people and the secretariat: read, row by row, what it demands
    of its suppliers (everyone else sees only how many buyers ask, from 3 up)."""
    if is_staff(who):
        return True
    return who.role in ORGANISATION_ROLES and who.organisation_id == organisation.pk
