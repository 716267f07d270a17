"""The email outbox: every email the portal sends goes through here, so that at-least-once
task delivery never sends a message twice."""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from alliance_portal.models import OutboundEmail
from alliance_portal.text_limits import STATEMENT

logger = logging.getLogger(__name__)


def email_queue(
    *,
    event_key: str,
    recipient: str,
    subject: str,
    body: str,
    headers: dict[str, str] | None = None,
) -> OutboundEmail:
    """Record the email for (event, recipient) once and have a worker deliver it after the
    surrounding transaction commits. Queuing the same event for the same recipient again
    returns the existing row and sends nothing new. ``headers`` are extra message headers
    (a notification's ``List-Unsubscribe``)."""
    from alliance_portal.tasks import deliver_outbound_email_task

    with transaction.atomic():
        email, created = OutboundEmail.objects.get_or_create(
            event_key=event_key,
            recipient=recipient,
            defaults={"subject": subject, "body": body, "headers": dict(headers or {})},
        )
        if created:
            transaction.on_commit(lambda: deliver_outbound_email_task.delay(email.pk))
    return email


def email_deliver(*, email_id: int) -> bool:
    """Send the email unless it was sent already; True when this call sent it. The row is
    locked while sending so two workers holding the same message cannot both send it. A
    failure is recorded on the row and then raised, so the task retries."""
    failure: OSError | None = None
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().get(pk=email_id)
        if email.sent_at is not None:
            return False
        email.attempts += 1
        try:
            EmailMessage(
                email.subject, email.body, None, [email.recipient], headers=email.headers or None
            ).send()
        except OSError as exc:
            logger.warning("Email %s to %s failed: %s", email.pk, email.recipient, exc)
            failure = exc
            email.last_error = str(exc)[:STATEMENT]  # the field's limit; the log has it all
        else:
            email.sent_at = timezone.now()
            email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "sent_at"])
    if failure is not None:
        raise failure
    return True
