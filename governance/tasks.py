"""Celery tasks of the governance app: thin, idempotent, safe to retry. Celery beat runs them
every minute (``CELERY_BEAT_SCHEDULE``); each acts on what is due and nothing else, so a run
that repeats or overlaps another changes nothing more."""

from __future__ import annotations

from celery import shared_task

from governance.services import consultations_close_due, consultations_open_due


@shared_task(acks_late=True, reject_on_worker_lost=True)
def consultations_open_due_task() -> list[int]:
    """Open the consultations whose opening time has come."""
    return consultations_open_due(actor=None)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def consultations_close_due_task() -> list[int]:
    """Close the consultations whose closing time has come."""
    return consultations_close_due(actor=None)
