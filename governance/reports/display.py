"""How a report's page reads ``report.json``: headings in words, coded values by their labels,
dates, months, amounts with their currency and percentages formatted for the reader, Markdown
rendered, links on the words they belong to, identifiers left to the open data. The CSV files
keep every raw value (``opendata.py``); this module only changes what people read."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.safestring import SafeString

from alliance_portal.markdown import render_markdown
from governance.reports import values as v
from governance.reports.charts import bar_chart_svg
from governance.reports.content import report_title
from governance.reports.models import TransparencyReport
from governance.reports.periods import from_label

DAY = "j F Y"
EMPTY = "—"
# What a section that cannot be built yet says, on the page and in the PDF (``report.json``
# keeps the build's technical note for data users).
UNAVAILABLE = "Nothing to report yet: the portal does not record this yet."

# Reports built before the headings change (issue 15) stored columns without "display": their
# headings are the data users' titles. They are read with the rules of today, decided here when
# the page or PDF is drawn: the qualifier for data users comes off the title ("Result
# (identifier)" reads "Result") and says how the values read; a coded column with a worded twin,
# a page address and an id beside a title are left to the open data, as in reports built now.
_QUALIFIER = re.compile(r"\s*\((identifier|seq|Markdown|YYYY-MM|%|ISO [^)]*)\)$")
_SHOWN_AS = {"seq": v.LOG_ENTRY, "Markdown": v.MARKDOWN, "YYYY-MM": v.MONTH, "%": v.PERCENT}
_RENAMED = {
    "Cost of (action / inaction)": "Cost",
    "Change: agreed, deprecated or superseded": "Change",
}


@dataclass(frozen=True)
class ShownCell:
    text: str
    href: str = ""
    numeric: bool = False
    html: SafeString | None = None  # rendered Markdown
    day: bool = False  # a date, kept on one line


@dataclass(frozen=True)
class Heading:
    text: str
    description: str


@dataclass
class ShownTable:
    name: str
    title: str
    description: str
    headings: list[Heading]
    rows: list[list[ShownCell]]


@dataclass
class ShownChart:
    chart: dict[str, Any]
    table: ShownTable
    svg: str


@dataclass
class ShownSection:
    section: dict[str, Any]
    charts: list[ShownChart]
    tables: list[ShownTable]  # the tables that are not a chart's


def report_heading(report: TransparencyReport) -> str:
    """The report's title in words ("Quarterly transparency report, Q3 2025 (July to
    September)"), without reading its files."""
    return report_title(report.kind, from_label(report.kind, report.period))


def _reader_heading(title: str) -> str:
    return _RENAMED.get(title) or _QUALIFIER.sub("", title) or title


def _legacy_display(column: dict[str, Any], columns: list[dict[str, Any]]) -> dict[str, Any]:
    """How a column stored without "display" reads, by today's rules (see ``_RENAMED``)."""
    names = {c["name"] for c in columns}
    name, title = column["name"], column["title"]
    match = _QUALIFIER.search(title)
    qualifier = match.group(1) if match else ""
    heading = _reader_heading(title)
    twins = {
        _reader_heading(c["title"]) for c in columns if c is not column and c.get("format") != "uri"
    }
    display: dict[str, Any] = {"label": heading}
    has_title = "title" in names or "label" in names
    if column.get("format") == "uri" and has_title:
        display["hidden"] = True  # the title links to it
    elif name in ("title", "label") and (uri := _uri_column(columns)):
        display["link"] = uri
    elif name == "proposal_id" and has_title:
        display["hidden"] = True
    elif name == "proposal_id":
        display["shown_as"] = v.PROPOSAL
    elif name == "currency" and names & {"amount", *_AMOUNTS}:
        display["hidden"] = True  # shown with the amount
    elif (name == "amount" or name in _AMOUNTS) and "currency" in names:
        display["shown_as"] = v.MONEY
        display["currency"] = "currency"
    elif qualifier in ("identifier", "seq") or qualifier.startswith("ISO"):
        worded = {f"{name}_label", name.removesuffix("_slug") if name.endswith("_slug") else ""}
        named_by_title = has_title and column is columns[0]  # the row's key beside its name
        if heading in twins or worded & names or named_by_title:
            display["hidden"] = True
        elif qualifier == "seq" and has_title:
            display["shown_as"] = v.LOG_ENTRY  # beside a title, the entry links on its own
        elif qualifier == "seq":
            display["hidden"] = True  # beside a proposal it repeats it
    elif qualifier in _SHOWN_AS:
        display["shown_as"] = _SHOWN_AS[qualifier]
    return display


# Amount columns other than "amount" (the initiatives section's), in the row's currency.
_AMOUNTS = frozenset({"budget", "pledged_or_paid", "gap"})


def _uri_column(columns: list[dict[str, Any]]) -> str:
    return next((c["name"] for c in columns if c.get("format") == "uri"), "")


def readable_content(content: dict[str, Any]) -> dict[str, Any]:
    """``report.json`` as people read it today, for the page and the PDF: every column carries
    its "display" (a report built before there was one gets today's headings and rules), a
    section that could not be built says so in words, and the PDF's columns leave out what the
    reader does not need (an identifier, a currency shown with its amount)."""
    readable = copy.deepcopy(content)
    for section in readable["sections"]:
        if not section.get("available", True):
            section["notes"] = [UNAVAILABLE]
        for table in section["tables"]:
            columns = table["columns"]
            for column in columns:
                if "display" not in column:
                    column["legacy_display"] = _legacy_display(column, columns)
            for column in columns:
                if "legacy_display" in column:
                    column["display"] = column.pop("legacy_display")
                column.setdefault("display", {}).setdefault(
                    "label", _reader_heading(column["title"])
                )
            hidden = {c["name"] for c in columns if c["display"].get("hidden")}
            table["pdf_columns"] = [n for n in table.get("pdf_columns", []) if n not in hidden]
    return readable


def day(moment: str | None) -> str:
    """An ISO date or timestamp of ``report.json`` as a day people read ("1 March 2026")."""
    if not moment:
        return EMPTY
    parsed = datetime.fromisoformat(moment)
    return formats.date_format(parsed.date(), DAY)


def _number(value: Any, places: int | None = None) -> str:
    try:
        exact = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return formats.number_format(exact, places, use_l10n=True, force_grouping=True)


def _local(url: str) -> str:
    """A link of the report to a page of this portal, as a path (the report's own links are
    absolute, so that they work outside the portal)."""
    base = settings.PORTAL_BASE_URL.rstrip("/")
    return url[len(base) :] if url.startswith(base + "/") else url


class _Reader:
    """Formats the cells of one report: knows the proposals its tables name."""

    def __init__(self, content: dict[str, Any]) -> None:
        self.proposals: dict[int, str] = {}
        for section in content["sections"]:
            for table in section["tables"]:
                names = [column["name"] for column in table["columns"]]
                if "proposal_id" in names and "title" in names:
                    at, title = names.index("proposal_id"), names.index("title")
                    for row in table["rows"]:
                        if row[at] is not None and row[title]:
                            self.proposals[int(row[at])] = str(row[title])

    def cell(self, value: Any, column: dict[str, Any], row: dict[str, Any]) -> ShownCell:
        display = column.get("display", {})
        link = display.get("link")
        href = _local(str(row[link])) if link and row.get(link) else ""
        if value is None:
            return ShownCell(EMPTY)
        if isinstance(value, bool):
            return ShownCell("Yes" if value else "No")
        words = display.get("values", {})
        if str(value) in words:
            return ShownCell(words[str(value)], href=href)
        shown_as = display.get("shown_as", "")
        if shown_as == v.MARKDOWN:
            return ShownCell(str(value), html=render_markdown(str(value)))
        if shown_as == v.MONTH:
            year, month = str(value).split("-")
            return ShownCell(formats.date_format(date(int(year), int(month), 1), "F Y"))
        if shown_as == v.PERCENT:
            return ShownCell(f"{_number(value)} %", numeric=True)
        if shown_as == v.MONEY:
            currency = row.get(display.get("currency", "")) or ""
            return ShownCell(f"{_number(value, 2)} {currency}".strip(), numeric=True)
        if shown_as == v.PROPOSAL:
            pk = int(value)
            title = self.proposals.get(pk, f"Proposal {pk}")
            return ShownCell(title, href=reverse("governance:proposal-detail", args=[pk]))
        if shown_as == v.LOG_ENTRY:
            seq = int(value)
            return ShownCell(f"Entry {seq}", href=reverse("governance:decision-detail", args=[seq]))
        kind = column["type"]
        if kind in (v.DATETIME, v.DATE):
            return ShownCell(day(str(value)), href=href, day=True)
        if kind in (v.INTEGER, v.NUMBER):
            return ShownCell(_number(value), numeric=True, href=href)
        if column.get("format") == "uri":
            return ShownCell("Open the page", href=_local(str(value)))
        return ShownCell(str(value), href=href)

    def table(self, table: dict[str, Any]) -> ShownTable:
        columns = table["columns"]
        shown = [c for c in columns if not c.get("display", {}).get("hidden")]
        rows = []
        for raw in table["rows"]:
            named = {column["name"]: value for column, value in zip(columns, raw, strict=True)}
            rows.append([self.cell(named[c["name"]], c, named) for c in shown])
        return ShownTable(
            name=table["name"],
            title=table["title"],
            description=table["description"],
            headings=[Heading(c["display"]["label"], c["description"]) for c in shown],
            rows=rows,
        )

    def chart(self, chart: dict[str, Any], table: dict[str, Any]) -> ShownChart:
        """The chart drawn with its labels in words (a month as "March 2026"), beside its
        table."""
        return ShownChart(chart, self.table(table), self.svg(chart, table))

    def svg(
        self, chart: dict[str, Any], table: dict[str, Any], font_family: str | None = None
    ) -> str:
        names = [column["name"] for column in table["columns"]]
        at = names.index(chart["label_column"])
        column = table["columns"][at]
        worded = {
            **table,
            "rows": [
                [
                    self.cell(cell, column, dict(zip(names, row, strict=True))).text
                    if index == at
                    else cell
                    for index, cell in enumerate(row)
                ]
                for row in table["rows"]
            ],
        }
        return bar_chart_svg(chart, worded, font_family=font_family)


def report_sections(content: dict[str, Any]) -> list[ShownSection]:
    """The sections of a report as its page shows them: each chart drawn as SVG with its table,
    then the section's other tables."""
    content = readable_content(content)
    reader = _Reader(content)
    shown = []
    for section in content["sections"]:
        tables = {table["name"]: table for table in section["tables"]}
        charted = {chart["table"] for chart in section["charts"]}
        shown.append(
            ShownSection(
                section=section,
                charts=[reader.chart(chart, tables[chart["table"]]) for chart in section["charts"]],
                tables=[
                    reader.table(table)
                    for table in section["tables"]
                    if table["name"] not in charted
                ],
            )
        )
    return shown


def log_head(content: dict[str, Any]) -> dict[str, Any] | None:
    """The decision log's head as the report recorded it, its publication as a day and time."""
    head = content.get("decision_log_head")
    if not head:
        return None
    return {**head, "published": v.day_and_time(head["published_at"])}


def chart_svgs(content: dict[str, Any], *, font_family: str | None = None) -> dict[str, str]:
    """chart key → SVG with its labels in words, for every chart of the report (the PDF's)."""
    content = readable_content(content)
    reader = _Reader(content)
    svgs = {}
    for section in content["sections"]:
        tables = {table["name"]: table for table in section["tables"]}
        for chart in section["charts"]:
            svgs[chart["key"]] = reader.svg(chart, tables[chart["table"]], font_family)
    return svgs
