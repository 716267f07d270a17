"""Helpers that write versions inside other use cases (never use cases themselves): the
proposal's version 1, taken from its text when its first consultation opens, and the version a
ballot opens on."""

from __future__ import annotations

from datetime import datetime

from alliance_portal.types import Actor
from governance.common.services import acting_user
from governance.proposals.models import Proposal
from governance.versions.models import ProposalVersion, canonical_text, text_sha256


def current_version(*, proposal: Proposal, actor: Actor, now: datetime) -> ProposalVersion:
    """The proposal's latest version; version 1, made from its current title, summary and
    text, when it has none yet (its first consultation opening, or a proposal consulted before
    versions were kept). The caller holds the proposal's row lock."""
    latest = ProposalVersion.objects.filter(proposal=proposal).order_by("-number").first()
    if latest is not None:
        return latest
    text = canonical_text(proposal.text)
    return ProposalVersion.objects.create(
        proposal=proposal,
        number=1,
        title=proposal.title,
        summary=proposal.summary,
        text=text,
        sha256=text_sha256(text),
        note="",
        author_agreed=proposal.proposed_by_id is not None,
        published_by=acting_user(actor),
        published_at=now,
    )
