"""Bar charts as SVG, drawn from a chart of ``report.json`` and the table it names. The same
function draws the page's charts and the PDF's; its output depends on nothing but its input.
Each chart has a ``<title>``; pages and the PDF show the table beside it for people who do not
see the chart."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from xml.sax.saxutils import escape, quoteattr

WIDTH = 640
LABEL_WIDTH = 230
BAR_AREA = 330
ROW = 26
BAR = 16
PAD = 8
MAX_LABEL = 34
BAR_COLOUR = "#0b5394"
TEXT_COLOUR = "#1b1f23"


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _fmt(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.1"), ROUND_HALF_UP))


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def chart_rows(chart: dict[str, Any], table: dict[str, Any]) -> list[tuple[str, Any]]:
    """(label, value) for each row of the chart's table."""
    names = [column["name"] for column in table["columns"]]
    label_at = names.index(chart["label_column"])
    value_at = names.index(chart["value_column"])
    return [(str(row[label_at]), row[value_at]) for row in table["rows"]]


def bar_chart_svg(
    chart: dict[str, Any], table: dict[str, Any], *, font_family: str | None = None
) -> str:
    """A horizontal bar chart: one bar per row of the table, its value written after it
    ("—" for an empty cell). Percentages are drawn on a 0–100 scale, counts against the
    largest count."""
    rows = chart_rows(chart, table)
    unit = chart.get("unit", "")
    values = [_number(value) for _label, value in rows]
    scale = (
        Decimal(100) if unit == "%" else max([v for v in values if v is not None] + [Decimal(1)])
    )
    if scale <= 0:
        scale = Decimal(1)
    height = PAD * 2 + ROW * max(len(rows), 1)
    title_id = f"chart-{chart['key']}-title"
    font = f" font-family={quoteattr(font_family)}" if font_family else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{title_id}" font-size="13"{font} fill="{TEXT_COLOUR}">',
        f'<title id="{title_id}">{escape(chart["title"])}</title>',
    ]
    for index, ((label, raw), value) in enumerate(zip(rows, values, strict=True)):
        top = PAD + index * ROW
        baseline = top + ROW // 2 + 5
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{baseline}" text-anchor="end">'
            f"{escape(_short(label))}</text>"
        )
        length = Decimal(0) if value is None else max(Decimal(0), value) * BAR_AREA / scale
        length = min(length, Decimal(BAR_AREA))
        if length > 0:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{top + (ROW - BAR) // 2}" width="{_fmt(length)}" '
                f'height="{BAR}" fill="{BAR_COLOUR}"/>'
            )
        shown = "—" if raw is None else f"{raw}{' ' + unit if unit else ''}"
        parts.append(
            f'<text x="{_fmt(LABEL_WIDTH + length + 6)}" y="{baseline}">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def charts_of(content: dict[str, Any], *, font_family: str | None = None) -> dict[str, str]:
    """chart key → SVG, for every chart of the report."""
    svgs = {}
    for section in content["sections"]:
        tables = {table["name"]: table for table in section["tables"]}
        for chart in section["charts"]:
            svgs[chart["key"]] = bar_chart_svg(
                chart, tables[chart["table"]], font_family=font_family
            )
    return svgs
