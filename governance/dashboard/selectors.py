"""Reads for the governance dashboard, the home page's sections and a person's "needs my
action" list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.types import Actor
from governance.bodies.models import Body
from governance.consultations.models import AuthorKind, Comment, CommentResponse, CommentStatus
from governance.objectives.models import Objective
from governance.objectives.selectors import objective_list
from governance.proposals.models import ImpactAssessment, Proposal, ProposalStatus
from governance.proposals.selectors import admissions_awaiting
from governance.rules import author_kind_for

OPEN_CONSULTATIONS_SHOWN = 10
CLOSING_SOON = timedelta(days=7)


def open_consultations(*, user: Actor) -> QuerySet[Proposal]:
    """Proposals in consultation this user may see, closing soonest first, with body loaded."""
    return (
        policy.visible(user, Proposal.objects.select_related("body"))
        .filter(status=ProposalStatus.CONSULTATION)
        .order_by(F("consultation_closes_at").asc(nulls_last=True), "pk")
    )


def upcoming_ballots(*, user: Actor) -> QuerySet[Proposal]:
    """Proposals this user may see whose ballot is next (in deliberation) or open (voting)."""
    return (
        policy.visible(user, Proposal.objects.select_related("body"))
        .filter(status__in=(ProposalStatus.DELIBERATION, ProposalStatus.VOTING))
        .order_by("-status", "consultation_closed_at", "pk")
    )


@dataclass
class Dashboard:
    objectives: list[Objective]
    open_consultations: list[Proposal]
    open_consultation_count: int
    upcoming_ballots: list[Proposal]
    status_counts: list[tuple[str, str, int]]  # (status, label, number)
    bodies: list[Body]


def dashboard(*, user: Actor) -> Dashboard:
    """What the governance dashboard shows this user: active objectives with their indicators,
    the open consultations and upcoming ballots they may see, how many proposals they may see
    per status and the bodies (the balance figures are ``governance.balance``'s). A constant
    number of queries, whatever the number of proposals."""
    visible = policy.visible(user, Proposal.objects.all())
    counts = dict(
        visible.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    consultations = list(open_consultations(user=user)[: OPEN_CONSULTATIONS_SHOWN + 1])
    return Dashboard(
        objectives=list(objective_list(active_only=True)),
        open_consultations=consultations[:OPEN_CONSULTATIONS_SHOWN],
        open_consultation_count=counts.get(ProposalStatus.CONSULTATION, 0),
        upcoming_ballots=list(upcoming_ballots(user=user)[:10]),
        status_counts=[
            (status.value, status.label, counts.get(status.value, 0)) for status in ProposalStatus
        ],
        bodies=list(Body.objects.order_by("order", "name")),
    )


@dataclass(frozen=True)
class ActionItem:
    proposal: Proposal
    what: str
    url: str


def _comment_url(proposal: Proposal) -> str:
    return reverse("governance:comment-create", kwargs={"pk": proposal.pk})


def actions_for(*, user: Actor) -> list[ActionItem]:
    """What this signed-in person is expected to do next, most urgent first.

    - A member or representative: open consultations they may see where their organisation
      has not commented yet.
    - A reviewer or an external stakeholder: open consultations they may comment on where
      they have not commented yet.
    - The secretariat: tabled proposals to admit or decline (overdue ones first), comments to
      moderate, shown comments without a response, and
      proposals in deliberation still missing an impact assessment.
    A constant number of queries."""
    who = policy.principal(user)
    if not who.is_authenticated:
        return []
    if policy.may(user, "comment.moderate"):
        return _secretariat_actions()
    if who.organisation_id is not None and author_kind_for(user) == AuthorKind.MEMBER:
        done = Comment.objects.filter(organisation_id=who.organisation_id)
        what = "Your organisation has not commented yet; the consultation closes {closes}."
    else:
        done = Comment.objects.filter(author_id=user.pk)
        what = "You have not commented yet; the consultation closes {closes}."
    pending = open_consultations(user=user).exclude(pk__in=done.values("proposal_id"))
    return [
        ActionItem(
            proposal=proposal,
            what=what.format(closes=_when(proposal)),
            url=_comment_url(proposal),
        )
        for proposal in pending
        if policy.may(user, "comment.post", proposal)
    ]


def _when(proposal: Proposal) -> str:
    closes = proposal.consultation_closes_at
    if closes is None:
        return "when the secretariat closes it"
    return f"on {timezone.localtime(closes):%d %B %Y at %H:%M} UTC"


def _admission_item(proposal: Proposal) -> ActionItem:
    """A tabled proposal to admit or decline; overdue ones say so."""
    assert proposal.admission_due_at is not None  # noqa: S101 (a tabled proposal has one)
    due = f"{timezone.localtime(proposal.admission_due_at):%d %B %Y}"
    author = proposal.proposed_by.name if proposal.proposed_by else "A member"
    what = (
        f"Overdue: tabled by {author}; admit or decline it (it was due on {due})."
        if proposal.admission_is_overdue
        else f"Tabled by {author}: admit it to consultation or decline it by {due}."
    )
    return ActionItem(proposal, what, proposal.get_absolute_url() + "#tabling")


def _secretariat_actions() -> list[ActionItem]:
    before_ballot = (ProposalStatus.CONSULTATION, ProposalStatus.DELIBERATION)
    proposals = (
        Proposal.objects.filter(status__in=before_ballot)
        .select_related("body")
        .annotate(
            held=Count("comments", filter=Q(comments__status=CommentStatus.HELD)),
            unanswered=Count(
                "comments",
                filter=Q(comments__status=CommentStatus.SHOWN)
                & ~Q(comments__pk__in=CommentResponse.objects.values("comment_id")),
            ),
            external=Count("comments", filter=Q(comments__author_kind=AuthorKind.EXTERNAL)),
        )
        .order_by(F("consultation_closes_at").asc(nulls_last=True), "pk")
    )
    assessed = set(ImpactAssessment.objects.values_list("proposal_id", flat=True))
    items: list[ActionItem] = [_admission_item(proposal) for proposal in admissions_awaiting()]
    for proposal in proposals:
        if proposal.held:
            items.append(
                ActionItem(
                    proposal,
                    f"{proposal.held} comment{'s' if proposal.held != 1 else ''} to moderate.",
                    reverse("governance:comment-moderation", kwargs={"pk": proposal.pk}),
                )
            )
        if proposal.unanswered:
            items.append(
                ActionItem(
                    proposal,
                    f"{proposal.unanswered} shown comment{'s' if proposal.unanswered != 1 else ''}"
                    " without a response.",
                    proposal.get_absolute_url() + "#responses",
                )
            )
        if proposal.status == ProposalStatus.DELIBERATION and proposal.pk not in assessed:
            items.append(
                ActionItem(
                    proposal,
                    "No impact assessment yet: the ballot cannot open without one.",
                    reverse("governance:impact-assessment-edit", kwargs={"pk": proposal.pk}),
                )
            )
    return items
