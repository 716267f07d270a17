"""The raw baseline against the Django pages it stands for, on the demo: the same queries
(number and shape: the tables each reads, in order), 200 with the same number of rows, and
about as much HTML. When a page's queries change, take them again with ``python -m
bench.capture <path>`` and update ``bench/raw_sql.py``; when a request's URL picking breaks,
``bench.targets`` says what to fix."""

import re

import pytest
from django.db import connection
from django.test import Client

from bench import labels, raw_app
from bench.instrument import instrumented_get, shape
from bench.targets import pick_targets

_LISTING = re.compile(r"<tbody>(.*?)</tbody>|<ol class=\"search-results\">(.*?)</ol>", re.S)


def rows_in(html: str) -> int:
    """The listed items of a page: table rows in its body, or search results."""
    found = _LISTING.search(html)
    if not found:
        return 0
    table, results = found.groups()
    return table.count('<th scope="row">') if table is not None else results.count("<li")


def _entry_links(html: str) -> set[str]:
    return set(re.findall(r'href="(/governance/decisions/\d+/)"', html))


@pytest.fixture
def targets(demo):
    return pick_targets()


@pytest.fixture
def raw(db):
    def connect():
        connection.ensure_connection()
        return connection.connection

    raw_app.configure(labels=labels.build(), connect=connect)
    yield raw_app
    raw_app.executed = None


def raw_get(raw, path: str) -> tuple[str, str, list[str]]:
    """The raw baseline's answer to a second request of ``path`` (the first fills its caches,
    as ``bench.instrument`` does for the Django page) and the queries it ran."""
    route, _, query = path.partition("?")
    raw.respond(route, query)
    raw.executed = []
    status, body = raw.respond(route, query)
    executed, raw.executed = raw.executed, None
    return status, body.decode(), executed


def test_every_picked_request_answers_200(targets, client: Client):
    names = [t.name for t in targets]
    assert names[:4] == ["decisions", "decisions-deep", "decisions-filtered", "decisions-search"]
    assert {"decision", "feed", "api-decision-log", "glossary-search", "members"} <= set(names)
    for target in targets:
        if target.path is None:
            assert target.skipped, target.name
            continue
        assert client.get(target.path).status_code == 200, target.path


def test_four_pages_are_paired_with_the_raw_baseline(targets):
    paired = {t.name for t in targets if t.raw_path}
    assert paired == {"decisions", "decision", "glossary-search", "members"}


def test_raw_baseline_runs_the_pages_queries_and_lists_the_same_rows(targets, raw):
    for target in (t for t in targets if t.raw_path):
        assert target.path
        assert target.raw_path
        page = instrumented_get(target.path)
        status, html, executed = raw_get(raw, target.raw_path)
        assert page.status == 200
        assert status == "200 OK", target.raw_path
        assert len(executed) == len(page.queries), (
            f"{target.name}: the page runs {len(page.queries)} queries, the raw baseline "
            f"{len(executed)}; take them again (python -m bench.capture {target.path})"
        )
        for number, (ours, theirs) in enumerate(zip(executed, page.queries, strict=True), 1):
            assert shape(ours) == shape(theirs), (
                f"{target.name}: query {number} reads {shape(theirs)} in the page, "
                f"{shape(ours)} in the raw baseline"
            )
        django_html = page.body.decode()
        if target.list_page:
            assert rows_in(html) == rows_in(django_html), target.name
            assert rows_in(html) > 0, f"{target.name} lists nothing: pick another query"
        else:  # a decision: the same title, the same entries of its history linked
            title = re.search(r"<h1>(.*?)</h1>", django_html, re.S)
            assert title
            assert title.group(1).strip() in html
            assert _entry_links(html) >= _entry_links(django_html) - {target.path}
        assert 0.5 <= len(html) / len(django_html) <= 2, (
            f"{target.name}: {len(html)} bytes of raw HTML for the page's {len(django_html)}"
        )


def test_raw_baseline_pages_the_decision_log_as_the_page_does(demo, raw, client):
    page = client.get("/governance/decisions/?page=2")
    status, html, _executed = raw_get(raw, "/decisions/?page=2")
    assert status == "200 OK"
    assert rows_in(html) == rows_in(page.content.decode())


def test_raw_baseline_answers_404_for_what_it_does_not_serve(raw):
    assert raw_get(raw, "/decisions/999999/")[0] == "404 Not Found"
    assert raw_get(raw, "/elsewhere/")[0] == "404 Not Found"
