"""Celery tasks of the decision log's heads: thin, idempotent, safe to retry (acting as the
system). Signing runs after each append (``transaction.on_commit``) and every minute from
beat; submitting a head to the outside witnesses runs once per new head."""

from __future__ import annotations

import logging

from celery import shared_task
from kombu.exceptions import OperationalError as KombuOperationalError

from alliance_portal.policy import SYSTEM

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def log_head_sign_task() -> int | None:
    """Sign a head for the entries appended since the last one (none when there are none, or
    the last head is under a minute old: the next beat run signs them)."""
    from governance.log_heads.services import log_head_sign

    head = log_head_sign(actor=SYSTEM)
    return head.size if head else None


@shared_task(acks_late=True, reject_on_worker_lost=True)
def log_head_submit_task(head_id: int) -> int:
    """Send head ``head_id`` with its consistency proof to each outside witness (C2SP
    tlog-witness) and keep the cosignatures that verify. A witness that cosigned it already
    answers with the same cosignature or a conflict: nothing is stored twice."""
    from governance.log_heads.submit import head_submit

    return len(head_submit(head_id=head_id))


def head_due() -> None:
    """After an entry is appended (on commit): sign a head now unless one was signed within the
    last minute. With the broker out of reach the entry stands and beat signs it later: the
    append has committed, so its request must not fail now."""
    try:
        log_head_sign_task.delay()
    except KombuOperationalError:
        logger.warning("broker out of reach: the next beat run signs the decision log's head")
