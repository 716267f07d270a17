"""Reads about action items, for the pages, the API, the country section and the figures. A
reader sees the actions their role's level reaches (public by default) and their own
organisation's; the updates, milestones and statements of an action follow the action."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.types import Actor
from governance.actions.models import (
    ActionItem,
    ActionMilestone,
    ActionStatement,
    ActionStatus,
    ProgressUpdate,
    overdue_q,
)
from governance.decision_log.models import PublishedDecision


def _with_related(queryset: QuerySet[ActionItem]) -> QuerySet[ActionItem]:
    return queryset.select_related("decision", "owner").annotate(
        milestone_count=Count("milestones", distinct=True),
        milestones_done=Count("milestones", filter=Q(milestones__done_on__isnull=False)),
    )


def action_list(
    *,
    user: Actor,
    status: str | None = None,
    owner: str | None = None,
    overdue: bool | None = None,
    body: str | None = None,
    country: str | None = None,
    material: str | None = None,
    decision: int | None = None,
    today: date | None = None,
) -> QuerySet[ActionItem]:
    """The actions ``user`` may see, soonest due first, each with its decision, owner and
    milestone counts. Filters: status, owner (organisation slug), overdue (past due and not
    done or cancelled; ``False``: not overdue), body (slug), country (ISO code: the decision's
    or the action's own), material, decision (its log seq). One query (and a count)."""
    queryset = policy.visible(user, ActionItem.objects.all())
    if status:
        queryset = queryset.filter(status=status)
    if owner:
        queryset = queryset.filter(owner__slug=owner)
    if overdue is not None:
        late = overdue_q(today or timezone.localdate())
        queryset = queryset.filter(late if overdue else ~late)
    if body:
        queryset = queryset.filter(decision__body_slug=body)
    if country:
        code = country.upper()
        queryset = queryset.filter(
            Q(decision__countries__contains=[code]) | Q(countries__contains=[code])
        )
    if material:
        queryset = queryset.filter(decision__materials__contains=[material])
    if decision:
        queryset = queryset.filter(decision_id=decision)
    return _with_related(queryset).order_by("due_date", "pk")


def action_get(*, user: Actor, pk: int) -> ActionItem:
    """One action ``user`` may see (404 otherwise; an anonymous visitor is asked to sign in),
    with its decision, owner, responsible person and milestone counts."""
    return policy.get_visible_or_404(
        user, _with_related(ActionItem.objects.select_related("responsible__user")), pk=pk
    )


@dataclass
class ActionPage:
    """What an action's page and the API's detail show beyond the action itself."""

    item: ActionItem
    milestones: list[ActionMilestone]
    updates: list[ProgressUpdate]  # the timeline, oldest first
    statements: list[ActionStatement]  # what the decision log says of it
    responsible_name: str  # "" when there is none or the reader may not see who it is


def responsible_name(user: Actor, item: ActionItem) -> str:
    """The responsible person's name when the reader may see that person (the person's own
    disclosure level: members by default; the owner's people always)."""
    person = item.responsible
    if person is None or not policy.can_view(user, person):
        return ""
    return str(person.user.display_name or person.user.email)


def action_page(*, user: Actor, item: ActionItem) -> ActionPage:
    """The milestones, the timeline of updates and the decision-log statements of an action
    the reader may see (three queries)."""
    return ActionPage(
        item=item,
        milestones=list(ActionMilestone.objects.filter(action=item)),
        updates=list(ProgressUpdate.objects.filter(action=item).select_related("organisation")),
        statements=list(ActionStatement.objects.filter(action=item).select_related("entry")),
        responsible_name=responsible_name(user, item),
    )


def decision_actions(*, user: Actor, decision: PublishedDecision) -> list[ActionItem]:
    """The actions of a decision that ``user`` may see, with their timelines (``timeline``:
    updates oldest first) and statements. Three queries, however many actions."""
    return list(
        _with_related(policy.visible(user, ActionItem.objects.filter(decision=decision)))
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=ProgressUpdate.objects.select_related("organisation"),
                to_attr="timeline",
            )
        )
        .order_by("due_date", "pk")
    )


def country_actions(*, user: Actor, code: str, limit: int = 10) -> tuple[list[ActionItem], int]:
    """The actions concerning a country (their decision's countries or their own) that
    ``user`` may see, soonest due first, at most ``limit``; and how many there are."""
    actions = action_list(user=user, country=code)
    return list(actions[:limit]), actions.count()


@dataclass(frozen=True)
class ActionFacets:
    """The filters' choices, from the actions that exist: (code, name) pairs."""

    owners: list[tuple[str, str]]
    bodies: list[tuple[str, str]]
    decisions: list[tuple[int, str]]


def action_facets(*, user: Actor) -> ActionFacets:
    """The owners, bodies and decisions of the actions ``user`` may see (one query)."""
    rows = (
        policy.visible(user, ActionItem.objects.all())
        .values_list(
            "owner__slug", "owner__name", "decision__body_slug", "decision__body_name", "decision"
        )
        .distinct()
    )
    rows_list = list(rows)
    titles = dict(
        PublishedDecision.objects.filter(entry_id__in={row[4] for row in rows_list}).values_list(
            "entry_id", "title"
        )
    )
    owners = {slug: name for slug, name, *_ in rows_list}
    bodies = {row[2]: row[3] for row in rows_list if row[2]}
    return ActionFacets(
        owners=sorted(owners.items(), key=lambda pair: pair[1].casefold()),
        bodies=sorted(bodies.items(), key=lambda pair: pair[1].casefold()),
        decisions=sorted(((seq, titles.get(seq, "")) for seq in titles), reverse=True),
    )


# --- figures (the balance dashboard and the transparency reports) -----------------------------


def first_action_started(*, until: datetime | None = None) -> dict[int, datetime]:
    """For each decision with an action started (by ``until``), when its first action started:
    {decision seq: earliest ``started_at``}. Every action counts, whatever its level: the
    figure is an aggregate. One query."""
    queryset = ActionItem.objects.filter(started_at__isnull=False)
    if until is not None:
        queryset = queryset.filter(started_at__lte=until)
    return dict(
        queryset.values("decision_id")
        .annotate(first=Min("started_at"))
        .values_list("decision_id", "first")
    )


@dataclass(frozen=True)
class ActionFigures:
    """Actions counted over a period, by due date: how many were due, done, done on time
    (by the due date in force), and overdue now."""

    due: int
    done: int
    done_on_time: int
    overdue: int

    @property
    def share_done_on_time(self) -> float | None:
        return self.done_on_time / self.due if self.due else None

    @property
    def share_overdue(self) -> float | None:
        return self.overdue / self.due if self.due else None


def action_figures(
    *, due_from: date | None = None, due_until: date | None = None, today: date | None = None
) -> ActionFigures:
    """Actions due in the period (cancelled ones left out: nobody carries them out), done,
    done on time and overdue (every level: aggregates). ``done_on_time`` compares the day it
    was done, in the portal's time zone, with the due date in force. One query."""
    today = today or timezone.localdate()
    queryset = ActionItem.objects.exclude(status=ActionStatus.CANCELLED)
    if due_from is not None:
        queryset = queryset.filter(due_date__gte=due_from)
    if due_until is not None:
        queryset = queryset.filter(due_date__lte=due_until)
    rows = list(queryset.values_list("status", "due_date", "done_at"))
    done = [(due, at) for status, due, at in rows if status == ActionStatus.DONE and at]
    return ActionFigures(
        due=len(rows),
        done=len(done),
        done_on_time=sum(1 for due, at in done if timezone.localdate(at) <= due),
        overdue=sum(1 for status, due, _at in rows if status != ActionStatus.DONE and due < today),
    )


def action_dates() -> QuerySet[ActionItem, dict[str, Any]]:
    """Every action's dates, for figures recomputed from raw data: id, decision seq, status,
    created, started, done, due and first due dates."""
    return ActionItem.objects.order_by("pk").values(  # type: ignore[return-value]
        "pk",
        "decision_id",
        "status",
        "created_at",
        "started_at",
        "done_at",
        "due_date",
        "original_due_date",
    )
