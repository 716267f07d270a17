"""The balance figures as values: each says what it is, its value, the period it covers and
how many items it stands on, so a reader can judge it and recompute it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from governance.balance.periods import BalancePeriod
from governance.meetings.selectors import ChamberFigures
from members.models import Chamber

DAYS, PERCENT = "days", "%"
ONE_DECIMAL = Decimal("0.1")


def median_days(durations: list[timedelta]) -> Decimal | None:
    """The median of ``durations`` in days, one decimal, rounded half up (the median is taken
    on the exact durations, then rounded); None for no durations."""
    if not durations:
        return None
    seconds = median(Decimal(str(d.total_seconds())) for d in durations)
    return (Decimal(seconds) / 86400).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def share(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """``part`` of ``whole`` in percent, one decimal, rounded half up; None when ``whole`` is 0."""
    if whole == 0:
        return None
    return (Decimal(part) * 100 / whole).quantize(ONE_DECIMAL, ROUND_HALF_UP)


@dataclass(frozen=True)
class Figure:
    """One headline figure: ``value`` in ``unit`` (None when there is nothing to measure),
    over ``period``, standing on ``items`` (``items_label`` says what they are, in the plural,
    its first word a regular plural noun: "consultations closed in the period"); ``rule`` is
    the counting rule in one sentence."""

    key: str
    label: str
    value: Decimal | None
    unit: str
    period: BalancePeriod
    items: int
    items_label: str
    rule: str

    @property
    def items_words(self) -> str:
        """ "1 consultation closed in the period", "2 consultations closed in the period"."""
        if self.items != 1:
            return f"{self.items} {self.items_label}"
        noun, _, rest = self.items_label.partition(" ")
        return " ".join(filter(None, ("1", noun.removesuffix("s"), rest)))

    @property
    def display(self) -> str:
        if self.value is None:
            return "Nothing to measure yet"
        return f"{self.value} days" if self.unit == DAYS else f"{self.value} %"


@dataclass(frozen=True)
class Share:
    """``count`` of ``items`` organisations, in percent (``value``), over ``period``."""

    count: int
    items: int
    period: BalancePeriod

    @property
    def value(self) -> Decimal | None:
        return share(self.count, self.items)


@dataclass(frozen=True)
class ChamberParticipation:
    """One chamber (None: all chambers together): of its eligible organisations (members in
    good standing), those that commented and those that voted in the period; and the community
    groups of the chamber whose input the secretariat recorded (not organisations, so not in
    the shares)."""

    chamber: Chamber | None
    commented: Share
    voted: Share
    groups_heard: int

    @property
    def name(self) -> str:
        return self.chamber.name if self.chamber else "All chambers"

    @property
    def eligible(self) -> int:
        return self.commented.items


@dataclass(frozen=True)
class MeetingAccess:
    """Meeting requests made in the period, per chamber and in all (the meetings feature's
    own figures, for the period)."""

    period: BalancePeriod
    chambers: list[ChamberFigures]
    total: ChamberFigures

    @property
    def items(self) -> int:
        return self.total.requests


@dataclass(frozen=True)
class Balance:
    period: BalancePeriod
    figures: list[Figure]
    participation: list[ChamberParticipation]  # every chamber in order, then all together
    meeting_access: MeetingAccess
