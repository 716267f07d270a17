"""Celery tasks of personal data: thin, idempotent (delivery is at least once)."""

from __future__ import annotations

from celery import shared_task

from alliance_portal.erasure.services import erasure_remind_due
from alliance_portal.policy import SYSTEM


@shared_task(acks_late=True, reject_on_worker_lost=True)
def erasure_remind_due_task() -> int:
    """Remind the secretariat of erasure requests coming due (beat, hourly; once a day per
    request at most)."""
    return erasure_remind_due(actor=SYSTEM)
