"""Report periods: a calendar quarter, a calendar year, or any span of whole days (UTC)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from governance.reports.models import ReportKind

QUARTER_LABEL = re.compile(r"^(\d{4})-Q([1-4])$")
YEAR_LABEL = re.compile(r"^(\d{4})$")
AD_HOC_LABEL = re.compile(r"^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$")
QUARTER_NAMES = {
    1: "January to March",
    2: "April to June",
    3: "July to September",
    4: "October to December",
}


@dataclass(frozen=True)
class Period:
    """A report period: ``start`` and ``end`` are its first and last day, both included."""

    kind: str
    start: date
    end: date

    @property
    def label(self) -> str:
        """``2025``, ``2025-Q3`` or ``2025-02-01_2025-03-15``: unique per kind, safe in a file name."""
        if self.kind == ReportKind.ANNUAL:
            return f"{self.start.year}"
        if self.kind == ReportKind.QUARTERLY:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    @property
    def title(self) -> str:
        if self.kind == ReportKind.ANNUAL:
            return f"{self.start.year}"
        if self.kind == ReportKind.QUARTERLY:
            quarter = (self.start.month - 1) // 3 + 1
            return f"Q{quarter} {self.start.year} ({QUARTER_NAMES[quarter]})"
        return f"{_day(self.start)} to {_day(self.end)}"

    @property
    def starts_at(self) -> datetime:
        """The first instant of the period (UTC)."""
        return datetime.combine(self.start, time.min, tzinfo=UTC)

    @property
    def ends_before(self) -> datetime:
        """The first instant after the period (UTC): the period is ``[starts_at, ends_before)``."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=UTC)

    def has_ended(self, today: date) -> bool:
        return self.end < today

    def months(self) -> list[str]:
        """Every month the period touches, as ``YYYY-MM``, in order."""
        months, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            months.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def annual(year: int) -> Period:
    return Period(ReportKind.ANNUAL, date(year, 1, 1), date(year, 12, 31))


def quarterly(year: int, quarter: int) -> Period:
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": "A quarter is 1, 2, 3 or 4."})
    start = date(year, 3 * quarter - 2, 1)
    end = (date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)) - timedelta(
        days=1
    )
    return Period(ReportKind.QUARTERLY, start, end)


def ad_hoc(start: date, end: date) -> Period:
    if end < start:
        raise ValidationError({"end": "The period ends on or after the day it starts."})
    return Period(ReportKind.AD_HOC, start, end)


def period_of(
    *,
    kind: str,
    year: int | None = None,
    quarter: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Period:
    """The period a request names: a year for an annual report, a year and a quarter for a
    quarterly one, first and last day for an ad hoc one. ``ValidationError`` names what is
    missing or wrong."""
    if kind == ReportKind.ANNUAL:
        if year is None:
            raise ValidationError({"year": "Say which year the annual report covers."})
        return annual(year)
    if kind == ReportKind.QUARTERLY:
        if year is None or quarter is None:
            errors = {}
            if year is None:
                errors["year"] = "Say which year the quarter is in."
            if quarter is None:
                errors["quarter"] = "Say which quarter (1 to 4) the report covers."
            raise ValidationError(errors)
        return quarterly(year, quarter)
    if kind == ReportKind.AD_HOC:
        if start is None or end is None:
            errors = {}
            if start is None:
                errors["start"] = "Say on which day the period starts."
            if end is None:
                errors["end"] = "Say on which day the period ends."
            raise ValidationError(errors)
        return ad_hoc(start, end)
    raise ValidationError({"kind": f"“{kind}” is not a kind of report."})


def from_label(kind: str, label: str) -> Period:
    """The period a stored report names (the inverse of ``Period.label``)."""
    if kind == ReportKind.ANNUAL and (match := YEAR_LABEL.match(label)):
        return annual(int(match.group(1)))
    if kind == ReportKind.QUARTERLY and (match := QUARTER_LABEL.match(label)):
        return quarterly(int(match.group(1)), int(match.group(2)))
    if kind == ReportKind.AD_HOC and (match := AD_HOC_LABEL.match(label)):
        return ad_hoc(date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2)))
    raise ValueError(f"{label!r} is not a {kind} period")


def last_completed(kind: str, today: date) -> Period:
    """The latest quarter or year that ended before ``today``."""
    if kind == ReportKind.ANNUAL:
        return annual(today.year - 1)
    quarter = (today.month - 1) // 3 + 1
    return quarterly(today.year - 1, 4) if quarter == 1 else quarterly(today.year, quarter - 1)


def requested_period(
    *,
    kind: str,
    year: int | None = None,
    quarter: int | None = None,
    start: date | None = None,
    end: date | None = None,
    today: date | None = None,
) -> Period:
    """The period a request for a report names, or a ``ValidationError`` saying what is wrong:
    something missing or impossible, a quarter or year that has not ended yet, an ad hoc period
    ending after today. (A check only: pages and the admin use it to put errors on forms.)"""
    period = period_of(kind=kind, year=year, quarter=quarter, start=start, end=end)
    today = today or timezone.localdate()
    if kind == ReportKind.AD_HOC:
        if period.end > today:
            raise ValidationError(
                {"end": f"An ad hoc report ends on {today:%d %B %Y} (today) at the latest."}
            )
        return period
    if not period.has_ended(today):
        what = "year" if kind == ReportKind.ANNUAL else "quarter"
        raise ValidationError(
            {
                "period": f"The {what} {period.label} ends on {period.end:%d %B %Y}: its report "
                f"can be built from the day after. For a report up to today, ask for an ad hoc "
                "report."
            }
        )
    return period
