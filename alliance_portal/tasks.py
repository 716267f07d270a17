"""Celery tasks of the shared layer: thin, take ids, idempotent."""

from celery import shared_task

from alliance_portal.accounts.services import signups_remove_expired
from alliance_portal.erasure import tasks as _erasure_tasks  # noqa: F401 (registers)
from alliance_portal.notifications import tasks as _notification_tasks  # noqa: F401 (registers)
from alliance_portal.outbox import email_deliver
from alliance_portal.policy import SYSTEM


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=8,
)
def deliver_outbound_email_task(email_id: int) -> bool:
    return email_deliver(email_id=email_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def signups_remove_expired_task() -> int:
    """Remove the sign-ups never confirmed in time (beat, hourly; idempotent)."""
    return signups_remove_expired(actor=SYSTEM)
