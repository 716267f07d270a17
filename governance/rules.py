"""Who may take part in a consultation, and in what capacity: the rules the comment service
enforces and the pages use to decide which forms to show (one place, so they cannot differ)."""

from __future__ import annotations

from typing import Any

from alliance_portal import policy
from alliance_portal.roles import Role
from governance.consultations.models import AuthorKind, CommentStatus
from governance.proposals.models import Proposal, ProposalStatus

# The capacity in which each role speaks in a consultation. Anonymous visitors do not comment.
AUTHOR_KIND: dict[Role, str] = {
    Role.EXTERNAL_STAKEHOLDER: AuthorKind.EXTERNAL,
    Role.MEMBER: AuthorKind.MEMBER,
    Role.ORGANISATION_REPRESENTATIVE: AuthorKind.MEMBER,
    Role.CIVIL_SOCIETY_REVIEWER: AuthorKind.REVIEWER,
    Role.SECRETARIAT: AuthorKind.SECRETARIAT,
    Role.SUPERUSER: AuthorKind.SECRETARIAT,
}


def author_kind_for(user: Any) -> str | None:
    """The capacity in which ``user`` would speak, or None for an anonymous visitor."""
    return AUTHOR_KIND.get(policy.principal(user).role)


def comment_refusal(user: Any, proposal: Proposal) -> str | None:
    """Why ``user`` may not comment on ``proposal`` (which they can see), or None if they may.

    Everyone who reads members-level material (members, representatives, reviewers, the
    secretariat) comments on any consultation they can see; an external stakeholder only on
    a consultation opened to the public. Comments are taken while the consultation is open."""
    who = policy.principal(user)
    if not who.is_authenticated:
        return "Sign in to comment."
    if who.role == Role.EXTERNAL_STAKEHOLDER and not proposal.consultation_public:
        return "This consultation is open to member organisations only."
    return None


def comment_is_closed(proposal: Proposal) -> str | None:
    """Why no comment is taken now, or None while the consultation is open."""
    if proposal.status != ProposalStatus.CONSULTATION:
        return "The consultation is not open: comments are taken only while it is."
    return None


def initial_comment_status(user: Any) -> str:
    """External stakeholders' comments wait for the secretariat's moderation."""
    if author_kind_for(user) == AuthorKind.EXTERNAL:
        return CommentStatus.HELD
    return CommentStatus.SHOWN
