"""Bar charts of the balance figures as plain HTML and CSS (no script, no library): each bar
is a row with its label, a bar whose length is the value, and the value in words. The page
shows the table with the same numbers after each chart."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from governance.balance.figures import DAYS, Balance


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str  # the value in words: "21.5 days", "40.0 %", "no data"
    width: Decimal  # percent of the chart's width, one decimal


@dataclass(frozen=True)
class BarChart:
    key: str
    title: str
    bars: list[Bar]


def _bars(rows: list[tuple[str, Decimal | None, str]], *, percent: bool) -> list[Bar]:
    values = [value for _label, value, _unit in rows if value is not None]
    scale = Decimal(100) if percent else max([*values, Decimal(0)])
    bars = []
    for label, value, unit in rows:
        if value is None:
            bars.append(Bar(label, "no data", Decimal(0)))
            continue
        width = (value * 100 / scale).quantize(Decimal("0.1"), ROUND_HALF_UP) if scale else 0
        bars.append(Bar(label, f"{value} {unit}", min(Decimal(width), Decimal(100))))
    return bars


def balance_charts(balance: Balance) -> list[BarChart]:
    """The dashboard's charts: the headline figures in days side by side, then per chamber
    the share of eligible organisations that commented and that voted."""
    chambers = balance.participation
    return [
        BarChart(
            "days",
            "Median days: time in consultation and time to decide",
            _bars(
                [(f.label, f.value, "days") for f in balance.figures if f.unit == DAYS],
                percent=False,
            ),
        ),
        BarChart(
            "commented",
            "Eligible organisations that commented, per chamber",
            _bars([(row.name, row.commented.value, "%") for row in chambers], percent=True),
        ),
        BarChart(
            "voted",
            "Eligible organisations that voted, per chamber",
            _bars([(row.name, row.voted.value, "%") for row in chambers], percent=True),
        ),
    ]
