"""Reads about consultations: the comments a reader may see, who said them, the responses,
and participation by chamber."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.types import Actor
from governance.bodies.selectors import body_electorate
from governance.consultations.models import AuthorKind, Comment, CommentStatus
from governance.proposals.models import Proposal
from governance.rules import author_kind_for
from members.models import Chamber, Person


def comment_list(*, user: Actor, proposal: Proposal) -> QuerySet[Comment]:
    """The comments on ``proposal`` this user may see, oldest first, with organisation,
    chamber, response and parent loaded. The caller has checked the user may see the proposal.
    Shown comments for everyone; held and rejected ones for those who moderate them."""
    queryset = Comment.objects.filter(proposal=proposal).select_related(
        "organisation__chamber", "response", "author", "version"
    )
    if not policy.may(user, "comment.moderate"):
        queryset = queryset.filter(status=CommentStatus.SHOWN)
    return queryset.order_by("created_at", "pk")


def held_comment_list(*, proposal: Proposal) -> QuerySet[Comment]:
    """Comments awaiting moderation (for the secretariat's moderation page), oldest first."""
    return (
        Comment.objects.filter(proposal=proposal, status=CommentStatus.HELD)
        .select_related("author", "parent")
        .order_by("created_at", "pk")
    )


def comment_author_names(*, user: Actor, comments: list[Comment]) -> dict[int, str]:
    """How each comment's author is named to this reader (comment id → name). A member's
    comment speaks for its organisation; the person is named only when the access policy lets
    the reader see that person (their own disclosure level). Reviewers and external
    stakeholders are named by their display name; the secretariat as such. Erased accounts
    leave the capacity only. Email addresses are never used as names. One query."""
    member_user_ids = {
        c.author_id for c in comments if c.author_kind == AuthorKind.MEMBER and c.author_id
    }
    visible_people = {}
    if member_user_ids:
        visible_people = {
            person.user_id: person
            for person in policy.visible(
                user, Person.objects.filter(user_id__in=member_user_ids)
            ).select_related("user")
        }
    names: dict[int, str] = {}
    for comment in comments:
        author = comment.author
        if comment.author_kind == AuthorKind.MEMBER:
            person = visible_people.get(comment.author_id) if comment.author_id else None
            names[comment.pk] = person.user.display_name if person is not None else ""
        elif comment.author_kind == AuthorKind.SECRETARIAT:
            names[comment.pk] = "Secretariat"
        else:
            # The display name people chose; never the email address behind the account.
            names[comment.pk] = author.display_name if author is not None else ""
    return names


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)


def comment_threads(comments: list[Comment]) -> list[Thread]:
    """Top-level comments with their replies, in the given order. A reply whose parent the
    reader cannot see is shown as a thread of its own."""
    threads: dict[int, Thread] = {}
    ordered: list[Thread] = []
    for comment in comments:
        if comment.parent_id is not None and comment.parent_id in threads:
            threads[comment.parent_id].replies.append(comment)
            continue
        thread = Thread(comment=comment)
        threads[comment.pk] = thread
        ordered.append(thread)
    return ordered


@dataclass
class ChamberParticipation:
    chamber: Chamber
    commented: int  # member organisations of the chamber with at least one shown comment
    eligible: int  # organisations of the chamber in the body's electorate
    eligible_commented: int  # of those eligible, how many commented

    @property
    def percent(self) -> int | None:
        """Share of the eligible organisations that commented, whole percent."""
        if not self.eligible:
            return None
        return round(100 * self.eligible_commented / self.eligible)


@dataclass
class Participation:
    on: date
    chambers: list[ChamberParticipation]
    external_shown: int
    external_held: int
    external_rejected: int

    @property
    def organisations_commented(self) -> int:
        return sum(row.commented for row in self.chambers)

    @property
    def eligible(self) -> int:
        return sum(row.eligible for row in self.chambers)


def consultation_participation(*, proposal: Proposal) -> Participation:
    """Participation in the proposal's consultation by chamber, for every chamber in order.

    Guarantees: ``commented`` is the number of distinct member organisations of the chamber
    with at least one shown comment (exactly what the comment list shows, API included);
    ``eligible`` the organisations of the chamber that vote on the body's ballots on the day
    (today while the consultation runs, the day it closed afterwards); ``eligible_commented``
    those of the eligible that commented. External stakeholders' comments are counted apart,
    by moderation status. The page, the API and the tests all use this function. Four queries."""
    on = (
        timezone.localdate(proposal.consultation_closed_at)
        if proposal.consultation_closed_at
        else timezone.localdate()
    )
    electorate = body_electorate(body=proposal.body, on=on)
    shown_member = Comment.objects.filter(
        proposal=proposal, status=CommentStatus.SHOWN, organisation__isnull=False
    )
    by_chamber = (
        shown_member.order_by()
        .values("organisation__chamber_id")
        .annotate(
            n=Count("organisation_id", distinct=True),
            eligible_n=Count(
                "organisation_id",
                distinct=True,
                filter=Q(organisation__in=electorate.values("pk")),
            ),
        )
        .values_list("organisation__chamber_id", "n", "eligible_n")
    )
    commented, eligible_commented = {}, {}
    for chamber_id, n, eligible_n in by_chamber:
        commented[chamber_id] = n
        eligible_commented[chamber_id] = eligible_n
    eligible = dict(
        electorate.order_by()
        .values("chamber_id")
        .annotate(n=Count("pk"))
        .values_list("chamber_id", "n")
    )
    external = Comment.objects.filter(proposal=proposal, author_kind=AuthorKind.EXTERNAL).aggregate(
        shown=Count("pk", filter=Q(status=CommentStatus.SHOWN)),
        held=Count("pk", filter=Q(status=CommentStatus.HELD)),
        rejected=Count("pk", filter=Q(status=CommentStatus.REJECTED)),
    )
    chambers = [
        ChamberParticipation(
            chamber=chamber,
            commented=commented.get(chamber.pk, 0),
            eligible=eligible.get(chamber.pk, 0),
            eligible_commented=eligible_commented.get(chamber.pk, 0),
        )
        for chamber in Chamber.objects.order_by("order", "name")
    ]
    return Participation(
        on=on,
        chambers=chambers,
        external_shown=external["shown"],
        external_held=external["held"],
        external_rejected=external["rejected"],
    )


def response_table(*, proposal: Proposal) -> list[Comment]:
    """ "You said, we did": the shown comments (oldest first) with their response, if any.
    Held and rejected comments are not part of it, for anyone."""
    return list(
        Comment.objects.filter(proposal=proposal, status=CommentStatus.SHOWN)
        .select_related("organisation__chamber", "response")
        .order_by("created_at", "pk")
    )


def comment_voice(*, user: Actor) -> str:
    """On whose behalf ``user``'s comment will speak, in the words the comment form shows: a
    member's comment is their organisation's (as comment_post records it)."""
    kind = author_kind_for(user)
    if kind == AuthorKind.MEMBER:
        name = policy.principal(user).organisation_name  # loaded with the principal
        if name:
            return f"You are commenting for {name}."
    if kind == AuthorKind.REVIEWER:
        return "You are commenting as a civil-society reviewer."
    if kind == AuthorKind.SECRETARIAT:
        return "You are commenting for the secretariat."
    return "You are commenting as yourself."
