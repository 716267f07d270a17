"""Fields outside the role's allowed set: every JSON object an API list or detail endpoint
returns to a role has only the fields its audience may get.

The allowed fields are written by hand per serializer and audience from DESIGN.md §2 and the
README's API table (contacts and liaisons are members-level; moderation is the secretariat's;
an API token's key is shown once, when issued, never listed), never recorded from responses.
Audiences are cumulative: members get the public fields and more, the secretariat the members'.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alliance_portal.roles import Role
from tests.security import figures

R = Role
AUDIENCE = {
    R.ANONYMOUS: "public",
    R.EXTERNAL_STAKEHOLDER: "public",
    R.MEMBER: "members",
    R.ORGANISATION_REPRESENTATIVE: "members",
    R.CIVIL_SOCIETY_REVIEWER: "members",
    R.SECRETARIAT: "secretariat",
    R.SUPERUSER: "secretariat",
}


def _levels(
    public: set[str],
    members: frozenset[str] | set[str] = frozenset(),
    staff: frozenset[str] | set[str] = frozenset(),
) -> dict[str, frozenset[str]]:
    return {
        "public": frozenset(public),
        "members": frozenset(public | members),
        "secretariat": frozenset(public | members | staff),
    }


ORGANISATION = _levels(
    {
        "slug",
        "name",
        "chamber",
        "kind",
        "membership_status",
        "description",
        "website",
        "headquarters_country",
        "countries_of_operation",
        "value_chain_stages",
        "sectors",
        "materials",
        "joined_on",
    },
    members={"contact_name", "contact_email", "contact_phone"},
)
PARTNER_ALLIANCE = _levels(
    {
        "slug",
        "name",
        "website",
        "description",
        "sectors",
        "chambers",
        "value_chain_stages",
        "materials",
        "countries",
        "cooperation_agreed_on",
    },
    members={"liaison_name", "liaison_email"},
)
COMMENT = _levels(
    {
        "id",
        "proposal",
        "parent",
        "version",
        "paragraph",
        "author_kind",
        "author_name",
        "organisation",
        "organisation_name",
        "chamber",
        "text",
        "text_html",
        "status",
        "created_at",
        "response",
        # Input received outside the portal: how, for which community group, in which language.
        "channel",
        "group",
        "language",
        "received_as",
    },
    # Who recorded input received outside the portal is the secretariat's to know.
    staff={"moderation_reason", "moderated_at", "recorded_by"},
)
VERSION = _levels(
    {
        "proposal",
        "number",
        "title",
        "summary",
        "text",
        "sha256",
        "note",
        "author_agreed",
        "published_at",
    }
)
USAGE_NOTE = _levels({"chamber", "organisation", "text", "disclosure", "updated_at"})
PROPOSAL = _levels(
    {
        "id",
        "url",
        "title",
        "summary",
        "status",
        "disclosure",
        "body",
        "proposed_by",
        "objectives",
        "issues",
        "countries",
        "materials",
        "consultation",
        "created_at",
        "updated_at",
        "shown_comments",
        # Who tabled it and its co-sponsors by chamber (organisations, never people).
        "tabling",
    }
)
INITIATIVE_FIELDS = {
    "id",
    "url",
    "title",
    "description",
    "description_html",
    "status",
    "status_label",
    "disclosure",
    "lead_organisation",
    "lead_organisation_name",
    "budget_amount",
    "budget_currency",
    "countries",
    "materials",
    "decisions",
    "partner_alliances",
    # Per currency; pledged and paid apart are dropped from it for the public (one
    # organisation's amount may be all of either).
    "funding",
    "created_at",
    "updated_at",
}
INITIATIVE = _levels(INITIATIVE_FIELDS)
# Who pledged is public; each pledge with its amount is members-level.
INITIATIVE_DETAIL = _levels(INITIATIVE_FIELDS | {"pledged_by", "actions"}, members={"pledges"})
PLEDGE = _levels(
    set(),
    members={
        "id",
        "initiative",
        "organisation",
        "partner_alliance",
        "pledger_name",
        "amount",
        "currency",
        "status",
        "due_on",
        "paid_on",
        "pledged_at",
    },
)
TOKEN = _levels({"id", "prefix", "created_at", "expires_at", "revoked_at", "active", "state"})
ME = _levels({"email", "display_name", "role", "organisation_id"})
RISK_NOTE_PAGE = _levels(
    {
        "country",
        "members",
        "government_members",
        "partner_alliances",
        "critical_groups",
        "risk_notes",
    }
)
# A certification's own disclosure level decides who gets it at all; every reader who gets one
# gets all of these (who recorded it is for the admin only).
CERTIFICATION = _levels(
    {
        "id",
        "url",
        "organisation",
        "organisation_name",
        "standard",
        "standard_title",
        "version",
        "status",
        "status_label",
        "recognised",
        "standing",
        "valid_from",
        "valid_until",
        "sites",
        "materials",
        "evidence_url",
        "disclosure",
        "updated_at",
    }
)
# Library documents: every reader of a document gets its fields and versions; whom it was
# shared with only those who may share it (the staff, or its organisation's representative).
DOCUMENT_FIELDS = {
    "id",
    "url",
    "title",
    "kind",
    "kind_label",
    "description",
    "document_date",
    "language",
    "disclosure",
    "body",
    "organisation",
    "link",
    "legal_hold",
    "created_at",
    "updated_at",
}
DOCUMENT = _levels(DOCUMENT_FIELDS)
DOCUMENT_DETAIL = _levels(DOCUMENT_FIELDS | {"versions"}, staff={"shared_with"})
# Tiers and commitments: who gets one at all is the policy's; every reader gets every field.
TIER = _levels(
    {
        "slug",
        "url",
        "name",
        "rank",
        "description",
        "status",
        "status_label",
        "adopted_on",
        "decision_ref",
        "decision_url",
        "committed",
        "requirements",
    }
)
TIER_COMMITMENT = _levels(
    {
        "id",
        "organisation",
        "organisation_name",
        "tier",
        "tier_name",
        "target_date",
        "disclosure",
        "declared_at",
        "current",
    }
)
# RS reports: a report's facts are public once submitted; its answers are filtered one by one
# by their own level (tests/access/test_leaks.py), each reader getting all of an answer's fields.
RS_REPORT_FIELDS = {
    "id",
    "url",
    "cycle",
    "cycle_title",
    "organisation",
    "organisation_name",
    "first_submitted_at",
    "on_time",
}
RS_REPORT = _levels(RS_REPORT_FIELDS)
RS_REPORT_DETAIL = _levels(RS_REPORT_FIELDS | {"versions"})
REPORTING_CYCLE = _levels(
    {
        "id",
        "url",
        "title",
        "opens_on",
        "due_on",
        "status",
        "status_label",
        "baseline",
        "question_count",
        "submitted_count",
    }
)
# A demand is read in full by its organisation's people and the secretariat, by nobody else.
DEMAND = _levels(
    {
        "id",
        "organisation",
        "organisation_name",
        "material",
        "material_label",
        "standard",
        "version",
        "ref",
        "title",
        "note",
        "created_at",
    }
)
# Aggregates and value chains: counts for everyone, the same fields whoever asks.
DEMAND_AGGREGATE = _levels({"threshold", "baseline", "materials"})
VALUE_CHAIN = _levels({"material", "material_label", "declared", "members", "stages"})
# An acceptance request's own level (and a draft's being its organisation's) decides who gets
# it at all; every reader who gets one gets all of these; the detail adds the coverage figures.
ACCEPTANCE_FIELDS = {
    "id",
    "url",
    "organisation",
    "organisation_name",
    "standard",
    "standard_title",
    "version",
    "requirements",
    "claims_all",
    "statement",
    "status",
    "status_label",
    "status_note",
    "disclosure",
    "submitted_at",
    "updated_at",
}
ACCEPTANCE = _levels(ACCEPTANCE_FIELDS)
ACCEPTANCE_DETAIL = _levels(ACCEPTANCE_FIELDS | {"coverage"})
OPENED_PROPOSAL = _levels(
    {
        "proposal",
        "proposal_url",
        "title",
        "body",
        "status",
        "status_label",
        "outcome",
        "decided_at",
        "decision_url",
    }
)
ACTION_FIELDS = {
    "id",
    "url",
    "title",
    "description",
    "description_html",
    "decision",
    "decision_title",
    "body",
    "owner",
    "owner_name",
    "countries",
    "due_date",
    "original_due_date",
    "status",
    "status_reason",
    "progress_mode",
    "percent",
    "milestone_count",
    "milestones_done",
    "disclosure",
    "overdue",
    "created_at",
    "started_at",
    "done_at",
}
ACTION = _levels(ACTION_FIELDS)
# The detail adds its milestones, timeline and log statements; the responsible person's name is
# for members-level readers (and the owner's people), as the person's own level allows.
ACTION_DETAIL = _levels(
    ACTION_FIELDS | {"milestones", "updates", "statements"}, members={"responsible"}
)
# A standing is public and the same for every reader: no audience gets more.
STANDING = _levels({"organisation", "as_of", "url", "json_url", "parts", "how_computed"})
CONCEPT_SUMMARY = _levels(
    {"slug", "uri", "status", "notation", "preferred_label", "label_language", "replaced_by"}
)


def _proposal(world) -> int:
    return int(world.extra["markers"]["public_proposal"].pk)


def _initiative(world) -> int:
    return int(world.extra["initiatives"]["public"].pk)


def _concept(world) -> str:
    return str(world.extra["markers"]["noted_concepts"][0].slug)


PAGE = "?page_size=200"
# An organisation's access log: its own people (and the secretariat) read the same fields; the
# reader is named, never by email, and the address of the page read is not given.
ACCESS_LOG = _levels(
    set(), members={"accessed_at", "reader", "item_type", "item", "reason", "reason_detail", "why"}
)

ENDPOINTS: dict[str, tuple[Callable[[Any], str], dict[str, frozenset[str]]]] = {
    "organisations": (lambda w: f"/api/v1/organisations/{PAGE}", ORGANISATION),
    "organisation A": (lambda w: f"/api/v1/organisations/{w.own.slug}/", ORGANISATION),
    "organisation B": (lambda w: f"/api/v1/organisations/{w.other.slug}/", ORGANISATION),
    "partner alliances": (lambda w: f"/api/v1/partner-alliances/{PAGE}", PARTNER_ALLIANCE),
    "comments": (lambda w: f"/api/v1/proposals/{_proposal(w)}/comments/{PAGE}", COMMENT),
    "versions": (lambda w: f"/api/v1/proposals/{_proposal(w)}/versions/{PAGE}", VERSION),
    "usage notes": (
        lambda w: f"/api/v1/glossary/concepts/{_concept(w)}/usage-notes/{PAGE}",
        USAGE_NOTE,
    ),
    "proposals": (lambda w: f"/api/v1/proposals/{PAGE}", PROPOSAL),
    "initiatives": (lambda w: f"/api/v1/initiatives/{PAGE}", INITIATIVE),
    "initiative": (lambda w: f"/api/v1/initiatives/{_initiative(w)}/", INITIATIVE_DETAIL),
    "initiative pledges": (lambda w: f"/api/v1/initiatives/{_initiative(w)}/pledges/", PLEDGE),
    "tokens": (lambda w: f"/api/v1/auth/tokens/{PAGE}", TOKEN),
    "me": (lambda w: "/api/v1/me/", ME),
    "country page": (lambda w: "/api/v1/countries/cd/", RISK_NOTE_PAGE),
    "concepts": (lambda w: f"/api/v1/glossary/concepts/{PAGE}", CONCEPT_SUMMARY),
    "certifications": (lambda w: f"/api/v1/certifications/{PAGE}", CERTIFICATION),
    "standing A": (lambda w: f"/api/v1/organisations/{w.own.slug}/standing/", STANDING),
    "standing B": (lambda w: f"/api/v1/organisations/{w.other.slug}/standing/", STANDING),
    "tiers": (lambda w: "/api/v1/tiers/", TIER),
    "access log A": (lambda w: f"/api/v1/organisations/{w.own.slug}/access-log/", ACCESS_LOG),
    "tier commitments": (lambda w: f"/api/v1/tier-commitments/{PAGE}", TIER_COMMITMENT),
    "reporting cycles": (lambda w: f"/api/v1/reporting-cycles/{PAGE}", REPORTING_CYCLE),
    "rs reports": (lambda w: f"/api/v1/rs-reports/{PAGE}", RS_REPORT),
    "rs report B": (
        lambda w: f"/api/v1/rs-reports/{w.extra['markers']['reports']['other'].pk}/",
        RS_REPORT_DETAIL,
    ),
    "demands": (lambda w: f"/api/v1/demands/{PAGE}", DEMAND),
    "demand aggregate": (lambda w: "/api/v1/demands/aggregate/", DEMAND_AGGREGATE),
    "value chains": (lambda w: "/api/v1/value-chains/", VALUE_CHAIN),
    "value chain": (lambda w: "/api/v1/value-chains/gold/", VALUE_CHAIN),
    "actions": (lambda w: f"/api/v1/actions/{PAGE}", ACTION),
    "documents": (lambda w: f"/api/v1/documents/{PAGE}", DOCUMENT),
    "document": (
        lambda w: f"/api/v1/documents/{w.extra['documents']['public'].pk}/",
        DOCUMENT_DETAIL,
    ),
    "acceptance requests": (lambda w: f"/api/v1/acceptance-requests/{PAGE}", ACCEPTANCE),
    "acceptance request proposals": (
        lambda w: (
            f"/api/v1/acceptance-requests/{w.extra['acceptance']['other-opened'].pk}/proposals/"
        ),
        OPENED_PROPOSAL,
    ),
    "acceptance request": (
        lambda w: f"/api/v1/acceptance-requests/{w.extra['acceptance']['other-public'].pk}/",
        ACCEPTANCE_DETAIL,
    ),
    "action": (
        lambda w: f"/api/v1/actions/{w.extra['markers']['public_action'].pk}/",
        ACTION_DETAIL,
    ),
}


def _objects(payload: Any) -> list[dict[str, Any]]:
    """The objects an answer carries: a page's results, a list's items, or the object itself."""
    if isinstance(payload, dict) and "results" in payload and "count" in payload:
        payload = payload["results"]
    if isinstance(payload, dict):
        return [payload]
    return [item for item in payload if isinstance(item, dict)]


@pytest.mark.security
@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_fields_within_the_audience(matrix_world, name: str) -> None:
    world = matrix_world
    url_for, allowed = ENDPOINTS[name]
    url = url_for(world)
    outside = []
    checked = 0
    for role in Role:
        response = world.client_for(role).get(url)
        if response.status_code != 200:
            continue
        for item in _objects(response.json()):
            checked += 1
            extra = set(item) - allowed[AUDIENCE[role]]
            if extra:
                outside.append(f"{url} as {role}: {sorted(extra)}")
    figures.record("matrix.fields_outside_allowed", len(outside))
    assert checked > 0, f"{url} returned no object to check"
    assert outside == [], "\n".join(outside)
