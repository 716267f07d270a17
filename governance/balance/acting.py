"""The action and funding figures of the balance (issue 17, item 3): how fast decisions lead to
action, whether actions are done on time, and how far pledges and payments cover budgets (per
currency, never added across currencies). Each is a ``FigureSelector`` listed in
``governance.balance.selectors.FIGURE_SELECTORS``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from governance.actions.models import ActionItem, ActionStatus
from governance.balance.figures import DAYS, ONE_DECIMAL, PERCENT, Figure, median_days, share
from governance.decision_log.models import PublishedDecision
from governance.initiatives.selectors import budgets_of

if TYPE_CHECKING:
    from governance.balance.selectors import Scope


def _started_by_decision(scope: Scope) -> list[tuple[datetime, datetime]]:
    """(decision published, its first action started) for the decisions on proposals in scope
    whose first action started in the period. Two queries."""
    first: dict[int, datetime] = {}
    for decision_id, started_at in ActionItem.objects.filter(
        started_at__isnull=False, decision__proposal__in=scope.proposals.values("pk")
    ).values_list("decision_id", "started_at"):
        if started_at is None:  # excluded by the query: for the type checker
            continue
        if decision_id not in first or started_at < first[decision_id]:
            first[decision_id] = started_at
    published = dict(
        PublishedDecision.objects.filter(pk__in=first).values_list("pk", "entry__published_at")
    )
    return [
        (published[decision_id], started_at)
        for decision_id, started_at in first.items()
        if decision_id in published and scope.period.contains(started_at)
    ]


def action_figures(scope: Scope) -> list[Figure]:
    """Median days from a decision's publication to its first action started; of the actions
    due in the period (cancelled ones left out), the share done by their due date and the share
    overdue now. Actions count whatever their own disclosure level: these are aggregates (on
    decisions about proposals in scope). Three queries."""
    period = scope.period
    pairs = _started_by_decision(scope)
    today = timezone.localdate()
    due = [
        (status, due_date, done_at)
        for status, due_date, done_at in ActionItem.objects.filter(
            decision__proposal__in=scope.proposals.values("pk"),
            due_date__lte=min(period.last_day, today),
        )
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


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part * 100 / whole).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def funding_figures(scope: Scope) -> list[Figure]:
    """Per budget currency (never added across currencies): the share of the budgets of the
    initiatives that existed at the period's end (not cancelled) that is pledged or paid, and
    the share paid. Two queries."""
    period = scope.period
    rows = budgets_of(scope.initiatives.filter(created_at__lt=period.ends_before))
    figures: list[Figure] = []
    figure: Callable[..., Figure] = Figure
    for row in rows:
        items_label = f"initiatives budgeted in {row.currency}"
        figures += [
            figure(
                key=f"funding_pledged_{row.currency.lower()}",
                label=f"Budgets covered by pledges and payments ({row.currency})",
                value=_percent(row.pledged + row.paid, row.budget),
                unit=PERCENT,
                period=period,
                items=row.initiatives,
                items_label=items_label,
                rule=f"What is pledged or paid in {row.currency} (withdrawn pledges left out) "
                f"against the {row.currency} budgets of the initiatives, cancelled ones left "
                "out, as at the end of the period. Other currencies are never added in.",
            ),
            figure(
                key=f"funding_paid_{row.currency.lower()}",
                label=f"Budgets paid ({row.currency})",
                value=_percent(row.paid, row.budget),
                unit=PERCENT,
                period=period,
                items=row.initiatives,
                items_label=items_label,
                rule=f"What is paid in {row.currency} against the {row.currency} budgets of "
                "the same initiatives.",
            ),
        ]
    return figures
