"""Reads: a person's effective choices (their own, or each kind's default), and who has
items waiting for a digest."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from alliance_portal.notifications.kinds import KINDS, Frequency, Scope
from alliance_portal.notifications.models import NotificationItem, NotificationPreference


@dataclass(frozen=True)
class Choice:
    """What one person hears of one kind of event."""

    kind: str
    label: str
    description: str
    frequency: str
    scope: str  # "" for kinds without a scope
    is_default: bool

    @property
    def frequency_label(self) -> str:
        return str(Frequency(self.frequency).label)

    @property
    def scope_label(self) -> str:
        return str(Scope(self.scope).label) if self.scope else ""


def _choice(kind: str, preference: NotificationPreference | None) -> Choice:
    event = KINDS[kind]
    default_scope = Scope.MINE if event.scoped else ""
    return Choice(
        kind=kind,
        label=event.label,
        description=event.description,
        frequency=preference.frequency if preference else event.default,
        scope=(preference.scope or default_scope) if preference else default_scope,
        is_default=preference is None,
    )


def preferences_of(user_id: int) -> list[Choice]:
    """Every kind, in the registry's order, as this person has chosen it (one query)."""
    chosen = {p.kind: p for p in NotificationPreference.objects.filter(user_id=user_id)}
    return [_choice(kind, chosen.get(kind)) for kind in KINDS]


def choices_for(kind: str, user_ids: Iterable[int]) -> dict[int, Choice]:
    """The choice for one kind of each of these people (one query)."""
    ids = list(user_ids)
    chosen = {
        p.user_id: p for p in NotificationPreference.objects.filter(kind=kind, user_id__in=ids)
    }
    return {pk: _choice(kind, chosen.get(pk)) for pk in ids}


def period_start(frequency: str, now: datetime) -> datetime:
    """Where the digest period that ``now`` is in begins: midnight UTC today (daily), midnight
    UTC on Monday of this week (weekly). A digest holds the items from before it."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if frequency == Frequency.WEEKLY:
        return midnight - timedelta(days=midnight.weekday())
    return midnight


def people_with_digest_due(frequency: str, now: datetime) -> list[int]:
    """The people with items waiting for this digest from before the current period."""
    return list(
        NotificationItem.objects.filter(
            frequency=frequency, digest_sent_at=None, created_at__lt=period_start(frequency, now)
        )
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
