"""Reads behind the balance figures, for the dashboard, the API and the transparency reports.

Every figure is computed over a ``Scope``: the period, the proposals the reader may see (the
access policy's answer, or a report edition's), and the organisations eligible per chamber.

The headline figures come from ``FIGURE_SELECTORS``: functions ``(scope) -> list[Figure]``,
one per topic. The action figures (days from decision to the first action started, actions
done on time, overdue) and the funding figures (pledged and paid against budgets, per currency)
are in ``governance.balance.acting``; the dashboard, the API and the report show whatever is
listed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Q, QuerySet, Subquery

from alliance_portal import policy
from alliance_portal.types import Actor
from governance.actions.models import ActionItem
from governance.balance.acting import action_figures, funding_figures
from governance.balance.figures import (
    DAYS,
    Balance,
    ChamberParticipation,
    Figure,
    MeetingAccess,
    Share,
    median_days,
)
from governance.balance.periods import BalancePeriod
from governance.ballots.models import Vote
from governance.consultations.models import Comment, CommentStatus
from governance.decision_log.models import PublishedDecision
from governance.initiatives.models import Initiative
from governance.meetings.selectors import meeting_request_figures
from governance.proposals.models import Proposal
from members.models import Chamber, MembershipStatus, Organisation

# chamber id -> ids of its eligible organisations
Eligible = dict[int, set[int]]


@dataclass(frozen=True)
class Scope:
    period: BalancePeriod
    proposals: QuerySet[Proposal]  # those the reader (or the report edition) may see
    initiatives: QuerySet[Initiative]  # likewise
    actions: QuerySet[ActionItem]  # likewise
    eligible: Eligible


def in_good_standing(*, on: date) -> Eligible:
    """Organisations eligible to take part, per chamber: active members (in good standing)
    that had joined by ``on`` (or whose joining day is not recorded). One query."""
    eligible: Eligible = defaultdict(set)
    rows = Organisation.objects.filter(membership_status=MembershipStatus.ACTIVE).filter(
        Q(joined_on__isnull=True) | Q(joined_on__lte=on)
    )
    for chamber_id, pk in rows.values_list("chamber_id", "pk"):
        eligible[chamber_id].add(pk)
    return dict(eligible)


def consultation_figures(scope: Scope) -> list[Figure]:
    """Median days a consultation was open (consultations that closed in the period) and
    median days from the end of a consultation to its decision's publication in the decision
    log (decisions published in the period). One query."""
    period = scope.period
    first_decision = (
        PublishedDecision.objects.filter(proposal_id=OuterRef("pk"))
        .order_by("entry__published_at")
        .values("entry__published_at")[:1]
    )
    rows = (
        scope.proposals.filter(consultation_closed_at__isnull=False)
        .annotate(decision_published_at=Subquery(first_decision))
        .filter(period.within("consultation_closed_at") | period.within("decision_published_at"))
        .values_list("consultation_opened_at", "consultation_closed_at", "decision_published_at")
    )
    open_for, to_decision = [], []
    for opened_at, closed_at, published_at in rows:
        if closed_at is None:  # excluded by the query: for the type checker
            continue
        if opened_at is not None and period.contains(closed_at):
            open_for.append(closed_at - opened_at)
        if published_at is not None and period.contains(published_at):
            to_decision.append(published_at - closed_at)
    return [
        Figure(
            key="consultation_open_days",
            label="Median days a consultation was open",
            value=median_days(open_for),
            unit=DAYS,
            period=period,
            items=len(open_for),
            items_label="consultations closed in the period",
            rule="From the moment a consultation opened to the moment it closed, for every "
            "consultation that closed in the period.",
        ),
        Figure(
            key="consultation_to_decision_days",
            label="Median days from the end of a consultation to the decision",
            value=median_days(to_decision),
            unit=DAYS,
            period=period,
            items=len(to_decision),
            items_label="decisions published in the period",
            rule="From the moment a proposal's consultation closed to the moment its decision "
            "was published in the decision log, for every decision published in the period.",
        ),
    ]


FigureSelector = Callable[[Scope], list[Figure]]
# The headline figures, in the order they are shown (governance.balance.acting has the action
# and the funding figures).
FIGURE_SELECTORS: list[FigureSelector] = [consultation_figures, action_figures, funding_figures]


def participation(scope: Scope) -> list[ChamberParticipation]:
    """Per chamber (every chamber, in order, then all together): of the eligible
    organisations, how many commented in the period (a shown comment on a proposal in scope,
    posted through the portal or recorded by the secretariat on the organisation's behalf) and
    how many voted (a vote in a ballot closed in the period whose roll-call is published: not
    secret); and the community groups (not members) whose input was recorded in the period, in
    their chamber. Three queries."""
    period = scope.period
    in_scope = scope.proposals.values("pk")
    spoken = (
        Comment.objects.filter(period.within("created_at"), status=CommentStatus.SHOWN)
        .filter(proposal__in=in_scope)
        .filter(Q(organisation__isnull=False) | Q(group__isnull=False))
        .values_list("organisation_id", "group_id", "group__chamber_id")
        .distinct()
    )
    commented: set[int] = set()
    groups: dict[int, set[int]] = defaultdict(set)
    for organisation_id, group_id, group_chamber_id in spoken:
        if organisation_id is not None:
            commented.add(organisation_id)
        else:
            groups[group_chamber_id].add(group_id)
    voted = set(
        Vote.objects.filter(ballot__proposal__in=in_scope, ballot__secret=False)
        .filter(period.within("ballot__closed_at"))
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    rows = []
    everyone: set[int] = set()
    for chamber in Chamber.objects.order_by("order", "name"):
        eligible = scope.eligible.get(chamber.pk, set())
        everyone |= eligible
        rows.append(_row(chamber, eligible, commented, voted, len(groups[chamber.pk]), period))
    heard = sum(len(ids) for ids in groups.values())
    rows.append(_row(None, everyone, commented, voted, heard, period))
    return rows


def _row(
    chamber: Chamber | None,
    eligible: set[int],
    commented: set[int],
    voted: set[int],
    groups_heard: int,
    period: BalancePeriod,
) -> ChamberParticipation:
    return ChamberParticipation(
        chamber=chamber,
        commented=Share(len(eligible & commented), len(eligible), period),
        voted=Share(len(eligible & voted), len(eligible), period),
        groups_heard=groups_heard,
    )


def meeting_access(scope: Scope) -> MeetingAccess:
    """The meetings feature's equal-access figures for the requests made in the period. Two
    queries."""
    rows, total = meeting_request_figures(
        requested_from=scope.period.starts_at, requested_before=scope.period.ends_before
    )
    return MeetingAccess(period=scope.period, chambers=rows, total=total)


def balance_of(scope: Scope) -> Balance:
    """Every balance figure over ``scope``."""
    return Balance(
        period=scope.period,
        figures=[figure for select in FIGURE_SELECTORS for figure in select(scope)],
        participation=participation(scope),
        meeting_access=meeting_access(scope),
    )


def balance(*, user: Actor, period: BalancePeriod) -> Balance:
    """The balance figures as ``user`` may see them: over the proposals the access policy lets
    them see, with today's members in good standing as the eligible organisations. Seven
    queries, whatever the number of proposals, comments or votes."""
    scope = Scope(
        period=period,
        proposals=policy.visible(user, Proposal.objects.all()),
        initiatives=policy.visible(user, Initiative.objects.all()),
        actions=policy.visible(user, ActionItem.objects.all()),
        eligible=in_good_standing(on=period.last_day),
    )
    return balance_of(scope)
