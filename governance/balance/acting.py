"""The action and funding figures of the balance (issue 17, item 3): how fast decisions lead to
action, whether actions are done on time, and how far pledges and payments cover budgets (per
currency, never added across currencies). Each is a ``FigureSelector`` listed in
``governance.balance.selectors.FIGURE_SELECTORS``."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Min, QuerySet
from django.utils import timezone

from governance.actions.models import ActionItem, ActionStatus
from governance.balance.figures import DAYS, PERCENT, Figure, median_days, share
from governance.initiatives.selectors import budgets_of

if TYPE_CHECKING:
    from governance.balance.selectors import Scope


def _actions(scope: Scope) -> QuerySet[ActionItem]:
    """The actions the reader (or the report edition) may read, on decisions about the
    proposals in scope."""
    return scope.actions.filter(decision__proposal_id__in=scope.proposals.values("pk"))


def _started_by_decision(scope: Scope) -> list[tuple[datetime, datetime]]:
    """(decision published, its first action started) for the decisions whose first action
    (of those in scope) started in the period. One query."""
    rows = (
        _actions(scope)
        .filter(started_at__isnull=False)
        .values("decision_id", "decision__entry__published_at")
        .annotate(first=Min("started_at"))
        .order_by()
        .values_list("decision__entry__published_at", "first")
    )
    return [
        (published, first)
        for published, first in rows
        if first is not None and scope.period.contains(first)
    ]


def action_figures(scope: Scope) -> list[Figure]:
    """Median days from a decision's publication to its first action started; of the actions
    due in the period (cancelled ones left out), the share done by their due date and the share
    overdue now. Only the actions the reader may read count, so the figures can be recomputed
    from the actions API. Two queries."""
    period = scope.period
    pairs = _started_by_decision(scope)
    today = timezone.localdate()
    due = [
        (status, due_date, done_at)
        for status, due_date, done_at in _actions(scope)
        .filter(due_date__lte=min(period.last_day, today))
        .exclude(status=ActionStatus.CANCELLED)
        .values_list("status", "due_date", "done_at")
        if period.first_day is None or due_date >= period.first_day
    ]
    on_time = sum(
        1
        for status, due_date, done_at in due
        if status == ActionStatus.DONE and done_at and timezone.localdate(done_at) <= due_date
    )
    overdue = sum(1 for status, due_date, _done in due if status != ActionStatus.DONE)
    return [
        Figure(
            key="decision_to_action_days",
            label="Median days from a decision to its first action started",
            value=median_days([started - published for published, started in pairs]),
            unit=DAYS,
            period=period,
            items=len(pairs),
            items_label="decisions whose first action started in the period",
            rule="From the moment a decision was published in the decision log to the moment "
            "the first of its action items started, for every decision whose first action "
            "started in the period.",
        ),
        Figure(
            key="actions_done_on_time",
            label="Actions done on time",
            value=share(on_time, len(due)),
            unit=PERCENT,
            period=period,
            items=len(due),
            items_label="actions due in the period (cancelled ones left out)",
            rule="Of the action items whose due date fell in the period (up to today), those "
            "marked done on or before their due date.",
        ),
        Figure(
            key="actions_overdue",
            label="Actions overdue",
            value=share(overdue, len(due)),
            unit=PERCENT,
            period=period,
            items=len(due),
            items_label="actions due in the period (cancelled ones left out)",
            rule="Of the action items whose due date fell in the period (up to today), those "
            "not marked done today.",
        ),
    ]


def funding_figures(scope: Scope) -> list[Figure]:
    """Per budget currency (never added across currencies): the share of the budgets of the
    initiatives that existed at the period's end (not cancelled) that is pledged or paid. (Paid
    alone is members-level: one pledge would give an organisation's amount away.) Two
    queries."""
    period = scope.period
    rows = budgets_of(scope.initiatives.filter(created_at__lt=period.ends_before))
    return [
        Figure(
            key=f"funding_pledged_{row.currency.lower()}",
            label=f"Budgets covered by pledges and payments ({row.currency})",
            value=share(row.pledged + row.paid, row.budget),
            unit=PERCENT,
            period=period,
            items=row.initiatives,
            items_label=f"initiatives budgeted in {row.currency}",
            rule=f"What is pledged or paid in {row.currency} (withdrawn pledges left out) "
            f"against the {row.currency} budgets of the initiatives, cancelled ones left out, "
            "as at the end of the period. Other currencies are never added in.",
        )
        for row in rows
    ]
