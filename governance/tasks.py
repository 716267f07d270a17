"""Celery tasks of the governance app: thin, idempotent, safe to retry. Celery beat runs them
every minute (``CELERY_BEAT_SCHEDULE``); each acts on what is due and nothing else, so a run
that repeats or overlaps another changes nothing more. They act as the system (``SYSTEM``),
and each due item is its own use case."""

from __future__ import annotations

from celery import shared_task

from alliance_portal.policy import SYSTEM
from governance.proposals.services import consultations_close_due, consultations_open_due


@shared_task(acks_late=True, reject_on_worker_lost=True)
def consultations_open_due_task() -> list[int]:
    """Open the consultations whose opening time has come."""
    return consultations_open_due(actor=SYSTEM)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def consultations_close_due_task() -> list[int]:
    """Close the consultations whose closing time has come."""
    return consultations_close_due(actor=SYSTEM)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def ballots_close_due_task() -> list[int]:
    """Close the ballots whose closing time has come (or whose proposal left the ballot)."""
    from governance.ballots.services import ballots_close_due

    return ballots_close_due(actor=SYSTEM)


# --- transparency reports ----------------------------------------------------------------------

from celery import Task  # noqa: E402 (this section's own imports, kept with it)
from django.db import InterfaceError, OperationalError  # noqa: E402

# Seconds before a task that found the report's lock taken looks again (the other build may be
# a dead worker's whose session PostgreSQL has not closed yet).
REPORT_BUSY_RETRY_SECONDS = 10


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError, OSError),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=6,
)
def report_build_task(self: Task, report_id: int) -> str:
    """Build transparency report ``report_id`` (idempotent: a ready report is left alone).
    Transient database and storage errors are retried with backoff; a report whose lock
    another worker holds is looked at again a little later."""
    from governance.reports.services import BuildOutcome, report_build

    outcome = report_build(report_id=report_id)
    if outcome == BuildOutcome.BUSY:
        raise self.retry(countdown=REPORT_BUSY_RETRY_SECONDS, max_retries=30)
    return str(outcome)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def reports_schedule_due_task() -> list[int]:
    """Ask for the reports of the last completed quarter and year (both editions) that do not
    exist yet: run every hour, it creates them once, the day after their period ends."""
    from governance.reports.schedule import reports_schedule_due

    return reports_schedule_due(actor=SYSTEM)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def reports_requeue_stuck_task() -> list[int]:
    """Queue again the reports whose build stalled (a worker died or the task was lost)."""
    from governance.reports.schedule import reports_requeue_stuck

    return reports_requeue_stuck(actor=SYSTEM)


# --- decision reviews --------------------------------------------------------------------------


@shared_task(acks_late=True, reject_on_worker_lost=True)
def decision_reviews_remind_due_task() -> list[int]:
    """Remind each body of the decision reviews that have come due (once per review)."""
    from governance.reviews.services import decision_reviews_remind_due

    return decision_reviews_remind_due(actor=SYSTEM)


# --- notifications: reminders of what closes within 48 hours ----------------------------------


@shared_task(acks_late=True, reject_on_worker_lost=True)
def consultations_remind_closing_task() -> list[int]:
    """Announce the consultations closing within 48 hours (each once)."""
    from governance.notifications.services import consultations_remind_closing

    return consultations_remind_closing(actor=SYSTEM)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def actions_remind_overdue_task() -> list[int]:
    """Tell each overdue action's owner (once per due date)."""
    from governance.notifications.services import actions_remind_overdue

    return actions_remind_overdue(actor=SYSTEM)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def pledges_remind_due_task() -> list[int]:
    """Tell each pledge's organisation a week before it is due (once per due date)."""
    from governance.notifications.services import pledges_remind_due

    return pledges_remind_due(actor=SYSTEM)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def ballots_remind_closing_task() -> list[int]:
    """Announce the ballots closing within 48 hours (each once)."""
    from governance.notifications.services import ballots_remind_closing

    return ballots_remind_closing(actor=SYSTEM)


# --- the decision log's signed heads (their tasks live with the feature) -----------------------

from governance.log_heads import tasks as _log_heads_tasks  # noqa: E402, F401
