"""The secretariat's answer to a tabled member's proposal: it admits it to consultation,
opening now or at a time it chooses (both checked against the body's constitution), or
declines it with a published reason. The author's and the co-sponsors' representatives are
told either way."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.proposals.models import Proposal, ProposalStatus
from governance.proposals.services.editing import _save_checked
from governance.proposals.services.lifecycle import _transition
from governance.proposals.services.tabling import _lock
from governance.proposals.services.tabling_notices import _tell_author_and_sponsors, _url, _when

S = ProposalStatus
# A form's "now" reaches the service a little later: an opening time this far in the past
# means "now".
OPENING_SLACK = timedelta(minutes=5)


@use_case
def proposal_admit(
    *,
    actor: Actor,
    proposal: Proposal,
    consultation_closes_at: datetime,
    consultation_opens_at: datetime | None = None,
    consultation_public: bool = False,
    now: datetime | None = None,
) -> Proposal:
    """Admit a tabled proposal to consultation (the secretariat). Its consultation opens at
    ``consultation_opens_at`` (now by default; a later time is scheduled: the proposal stays
    tabled, admitted, until the beat opens it) and closes at ``consultation_closes_at``; the
    window is checked against the body's constitution (its minimum consultation length,
    quoted when refused). Open to the public or to member organisations only (a public
    consultation needs a public proposal). The author's and the co-sponsors' representatives
    are told."""
    policy.require(actor, "proposal.admit", proposal)
    now = now or timezone.now()
    opens = consultation_opens_at or now
    locked = _lock(proposal)
    if locked.status != S.TABLED:
        label = str(S(locked.status).label).lower()
        raise ValidationError(f"The proposal is {label}: only a tabled proposal is admitted.")
    if locked.consultation_opens_at is not None:
        raise ValidationError(
            "The proposal is admitted already: its consultation opens on "
            f"{_when(locked.consultation_opens_at)}."
        )
    if opens < now - OPENING_SLACK:
        raise ValidationError(
            {"consultation_opens_at": "The consultation opens now or at a time in the future."}
        )
    if consultation_closes_at <= max(opens, now):
        raise ValidationError(
            {"consultation_closes_at": "The consultation must close after it opens."}
        )
    scheduled = opens > now
    locked.consultation_opens_at = opens if scheduled else now
    locked.consultation_closes_at = consultation_closes_at
    locked.consultation_public = consultation_public
    _save_checked(locked)  # the window against the constitution, the rule quoted
    if scheduled:
        proposal.consultation_opens_at = locked.consultation_opens_at
        opening = f"Its consultation opens on {_when(opens)} and"
    else:
        _transition(
            actor=actor,
            proposal=locked,
            to_status=S.CONSULTATION,
            tabling_step=True,
            reason="Admitted to consultation by the secretariat.",
            now=now,
        )
        proposal.status = locked.status
        opening = "It is open for comments now and"
    _tell_author_and_sponsors(
        locked,
        event=f"proposal-admitted:{now.isoformat()}",
        subject=f"Admitted to consultation: “{locked.title}”",
        body=(
            f"The secretariat admitted “{locked.title}” to consultation. {opening} closes on "
            f"{_when(consultation_closes_at)}:\n\n{_url(locked)}\n"
        ),
    )
    return locked


@use_case
def proposal_decline(
    *, actor: Actor, proposal: Proposal, reason: str, now: datetime | None = None
) -> Proposal:
    """Decline a tabled proposal (the secretariat) with a reason, which is published with the
    proposal at its disclosure level. Its author may revise it and table it again. The
    author's and the co-sponsors' representatives are told."""
    policy.require(actor, "proposal.decline", proposal)
    now = now or timezone.now()
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": "Say why the proposal is declined: the reason is published."}
        )
    locked = _lock(proposal)
    if locked.status != S.TABLED:
        label = str(S(locked.status).label).lower()
        raise ValidationError(f"The proposal is {label}: only a tabled proposal is declined.")
    # A scheduled admission is undone: re-tabled, the proposal is admitted afresh.
    Proposal.objects.filter(pk=locked.pk).update(
        consultation_opens_at=None, consultation_closes_at=None
    )
    _transition(
        actor=actor,
        proposal=locked,
        to_status=S.DECLINED,
        reason=reason,
        now=now,
        tabling_step=True,
    )
    proposal.status = locked.status
    _tell_author_and_sponsors(
        locked,
        event=f"proposal-declined:{now.isoformat()}",
        subject=f"Declined: “{locked.title}”",
        body=(
            f"The secretariat declined “{locked.title}”. Its reason, published with the "
            f"proposal:\n\n{reason}\n\nThe author may revise the proposal and table it "
            f"again:\n\n{_url(locked)}\n"
        ),
    )
    return locked
