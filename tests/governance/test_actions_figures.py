"""The action figures other pages build on (the balance dashboard, the transparency reports),
on a worked example: when each decision's first action started, how many actions due in a
period were done, done on time, and are overdue; and the raw dates they come from."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from alliance_portal.policy import SYSTEM
from governance.actions import selectors, services
from tests.governance.actions_support import action, decision

pytestmark = pytest.mark.django_db


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def test_figures_on_a_worked_example(world) -> None:
    today = date(2026, 6, 30)
    first, second = decision("First"), decision("Second")
    on_time = action(world.own, on=first, due=date(2026, 5, 31), disclosure="secretariat")
    late = action(world.own, on=first, due=date(2026, 4, 30))
    overdue = action(world.other, on=second, due=date(2026, 6, 1))
    cancelled = action(world.other, on=second, due=date(2026, 6, 1))
    action(world.other, on=second, due=date(2026, 9, 1))  # not due yet, not started

    services.action_status_change(
        actor=SYSTEM, item=on_time, status="in_progress", now=_at(date(2026, 3, 1))
    )
    services.action_status_change(
        actor=SYSTEM, item=on_time, status="done", now=_at(date(2026, 5, 31))
    )
    services.action_status_change(actor=SYSTEM, item=late, status="done", now=_at(date(2026, 5, 2)))
    services.action_status_change(
        actor=SYSTEM, item=overdue, status="in_progress", now=_at(date(2026, 4, 10))
    )
    services.action_status_change(
        actor=SYSTEM,
        item=cancelled,
        status="cancelled",
        reason="Merged.",
        now=_at(date(2026, 4, 1)),
    )

    assert selectors.first_action_started() == {
        first.seq: _at(date(2026, 3, 1)),
        second.seq: _at(date(2026, 4, 10)),
    }
    assert selectors.first_action_started(until=_at(date(2026, 3, 31))) == {
        first.seq: _at(date(2026, 3, 1))
    }
    figures = selectors.action_figures(due_until=today, today=today)
    # Due by 30 June (cancelled left out): on_time, late, overdue.
    assert (figures.due, figures.done, figures.done_on_time, figures.overdue) == (3, 2, 1, 1)
    assert figures.share_done_on_time == pytest.approx(1 / 3)
    period = selectors.action_figures(due_from=date(2026, 5, 1), due_until=today, today=today)
    assert (period.due, period.done_on_time, period.overdue) == (2, 1, 1)

    dates = {row["pk"]: row for row in selectors.action_dates()}
    assert dates[on_time.pk]["started_at"] == _at(date(2026, 3, 1))
    assert dates[late.pk]["started_at"] == dates[late.pk]["done_at"] == _at(date(2026, 5, 2))
    assert dates[cancelled.pk]["done_at"] is None
    # A year on, the action not yet due is overdue too.
    later = today + timedelta(days=400)
    assert selectors.action_figures(today=later).overdue == 2
