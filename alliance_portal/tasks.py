"""Celery tasks of the shared layer: thin, take ids, idempotent."""

from celery import shared_task

from alliance_portal.outbox import email_deliver


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=8,
)
def deliver_outbound_email_task(email_id: int) -> bool:
    return email_deliver(email_id=email_id)
