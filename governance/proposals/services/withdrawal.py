"""The author organisation withdraws its own member-tabled proposal before its consultation
opens (a draft, a tabled or a declined proposal), with a reason kept in the proposal's story.
Once in consultation, the proposal belongs to the alliance's process: only whoever may move it
along withdraws it (``proposal_transition``)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.proposals.models import Proposal, ProposalStatus
from governance.proposals.services.lifecycle import _transition
from governance.proposals.services.tabling_notices import (
    _notify,
    _secretariat,
    _tell_author_and_sponsors,
    _url,
)

S = ProposalStatus
# Before its consultation opens, a member's proposal is still its author's to withdraw.
AUTHOR_WITHDRAWS = (S.DRAFT, S.TABLED, S.DECLINED)


@use_case
def proposal_withdraw_own(
    *, actor: Actor, proposal: Proposal, reason: str, now: datetime | None = None
) -> Proposal:
    """Withdraw a member-tabled proposal (its author organisation's representative) while it
    is a draft, tabled or declined, with a reason kept in its story (shown with it, at its
    disclosure level). Its co-sponsors' and author's representatives are told, and the
    secretariat when it was tabled (it no longer has to admit or decline it)."""
    policy.require(actor, "proposal.withdraw_own", proposal)
    now = now or timezone.now()
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the proposal is withdrawn: the reason is kept."})
    locked = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if locked.status not in AUTHOR_WITHDRAWS:
        label = str(S(locked.status).label).lower()
        raise ValidationError(
            f"The proposal is {label}: its author withdraws it only before its consultation "
            "opens. Ask the secretariat."
        )
    was_tabled = locked.status == S.TABLED
    _transition(
        actor=actor,
        proposal=locked,
        to_status=S.WITHDRAWN,
        reason=f"Withdrawn by its author: {reason}",
        now=now,
    )
    locked.refresh_from_db()
    proposal.status = locked.status
    author = locked.proposed_by.name if locked.proposed_by else "Its author"
    body = (
        f"{author} withdrew its proposal “{locked.title}”. Its reason:\n\n{reason}\n\n"
        f"{_url(locked)}\n"
    )
    subject = f"Withdrawn by its author: “{locked.title}”"
    _tell_author_and_sponsors(
        locked, event=f"proposal-withdrawn:{now.isoformat()}", subject=subject, body=body
    )
    if was_tabled:
        _notify(
            _secretariat(),
            event_key=f"governance:proposal-withdrawn:{locked.pk}:{now.isoformat()}",
            subject=subject,
            body=body,
        )
    return locked
