"""Member-tabled proposals: a member organisation's representative drafts a proposal, other
organisations' representatives co-sponsor it, its author tables it once organisations of enough
other chambers have (``governance.proposals.tabling``), and the secretariat admits it to
consultation or declines it with a published reason; a declined proposal can be revised and
tabled again.

Decisions recorded here (see the README):
- The author tables the proposal by hand once the rule is met (nothing happens by itself: the
  author chooses the moment, and may keep gathering support).
- Co-sponsors sponsor a wording: when the author changes the title, summary, text or body of a
  draft, every co-sponsorship is released and the draft gathers co-sponsors again. Revising a
  declined proposal reopens it as a draft and keeps its co-sponsors until its wording changes.
- Asking for co-sponsors names the organisations asked; their representatives get one email
  each through the outbox (asking the same organisation again sends nothing new).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.types import Actor
from governance.bodies.models import Body
from governance.common.services import acting_user
from governance.objectives.models import Issue, Objective
from governance.proposals.models import (
    Proposal,
    ProposalOrigin,
    ProposalStatus,
)
from governance.proposals.selectors import tabling_count
from governance.proposals.services.editing import _save_checked, _set_links
from governance.proposals.services.lifecycle import _transition
from governance.proposals.services.tabling_notices import (
    _notify,
    _representatives,
    _secretariat,
    _url,
    _when,
)
from governance.proposals.sponsors import ProposalSponsor
from members.models import MembershipStatus, Organisation

S = ProposalStatus

# What the author may change in its draft; the wording is what co-sponsors sponsored.
WORDING_FIELDS = frozenset({"title", "summary", "text", "body"})
DRAFT_FIELDS = WORDING_FIELDS | frozenset(
    {"disclosure", "objectives", "issues", "countries", "materials"}
)


def _acting_organisation(
    actor: Actor, organisation: Organisation | None, what: str
) -> Organisation:
    """The organisation a representative acts for (their own); the system names one."""
    own = policy.represented_organisation_id(actor)
    if own is not None:
        if organisation is not None and organisation.pk != own:
            raise PermissionDenied(f"You may {what} for your own organisation only.")
        return Organisation.objects.select_related("chamber").get(pk=own)
    if organisation is None:
        raise ValidationError({"organisation": f"Name the organisation to {what} for."})
    return organisation


def _lock(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("body", "proposed_by__chamber")
        .get(pk=proposal.pk)
    )


def _check_is_draft(proposal: Proposal, what: str) -> None:
    if not proposal.is_member_drafted:
        raise ValidationError("Only a member organisation's draft gathers co-sponsors.")
    if proposal.status != S.DRAFT:
        label = str(S(proposal.status).label).lower()
        raise ValidationError(f"The proposal is {label}: {what} only while it is a draft.")


@use_case
def proposal_draft(
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
    organisation: Organisation | None = None,
    created_at: datetime | None = None,
) -> Proposal:
    """Draft a proposal in a member organisation's name (its representative; the system names
    the organisation). The draft is the organisation's: its people edit it, its representative
    asks for co-sponsors and tables it. Its consultation is scheduled by the secretariat when it
    admits it, never here."""
    policy.require(actor, "proposal.draft")
    author = _acting_organisation(actor, organisation, "draft proposals")
    if author.membership_status != MembershipStatus.ACTIVE:
        raise ValidationError("Only an active member organisation drafts proposals.")
    proposal = Proposal(
        origin=ProposalOrigin.MEMBER,
        body=body,
        title=title.strip(),
        summary=summary.strip(),
        text=text.strip(),
        disclosure=disclosure,
        countries=cast(Any, list(countries)),
        materials=list(materials),
        proposed_by=author,
        created_by=acting_user(actor),
        created_at=created_at or timezone.now(),
    )
    _save_checked(proposal)
    _set_links(proposal, objectives, issues)
    return proposal


@use_case
def proposal_draft_update(
    *, actor: Actor, proposal: Proposal, changes: Mapping[str, Any]
) -> tuple[Proposal, int]:
    """Change a member's draft (the author organisation's people), while it is a draft (a
    declined one is reopened first, see ``proposal_revise``). Changing its wording (title,
    summary, text or body) releases every co-sponsorship: co-sponsors supported the words they
    read. Returns the proposal and how many co-sponsorships were released."""
    policy.require(actor, "proposal.edit_draft", proposal)
    locked = _lock(proposal)
    if locked.status != S.DRAFT:
        label = str(S(locked.status).label).lower()
        raise ValidationError(f"The proposal is {label}: its text changes only while a draft.")
    unknown = set(changes) - DRAFT_FIELDS
    if unknown:
        raise ValidationError(f"Unknown or read-only fields: {', '.join(sorted(unknown))}.")
    reworded = any(
        field in changes and changes[field] != getattr(locked, field) for field in WORDING_FIELDS
    )
    for field, value in changes.items():
        if field in ("objectives", "issues"):
            continue
        if field in ("countries", "materials"):
            value = list(value)
        if isinstance(value, str) and field != "disclosure":
            value = value.strip()
        setattr(locked, field, value)
    if locked.consultation_public and locked.disclosure != DisclosureLevel.PUBLIC:
        locked.consultation_public = False
    _save_checked(locked)
    _set_links(locked, changes.get("objectives"), changes.get("issues"))
    released = 0
    if reworded:
        released, _ = locked.sponsors.all().delete()
    return locked, released


@use_case
def proposal_sponsor(
    *,
    actor: Actor,
    proposal: Proposal,
    organisation: Organisation | None = None,
    now: datetime | None = None,
) -> ProposalSponsor:
    """Co-sponsor a member's draft for the representative's own organisation (the system names
    one), in the chamber it sits in. Refused for the author organisation, for an organisation
    that is not an active member, once the draft is tabled, and twice for one organisation."""
    policy.require(actor, "proposal.sponsor", proposal)
    locked = _lock(proposal)
    _check_is_draft(locked, "co-sponsors join")
    sponsor = _acting_organisation(actor, organisation, "co-sponsor")
    if sponsor.pk == locked.proposed_by_id:
        raise ValidationError("The author organisation does not co-sponsor its own proposal.")
    if sponsor.membership_status != MembershipStatus.ACTIVE:
        raise ValidationError("Only an active member organisation co-sponsors proposals.")
    if locked.sponsors.filter(organisation=sponsor).exists():
        raise ValidationError(f"{sponsor.name} already co-sponsors this proposal.")
    return ProposalSponsor.objects.create(
        proposal=locked,
        organisation=sponsor,
        chamber_id=sponsor.chamber_id,
        sponsored_by=acting_user(actor),
        sponsored_at=now or timezone.now(),
    )


@use_case
def proposal_sponsor_withdraw(
    *, actor: Actor, proposal: Proposal, organisation: Organisation | None = None
) -> None:
    """Withdraw the representative's organisation's co-sponsorship while the proposal is a
    draft (once tabled, the co-sponsors are what it was tabled with)."""
    policy.require(actor, "proposal.sponsor", proposal)
    locked = _lock(proposal)
    _check_is_draft(locked, "co-sponsors withdraw")
    sponsor = _acting_organisation(actor, organisation, "withdraw a co-sponsorship")
    deleted, _ = locked.sponsors.filter(organisation=sponsor).delete()
    if not deleted:
        raise ValidationError(f"{sponsor.name} does not co-sponsor this proposal.")


@use_case
def proposal_sponsors_request(
    *, actor: Actor, proposal: Proposal, organisations: Sequence[Organisation]
) -> int:
    """Ask other member organisations to co-sponsor the draft (its author's representative):
    each one's representatives get one email through the outbox. Returns how many emails were
    queued (asking the same organisation again sends nothing new)."""
    policy.require(actor, "proposal.table", proposal)
    locked = _lock(proposal)
    _check_is_draft(locked, "co-sponsors are asked")
    if not organisations:
        raise ValidationError({"organisations": "Choose the organisations to ask."})
    errors = [
        f"{o.name} is not an active member organisation."
        for o in organisations
        if o.membership_status != MembershipStatus.ACTIVE
    ]
    if any(o.pk == locked.proposed_by_id for o in organisations):
        errors.append("Your own organisation is the author: ask other organisations.")
    if errors:
        raise ValidationError({"organisations": errors})
    assert locked.proposed_by is not None  # noqa: S101 (a member's draft has its author)
    author = locked.proposed_by.name
    sent = 0
    for organisation in organisations:
        sent += _notify(
            _representatives([organisation.pk]),
            event_key=f"governance:sponsor-request:{locked.pk}:{organisation.pk}",
            subject=f"Co-sponsorship asked: “{locked.title}”",
            body=(
                f"{author} asks {organisation.name} to co-sponsor its draft proposal "
                f"“{locked.title}” to the {locked.body.name}.\n\n{locked.summary}\n\n"
                "As your organisation's representative you may co-sponsor it (and withdraw "
                f"while it is a draft) on its page:\n\n{_url(locked)}\n"
            ),
        )
    return sent


@use_case
def proposal_table(*, actor: Actor, proposal: Proposal, now: datetime | None = None) -> Proposal:
    """Table a member's draft (its author's representative) once organisations from enough
    chambers other than the author's co-sponsor it (``tabling_rules``). The secretariat is told
    and has ``admission_days`` to admit or decline it."""
    policy.require(actor, "proposal.table", proposal)
    now = now or timezone.now()
    locked = _lock(proposal)
    _check_is_draft(locked, "it is tabled")
    count = tabling_count(proposal=locked)
    if not count.is_met:
        needed = count.rules.other_chambers
        raise ValidationError(
            f"A proposal is tabled once organisations from {needed} chambers other than its "
            f"author's co-sponsor it; it has {len(count.chambers)}, so "
            f"{count.missing} more chamber{'s' if count.missing != 1 else ''} must join."
        )
    chambers = len(count.chambers)
    # The deadline is set first: a tabled proposal always has one (a database constraint).
    due = now + timedelta(days=count.rules.admission_days)
    locked.tabled_at = now
    locked.admission_due_at = due
    locked.save(update_fields=["tabled_at", "admission_due_at", "updated_at"])
    locked = _transition(
        actor=actor,
        proposal=locked,
        to_status=S.TABLED,
        tabling_step=True,
        reason=f"Tabled with co-sponsors from {chambers} other "
        f"chamber{'s' if chambers != 1 else ''}.",
        now=now,
    )
    proposal.status, proposal.tabled_at = locked.status, locked.tabled_at
    proposal.admission_due_at = locked.admission_due_at
    assert locked.proposed_by is not None  # noqa: S101
    _notify(
        _secretariat(),
        event_key=f"governance:proposal-tabled:{locked.pk}:{now.isoformat()}",
        subject=f"Proposal tabled: “{locked.title}”",
        body=(
            f"{locked.proposed_by.name} tabled “{locked.title}” to the {locked.body.name}. "
            f"Admit it to consultation or decline it with a reason by "
            f"{_when(due)}:\n\n{_url(locked)}\n"
        ),
    )
    return locked


@use_case
def proposal_revise(*, actor: Actor, proposal: Proposal, now: datetime | None = None) -> Proposal:
    """Reopen a declined proposal as a draft (its author's representative), to revise and
    table it again. Its co-sponsors stay until its wording changes; the decline and its reason
    stay in its story."""
    policy.require(actor, "proposal.table", proposal)
    now = now or timezone.now()
    locked = _lock(proposal)
    if locked.status != S.DECLINED:
        label = str(S(locked.status).label).lower()
        raise ValidationError(f"The proposal is {label}: only a declined proposal is revised.")
    _transition(
        actor=actor,
        proposal=locked,
        to_status=S.DRAFT,
        tabling_step=True,
        reason="Reopened by its author for revision.",
        now=now,
    )
    locked.admission_due_at = None
    locked.save(update_fields=["admission_due_at", "updated_at"])
    proposal.status, proposal.admission_due_at = locked.status, None
    return locked
