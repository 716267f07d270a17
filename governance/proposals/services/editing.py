"""Tabling and changing proposals: what changes while the proposal is a draft, until its
consultation closes, or until its result."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.types import Actor
from governance.bodies.constitution import check_consultation_length
from governance.bodies.models import Body
from governance.common.services import acting_user
from governance.objectives.models import Issue, Objective
from governance.proposals.models import FINAL_STATUSES, Proposal, ProposalStatus
from members.models import Organisation

S = ProposalStatus

# Editable while the proposal is a draft only: what people comment on must not move under them.
DRAFT_ONLY_FIELDS = frozenset(
    {"title", "summary", "text", "body", "proposed_by", "consultation_opens_at"}
)
# Links kept up to date until a result.
LINK_FIELDS = frozenset({"objectives", "issues", "countries", "materials"})
SCHEDULE_FIELDS = frozenset({"consultation_closes_at", "consultation_public", "disclosure"})
EDITABLE_FIELDS = DRAFT_ONLY_FIELDS | LINK_FIELDS | SCHEDULE_FIELDS


def _check_schedule(proposal: Proposal, *, length: bool = True) -> dict[str, str]:
    """The schedule's errors; with ``length``, also a window (opening to closing) shorter than
    the body's constitution allows."""
    errors = {}
    opens, closes = proposal.consultation_opens_at, proposal.consultation_closes_at
    if opens is not None and closes is None:
        errors["consultation_closes_at"] = "Say when the consultation closes."
    if opens is not None and closes is not None and closes <= opens:
        errors["consultation_closes_at"] = "The consultation must close after it opens."
    elif length and opens is not None and closes is not None:
        errors.update(check_consultation_length(body=proposal.body, opens=opens, closes=closes))
    if proposal.consultation_public and proposal.disclosure != DisclosureLevel.PUBLIC:
        errors["consultation_public"] = (
            "Only a public proposal can have a consultation open to the public."
        )
    return errors


def _save_checked(proposal: Proposal, *, length: bool = True) -> None:
    errors = _check_schedule(proposal, length=length)
    if errors:
        raise ValidationError(errors)
    proposal.full_clean(exclude=["objectives", "issues"])
    proposal.save()


def _set_links(
    proposal: Proposal,
    objectives: Iterable[Objective] | None,
    issues: Iterable[Issue] | None,
) -> None:
    if objectives is not None:
        proposal.objectives.set(list(objectives))
    if issues is not None:
        proposal.issues.set(list(issues))


@use_case
def proposal_create(
    *,
    actor: Actor,
    body: Body,
    title: str,
    summary: str,
    text: str,
    disclosure: str = DisclosureLevel.MEMBERS,
    objectives: Iterable[Objective] = (),
    issues: Iterable[Issue] = (),
    countries: Iterable[str] = (),
    materials: Iterable[str] = (),
    proposed_by: Organisation | None = None,
    consultation_opens_at: datetime | None = None,
    consultation_closes_at: datetime | None = None,
    consultation_public: bool = False,
    created_at: datetime | None = None,
) -> Proposal:
    """Table a draft proposal (the secretariat). A consultation scheduled here opens by itself
    when its time comes (Celery beat). Refuses a schedule that closes before it opens or is
    shorter than the body's constitution allows, and a public consultation of a members-only
    proposal."""
    policy.require(actor, "proposal.create")
    proposal = Proposal(
        body=body,
        title=title.strip(),
        summary=summary.strip(),
        text=text.strip(),
        disclosure=disclosure,
        countries=cast(Any, list(countries)),
        materials=list(materials),
        proposed_by=proposed_by,
        consultation_opens_at=consultation_opens_at,
        consultation_closes_at=consultation_closes_at,
        consultation_public=consultation_public,
        created_by=acting_user(actor),
        created_at=created_at or timezone.now(),
    )
    _save_checked(proposal)
    _set_links(proposal, objectives, issues)
    return proposal


@use_case
def proposal_update(
    *, actor: Actor, proposal: Proposal, changes: Mapping[str, Any], now: datetime | None = None
) -> Proposal:
    """Change a proposal (the secretariat). The text, title, summary, body, sponsor and
    opening time change only while it is a draft, and never on a member organisation's
    proposal (its author words it, see ``proposal_draft_update``); links (objectives, issues, countries,
    materials) until a result; the closing time while the consultation has not closed (and
    only to a time in the future once it is open); the consultation may be opened to the
    public but not closed to it once it runs; the disclosure may always be raised to public
    but lowered only on a draft. Nothing is saved unless every change is allowed and valid."""
    policy.require(actor, "proposal.edit", proposal)
    now = now or timezone.now()
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(f"Unknown or read-only fields: {', '.join(sorted(unknown))}.")
    status = proposal.status
    errors: dict[str, str] = {}
    for field, value in changes.items():
        current = getattr(proposal, field) if field not in ("objectives", "issues") else None
        if field in DRAFT_ONLY_FIELDS and proposal.is_member_drafted and value != current:
            errors[field] = (
                "A member organisation's proposal is worded by its author; the secretariat "
                "schedules its consultation when it admits it."
            )
        elif field in DRAFT_ONLY_FIELDS and status != S.DRAFT and value != current:
            errors[field] = "This changes only while the proposal is a draft."
        elif field in LINK_FIELDS and status in FINAL_STATUSES:
            errors[field] = "The proposal is decided: its links do not change any more."
        elif field == "consultation_closes_at" and value != current:
            if status not in (S.DRAFT, S.CONSULTATION):
                errors[field] = "The consultation has closed."
            elif status == S.CONSULTATION and (value is None or value <= now):
                errors[field] = "An open consultation closes at a time in the future."
        elif field == "consultation_public" and value != current:
            if status not in (S.DRAFT, S.CONSULTATION):
                errors[field] = "The consultation has closed."
            elif status == S.CONSULTATION and not value:
                errors[field] = "A consultation open to the public stays open to it."
        elif (
            field == "disclosure"
            and value != current
            and value == DisclosureLevel.MEMBERS
            and status != S.DRAFT
        ):
            errors[field] = "Only a draft can be made members-only again."
    if errors:
        raise ValidationError(errors)
    made_public = (
        changes.get("disclosure") == DisclosureLevel.PUBLIC
        and proposal.disclosure != DisclosureLevel.PUBLIC
    )
    for field, value in changes.items():
        if field in ("objectives", "issues"):
            continue
        if field in ("countries", "materials"):
            value = list(value)
        setattr(proposal, field, value)
    # The window is held to the constitution when it changes (a running consultation's
    # closing time too: from when it opened); a past window is left as it was.
    rescheduled = {"consultation_opens_at", "consultation_closes_at", "body"} & set(changes)
    _save_checked(proposal, length=bool(rescheduled))
    _set_links(proposal, changes.get("objectives"), changes.get("issues"))
    if made_public:
        # A decided members-only proposal made public publishes its decision (Governance II).
        from governance.ballots.services import decision_publish_on_disclosure

        decision_publish_on_disclosure(proposal=proposal)
    return proposal
