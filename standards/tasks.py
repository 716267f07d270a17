"""Celery tasks of the standards app: thin, calling services as the system."""

from __future__ import annotations

from celery import shared_task

from alliance_portal.policy import SYSTEM


@shared_task(acks_late=True, reject_on_worker_lost=True)
def reports_remind_due_task() -> list[tuple[int, int]]:
    """Remind organisations of RS reports due within two weeks (once per cycle)."""
    from standards.notifications import reports_remind_due

    return reports_remind_due(actor=SYSTEM)
