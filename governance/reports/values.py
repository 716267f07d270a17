"""The building blocks of ``report.json``: sections made of figures, tables and charts, exact
numbers (integers, decimal strings, fractions as ``{"num", "den"}``; never a float), and the
canonical serialisation that makes a rebuild with unchanged data byte-identical."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings

from governance.decision_log.canonical import canonical_json, timestamp

# Table Schema field types we use (https://specs.frictionlessdata.io/table-schema/).
STRING, INTEGER, NUMBER, DATE, DATETIME, BOOLEAN = (
    "string",
    "integer",
    "number",
    "date",
    "datetime",
    "boolean",
)
COLUMN_TYPES = frozenset({STRING, INTEGER, NUMBER, DATE, DATETIME, BOOLEAN})

Cell = str | int | bool | None


# How the page and the PDF show a column's values (``Column.shown_as``); the CSV keeps them raw.
MARKDOWN, MONTH, PERCENT, MONEY, PROPOSAL, LOG_ENTRY = (
    "markdown",  # text people wrote, rendered
    "month",  # "2026-03" read as "March 2026"
    "percent",  # a decimal string read as "85.7 %"
    "money",  # an amount, with the currency of the column ``Column.currency`` names
    "proposal",  # a proposal's id, read as its title (from the report's own tables)
    "log_entry",  # a decision-log seq, read as "Entry 4" and linked to the entry
)
SHOWN_AS = frozenset({MARKDOWN, MONTH, PERCENT, MONEY, PROPOSAL, LOG_ENTRY})


def labels(choices: Any) -> tuple[tuple[str, str], ...]:
    """Value → label pairs from Django choices (or any pairs), for ``Column.values``."""
    return tuple((str(value), str(label)) for value, label in choices)


@dataclass(frozen=True)
class Column:
    """A column of a table. ``name``, ``title``, ``type``, ``description`` and ``format`` are
    for data users (the CSV header and the data package); the rest says how people read it
    on the page and in the PDF: ``label`` the heading when the title is for data users
    ("Result" for "Result (identifier)"), ``hidden`` an identifier a worded column beside it
    repeats, ``values`` the words for coded values, ``shown_as`` one of ``SHOWN_AS``,
    ``currency`` the column holding a money amount's currency, ``link`` the column holding
    the address this cell links to."""

    name: str
    title: str
    type: str = STRING
    description: str = ""
    format: str = ""  # "uri" for links
    label: str = ""
    hidden: bool = False
    values: tuple[tuple[str, str], ...] = ()
    shown_as: str = ""
    currency: str = ""
    link: str = ""

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "title": self.title,
            "type": self.type,
            "description": self.description,
        }
        if self.format:
            data["format"] = self.format
        display: dict[str, Any] = {
            "label": self.label,
            "hidden": self.hidden,
            "values": dict(self.values),
            "shown_as": self.shown_as,
            "currency": self.currency,
            "link": self.link,
        }
        display = {key: value for key, value in display.items() if value}
        if display:
            data["display"] = display
        return data


@dataclass
class Table:
    """A table of the report: one CSV file of the open-data bundle, shown in the page and
    (the first rows) in the PDF. ``name`` is unique in the report and names the CSV file."""

    name: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    description: str = ""
    # The columns the PDF shows (it summarises); a table without them is only listed there.
    pdf_columns: list[str] = field(default_factory=list)

    def add(self, *cells: Cell) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"{self.name}: {len(cells)} cells for {len(self.columns)} columns")
        self.rows.append(list(cells))

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "columns": [column.as_json() for column in self.columns],
            "rows": self.rows,
            "pdf_columns": list(self.pdf_columns),
        }


@dataclass(frozen=True)
class Chart:
    """A bar chart drawn from two columns of one of the section's tables; the table is shown
    beside it for people who do not see the chart."""

    key: str
    title: str
    table: str
    label_column: str
    value_column: str
    unit: str = ""  # shown after each value, e.g. "%"

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "table": self.table,
            "label_column": self.label_column,
            "value_column": self.value_column,
            "unit": self.unit,
        }


@dataclass(frozen=True)
class Figure:
    """One headline number: ``value`` is exact (int, decimal string, fraction or None),
    ``display`` how people read it."""

    key: str
    label: str
    value: Any
    display: str

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "value": self.value, "display": self.display}


@dataclass
class SectionContent:
    """What a section function returns: figures, tables, charts and notes."""

    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def figure(self, key: str, label: str, value: Any, display: str | None = None) -> None:
        if display is None:
            display = _display(value)
        self.figures.append(Figure(key, label, value, display))


def _display(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict) and set(value) == {"num", "den"}:
        return fraction_display(value)
    return str(value)


# --- exact numbers -----------------------------------------------------------------------------


def fraction(num: int, den: int) -> dict[str, int]:
    return {"num": num, "den": den}


def percent(num: int, den: int) -> str | None:
    """``num / den`` as a percentage with one decimal, rounded half up, as a decimal string;
    None when there is nothing to divide by."""
    if den == 0:
        return None
    return str((Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def fraction_display(value: dict[str, int]) -> str:
    share = percent(value["num"], value["den"])
    return f"{value['num']} of {value['den']}" + (f" ({share} %)" if share is not None else "")


def days(seconds: Decimal | int) -> str:
    """A duration in days with one decimal, rounded half up, as a decimal string."""
    return str((Decimal(seconds) / Decimal(86400)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def money(amount: Decimal) -> str:
    return str(amount.quantize(Decimal("0.01")))


def median(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return sum(values, Decimal(0)) / len(values)


def iso_datetime(moment: datetime | None) -> str | None:
    """UTC, to the second, with a ``Z``: the same text whatever the server's time zone."""
    return timestamp(moment) if moment is not None else None


def day_and_time(moment: str) -> str:
    """An ``iso_datetime`` as people read it: "7 December 2026, 07:26 UTC"."""
    parsed = datetime.fromisoformat(moment)
    return f"{parsed.day} {parsed:%B %Y, %H:%M} UTC"


def absolute(path: str) -> str:
    """An absolute link to a page of the portal, so the report's links work outside it."""
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}"


# --- canonical JSON (the decision log's writer, indented) --------------------------------------


def canonical_bytes(content: dict[str, Any]) -> bytes:
    """``report.json``: UTF-8, keys sorted, two-space indents, a final newline. Lists keep
    their order, which the selectors make deterministic."""
    return (canonical_json(content, indent=2) + "\n").encode("utf-8")
