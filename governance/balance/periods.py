"""The periods the balance figures cover: a rolling one the reader chooses on the dashboard and
in the API (the last 90 days, the last 12 months, all time), or a report's period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone

LAST_90_DAYS, LAST_12_MONTHS, ALL_TIME = "90d", "12m", "all"
PERIOD_CHOICES = (
    (LAST_90_DAYS, "Last 90 days"),
    (LAST_12_MONTHS, "Last 12 months"),
    (ALL_TIME, "All time"),
)
DEFAULT_PERIOD = LAST_12_MONTHS


@dataclass(frozen=True)
class BalancePeriod:
    """What a figure covers: the instants ``[starts_at, ends_before)``; ``starts_at`` None for
    all time. ``key`` names a rolling period ("12m"), or is empty for a report's period."""

    key: str
    label: str
    starts_at: datetime | None
    ends_before: datetime

    def within(self, field: str) -> Q:
        """Rows whose ``field`` (a moment) falls in the period."""
        condition = Q(**{f"{field}__lt": self.ends_before})
        if self.starts_at is not None:
            condition &= Q(**{f"{field}__gte": self.starts_at})
        return condition

    def contains(self, moment: datetime) -> bool:
        """Whether ``moment`` falls in the period (as ``within`` in a query)."""
        after_start = self.starts_at is None or moment >= self.starts_at
        return after_start and moment < self.ends_before

    @property
    def first_day(self) -> date | None:
        return timezone.localdate(self.starts_at) if self.starts_at is not None else None

    @property
    def last_day(self) -> date:
        return timezone.localdate(self.ends_before - timedelta(microseconds=1))

    @property
    def in_words(self) -> str:
        """ "8 December 2025 to 7 December 2026", or "up to 7 December 2026" for all time."""
        last = _day(self.last_day)
        return f"{_day(self.first_day)} to {last}" if self.first_day else f"up to {last}"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _year_before(moment: datetime) -> datetime:
    try:
        return moment.replace(year=moment.year - 1)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - 1, day=28)


def rolling_period(key: str, *, now: datetime | None = None) -> BalancePeriod:
    """The rolling period ``key`` names (one of ``PERIOD_CHOICES``), ending now."""
    now = now or timezone.now()
    label = dict(PERIOD_CHOICES)[key]
    if key == LAST_90_DAYS:
        return BalancePeriod(key, label, now - timedelta(days=90), now)
    if key == LAST_12_MONTHS:
        return BalancePeriod(key, label, _year_before(now), now)
    return BalancePeriod(key, label, None, now)


def fixed_period(*, label: str, starts_at: datetime, ends_before: datetime) -> BalancePeriod:
    """A period with fixed bounds (a transparency report's)."""
    return BalancePeriod("", label, starts_at, ends_before)
