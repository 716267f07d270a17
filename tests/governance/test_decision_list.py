"""The decision log is findable and filterable: its filters take the names people use (the
page's selects, typed in the address, the API), a name that finds nothing known says what to
do, and the home page leads to the latest decisions and reports in one click."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from governance.decision_log.models import DecisionLogEntry, LogEntryKind, PublishedDecision
from governance.decision_log.services import decision_log_append
from governance.reports.models import ReportEdition, ReportKind, ReportState, TransparencyReport
from tests.governance.test_decision_log import decision_record

LIST = "/governance/decisions/"


def titles(html: str) -> set[str]:
    """The decisions a list page shows (its table's row headers)."""
    found = re.findall(r'<th scope="row"><a href="/governance/decisions/\d+/">([^<]+)</a>', html)
    return {unescape(title) for title in found}


def errors(html: str) -> list[str]:
    """The error summary's messages."""
    return re.findall(r'<li><a href="#id_\w+">([^<]+)</a></li>', html)


@pytest.fixture
def two_decisions(db) -> None:
    decision_log_append(kind="decision", record=decision_record(1))
    decision_log_append(
        kind="decision",
        record=decision_record(
            2,
            outcome="no_quorum",
            proposal={"id": 2, "title": "Lithium brine water stewardship"},
            body={"slug": "wg-lithium", "name": "Working Group on Lithium"},
            materials=["lithium"],
            countries=["CL"],
            decided_at="2024-03-05T10:00:00Z",
        ),
    )
    decision_log_append(
        kind="dissent",
        amends=1,
        record={
            "decision_seq": 1,
            "organisation": {"slug": "fmw", "name": "Fair Minerals Watch"},
            "text": "We disagree.",
        },
    )


COBALT = "Cobalt due diligence step 1"
LITHIUM = "Lithium brine water stewardship"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("body=General+Assembly", {COBALT}),
        ("body=general+assembly", {COBALT}),
        ("body=general-assembly", {COBALT}),  # the slug the address took before
        ("material=Lithium", {LITHIUM}),
        ("material=lithium", {LITHIUM}),
        ("country=Chile", {LITHIUM}),
        ("country=CL", {LITHIUM}),
        ("country=cl", {LITHIUM}),
        ("country=Democratic+Republic+of+the+Congo", {COBALT}),
        ("country=Peru", set()),  # a real country no decision names: nothing, no error
        ("year=2024", {LITHIUM}),
        ("outcome=No+quorum", {LITHIUM}),
        ("outcome=no_quorum", {LITHIUM}),
        ("kind=Dissenting+statement", {COBALT}),
        ("kind=dissent", {COBALT}),
        ("kind=endorsement", set()),
        ("body=General+Assembly&country=Chile", set()),
    ],
)
def test_filters_take_the_names_people_use(
    two_decisions, client: Client, query: str, found: set[str]
) -> None:
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert errors(html) == []
    assert titles(html) == found
    count = len(found)
    assert f"{count} decision{'s' if count != 1 else ''} match" in html


def test_the_selects_offer_the_names_found_in_the_log(two_decisions, client: Client) -> None:
    html = client.get(LIST).content.decode()
    for value, name in (
        ("general-assembly", "General Assembly"),
        ("wg-lithium", "Working Group on Lithium"),
        ("lithium", "Lithium"),
        ("CL", "Chile"),
        ("CD", "Democratic Republic of the Congo"),
        ("2024", "2024"),
        ("no_quorum", "No quorum"),
        ("dissent", "A dissenting statement"),
    ):
        assert f'<option value="{value}">{name}</option>' in html
    assert '<select name="body" id="id_body">' in html
    # Results in words, never the stored value.
    assert "<td>No quorum</td>" in html
    assert "no_quorum<" not in html
    assert "Noquorum" not in html
    # A typed name selects its choice, so the form shows what was asked.
    typed = client.get(f"{LIST}?material=Lithium&country=chile").content.decode()
    assert '<option value="lithium" selected>Lithium</option>' in typed
    assert '<option value="CL" selected>Chile</option>' in typed


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("country=Chiel", "There is no country called “Chiel”. Choose a country from the list"),
        ("body=Parliament", "There is no body called “Parliament”. Choose a body from the list."),
        ("material=Kryptonite", "“Kryptonite” is not a material the alliance works on."),
        ("year=last+year", "“last year” is not a year. Choose a year from the list"),
        ("year=1850", "“1850” is not a year."),
        ("outcome=maybe", "“maybe” is not a result."),
        ("kind=rumour", "“rumour” is not a kind of log entry."),
        ("country=" + "x" * 500, "There is no country called"),
    ],
)
def test_an_unknown_name_says_what_to_do_and_the_other_filters_still_apply(
    two_decisions, client: Client, query: str, message: str
) -> None:
    valid = "body=General+Assembly" if query.startswith("material") else "material=Cobalt"
    response = client.get(f"{LIST}?{query}&{valid}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters were not used" in html
    assert any(message in error for error in errors(html)), errors(html)
    assert titles(html) == {COBALT}  # the valid filter still applies
    assert "Clear the filters" in html


ODD = ["²⁰²⁵", "٢٠٢٥", "ß", "é" * 101, "1" * 40, "%", "' OR 1=1 --", "Ch", "<b>x</b>", " "]


def test_odd_values_never_make_a_server_error(two_decisions, client: Client) -> None:
    api = APIClient()
    for name in ("body", "material", "country", "year", "kind", "outcome", "state", "objective"):
        for value in ODD:
            page = client.get(LIST, {name: value})
            assert page.status_code == 200, (name, value)
            answer = api.get("/api/v1/decision-log/", {name: value})
            assert answer.status_code in (200, 400), (name, value)


def test_pages_keep_the_filters(db, client: Client) -> None:
    for number in range(30):
        decision_log_append(kind="decision", record=decision_record(number))
    html = client.get(f"{LIST}?body=General+Assembly").content.decode()
    assert "30 decisions match these filters" in html
    assert "Page 1 of 2" in html
    assert 'href="?body=General+Assembly&amp;page=2"' in html


def test_the_api_takes_the_same_names_and_codes(two_decisions) -> None:
    api = APIClient()

    def seqs(query: str) -> list[int]:
        response = api.get(f"/api/v1/decision-log/?{query}")
        assert response.status_code == 200, response.content
        return [entry["seq"] for entry in response.json()["results"]]

    assert seqs("") == [1, 2, 3]  # unfiltered, as tools/verify_decision_log.py walks it
    # A decision's filters find the decision and every entry about it.
    assert seqs("body=General+Assembly") == seqs("body=general-assembly") == [1, 3]
    assert seqs("country=Chile") == seqs("country=CL") == [2]
    assert seqs("material=Lithium") == seqs("material=lithium") == [2]
    assert seqs("year=2024") == [2]
    assert seqs("kind=dissent") == seqs("kind=Dissenting+statement") == [3]
    assert seqs("kind=decision&material=cobalt") == [1]
    refused = api.get("/api/v1/decision-log/?country=Chiel&year=soon")
    assert refused.status_code == 400
    assert "There is no country called “Chiel”" in refused.json()["country"][0]
    assert "is not a year" in refused.json()["year"][0]


# --- With the demo's own decisions ------------------------------------------------------------


def test_the_demo_log_filters_by_its_real_names(demo, client: Client) -> None:
    decisions = list(PublishedDecision.objects.all())

    def expected(keep) -> set[str]:
        return {d.title for d in decisions if keep(d)}

    def shown(query: str) -> set[str]:
        html = client.get(f"{LIST}?{query}").content.decode()
        assert errors(html) == []
        return titles(html)

    assembly = shown("body=General+Assembly")
    assert assembly == expected(lambda d: d.body_name == "General Assembly")
    assert "Secretariat work plan and budget for the coming year" not in assembly
    assert shown("material=Tin") == expected(lambda d: "tin" in d.materials)
    assert shown("country=Democratic+Republic+of+the+Congo") == expected(
        lambda d: "CD" in d.countries
    )
    assert shown("country=Bolivia") == expected(lambda d: "BO" in d.countries)
    for year in {d.decided_at.year for d in decisions}:
        assert shown(f"year={year}") == expected(lambda d, y=year: d.decided_at.year == y)
    dissented = set(
        DecisionLogEntry.objects.filter(kind=LogEntryKind.DISSENT).values_list(
            "amends_id", flat=True
        )
    )
    assert dissented
    assert shown("kind=Dissenting+statement") == expected(lambda d: d.entry_id in dissented)
    assert shown("outcome=Rejected") == expected(lambda d: d.outcome == "rejected")


# --- The home page ------------------------------------------------------------------------------


def _ready_report(edition: str, year: int) -> TransparencyReport:
    return TransparencyReport.objects.create(
        kind=ReportKind.ANNUAL,
        period=str(year),
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        edition=edition,
        state=ReportState.READY,
        progress=100,
        finished_at=timezone.now(),
    )


def test_home_leads_to_the_latest_decision_and_report_in_one_click(
    two_decisions, client: Client
) -> None:
    public = _ready_report(ReportEdition.PUBLIC, 2025)
    members = _ready_report(ReportEdition.MEMBERS, 2025)
    building = _ready_report(ReportEdition.PUBLIC, 2026)
    TransparencyReport.objects.filter(pk=building.pk).update(
        state=ReportState.BUILDING, progress=40, finished_at=None
    )
    html = client.get("/").content.decode()
    latest = html.index('id="section-latest-decisions"')
    assert html.index('class="lead"') < latest < html.index('id="section-latest-reports"')
    # Newest first, each a link, with its body, date and result in words.
    assert html.index(LITHIUM) > html.index(COBALT) > latest
    assert '<a href="/governance/decisions/1/">Cobalt due diligence step 1</a>' in html
    assert "General Assembly" in html
    assert "No quorum" in html
    assert '<a href="/governance/decisions/">All decisions</a>' in html
    assert f'<a href="{public.get_absolute_url()}">Annual report 2025</a>' in html
    assert members.get_absolute_url() not in html  # the members' edition is not public
    assert building.get_absolute_url() not in html  # nor a report still being built
    assert '<a href="/governance/reports/">All reports</a>' in html
    # One click: the latest decision's page answers anyone.
    assert client.get("/governance/decisions/1/").status_code == 200


def test_home_says_when_nothing_is_published_yet(db, client: Client) -> None:
    html = client.get("/").content.decode()
    assert "No decision has been published yet." in html
    assert "No transparency report has been published yet." in html
    assert '<a href="/governance/decisions/">All decisions</a>' in html


@pytest.mark.parametrize("rows", [3, 40])
def test_home_query_count_does_not_grow(
    rows: int, client: Client, django_assert_max_num_queries, db
) -> None:
    for number in range(rows):
        decision_log_append(kind="decision", record=decision_record(number))
    for year in range(2000, 2000 + rows):
        _ready_report(ReportEdition.PUBLIC, year)
    with django_assert_max_num_queries(6):
        response = client.get("/")
    html = response.content.decode()
    section = html[html.index('id="section-latest-decisions"') : html.index("All decisions")]
    assert len(re.findall(r'href="/governance/decisions/\d+/"', section)) == min(rows, 5)
