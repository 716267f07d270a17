"""A report's page, archive and PDF read as a report (issue 15, item 3): worded headings, values
labelled and formatted, Markdown rendered, wide tables scrolling in their own box, the PDF
first and then the data package; the PDF's cover names the alliance, the period, the edition
and the decision log's head; and the open data keeps its identifiers and raw values."""

from __future__ import annotations

import copy
import csv
import io
import re
from typing import Any

import pypdf
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from alliance_portal.policy import SYSTEM
from governance.reports import display, pdf, selectors, services
from governance.reports.models import ReportState, TransparencyReport
from tests.governance.reports_support import (
    a_section_not_recorded_yet,
    read,
    report_json,
    this_year_ad_hoc,
    zip_members,
)

pytestmark = pytest.mark.django_db

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?")
SNAKE_CASE = re.compile(r"\b[a-z]+_[a-z_]+\b")
TECHNICAL_HEADINGS = ("(identifier)", "(seq)", "(Markdown)", "(ISO 4217)", "(YYYY-MM)", "(%)")


def built(capture, edition: str = "public") -> TransparencyReport:
    with capture(execute=True):
        report, _ = services.report_request(actor=SYSTEM, edition=edition, **this_year_ad_hoc())
    report.refresh_from_db()
    assert report.state == ReportState.READY, report.error
    return report


def readable_text(html: str) -> str:
    """What a reader sees of the page's main content, without the folded checksums (file names
    and hashes, for checking copies) and commands (``<code>``)."""
    main = html[html.index("<main") :]
    main = re.sub(r'<details class="report-checksums">.*?</details>', " ", main, flags=re.S)
    main = re.sub(r"<(svg|code)\b.*?</\1>", " ", main, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def headings(html: str) -> list[str]:
    return re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', html)


def test_the_report_page_reads_as_a_report(
    demo, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    a_section_not_recorded_yet(monkeypatch)
    report = built(django_capture_on_commit_callbacks)
    html = Client().get(report.get_absolute_url()).content.decode()
    text = readable_text(html)

    # Headings are words, not the data package's technical titles.
    shown = headings(html)
    assert {"Result", "Why this option", "Cost", "Amount", "Support", "Month"} <= set(shown)
    assert not [h for h in shown if any(mark in h for mark in TECHNICAL_HEADINGS)]

    # No raw coded value, None, boolean or ISO date reaches the reader.
    assert not SNAKE_CASE.findall(text), SNAKE_CASE.findall(text)[:5]
    assert not ISO_MOMENT.findall(text), ISO_MOMENT.findall(text)[:5]
    assert not re.search(r"\b(None|True|False)\b", text)
    for raw in ("chamber_balanced", "no_quorum", "inaction", "adopted", "economic", "decided"):
        assert f">{raw}<" not in html

    # Values labelled and formatted: amounts with their currency, percentages, days, months.
    assert re.search(r"\d{1,3}(,\d{3})+\.\d{2} (EUR|USD)", text)
    assert re.search(r"\d+\.\d %", text)
    assert re.search(rf"\b\d{{1,2}} ({MONTHS}) \d{{4}}\b", text)
    assert re.search(rf"<th scope=\"row\">({MONTHS}) \d{{4}}</th>", html)
    for words in ("Chamber-balanced", "Cost of inaction", "Adopted", "As decided"):
        assert words in text

    # A decision links to its entry in the decision log by its title, on this portal.
    content = report_json(report)
    decision = next(t for s in content["sections"] for t in s["tables"] if t["name"] == "decisions")
    title, seq = decision["rows"][0][1], decision["rows"][0][8]
    assert f'<a href="/governance/decisions/{seq}/">{title}</a>' in html

    # The PDF first, then the data package, then the rest (report.json, the sections).
    pdf, data, figures = (html.index(f'data-kind="{kind}"') for kind in ("pdf", "zip", "json"))
    assert pdf < data < figures < html.index('id="contents-heading"')
    assert "The report as a PDF" in html
    assert "The open data" in html

    # Every table of the report scrolls inside its own labelled box.
    assert (
        html.count('<table class="report-table"')
        == html.count('<div class="table-scroll" tabindex="0" role="region" aria-label="') - 2
    )  # the two folded file lists are wrapped too
    assert display.UNAVAILABLE in text
    assert "does not exist" not in text


def test_the_open_data_keeps_identifiers_and_raw_values(
    demo, django_capture_on_commit_callbacks
) -> None:
    report = built(django_capture_on_commit_callbacks)
    members = zip_members(report)
    decided = list(csv.DictReader(io.StringIO(members["data/proposals-decided.csv"].decode())))
    assert {"result", "result_label", "url"} <= set(decided[0])
    assert {row["result"] for row in decided} <= {"adopted", "rejected", "no_quorum"}
    costs = list(
        csv.DictReader(io.StringIO(members["data/costs-of-action-and-inaction.csv"].decode()))
    )
    assert {row["kind"] for row in costs} <= {"action", "inaction"}
    assert any(re.fullmatch(r"\d+\.\d{2}", row["amount"]) for row in costs)
    tallies = members["data/decision-tallies.csv"].decode().splitlines()[0].split(",")
    assert {"chamber_slug", "log_seq"} <= set(tallies)


def test_markdown_in_a_report_is_rendered_and_sanitized() -> None:
    content: dict[str, Any] = {
        "sections": [
            {
                "key": "s",
                "title": "S",
                "description": "",
                "available": True,
                "notes": [],
                "figures": [],
                "charts": [],
                "tables": [
                    {
                        "name": "t",
                        "title": "T",
                        "description": "",
                        "pdf_columns": [],
                        "columns": [
                            {"name": "proposal_id", "title": "Proposal", "type": "integer",
                             "description": "", "display": {"shown_as": "proposal"}},
                            {"name": "text", "title": "Why (Markdown)", "type": "string",
                             "description": "",
                             "display": {"label": "Why", "shown_as": "markdown"}},
                        ],
                        "rows": [[7, "Costs **fall** on <script>x()</script> suppliers"]],
                    }
                ],
            }
        ]
    }  # fmt: skip
    table = display.report_sections(content)[0].tables[0]
    assert [heading.text for heading in table.headings] == ["Proposal", "Why"]
    proposal, why = table.rows[0]
    assert (proposal.text, proposal.href) == ("Proposal 7", "/governance/proposals/7/")
    assert why.html is not None
    assert "<strong>fall</strong>" in why.html
    assert "<script>" not in why.html


def test_the_pdf_cover_names_alliance_period_edition_and_log_head(
    demo, django_capture_on_commit_callbacks
) -> None:
    report = built(django_capture_on_commit_callbacks, "members")
    with django_capture_on_commit_callbacks(execute=True):
        correction, _ = services.report_correct(actor=SYSTEM, report=report)
    correction.refresh_from_db()
    assert correction.state == ReportState.READY, correction.error
    head = report_json(correction)["decision_log_head"]
    assert head is not None

    cover = pypdf.PdfReader(io.BytesIO(read(correction, "pdf"))).pages[0].extract_text()
    cover = re.sub(r"\s+", " ", cover)
    start, end = correction.period_start, correction.period_end
    assert settings.ALLIANCE_NAME in cover
    assert f"Period: {start.day} {start:%B %Y} to {end.day} {end:%B %Y} (UTC)" in cover
    assert "Members' edition 2" in cover
    assert "it corrects edition 1" in cover
    assert f"Decision-log head when this report was built: entry {head['seq']}, published" in cover
    assert head["hash"] in cover.replace(" ", "")
    assert not ISO_MOMENT.search(cover)


def test_the_archive_names_reports_in_words(demo, django_capture_on_commit_callbacks) -> None:
    report = built(django_capture_on_commit_callbacks)
    html = Client().get(reverse("governance:report-list")).content.decode()
    row = re.search(rf'<tr data-report="{report.pk}">.*?</tr>', html, flags=re.S)
    assert row is not None
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row.group(0)))
    assert report.period not in text  # "2025-12-07_2026-12-07" is the file names' label
    assert display.report_heading(report) in text
    for words in ("Transparency report, ", "Public edition", "Published"):
        assert words in text
    assert not ISO_MOMENT.search(text)
    assert text.index("PDF") < text.index("Open data")


def built_before_the_headings_change(content: dict[str, Any]) -> dict[str, Any]:
    """``report.json`` as the code before issue 15 wrote it: the columns carry the data users'
    titles only ("Result (identifier)"), no "display"."""
    old = copy.deepcopy(content)
    for section in old["sections"]:
        for table in section["tables"]:
            for column in table["columns"]:
                column.pop("display", None)
    return old


def test_a_report_built_before_the_headings_change_reads_like_one_built_now(
    demo, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    a_section_not_recorded_yet(monkeypatch)
    report = built(django_capture_on_commit_callbacks)
    content = report_json(report)
    old = built_before_the_headings_change(content)
    assert any("(identifier)" in c["title"] for s in old["sections"] for t in s["tables"]
               for c in t["columns"])  # fmt: skip

    # Table by table, the same headings as a report built today.
    now = [
        t
        for s in display.report_sections(content)
        for t in (*s.tables, *[c.table for c in s.charts])
    ]
    then = [
        t for s in display.report_sections(old) for t in (*s.tables, *[c.table for c in s.charts])
    ]
    assert [t.name for t in then] == [t.name for t in now]
    for before, today in zip(then, now, strict=True):
        assert [h.text for h in before.headings] == [h.text for h in today.headings], today.name

    # The page of such a report: worded headings, amounts once with their currency, and a
    # section that could not be built says so in words.
    monkeypatch.setattr(selectors, "report_content", lambda *, report: old)
    html = Client().get(report.get_absolute_url()).content.decode()
    shown = headings(html)
    assert shown.count("Result") >= 1
    assert not [h for h in shown if any(mark in h for mark in TECHNICAL_HEADINGS)]
    text = readable_text(html)
    assert re.search(r"\d{1,3}(,\d{3})+\.\d{2} (EUR|USD)", text)
    assert display.UNAVAILABLE in text
    assert "does not exist" not in text


def test_the_pdf_says_when_there_is_nothing_to_report_and_shows_each_amount_once(
    demo, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    a_section_not_recorded_yet(monkeypatch)
    report = built(django_capture_on_commit_callbacks)
    content = report_json(report)
    unavailable = [s["title"] for s in content["sections"] if not s["available"]]
    assert unavailable == ["Something not recorded yet"]
    for document in (
        read(report, "pdf"),
        pdf.render_pdf(built_before_the_headings_change(content)),
    ):
        text = re.sub(
            r"\s+",
            " ",
            " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(document)).pages),
        )
        assert "does not exist" not in text
        assert "governance." not in text
        assert text.count(display.UNAVAILABLE) == len(unavailable)
        assert re.search(r"\d{1,3}(,\d{3})+\.\d{2} (EUR|USD)", text)
        assert not re.search(r"\b(EUR|USD) [\d,]+\.\d{2} (EUR|USD)\b", text), "a repeated currency"
        assert not [mark for mark in TECHNICAL_HEADINGS if mark in text]
