"""The bench package's pure parts: percentiles, summaries, verdicts, the table, the load
generator against a tiny local server. The bench itself never runs in the test suite."""

import threading
from collections.abc import Iterator
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from bench import loadgen, report
from bench.instrument import normalised, shape
from bench.raw_app import limit_clause, page_number
from bench.server import default_workers
from bench.stats import percentile, summarise
from bench.targets import search_word, typo


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 0.50) == 50
    assert percentile(values, 0.95) == 95
    assert percentile(values, 0.99) == 99
    assert percentile(values, 1.0) == 100
    assert percentile([7.0], 0.99) == 7.0
    assert percentile([], 0.5) == 0.0
    assert percentile([3, 1, 2], 0.5) == 2  # unsorted input
    with pytest.raises(ValueError, match="between 0 and 1"):
        percentile([1], 95)


def test_summary_in_milliseconds_and_requests_per_second():
    summary = summarise([0.010] * 90 + [0.100] * 10, errors=2, seconds=2.0, total_bytes=1000)
    assert summary.requests == 100
    assert summary.rps == 50.0
    assert summary.p50_ms == 10.0
    assert summary.p95_ms == 100.0
    assert summary.errors == 2
    assert summary.mean_bytes == 10
    assert summarise([], errors=0, seconds=0).rps == 0.0


def test_workers_are_one_a_core_and_at_least_two():
    assert default_workers(1) == 2
    assert default_workers(2) == 2
    assert default_workers(4) == 4


def test_typo_and_search_word():
    assert typo("traceability") == "traceaility"
    assert typo("ore") == "oree"
    assert search_word("Adopt the 2025 cobalt due-diligence baseline") == "diligence"
    assert search_word("a b 12") == ""


def test_raw_pages_are_cut_as_djangos_paginator_cuts_them():
    assert page_number("", 9) == (1, 1, 0, 9)
    assert page_number("2", 9) == (1, 1, 0, 9)  # past the end: the last page
    assert page_number("x", 60) == (1, 3, 0, 25)
    assert page_number("3", 60) == (3, 3, 50, 10)
    assert limit_clause(25, 0) == " LIMIT 25"
    assert limit_clause(10, 50) == " LIMIT 10 OFFSET 50"


def test_query_shape_names_the_tables_read_in_order():
    sql = (
        'DECLARE "_django_curs_1_sync_2" NO SCROLL CURSOR WITH HOLD FOR SELECT "a"."id" FROM '
        '"members_organisation" INNER JOIN "members_chamber" ON (x = y)'
    )
    assert shape(sql) == ("members_organisation", "members_chamber")
    assert (
        normalised(sql)
        == 'SELECT "a"."id" FROM "members_organisation" INNER JOIN "members_chamber" ON (x = y)'
    )
    assert shape("SELECT 1 FROM t, unnest(c) c") == ("t",)


def _row(**overrides):
    row = {
        "name": "decisions",
        "label": "Decision log, page 1",
        "path": "/governance/decisions/",
        "raw_path": "/decisions/",
        "p95_target_ms": 50.0,
        "list_page": True,
        "queries": 4,
        "skipped": "",
        "django": {
            "c1": summarise([0.01] * 10, errors=0, seconds=0.1).as_dict(),
            "c8": summarise([0.04] * 10, errors=0, seconds=0.05).as_dict(),
        },
        "raw": {"c8": summarise([0.01] * 10, errors=0, seconds=0.02).as_dict()},
        "ratio": 0.4,
    }
    row.update(overrides)
    row["verdicts"] = report.verdicts(row)
    return row


def test_verdicts_judge_the_issues_targets_at_concurrency_8():
    verdicts = {v["target"]: v["met"] for v in _row()["verdicts"]}
    assert verdicts == {
        "p95 ≤ 50 ms": True,
        "errors 0": True,
        "queries ≤ 10": True,
        "Django/raw ≥ 0.5": False,
    }
    assert report.ratio(100, 400) == 0.25
    assert report.ratio(100, 0) is None
    unpaired = _row(ratio=None, list_page=False, queries=12)
    assert [v["target"] for v in unpaired["verdicts"]] == ["p95 ≤ 50 ms", "errors 0"]


def test_table_and_markdown_show_each_figure_with_its_target():
    rows = [
        _row(),
        {"name": "search", "label": "Site-wide search", "path": None, "skipped": "not yet built"},
    ]
    text = report.table(rows)
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["request", "SQL", "c1"]
    assert "Django/raw ≥ 0.5 MISSED" in lines[2]
    assert "p95 ≤ 50 ms met" in lines[2]
    assert lines[3].startswith("search")
    assert lines[3].endswith("not yet built")
    document = {
        "started_at": "2026-12-07T16:00:00+00:00",
        "command": "python -m bench",
        "requests": 10,
        "machine": {
            "cpu": "Some CPU",
            "cores": 2,
            "ram_gib": 4.0,
            "python": "3.11.2",
            "postgresql": "15.8",
            "gunicorn_workers": 2,
            "worker_class": "sync",
            "dataset": {"organisations": 30, "decision_log_entries": 16},
        },
        "results": rows,
    }
    md = report.markdown(document)
    assert "Some CPU, 2 cores, 4.0 GiB RAM" in md
    assert "organisations 30, decision log entries 16" in md
    assert "| decisions | 4 |" in md
    assert "- decisions: Decision log, page 1, `/governance/decisions/` (raw: `/decisions/`)" in md


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def tiny_server() -> Iterator[int]:
    def app(environ, start_response):
        ok = environ["PATH_INFO"] == "/ok"
        start_response("200 OK" if ok else "404 Not Found", [("Content-Type", "text/plain")])
        return [b"hello"]

    httpd = make_server("127.0.0.1", 0, app, handler_class=_QuietHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_port
    httpd.shutdown()
    httpd.server_close()


def test_load_generator_sends_the_fixed_number_and_counts_errors(tiny_server):
    summary = loadgen.run("127.0.0.1", tiny_server, "/ok", requests=20, concurrency=4)
    assert summary.requests == 20
    assert summary.errors == 0
    assert summary.rps > 0
    assert summary.p50_ms <= summary.p95_ms <= summary.p99_ms
    missing = loadgen.run("127.0.0.1", tiny_server, "/missing", requests=5, concurrency=1)
    assert missing.requests == 5
    assert missing.errors == 5


def test_the_raw_baseline_connects_with_the_sites_session_options() -> None:
    """The glossary search's trigram threshold is a session setting: both apps set it alike."""
    from django.conf import settings

    from bench import raw_app

    assert raw_app.SESSION_OPTIONS == settings.DATABASE_SESSION_OPTIONS
    assert settings.DATABASE_SESSION_OPTIONS in settings.DATABASES["default"]["OPTIONS"]["options"]
