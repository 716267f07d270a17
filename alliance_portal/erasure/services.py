"""Personal-data use cases: a person asks for (or withdraws) the erasure of their data; the
secretariat confirms it, which erases the person everywhere, or declines it with a reason;
beat reminds the secretariat of the requests coming due."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.append_only import ERASURE_SETTING
from alliance_portal.audit import use_case
from alliance_portal.erasure.models import ErasureRequest, ErasureStatus
from alliance_portal.erasure.scrub import erase_everywhere, identity_of
from alliance_portal.erasure.selectors import erasure_requests_to_remind, secretariat_addresses
from alliance_portal.outbox import email_queue
from alliance_portal.roles import membership_of
from alliance_portal.types import Actor


@use_case
def erasure_request(*, actor: Actor, user: Any) -> ErasureRequest:
    """``user`` asks that their personal data be erased; the secretariat answers by
    ``PERSONAL_DATA_ERASURE_DAYS`` from today. Asking again while a request waits returns it."""
    policy.require(actor, "personal_data.request_erasure", user)
    waiting = ErasureRequest.objects.filter(user=user, status=ErasureStatus.PENDING).first()
    if waiting is not None:
        return waiting
    now = timezone.now()
    return ErasureRequest.objects.create(
        user=user,
        requested_at=now,
        due_on=(now + timedelta(days=settings.PERSONAL_DATA_ERASURE_DAYS)).date(),
    )


@use_case
def erasure_request_cancel(*, actor: Actor, request: ErasureRequest) -> ErasureRequest:
    """The person withdraws their waiting request."""
    policy.require(actor, "personal_data.cancel_erasure", request)
    locked = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != ErasureStatus.PENDING:
        raise ValidationError("This request was answered already: it can no longer be withdrawn.")
    locked.status = ErasureStatus.CANCELLED
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_at"])
    return locked


def _answerable(actor: Actor, action: str, request: ErasureRequest) -> ErasureRequest:
    policy.require(actor, action, request)
    locked = ErasureRequest.objects.select_for_update().select_related("user").get(pk=request.pk)
    if locked.status != ErasureStatus.PENDING:
        raise ValidationError(
            f"This request is {locked.get_status_display()} already: nothing more to do."
        )
    return locked


def _account(actor: Actor) -> Any:
    """The acting account, or None for the system."""
    return actor if getattr(actor, "pk", None) else None


@use_case
def erasure_confirm(*, actor: Actor, request: ErasureRequest) -> ErasureRequest:
    """The secretariat confirms: the person is erased everywhere
    (``alliance_portal.erasure.scrub``): name, address, position, sessions, tokens, the
    audit trail's copies of them, the outbox and the logs; their organisation's votes,
    comments (now by "former participant of <organisation>"), decisions and the decision log
    stay as they were. The request is kept, erased."""
    locked = _answerable(actor, "personal_data.erase", request)
    user = locked.user
    membership = membership_of(user)
    who = identity_of(user, membership.organisation_name if membership else "")
    locked.status = ErasureStatus.ERASING
    locked.save(update_fields=["status"])
    with connection.cursor() as cursor:
        # Transaction-local: lets the append-only tables' triggers accept this erasure's
        # rewrite of their personal columns, until the end of this transaction at most.
        cursor.execute("SELECT set_config(%s, %s, true)", [ERASURE_SETTING, str(locked.pk)])
        erase_everywhere(user, who)
        cursor.execute("SELECT set_config(%s, '', true)", [ERASURE_SETTING])
    locked.status = ErasureStatus.ERASED
    locked.decided_at = timezone.now()
    locked.decided_by = _account(actor)
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    return locked


@use_case
def erasure_decline(*, actor: Actor, request: ErasureRequest, reason: str) -> ErasureRequest:
    """The secretariat declines, saying why (a legal duty to keep the data, for instance);
    the person is told by email."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the request is declined: the person is told."})
    locked = _answerable(actor, "personal_data.erase", request)
    locked.status = ErasureStatus.DECLINED
    locked.decline_reason = reason
    locked.decided_at = timezone.now()
    locked.decided_by = _account(actor)
    locked.save(update_fields=["status", "decline_reason", "decided_at", "decided_by"])
    email_queue(
        event_key=f"erasure-declined:{locked.pk}",
        recipient=locked.user.email,
        subject="Your request to erase your data was declined",
        body=f"The secretariat declined your request to erase your personal data.\n\n"
        f"Why: {reason}\n\nYou may ask again, or reply to the secretariat.",
    )
    return locked


@use_case
def erasure_remind_due(*, actor: Actor) -> int:
    """Email the secretariat about each waiting request due within
    ``PERSONAL_DATA_ERASURE_REMIND_DAYS`` (or overdue), once a day at most per request; the
    number of requests reminded of."""
    policy.require(actor, "personal_data.remind")
    now = timezone.now()
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("erasure_requests")
    reminded = 0
    for request in erasure_requests_to_remind(now=now):
        for address in secretariat_addresses():
            email_queue(
                event_key=f"erasure-due:{request.pk}:{now.date().isoformat()}",
                recipient=address,
                subject=f"An erasure request is due by {request.due_on:%d %B %Y}",
                body=f"A person asked on {request.requested_at:%d %B %Y} that their personal "
                f"data be erased; the answer is due by {request.due_on:%d %B %Y}.\n\n"
                f"Confirm or decline it: {link}",
            )
        request.reminded_at = now
        request.save(update_fields=["reminded_at"])
        reminded += 1
    return reminded
