"""Notifications: ``notify`` (called by a feature inside the use case that makes the event
happen), the delivery after commit, the digests, and a person's choices.

Once per event and person, whatever happens: the event is one ``Notification`` row (its key is
unique), written in the triggering transaction, so a rollback leaves nothing to send; its
delivery runs after the commit and may run twice (Celery delivers at least once): an immediate
email is one outbox row per (event, person) and a digest item is unique per (event, person)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.models import OutboundEmail, User
from alliance_portal.notifications.kinds import DIGESTS, KINDS, Frequency, Scope, kind_label
from alliance_portal.notifications.models import (
    Notification,
    NotificationItem,
    NotificationPreference,
)
from alliance_portal.notifications.selectors import (
    choices_for,
    people_with_digest_due,
    period_start,
    preferences_of,
)
from alliance_portal.notifications.tokens import (
    DIGEST_PREFIX,
    BadToken,
    read_token,
    unsubscribe_url,
)
from alliance_portal.outbox import email_queue
from alliance_portal.types import Actor

logger = logging.getLogger(__name__)


def _user_id(person: Any) -> int:
    return person if isinstance(person, int) else int(person.pk)


def notify(
    *,
    kind: str,
    event_key: str,
    audience: Iterable[User | int],
    subject: str,
    line: str,
    link: str,
    body: str = "",
    in_scope: Iterable[User | int] = (),
) -> Notification | None:
    """Tell ``audience`` (people, or their ids) of one event, each as they chose for ``kind``:
    at once, in a digest, or not at all. Call it inside the use case that makes the event
    happen; nothing is sent unless that transaction commits. ``event_key`` names the event
    ("governance:ballot-opened:12"): a second call with the same key does nothing (returns
    None). ``line`` is the event in one line for digests, ``link`` an absolute URL, ``body``
    the immediate email's text (``line`` when empty). For a kind with a scope, ``in_scope`` are
    the people for whom the event is in their organisation's materials or countries."""
    from alliance_portal.notifications.tasks import notification_dispatch_task

    if kind not in KINDS:
        raise ValueError(f"Unknown kind of notification: {kind!r}.")
    notification, created = Notification.objects.get_or_create(
        event_key=event_key,
        defaults={
            "kind": kind,
            "subject": subject[:300],
            "line": line[:300],
            "link": link,
            "body": body or line,
            "audience": sorted({_user_id(p) for p in audience}),
            "in_scope": sorted({_user_id(p) for p in in_scope}),
        },
    )
    if not created:
        return None
    transaction.on_commit(lambda: notification_dispatch_task.delay(notification.pk))
    return notification


def _preferences_url() -> str:
    return settings.PORTAL_BASE_URL + reverse("notification_preferences")


def _headers(unsubscribe: str) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe: mail programs POST to the link."""
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _immediate(notification: Notification, user: User) -> OutboundEmail:
    label = kind_label(notification.kind)
    unsubscribe = unsubscribe_url(user_id=user.pk, what=notification.kind)
    body = (
        f"{notification.body}\n\n{notification.link}\n\n-- \n"
        f"You receive this email because you chose to hear of “{label}” at once.\n"
        f"Change your notifications: {_preferences_url()}\n"
        f"Stop these emails (one click, no sign-in): {unsubscribe}\n"
    )
    return email_queue(
        event_key=f"notification:{notification.event_key}",
        recipient=user.email,
        subject=notification.subject,
        body=body,
        headers=_headers(unsubscribe),
    )


@use_case
def notification_dispatch(
    *, actor: Actor, notification_id: int, now: datetime | None = None
) -> int:
    """Deliver one notified event to its audience (the portal, after the event's transaction
    committed): an outbox email to each person who chose "at once", a digest item for each
    who chose a digest, nothing to those who chose "never" or (kinds with a scope) only their
    organisation's materials or countries when the event is outside them. Running it again
    sends nothing new. Returns how many people it reached."""
    policy.require(actor, "notifications.send", None)
    notification = Notification.objects.select_for_update().get(pk=notification_id)
    scoped = KINDS[notification.kind].scoped
    in_scope = set(notification.in_scope)
    people = User.objects.filter(pk__in=notification.audience, is_active=True).exclude(email="")
    choices = choices_for(notification.kind, notification.audience)
    items = []
    reached = 0
    for user in people.order_by("pk"):
        choice = choices[user.pk]
        if choice.frequency == Frequency.NONE:
            continue
        if scoped and choice.scope == Scope.MINE and user.pk not in in_scope:
            continue
        reached += 1
        if choice.frequency == Frequency.IMMEDIATE:
            _immediate(notification, user)
        else:
            items.append(
                NotificationItem(notification=notification, user=user, frequency=choice.frequency)
            )
    NotificationItem.objects.bulk_create(items, ignore_conflicts=True)
    if notification.dispatched_at is None:
        notification.dispatched_at = now or timezone.now()
        notification.save(update_fields=["dispatched_at"])
    return reached


# --- digests --------------------------------------------------------------------------------


def _period(frequency: str, now: datetime) -> tuple[str, str]:
    """The key and the words of the period a digest built at ``now`` covers (the one before
    the current period)."""
    last_day = (period_start(frequency, now) - timedelta(days=1)).date()
    if frequency == Frequency.WEEKLY:
        year, week, _ = last_day.isocalendar()
        monday = last_day - timedelta(days=last_day.weekday())
        return f"{year}-W{week:02d}", f"the week of {monday.day} {monday:%B %Y}"
    return last_day.isoformat(), f"{last_day.day} {last_day:%B %Y}"


def _digest_body(items: Sequence[NotificationItem], words: str, unsubscribe: str) -> str:
    lines = [f"What happened at {settings.ALLIANCE_NAME} up to the end of {words}:", ""]
    by_kind: dict[str, list[NotificationItem]] = {}
    for item in items:
        by_kind.setdefault(item.notification.kind, []).append(item)
    for kind in KINDS:
        if kind not in by_kind:
            continue
        lines.append(f"{kind_label(kind)} ({len(by_kind[kind])})")
        for item in by_kind[kind]:
            lines += [f"- {item.notification.line}", f"  {item.notification.link}"]
        lines.append("")
    lines += [
        "-- ",
        f"Change your notifications: {_preferences_url()}",
        f"Stop this digest (one click, no sign-in): {unsubscribe}",
    ]
    return "\n".join(lines) + "\n"


@use_case
def digest_send(
    *, actor: Actor, user_id: int, frequency: str, now: datetime | None = None
) -> OutboundEmail | None:
    """Email one person their daily or weekly digest: every item waiting from before the
    current period, grouped by kind, in one email; the items are marked sent in the same
    transaction. The email's key names the person and the period, so running it again (or
    twice at once) sends one digest. None when nothing was waiting."""
    policy.require(actor, "notifications.send", None)
    if frequency not in DIGESTS:
        raise ValidationError({"frequency": "A digest is daily or weekly."})
    now = now or timezone.now()
    items = list(
        NotificationItem.objects.select_for_update(of=("self",))
        .filter(
            user_id=user_id,
            frequency=frequency,
            digest_sent_at=None,
            created_at__lt=period_start(frequency, now),
        )
        .select_related("notification", "user")
        .order_by("notification__created_at", "pk")
    )
    user = items[0].user if items else None
    if user is None or not user.is_active or not user.email:
        return None
    key, words = _period(frequency, now)
    event_key = f"notification-digest:{frequency}:{user_id}:{key}"
    unsubscribe = unsubscribe_url(user_id=user_id, what=f"{DIGEST_PREFIX}{frequency}")
    count = len(items)
    email = email_queue(
        event_key=event_key,
        recipient=user.email,
        subject=f"Your {frequency} digest for {words}: "
        f"{count} notification{'s' if count != 1 else ''}",
        body=_digest_body(items, words, unsubscribe),
        headers=_headers(unsubscribe),
    )
    NotificationItem.objects.filter(pk__in=[item.pk for item in items]).update(
        digest_sent_at=now, digest_key=event_key
    )
    return email


def digests_send(*, actor: Actor, frequency: str, now: datetime | None = None) -> list[int]:
    """Send the daily or weekly digest to everyone with items waiting (beat). Each person's
    digest is its own use case: one that fails is logged and the others still go. Returns the
    ids of the people emailed."""
    now = now or timezone.now()
    sent = []
    for user_id in people_with_digest_due(frequency, now):
        try:
            email = digest_send(actor=actor, user_id=user_id, frequency=frequency, now=now)
        except Exception:
            logger.exception("The %s digest of person %s failed; going on", frequency, user_id)
            continue
        if email is not None:
            sent.append(user_id)
    return sent


# --- a person's choices -----------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceInput:
    kind: str
    frequency: str
    scope: str = ""


def _set_choice(user: User, kind: str, frequency: str, scope: str) -> bool:
    """Store one choice; pending digest items of the kind follow it (to the other digest, or
    dropped for "never"). True when it changed."""
    current = preferences_of(user.pk)
    before = next(c for c in current if c.kind == kind)
    if before.frequency == frequency and before.scope == scope and not before.is_default:
        return False
    NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"frequency": frequency, "scope": scope}
    )
    pending = NotificationItem.objects.filter(
        user=user, notification__kind=kind, digest_sent_at=None
    )
    if frequency == Frequency.NONE:
        pending.delete()
    elif frequency in DIGESTS:
        pending.update(frequency=frequency)
    return before.frequency != frequency or before.scope != scope


def _clean(choice: ChoiceInput) -> ChoiceInput:
    event = KINDS.get(choice.kind)
    if event is None:
        raise ValidationError({"kind": f"“{choice.kind}” is not a kind of notification."})
    if choice.frequency not in Frequency.values:
        raise ValidationError(
            {
                "frequency": f"Choose how often to hear of “{event.label}”: at once, daily, "
                "weekly or never."
            }
        )
    scope = choice.scope or (Scope.MINE if event.scoped else "")
    if event.scoped and scope not in Scope.values:
        raise ValidationError({"scope": f"Choose which “{event.label}” to hear of."})
    if not event.scoped and choice.scope:
        raise ValidationError({"scope": f"“{event.label}” has no choice of which ones."})
    return ChoiceInput(kind=choice.kind, frequency=choice.frequency, scope=scope)


@use_case
def notification_preferences_update(
    *, actor: Actor, user: User, choices: Sequence[ChoiceInput]
) -> list[str]:
    """Change a person's choices (the person themself). Refuses, changing nothing, an unknown
    kind or frequency, or a scope for a kind without one. Returns the kinds that changed."""
    policy.require(actor, "notifications.change_preferences", user)
    cleaned = [_clean(choice) for choice in choices]
    return [c.kind for c in cleaned if _set_choice(user, c.kind, c.frequency, c.scope)]


@dataclass(frozen=True)
class Unsubscribed:
    user: User
    labels: list[str]


def unsubscribe_kinds(user_id: int, what: str) -> list[str]:
    """The kinds an unsubscribe link stops: its kind, or every kind now in its digest."""
    if not what.startswith(DIGEST_PREFIX):
        return [what]
    digest = what.removeprefix(DIGEST_PREFIX)
    return [c.kind for c in preferences_of(user_id) if c.frequency == digest]


@use_case
def notification_unsubscribe(*, actor: Actor, token: str) -> Unsubscribed:
    """Follow a one-click unsubscribe link (anyone holding it, signed in or not): what it
    names is set to "never". A changed or expired link raises ``BadToken``, changing
    nothing; following a link twice changes nothing more."""
    wanted = read_token(token)
    user = User.objects.filter(pk=wanted.user_id).first()
    if user is None:
        raise BadToken("This unsubscribe link is for an account that no longer exists.")
    policy.require(actor, "notifications.unsubscribe", user)
    kinds = unsubscribe_kinds(user.pk, wanted.what)
    choices = {c.kind: c for c in preferences_of(user.pk)}
    for kind in kinds:
        _set_choice(user, kind, Frequency.NONE, choices[kind].scope)
    return Unsubscribed(user=user, labels=[kind_label(kind) for kind in kinds])
