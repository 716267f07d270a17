"""Reads about consultations: the comments a reader may see, who said them, the responses,
and participation by chamber."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.types import Actor
from glossary.languages import SOURCE_LANGUAGE, ContentLanguage, content_language
from governance.bodies.selectors import body_electorate
from governance.consultations.models import (
    AuthorKind,
    Channel,
    Comment,
    CommentStatus,
    ProposalTranslation,
    text_sha256,
)
from governance.paragraphs import Paragraph, split_paragraphs
from governance.proposals.models import Proposal
from governance.rules import author_kind_for
from members.models import Chamber, Person


def comment_list(*, user: Actor, proposal: Proposal) -> QuerySet[Comment]:
    """The comments on ``proposal`` this user may see, oldest first, with organisation,
    chamber, response and parent loaded. The caller has checked the user may see the proposal.
    Shown comments for everyone; held and rejected ones for those who moderate them."""
    queryset = Comment.objects.filter(proposal=proposal).select_related(
        "organisation__chamber", "group__chamber", "response", "author", "recorded_by", "version"
    )
    if not policy.may(user, "comment.moderate"):
        queryset = queryset.filter(status=CommentStatus.SHOWN)
    return queryset.order_by("created_at", "pk")


def held_comment_list(*, proposal: Proposal) -> QuerySet[Comment]:
    """Comments awaiting moderation (for the secretariat's moderation page), oldest first."""
    return (
        Comment.objects.filter(proposal=proposal, status=CommentStatus.HELD)
        .select_related("author", "parent", "recorded_by")
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
        if author is not None and author.erased_at is not None:
            # An erased person (alliance_portal.erasure): their capacity, never a name.
            organisation = comment.organisation.name if comment.organisation else ""
            names[comment.pk] = (
                f"former participant of {organisation}" if organisation else "former participant"
            )
        elif comment.author_kind == AuthorKind.MEMBER:
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
    groups: int = 0  # community groups (not members) of the chamber heard, input recorded
    offline: int = 0  # shown comments of the chamber received outside the portal

    @property
    def heard(self) -> int:
        """Organisations and groups of the chamber whose voice is in the consultation."""
        return self.commented + self.groups

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
    def groups(self) -> int:
        return sum(row.groups for row in self.chambers)

    @property
    def offline(self) -> int:
        return sum(row.offline for row in self.chambers)

    @property
    def eligible(self) -> int:
        return sum(row.eligible for row in self.chambers)


def consultation_participation(*, proposal: Proposal) -> Participation:
    """Participation in the proposal's consultation by chamber, for every chamber in order.

    Guarantees: ``commented`` is the number of distinct member organisations of the chamber
    with at least one shown comment (exactly what the comment list shows, API included),
    whether posted through the portal or recorded by the secretariat on its behalf; ``groups``
    the distinct community groups of the chamber (not members) whose input was recorded;
    ``offline`` the shown comments of the chamber (organisations' and groups') received
    outside the portal; ``eligible`` the organisations of the chamber that vote on the body's
    ballots on the day (today while the consultation runs, the day it closed afterwards);
    ``eligible_commented`` those of the eligible that commented. External stakeholders'
    comments are counted apart, by moderation status. The page, the API and the tests all
    use this function. Four queries."""
    on = (
        timezone.localdate(proposal.consultation_closed_at)
        if proposal.consultation_closed_at
        else timezone.localdate()
    )
    electorate = body_electorate(body=proposal.body, on=on)
    spoken_for = Comment.objects.filter(proposal=proposal, status=CommentStatus.SHOWN).filter(
        Q(organisation__isnull=False) | Q(group__isnull=False)
    )
    by_chamber = (
        spoken_for.order_by()
        .values(speaker_chamber=Coalesce("organisation__chamber_id", "group__chamber_id"))
        .annotate(
            n=Count("organisation_id", distinct=True),
            eligible_n=Count(
                "organisation_id",
                distinct=True,
                filter=Q(organisation__in=electorate.values("pk")),
            ),
            groups_n=Count("group_id", distinct=True),
            offline_n=Count("pk", filter=~Q(channel=Channel.PORTAL)),
        )
        .values_list("speaker_chamber", "n", "eligible_n", "groups_n", "offline_n")
    )
    commented, eligible_commented, groups, offline = {}, {}, {}, {}
    for chamber_id, n, eligible_n, groups_n, offline_n in by_chamber:
        commented[chamber_id] = n
        eligible_commented[chamber_id] = eligible_n
        groups[chamber_id] = groups_n
        offline[chamber_id] = offline_n
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
            groups=groups.get(chamber.pk, 0),
            offline=offline.get(chamber.pk, 0),
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
        .select_related("organisation__chamber", "group__chamber", "response")
        .order_by("created_at", "pk")
    )


def response_rows(comments: list[Comment]) -> list[Comment]:
    """``response_table`` taken from comments already loaded by ``comment_list`` (which loads
    the same relations, in the same order): the shown ones, no query."""
    return [comment for comment in comments if comment.status == CommentStatus.SHOWN]


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


# --- reading a proposal in another language -----------------------------------------------------


@dataclass
class Reading:
    """The language a reader reads the proposal in, and its translation when there is one."""

    language: str  # a ContentLanguage value; the source language when no translation is read
    languages: list[tuple[str, str]]  # (code, name): the source and every translation
    translation: ProposalTranslation | None
    paragraphs: dict[int, Paragraph]  # the translation's paragraphs by number
    outdated: bool  # the proposal text changed after it was translated

    @property
    def language_name(self) -> str:
        return str(ContentLanguage(self.language).label)

    @property
    def translated(self) -> bool:
        return self.translation is not None


def proposal_reading(*, proposal: Proposal, language: str | None) -> Reading:
    """The proposal's translations and the one the reader asked for (``language``, e.g. from
    ``?lang=fr``); an unknown language, or one without a translation, reads the original.
    Whoever may see the proposal may see its translations. One query."""
    translations = {t.language: t for t in ProposalTranslation.objects.filter(proposal=proposal)}
    wanted = content_language(language)
    translation = translations.get(wanted)
    languages = [(SOURCE_LANGUAGE, str(ContentLanguage(SOURCE_LANGUAGE).label))] + [
        (code, str(ContentLanguage(code).label))
        for code in ContentLanguage.values
        if code in translations
    ]
    return Reading(
        language=wanted if translation is not None else SOURCE_LANGUAGE,
        languages=languages,
        translation=translation,
        paragraphs={p.number: p for p in split_paragraphs(translation.text)}
        if translation is not None
        else {},
        outdated=translation is not None
        and translation.source_sha256 != text_sha256(proposal.text),
    )


def translation_list(*, proposal: Proposal) -> QuerySet[ProposalTranslation]:
    """The proposal's translations, by language code. The caller has checked the reader may
    see the proposal."""
    return ProposalTranslation.objects.filter(proposal=proposal).order_by("language")
