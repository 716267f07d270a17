"""In what capacity people take part in a consultation, and when comments are taken: the rules
the comment service applies and the pages use to decide which forms to show (one place, so they
cannot differ). Who may comment at all is the action policy's ``comment.post``."""

from __future__ import annotations

from alliance_portal import policy
from alliance_portal.roles import Role
from alliance_portal.types import Actor
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


def author_kind_for(user: Actor) -> str | None:
    """The capacity in which ``user`` would speak, or None for an anonymous visitor."""
    return AUTHOR_KIND.get(policy.principal(user).role)


def comment_is_closed(proposal: Proposal) -> str | None:
    """Why no comment is taken now, or None while the consultation is open."""
    if proposal.status != ProposalStatus.CONSULTATION:
        return "The consultation is not open: comments are taken only while it is."
    return None


def initial_comment_status(user: Actor) -> str:
    """External stakeholders' comments wait for the secretariat's moderation."""
    if author_kind_for(user) == AuthorKind.EXTERNAL:
        return CommentStatus.HELD
    return CommentStatus.SHOWN
