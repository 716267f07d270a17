"""The PDF of a report: ``report.typ`` compiled with typst (the ``typst`` wheel: the compiler
and its fonts come with pip, no operating-system package) from ``report.json`` and the charts.

Only the fonts inside the wheel are used and the PDF's creation date is fixed (the end of the
period), so the same content gives the same PDF on any machine with the same typst."""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import typst

from governance.reports.display import chart_svgs, readable_content
from governance.reports.values import canonical_bytes

TEMPLATE = Path(__file__).with_name("report.typ")
CHART_FONT = "Libertinus Serif"
PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b")


class PdfError(RuntimeError):
    """typst refused the document (a bug in the template or the content, not a transient
    failure): the build fails with typst's message."""


def render_pdf(content: dict[str, Any]) -> bytes:
    """Compile the report's PDF: paginated, with a table of contents, page numbers, the
    charts with their data, and tagged headings (typst writes a tagged PDF). The template
    reads ``report.json`` as people read it (``display.readable_content``): headings, how
    values read and the notes are decided by the display code, like the report's page."""
    period_end = datetime.fromisoformat(content["report"]["period"]["end"])
    with tempfile.TemporaryDirectory(prefix="report-pdf-") as directory:
        root = Path(directory)
        (root / "main.typ").write_bytes(TEMPLATE.read_bytes())
        (root / "report.json").write_bytes(canonical_bytes(readable_content(content)))
        (root / "charts").mkdir()
        for key, svg in chart_svgs(content, font_family=CHART_FONT).items():
            (root / "charts" / f"{key}.svg").write_text(svg, encoding="utf-8")
        try:
            compiler = typst.Compiler(
                str(root / "main.typ"), root=str(root), ignore_system_fonts=True
            )
            pdf = compiler.compile(
                format="pdf",
                timestamp=datetime.combine(period_end.date(), time(), tzinfo=UTC),
            )
        except typst.TypstError as error:
            raise PdfError(f"typst: {error.message} {error.diagnostic}".strip()) from error
    if not isinstance(pdf, bytes):
        raise PdfError("typst returned no PDF")
    return pdf


def page_count(pdf: bytes) -> int:
    """The number of page objects in a PDF typst wrote (its page objects are not compressed)."""
    return len(PAGE_OBJECT.findall(pdf))
