"""Demo data: the comments of a consultation, posted as the demo logins where they may act."""

from __future__ import annotations

from datetime import datetime, timedelta

from alliance_portal import policy
from alliance_portal.demo import demo_logins_enabled
from alliance_portal.models import User
from alliance_portal.policy import SYSTEM
from governance.consultations import services
from governance.consultations.models import AuthorKind, Comment
from governance.demo_content import (
    DemoComment,
    DemoProposal,
)
from governance.proposals.models import Proposal
from governance.rules import author_kind_for
from members.models import Organisation

DAY = timedelta(days=1)


def _seed_comments(
    spec: DemoProposal,
    proposal: Proposal,
    start: datetime,
    end: datetime,
    organisations: dict[str, Organisation],
) -> list[tuple[DemoComment, Comment]]:
    """Post the spec's comments spread over the consultation; moderate external ones."""
    created: dict[int, Comment] = {}
    result = []
    step = (end - start) / (len(spec.comments) + 1)
    for index, item in enumerate(spec.comments):
        when = start + step * (index + 1)
        parent = created.get(item.reply_to) if item.reply_to is not None else None
        if item.reply_to is not None and parent is None:
            continue
        comment = _post(item, proposal, parent, when, organisations)
        if comment is None:
            continue
        if item.organisation is None and item.moderation:
            decision, _, reason = item.moderation.partition(":")
            comment = services.comment_moderate(
                actor=SYSTEM,
                comment=comment,
                decision=decision.strip(),
                reason=reason.strip(),
                now=when + DAY,
            )
        created[index] = comment
        result.append((item, comment))
    return result


def _post(
    item: DemoComment,
    proposal: Proposal,
    parent: Comment | None,
    when: datetime,
    organisations: dict[str, Organisation],
) -> Comment | None:
    organisation = organisations.get(item.organisation) if item.organisation else None
    if item.organisation is not None and organisation is None:
        return None  # the members app's demo no longer has this organisation
    user = _demo_user(item.login, organisation)
    if user is not None:
        return services.comment_post(
            actor=user,
            proposal=proposal,
            text=item.text,
            paragraph=item.paragraph,
            parent=parent,
            now=when,
        )
    return services.comment_record_received(
        actor=SYSTEM,
        proposal=proposal,
        text=item.text,
        author_kind=AuthorKind.MEMBER if organisation is not None else AuthorKind.EXTERNAL,
        organisation=organisation,
        paragraph=item.paragraph,
        parent=parent,
        received_at=when,
    )


def _demo_user(email: str, organisation: Organisation | None) -> User | None:
    """The demo login to comment as, when it exists and speaks for ``organisation``."""
    if not email or not demo_logins_enabled() or organisation is None:
        return None
    user = User.objects.filter(email=email).first()
    if user is None:
        return None
    speaks_as_member = author_kind_for(user) == AuthorKind.MEMBER
    if not speaks_as_member or policy.principal(user).organisation_id != organisation.pk:
        return None
    return user
