"""Celery tasks of notifications: thin, take ids, idempotent (delivery is at least once)."""

from __future__ import annotations

from celery import shared_task

from alliance_portal.notifications.kinds import Frequency
from alliance_portal.notifications.services import digests_send, notification_dispatch
from alliance_portal.policy import SYSTEM


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=(OSError,), max_retries=5)
def notification_dispatch_task(notification_id: int) -> int:
    """Deliver one notified event (queued when its transaction commits)."""
    return notification_dispatch(actor=SYSTEM, notification_id=notification_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def digests_daily_task() -> int:
    """The daily digests (beat, each morning; a second run the same day sends nothing)."""
    return len(digests_send(actor=SYSTEM, frequency=Frequency.DAILY))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def digests_weekly_task() -> int:
    """The weekly digests (beat, Monday mornings; a second run that week sends nothing)."""
    return len(digests_send(actor=SYSTEM, frequency=Frequency.WEEKLY))
