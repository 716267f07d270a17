"""The run's results: the machine, verdicts against the issue's targets, a terminal table,
``latest.json`` and ``latest.md`` (pure functions but ``machine`` and ``write``)."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_CONCURRENCY = 8
RATIO_TARGET = 0.5
LIST_QUERIES_TARGET = 10


def _first_line(path: str, prefix: str) -> str:
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if line.startswith(prefix):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def machine(*, workers: int) -> dict[str, Any]:
    """What the figures were measured on (needs Django set up: the database's version and
    the dataset's counts)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    memory_kb = _first_line("/proc/meminfo", "MemTotal").split()
    return {
        "cpu": _first_line("/proc/cpuinfo", "model name") or platform.processor(),
        "cores": os.cpu_count(),
        "ram_gib": round(int(memory_kb[0]) / 1024 / 1024, 1) if memory_kb else None,
        "python": platform.python_version(),
        "postgresql": postgres,
        "gunicorn_workers": workers,
        "worker_class": "sync",
        "dataset": dataset_counts(),
    }


def dataset_counts() -> dict[str, int]:
    from django.apps import apps

    counts = {}
    for label, model in (
        ("organisations", "members.Organisation"),
        ("people", "members.Person"),
        ("proposals", "governance.Proposal"),
        ("comments", "governance.Comment"),
        ("ballots", "governance.Ballot"),
        ("votes", "governance.Vote"),
        ("decision_log_entries", "governance.DecisionLogEntry"),
        ("published_decisions", "governance.PublishedDecision"),
        ("standards", "standards.Standard"),
        ("standard_elements", "standards.Element"),
        ("mappings", "standards.Mapping"),
        ("glossary_concepts", "glossary.Concept"),
        ("glossary_labels", "glossary.Label"),
        ("action_items", "governance.ActionItem"),
    ):
        try:
            counts[label] = apps.get_model(model)._default_manager.count()
        except LookupError:
            continue
    return counts


def verdicts(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets for one row, each with the figure and met / missed."""
    found: list[dict[str, Any]] = []
    c8 = row.get("django", {}).get(f"c{TARGET_CONCURRENCY}")
    if c8:
        target = row["p95_target_ms"]
        found.append(
            {
                "target": f"p95 ≤ {target:g} ms",
                "figure": c8["p95_ms"],
                "met": c8["p95_ms"] <= target,
            }
        )
        found.append({"target": "errors 0", "figure": c8["errors"], "met": c8["errors"] == 0})
    if row.get("list_page") and row.get("queries") is not None:
        found.append(
            {
                "target": f"queries ≤ {LIST_QUERIES_TARGET}",
                "figure": row["queries"],
                "met": row["queries"] <= LIST_QUERIES_TARGET,
            }
        )
    if row.get("ratio") is not None:
        found.append(
            {
                "target": f"Django/raw ≥ {RATIO_TARGET}",
                "figure": row["ratio"],
                "met": row["ratio"] >= RATIO_TARGET,
            }
        )
    return found


def ratio(django_rps: float, raw_rps: float) -> float | None:
    return round(django_rps / raw_rps, 2) if raw_rps else None


def _cells(row: dict[str, Any]) -> list[str]:
    if row.get("skipped"):
        return [row["name"], "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", row["skipped"]]
    c1 = row["django"].get("c1", {})
    c8 = row["django"].get(f"c{TARGET_CONCURRENCY}", {})
    raw = row.get("raw", {}).get(f"c{TARGET_CONCURRENCY}")
    checks = ", ".join(
        f"{v['target']} {'met' if v['met'] else 'MISSED'}" for v in row.get("verdicts", [])
    )
    return [
        row["name"],
        str(row.get("queries", "—")),
        f"{c1.get('rps', 0):.0f}",
        f"{c1.get('p95_ms', 0):.0f}",
        f"{c8.get('rps', 0):.0f}",
        f"{c8.get('p50_ms', 0):.0f}",
        f"{c8.get('p95_ms', 0):.0f}",
        f"{c8.get('p99_ms', 0):.0f}",
        str(c8.get("errors", 0) + c1.get("errors", 0)),
        f"{raw['rps']:.0f}" if raw else "",
        f"{row['ratio']:.2f}" if row.get("ratio") is not None else "",
        checks,
    ]


HEADERS = [
    "request",
    "SQL",
    "c1 req/s",
    "c1 p95",
    "c8 req/s",
    "c8 p50",
    "c8 p95",
    "c8 p99",
    "errors",
    "raw c8 req/s",
    "ratio",
    "targets (c8)",
]


def table(rows: list[dict[str, Any]]) -> str:
    """The terminal table: one line a request, latencies in ms."""
    lines = [HEADERS, *(_cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADERS) - 1)]
    rendered = []
    for index, line in enumerate(lines):
        cells = [
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=False))
        ]
        rendered.append("  ".join([*cells, line[-1]]))
        if index == 0:
            rendered.append("  ".join("-" * w for w in [*widths, len(HEADERS[-1])]))
    return "\n".join(rendered)


def markdown(document: dict[str, Any]) -> str:
    box = document["machine"]
    rows = document["results"]
    out = [
        "# Benchmark: latest run",
        "",
        f"Run {document['started_at']} with `{document['command']}`: "
        f"{document['requests']} requests per request and concurrency; latencies in ms; "
        f"targets from issue 19, judged at concurrency {TARGET_CONCURRENCY}.",
        "",
        f"Machine: {box['cpu']}, {box['cores']} cores, {box['ram_gib']} GiB RAM; Python "
        f"{box['python']}; PostgreSQL {box['postgresql']}; gunicorn {box['gunicorn_workers']} "
        f"{box['worker_class']} workers.",
        "",
        "Dataset: "
        + ", ".join(f"{name.replace('_', ' ')} {count:,}" for name, count in box["dataset"].items())
        + ".",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "|".join("---" for _ in HEADERS) + "|",
    ]
    out += [
        "| " + " | ".join(cell.replace("|", "\\|") for cell in _cells(row)) + " |" for row in rows
    ]
    out += ["", "URLs:", ""]
    for row in rows:
        if row.get("path"):
            raw = f" (raw: `{row['raw_path']}`)" if row.get("raw_path") else ""
            out.append(f"- {row['name']}: {row['label']}, `{row['path']}`{raw}")
    if document.get("background"):
        from bench.background import table as background_table

        out += ["", "Background figures:", ""]
        out += [f"- {line}" for line in background_table(document["background"]).splitlines()]
    for note in document.get("notes", []):
        out += ["", note]
    return "\n".join(out) + "\n"


def write(document: dict[str, Any], directory: Path = RESULTS) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    json_path, md_path = directory / "latest.json", directory / "latest.md"
    json_path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    md_path.write_text(markdown(document), "utf-8")
    return json_path, md_path
