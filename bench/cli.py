"""``python -m bench`` (``make bench``): see the package docstring and README "Benchmark"."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import nullcontext
from datetime import UTC, datetime
from typing import Any

from bench import loadgen, report, server

CONCURRENCIES = (1, 8)
LABELS_FILE = server.ROOT / ".data" / "bench-labels.json"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--requests", type=int, default=500, help="requests per request and concurrency"
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="benchmark only these requests (repeat, or separate with commas)",
    )
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn sync workers (default: one a core, ≥ 2)"
    )
    parser.add_argument("--no-raw", action="store_true", help="leave out the raw baseline")
    parser.add_argument(
        "--background",
        action="store_true",
        help="also the background figures: the annual report in a Celery worker (writes one "
        "report to the database), verify_decision_log, the SKOS export",
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print the table only; keep bench/results as is"
    )
    return parser.parse_args(argv)


def say(text: str) -> None:
    print(text, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if not os.environ.get("DATABASE_URL"):
        say("Set DATABASE_URL: the bench measures the database it names, as it is (never seeds).")
        return 2
    workers = args.workers or server.default_workers()
    env = server.site_environment(port=0)
    os.environ.update(env)
    say("Collecting static files for the production storage ...")
    server.collectstatic(env)
    import django

    django.setup()
    from bench import labels
    from bench.instrument import instrumented_get
    from bench.targets import pick_targets

    say(
        f"gunicorn: {workers} sync workers on {os.cpu_count()} cores shared with PostgreSQL "
        "and the load generator (persistent connections, DEBUG off, production settings)."
    )
    targets = pick_targets()
    names = {name for value in args.only for name in value.split(",") if name}
    unknown = names - {t.name for t in targets}
    if unknown:
        say(f"Unknown --only {sorted(unknown)}; the requests are: {[t.name for t in targets]}")
        return 2
    if names:
        targets = [t for t in targets if t.name in names]
    say("Requests:")
    for target in targets:
        where = target.path or target.skipped
        raw = f"  (raw: {target.raw_path})" if target.raw_path and not args.no_raw else ""
        say(f"  {target.name:<20} {where}{raw}")

    rows: list[dict[str, Any]] = []
    page_sql: dict[str, list[str]] = {}
    for target in targets:
        row = target.as_dict()
        row["django"], row["raw"] = {}, {}
        if target.path:
            measured = instrumented_get(target.path)
            row["queries"], row["instrumented_status"] = measured.count, measured.status
            page_sql[target.name] = measured.queries
            if measured.status != 200:
                row["notes"].append(f"the instrumented request answered {measured.status}")
        rows.append(row)
    paired = [row for row in rows if row.get("raw_path") and row.get("path") and not args.no_raw]
    if paired:
        _raw_query_counts(paired, page_sql)
        labels.write(LABELS_FILE)
    machine = report.machine(workers=workers)
    from django.db import connections

    connections.close_all()

    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    raw_env = {**env, "BENCH_RAW_LABELS": str(LABELS_FILE)}
    with (
        server.gunicorn(
            "django", "alliance_portal.wsgi:application", workers=workers, env=env
        ) as site,
        server.gunicorn("raw", "bench.raw_app:application", workers=workers, env=raw_env)
        if paired
        else nullcontext() as raw_site,
    ):
        for row in rows:
            if not row.get("path"):
                continue
            say(f"{row['name']} ...")
            pair = raw_site if row in paired else None
            loadgen.run(
                server.HOST, site.port, row["path"], requests=workers * 5, concurrency=workers
            )
            if pair:
                loadgen.run(
                    server.HOST,
                    pair.port,
                    row["raw_path"],
                    requests=workers * 5,
                    concurrency=workers,
                )
            for concurrency in CONCURRENCIES:
                key = f"c{concurrency}"
                row["django"][key] = loadgen.run(
                    server.HOST,
                    site.port,
                    row["path"],
                    requests=args.requests,
                    concurrency=concurrency,
                ).as_dict()
                if pair:
                    row["raw"][key] = loadgen.run(
                        server.HOST,
                        pair.port,
                        row["raw_path"],
                        requests=args.requests,
                        concurrency=concurrency,
                    ).as_dict()
            if pair:
                c8 = f"c{report.TARGET_CONCURRENCY}"
                row["ratio"] = report.ratio(row["django"][c8]["rps"], row["raw"][c8]["rps"])
                row["ratio_c1"] = report.ratio(row["django"]["c1"]["rps"], row["raw"]["c1"]["rps"])
    for row in rows:
        row["verdicts"] = report.verdicts(row)
    figures: list[dict[str, Any]] = []
    if args.background:
        from bench import background

        say("Background figures ...")
        figures = background.run(env)
    document = {
        "started_at": started_at,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])]),
        "requests": args.requests,
        "concurrencies": list(CONCURRENCIES),
        "machine": machine,
        "results": rows,
        "background": figures,
        "notes": [
            "Ratio: Django's requests/s over the raw baseline's (bench/raw_app.py: the same SQL "
            "through psycopg2, comparable HTML) at concurrency 8, measured pair by pair in this "
            "run. SQL: the queries of one instrumented request (the test client, in-process).",
        ],
    }
    say("")
    say(report.table(rows))
    if figures:
        from bench import background

        say("")
        say(background.table(figures))
    if not args.no_write:
        json_path, md_path = report.write(document)
        say(f"\nWritten: {json_path.relative_to(server.ROOT)}, {md_path.relative_to(server.ROOT)}")
    missed = sum(not v["met"] for row in rows for v in row["verdicts"]) + sum(
        not figure["met"] for figure in figures if "met" in figure
    )
    say(f"Targets missed: {missed}." if missed else "Every target met.")
    return 0


def _raw_query_counts(paired: list[dict[str, Any]], page_sql: dict[str, list[str]]) -> None:
    """The raw baseline's queries for each paired request, run in-process and compared with
    the page's: a different number, or a text that differs, is a note on the row (and
    tests/bench/test_raw_app.py fails when the number or the tables read differ)."""
    from django.db import connection

    from bench import labels, raw_app
    from bench.instrument import normalised

    def connect() -> Any:
        connection.ensure_connection()
        return connection.connection

    raw_app.configure(labels=labels.build(), connect=connect)
    for row in paired:
        raw_app.executed = []
        path, _, query = row["raw_path"].partition("?")
        raw_app.respond(path, query)
        executed, raw_app.executed = raw_app.executed, None
        row["raw_queries"] = len(executed)
        theirs = page_sql.get(row["name"], [])
        if len(executed) != len(theirs):
            row["notes"].append(
                f"the raw baseline runs {len(executed)} queries, the page {len(theirs)}"
            )
        differ = [
            str(number)
            for number, (a, b) in enumerate(zip(executed, theirs, strict=False), 1)
            if normalised(a) != normalised(b)
        ]
        row["raw_sql_identical"] = not differ and len(executed) == len(theirs)
        if differ:
            row["notes"].append(
                f"the text of query {', '.join(differ)} differs from the page's: take it again "
                f"with python -m bench.capture '{row['path']}'"
            )
