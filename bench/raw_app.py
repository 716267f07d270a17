"""The raw baseline (issue 19 item 3): a WSGI app with no Django that serves four of the
portal's pages, running the same SQL as the Django page (``bench.raw_sql``) through psycopg2
and formatting comparable HTML with plain string formatting.

    /decisions/?page=N                   ~ /governance/decisions/?page=N
    /decisions/<seq>/                    ~ /governance/decisions/<seq>/
    /glossary/?q=...                     ~ /glossary/?q=...
    /members/?chamber=...&kind=...       ~ /members/?chamber=...&kind=...

One persistent connection per process (autocommit), like Django's ``CONN_MAX_AGE``. The
choices' labels (decision states, organisation kinds, country names, ...) are Django's; the
bench writes them once to the JSON file ``BENCH_RAW_LABELS`` names (``bench.labels``), read
at start. Served by gunicorn (``bench.raw_app:application``) with the portal's settings.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from html import escape
from typing import Any
from urllib.parse import parse_qs, urlencode

from bench import raw_sql

PAGE_SIZE = 25  # both list pages'
GLOSSARY_LIMIT = 30

Labels = dict[str, dict[str, str]]
SESSION_OPTIONS = "-c pg_trgm.word_similarity_threshold=0.3"  # as Django's connections

_labels: Labels = {}
_connect: Callable[[], Any] | None = None
_connection: Any = None
# The decision log's filters' choices and count, read once per head of the log as the portal
# does (governance.decision_log.caching), here in the process's memory.
_facets_at: dict[str, tuple[tuple[Any, ...], int]] = {}
# When a list, every query run is appended to it (its text as sent, parameters bound).
executed: list[str] | None = None


def configure(*, labels: Labels, connect: Callable[[], Any]) -> None:
    """Set the labels and how to get a connection (the tests pass Django's own)."""
    global _labels, _connect, _connection
    _labels, _connect, _connection = labels, connect, None
    _facets_at.clear()


def _configure_from_environment() -> None:
    import psycopg2

    path = os.environ.get("BENCH_RAW_LABELS")
    labels = json.loads(open(path, encoding="utf-8").read()) if path else {}  # noqa: SIM115

    def connect() -> Any:
        # The session options of Django's connections (settings.base.DATABASE_SESSION_OPTIONS):
        # the glossary search's trigram threshold.
        connection = psycopg2.connect(os.environ["DATABASE_URL"], options=SESSION_OPTIONS)
        connection.autocommit = True
        return connection

    configure(labels=labels, connect=connect)


def _cursor() -> Any:
    global _connection
    if _connect is None:
        _configure_from_environment()
    if _connection is None or getattr(_connection, "closed", False):
        if _connect is None:
            raise RuntimeError("bench.raw_app is not configured")
        _connection = _connect()
    return _connection.cursor()


def query(sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
    with _cursor() as cursor:
        cursor.execute(sql, tuple(params))
        if executed is not None:
            sent = cursor.query
            executed.append(sent.decode() if isinstance(sent, bytes) else str(sent))
        return list(cursor.fetchall())


def label(kind: str, code: Any) -> str:
    text = str(code or "")
    return _labels.get(kind, {}).get(text) or text.replace("_", " ").capitalize()


# --- HTML -----------------------------------------------------------------------------------

NAV = (
    ("/", "Home"),
    ("/members/", "Members"),
    ("/standards/", "Standards"),
    ("/glossary/", "Glossary"),
    ("/countries/", "Countries"),
    ("/governance/", "Governance"),
    ("/governance/decisions/", "Decisions"),
    ("/governance/reports/", "Reports"),
    ("/members/coverage/", "Coverage"),
    ("/api/docs/", "API"),
)


def page(title: str, body: str, current: str = "") -> bytes:
    nav = "\n".join(
        f'          <li><a href="{href}"{" aria-current=page" if href == current else ""}>{name}</a></li>'
        for href, name in NAV
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(title)} · Alliance Portal</title>
  <link rel="stylesheet" href="/static/css/portal.css">
  <link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">
  <script src="/static/js/menu.js"></script>
</head>
<body>
  <a class="skip-link" href="#main">Skip to main content</a>
  <header class="site-header">
    <div class="wrap header-inner">
      <a class="brand" href="/">Alliance Portal</a>
      <button type="button" class="menu-toggle" aria-expanded="false" aria-controls="site-menu">Menu</button>
      <div class="site-menu" id="site-menu">
      <nav aria-label="Main">
        <ul class="nav-list">
{nav}
        </ul>
      </nav>
      <nav aria-label="Account" class="account-nav">
        <ul class="nav-list">
            <li><a href="/accounts/login/">Sign in</a></li>
            <li><a href="/accounts/signup/">Create an account</a></li>
        </ul>
      </nav>
      </div>
    </div>
  </header>
  <main id="main" tabindex="-1" class="wrap">
{body}
  </main>
  <footer class="site-footer">
    <div class="wrap">
      <p>Alliance Portal: the alliance's consultations, decisions and reports, open to everyone.</p>
      <p><a href="/api/docs/">API documentation</a> · <a href="/api/schema/">OpenAPI schema</a></p>
    </div>
  </footer>
</body>
</html>
""".encode()


def select(name: str, label_text: str, choices: Iterable[tuple[Any, Any]], value: str = "") -> str:
    options = "".join(
        f'<option value="{escape(str(code))}"{" selected" if str(code) == value else ""}>'
        f"{escape(str(text))}</option>"
        for code, text in choices
    )
    return (
        f'<div class="field"><label for="id_{name}">{label_text}:</label>'
        f'<select name="{name}" id="id_{name}">{options}</select></div>'
    )


def text_input(name: str, label_text: str, value: str = "") -> str:
    return (
        f'<div class="field"><label for="id_{name}">{label_text}:</label>'
        f'<input type="text" name="{name}" value="{escape(value)}" maxlength="200" id="id_{name}"></div>'
    )


def day(value: date | datetime | None, fmt: str = "{d} {m} {y}") -> str:
    if value is None:
        return "—"
    return fmt.format(d=value.day, m=value.strftime("%B"), y=value.year)


def short_day(value: datetime) -> str:
    return f"{value.day} {value.strftime('%b %Y')}"


def pagination(number: int, pages: int, query: str) -> str:
    if pages <= 1:
        return ""
    prefix = f"?{query}&amp;page=" if query else "?page="
    links = []
    if number > 1:
        links.append(f'<a href="{prefix}1">First</a> <a href="{prefix}{number - 1}">Previous</a>')
    links.append(f'<span aria-current="page">Page {number} of {pages}</span>')
    if number < pages:
        links.append(f'<a href="{prefix}{number + 1}">Next</a> <a href="{prefix}{pages}">Last</a>')
    return f'<nav class="pagination" aria-label="Pages">{" ".join(links)}</nav>'


def page_number(raw: str, count: int) -> tuple[int, int, int, int]:
    """(number, pages, offset, limit) as Django's ``Paginator.get_page`` gives them."""
    pages = max(1, math.ceil(count / PAGE_SIZE))
    try:
        number = int(raw)
    except ValueError:
        number = 1
    number = min(max(number, 1), pages) if raw else 1
    offset = (number - 1) * PAGE_SIZE
    return number, pages, offset, max(0, min(PAGE_SIZE, count - offset))


def limit_clause(limit: int, offset: int) -> str:
    """The ORM's spelling: literal integers, no OFFSET on the first page."""
    return f" LIMIT {int(limit)}" + (f" OFFSET {int(offset)}" if offset else "")


def head_block(rows: list[tuple[Any, ...]] | None = None) -> str:
    rows = query(raw_sql.LOG_HEAD) if rows is None else rows
    if not rows:
        return ""
    seq, published_at, hash_ = rows[0]
    return (
        '<section class="log-head" aria-labelledby="log-head-title">'
        '<h2 id="log-head-title">Check the log</h2>'
        f"<p>The log holds {seq} entries; the newest was published on {day(published_at)}. "
        f"Its hash is <code>{hash_}</code>. Anyone can recompute the chain from the "
        '<a href="/api/v1/decision-log/">entries</a>.</p></section>'
    )


# --- Pages ----------------------------------------------------------------------------------


DEFERRED_FROM = 500  # governance.decision_log.paging.DEFERRED_FROM


def _facets_and_count(head_rows: list[tuple[Any, ...]]) -> tuple[tuple[Any, ...], int]:
    key = head_rows[0][2] if head_rows else None
    if key is not None and key in _facets_at:
        return _facets_at[key]
    found = (query(raw_sql.DECISION_FACETS, ["UTC"])[0], query(raw_sql.DECISION_COUNT)[0][0])
    if key is not None:
        _facets_at.clear()
        _facets_at[key] = found
    return found


def decision_list(params: dict[str, str]) -> bytes:
    head_rows = query(raw_sql.LOG_HEAD)
    head = head_block(head_rows)
    facets, count = _facets_and_count(head_rows)
    bodies, countries, materials, objectives, years, organisations = facets
    bodies, objectives, organisations = (
        json.loads(v) if isinstance(v, str) else v for v in (bodies, objectives, organisations)
    )
    number, pages, offset, limit = page_number(params.get("page", ""), count)
    if not limit:
        rows = []
    elif offset < DEFERRED_FROM:
        rows = query(raw_sql.DECISION_LIST + limit_clause(limit, offset))
    else:  # the keys from the index first, then the rows (paging.DecisionPaginator)
        rows = query(raw_sql.DECISION_LIST_DEEP % {"limit": limit_clause(limit, offset)})
    form = "".join(
        [
            text_input("q", "Search"),
            select("body", "Body", [("", "All bodies"), *sorted(dict(bodies).items())]),
            select(
                "material",
                "Material",
                [("", "All materials")] + [(m, label("material", m)) for m in sorted(materials)],
            ),
            select(
                "country",
                "Country",
                [("", "All countries")] + [(c, label("country", c)) for c in sorted(countries)],
            ),
            select("year", "Year", [("", "All years")] + [(y, y) for y in sorted(years)[::-1]]),
            select("outcome", "Result", [("", "Any result"), *_labels.get("outcome", {}).items()]),
            select("state", "State", [("", "Any state"), *_labels.get("state", {}).items()]),
            select("kind", "Has", [("", "Anything"), *_labels.get("entry_kind", {}).items()]),
            select("objective", "Objective", [("", "All objectives"), *dict(objectives).items()]),
            select(
                "organisation",
                "Names the organisation",
                [
                    ("", "Any organisation"),
                    *sorted(dict(organisations).items(), key=lambda o: o[1]),
                ],
            ),
        ]
    )
    body_rows = "\n".join(
        f"""    <tr>
      <th scope="row"><a href="/governance/decisions/{row[0]}/">{escape(row[2])}</a></th>
      <td>{escape(row[3] or "—")}</td>
      <td>{escape(label("outcome", row[4]))}</td>
      <td>{escape(label("state", row[1]))}</td>
      <td>{short_day(row[5])}</td>
      <td>{row[0]}</td>
    </tr>"""
        for row in rows
    )
    table = (
        f"""<div class="table-scroll" role="region" aria-label="Decisions, newest first" tabindex="0">
<table>
  <caption class="visually-hidden">Decisions, newest first</caption>
  <thead><tr><th scope="col">Decision</th><th scope="col">Body</th><th scope="col">Result</th><th scope="col">State</th><th scope="col">Decided</th><th scope="col">Entry</th></tr></thead>
  <tbody>
{body_rows}
  </tbody>
</table>
</div>
{pagination(number, pages, "")}"""
        if rows
        else "<p>No decision matches.</p>"
    )
    body = f"""<h1>Public decision log</h1>
<p class="lead">Every decision of the alliance, as published, with its trade-offs and how it was
voted. Entries are never edited: amendments, corrections and withdrawals are new entries, and
each entry's hash chains it to the one before, so anyone can check nothing was changed.</p>
<details class="filter-disclosure" open>
<summary>Filter</summary>
<form method="get" class="filter-form" role="search" aria-label="Filter decisions">
  {form}
  <button type="submit">Filter</button>
</form>
</details>
<p role="status">{count} decision{"" if count == 1 else "s"}</p>
{table}
{head}"""
    return page("Decision log", body, "/governance/decisions/")


def render_value(value: Any, depth: int = 0) -> str:
    """A decision record in words: mappings as definition lists, lists as lists."""
    if isinstance(value, dict):
        if depth > 1:
            return escape(json.dumps(value)[:120])
        items = "".join(
            f"<dt>{escape(str(key).replace('_', ' ').capitalize())}</dt>"
            f"<dd>{render_value(item, depth + 1)}</dd>"
            for key, item in value.items()
        )
        return f"<dl>{items}</dl>"
    if isinstance(value, list):
        if not value:
            return "none"
        return "<ul>" + "".join(f"<li>{render_value(v, depth + 1)}</li>" for v in value) + "</ul>"
    if value is None or value == "":
        return "—"
    return escape(str(value))


def decision_detail(seq: int) -> bytes | None:
    entries = query(raw_sql.ENTRY, [seq])
    if not entries:
        return None
    entry = entries[0]
    kind, canonical, amends = entry[1], entry[3], entry[6]
    decision_seq = entry[0] if kind == "decision" else amends
    decisions = query(raw_sql.ENTRY_DECISION, [decision_seq])
    related = [(row, json.loads(row[3])) for row in query(raw_sql.ENTRY_RELATED, [decision_seq])]
    content = json.loads(canonical)
    record = content.get("record", {})
    head = head_block()
    signed = query(raw_sql.SIGNED_HEAD_COSIGNED, [seq]) or query(raw_sql.SIGNED_HEAD_ANY, [seq])
    cosigners = query(raw_sql.SIGNED_HEAD_COSIGNATURES, [signed[0][0]]) if signed else []
    signed_block = (
        f"<dl><dt>Tree size</dt><dd>{signed[0][1]} entries, signed {day(signed[0][6])}</dd>"
        f"<dt>Tree hash</dt><dd><code>{escape(signed[0][2])}</code></dd><dt>Cosigned by</dt>"
        f"<dd>{escape(', '.join(c[8] for c in cosigners) or 'no witness yet')}</dd></dl>"
        if signed
        else "<p>No signed head covers this entry yet.</p>"
    )
    decision = decisions[0] if decisions else None
    proposal_id = decision[4] if decision else None
    reviews = query(raw_sql.ENTRY_REVIEWS, [decision_seq, "", proposal_id])
    actions = query(raw_sql.ENTRY_ACTIONS, [decision_seq, "public"]) if kind == "decision" else []
    updates = query(raw_sql.ENTRY_PROGRESS, [tuple(a[0] for a in actions)]) if actions else []
    title = decision[3] if decision else f"Entry {entry[0]}"
    history = "".join(
        f'<li><a href="/governance/decisions/{row[0]}/">Entry {row[0]}</a>: '
        f"{escape(label('entry_kind', row[1]))}, {day(row[2])}. "
        f"{escape(str(other.get('record', {}).get('reason', '')))}</li>"
        for row, other in related
    )
    by_action: dict[int, list[tuple[Any, ...]]] = {}
    for update in updates:
        by_action.setdefault(update[1], []).append(update)
    action_items = "".join(
        f"<li><h3>{escape(action[2])}</h3><p>{escape(label('action_status', action[9]))}, due "
        f"{day(action[7])}, owned by {escape(action[-19])}.</p><ul>"
        + "".join(
            f"<li>{day(u[4])}, {escape(u[11])}: {escape(u[5])}</li>"
            for u in by_action.get(action[0], [])
        )
        + "</ul></li>"
        for action in actions
    )
    review_items = "".join(
        f"<li>Review due {day(r[3])}: {escape(r[8] or r[7] or 'to come')}</li>" for r in reviews
    )
    summary = escape(decision[8]) if decision else ""
    rationale = escape(decision[9]) if decision else ""
    body = f"""<p class="breadcrumb"><a href="/governance/decisions/">Decision log</a></p>
<h1>{escape(title)}</h1>
<p class="lead">{escape(label("entry_kind", kind))} {entry[0]}, published {day(entry[2])}.</p>
<section aria-labelledby="summary-title"><h2 id="summary-title">Summary</h2><p>{summary}</p></section>
<section aria-labelledby="rationale-title"><h2 id="rationale-title">Why</h2><p>{rationale}</p></section>
<section aria-labelledby="record-title"><h2 id="record-title">The record</h2>{render_value(record)}</section>
<section aria-labelledby="history-title"><h2 id="history-title">History</h2><ul>{history or "<li>No later entry.</li>"}</ul></section>
<section aria-labelledby="reviews-title"><h2 id="reviews-title">Reviews</h2><ul>{review_items or "<li>None set.</li>"}</ul></section>
<section aria-labelledby="actions-title"><h2 id="actions-title">Actions</h2><ul>{action_items or "<li>None yet.</li>"}</ul></section>
<section aria-labelledby="verify-title"><h2 id="verify-title">Verify this entry</h2>
<dl><dt>Previous hash</dt><dd><code>{entry[4]}</code></dd><dt>Hash</dt><dd><code>{entry[5]}</code></dd></dl>
<p><a href="/governance/decisions/{entry[0]}/canonical.json">The exact text that was hashed</a></p>
{signed_block}</section>
{head}"""
    return page(title, body, "/governance/decisions/")


_MARKUP = re.compile(r"[*_`#>\[\]]|\(https?://[^)]*\)")


def excerpt(text: str, limit: int = 200) -> str:
    plain = " ".join(_MARKUP.sub("", text).split())
    return plain if len(plain) <= limit else plain[: limit - 1].rsplit(" ", 1)[0] + "…"


def glossary_search(params: dict[str, str]) -> bytes:
    text = " ".join(params.get("q", "").split())[:100]
    hits: list[tuple[Any, ...]] = []
    labels: dict[int, str] = {}
    definitions: dict[int, str] = {}
    if text:
        hits = query(
            raw_sql.GLOSSARY_SEARCH,
            [
                {
                    "<QUERY>": text,
                    "<query, casefolded>": text.casefold(),
                    "<threshold>": 0.6 if len(text) <= 4 else 0.3,
                }.get(p, p)
                if isinstance(p, str)
                else p
                for p in raw_sql.GLOSSARY_SEARCH_PARAMS
            ],
        )
        revisions = tuple(hit[3] for hit in hits if hit[3])
        if revisions:
            for revision_id, _language, label_text in query(
                raw_sql.GLOSSARY_LABELS, ["pref", ("en",), revisions]
            ):
                labels[revision_id] = label_text
            for revision_id, _language, definition in query(
                raw_sql.GLOSSARY_DEFINITIONS, [("en",), revisions]
            ):
                definitions[revision_id] = excerpt(definition)
    items = "\n".join(
        f'<li class="search-hit"><a href="/glossary/{hit[1]}/" lang="en">'
        f"{escape(labels.get(hit[3], hit[1]))}</a>"
        + (
            f' <span class="matched">matched “{escape(hit[5])}”</span>'
            if hit[5] and hit[5] != labels.get(hit[3])
            else ""
        )
        + f" <span class=status>{escape(label('concept_status', hit[2]))}</span>"
        + f"<p>{escape(definitions.get(hit[3], ''))}</p></li>"
        for hit in hits
    )
    results = (
        f'<p role="status">{len(hits)} concept{"" if len(hits) == 1 else "s"} match “{escape(text)}”</p>'
        f'<ol class="search-results">{items}</ol>'
        if hits
        else f'<p role="status">No concept matches “{escape(text)}”.</p>'
    )
    body = f"""<h1>Glossary</h1>
<p class="lead">The alliance's agreed words: what each means, for whom, in which languages.</p>
<form method="get" role="search" aria-label="Search the glossary">
{text_input("q", "Search the glossary", text)}
<button type="submit">Search</button>
</form>
<nav aria-label="Glossary views"><a href="/glossary/">A–Z</a> · <a href="/glossary/?view=hierarchy">Hierarchy</a> · <a href="/glossary/?view=changes">New and changed</a></nav>
<p>Languages: <a href="?lang=en" aria-current="true">English</a> <a href="?lang=fr">Français</a> <a href="?lang=es">Español</a></p>
{results}
<section aria-labelledby="export-title"><h2 id="export-title">Use the glossary elsewhere</h2>
<ul><li><a href="/glossary/export.ttl">SKOS (Turtle)</a></li><li><a href="/glossary/export.jsonld">SKOS (JSON-LD)</a></li>
<li><a href="/glossary/export.csv">CSV</a></li><li><a href="/glossary/export.tbx">TBX</a></li>
<li><a href="/glossary/feed/">Changes (Atom)</a></li></ul>
<p>Each concept has a stable address; its history is kept, and retired concepts stay readable.
Search finds concepts by any of their labels in any language, allowing for typing errors.</p></section>"""
    return page("Glossary", body, "/glossary/")


def member_list(params: dict[str, str]) -> bytes:
    chamber_slug, kind = params.get("chamber", ""), params.get("kind", "")
    statuses = ["active", "suspended", "withdrawn"]
    tiers = query(raw_sql.ADOPTED_TIERS, ["adopted"])
    if chamber_slug and kind:
        chamber = query(raw_sql.CHAMBER_BY_SLUG, [chamber_slug])
        filters = [*statuses, chamber_slug, kind] if chamber else statuses
        count_sql, list_sql = (
            (raw_sql.MEMBERS_COUNT_FILTERED, raw_sql.MEMBERS_LIST_FILTERED)
            if chamber
            else (raw_sql.MEMBERS_COUNT, raw_sql.MEMBERS_LIST)
        )
    else:
        filters, count_sql, list_sql = statuses, raw_sql.MEMBERS_COUNT, raw_sql.MEMBERS_LIST
    count = query(count_sql, filters)[0][0]
    number, pages, offset, limit = page_number(params.get("page", ""), count)
    rows = query(list_sql + limit_clause(limit, offset), filters) if limit else []
    tier_names = (
        dict(query(raw_sql.TIER_NAMES, ["public", "adopted", "retired", tuple(r[0] for r in rows)]))
        if tiers and rows
        else {}
    )
    chambers = query(raw_sql.CHAMBERS)
    form = "".join(
        [
            text_input("q", "Search"),
            select(
                "chamber",
                "Chamber",
                [("", "All chambers")] + [(c[1], c[2]) for c in chambers],
                chamber_slug,
            ),
            select("kind", "Kind", [("", "All kinds"), *_labels.get("kind", {}).items()], kind),
            select(
                "country",
                "Country",
                [("", "All countries"), *sorted(_labels.get("country", {}).items(), key=_second)],
            ),
            select(
                "stage",
                "Value-chain stage",
                [("", "All stages"), *_labels.get("stage", {}).items()],
            ),
            select(
                "material",
                "Material",
                [("", "All materials"), *_labels.get("material", {}).items()],
            ),
            select("sector", "Sector", [("", "All sectors"), *_labels.get("sector", {}).items()]),
            *(
                [
                    select(
                        "tier",
                        "Commitment tier",
                        [("", "Any or no tier")] + [(t[1], t[2]) for t in tiers],
                    )
                ]
                if tiers
                else []
            ),
        ]
    )
    tier_cell = "\n      <td>{}</td>" if tiers else ""
    body_rows = "\n".join(
        f"""    <tr>
      <th scope="row"><a href="/members/{row[2]}/">{escape(row[1])}</a></th>
      <td>{escape(row[-3])}</td>
      <td>{escape(label("kind", row[4]))}</td>
      <td>{escape(label("country", row[8]) if row[8] else "—")}</td>
      <td>{escape(label("membership_status", row[5]))}</td>{tier_cell.format(escape(tier_names.get(row[0], "—")))}
    </tr>"""
        for row in rows
    )
    query_string = urlencode({k: v for k, v in params.items() if k != "page"})
    table = (
        f"""<div class="table-scroll" role="region" aria-label="Member organisations" tabindex="0">
<table>
  <caption class="visually-hidden">Member organisations, by name</caption>
  <thead><tr><th scope="col">Organisation</th><th scope="col">Chamber</th><th scope="col">Kind</th><th scope="col">Headquarters</th><th scope="col">Status</th>{'<th scope="col">Commitment tier</th>' if tiers else ""}</tr></thead>
  <tbody>
{body_rows}
  </tbody>
</table>
</div>
{pagination(number, pages, escape(query_string))}"""
        if rows
        else "<p>No organisation matches these filters.</p>"
    )
    body = f"""<h1>Member organisations</h1>
<details class="filter-disclosure" open>
<summary>Filter</summary>
<form method="get" class="filter-form" role="search" aria-label="Filter members">
{form}
  <button type="submit">Filter</button>
</form>
</details>
<p role="status">{count} organisation{"" if count == 1 else "s"}</p>
{table}"""
    return page("Members", body, "/members/")


def _second(pair: tuple[str, str]) -> str:
    return pair[1]


_DECISION = re.compile(r"^/decisions/(\d+)/$")


def respond(path: str, query_string: str) -> tuple[str, bytes]:
    """(status line, HTML) for ``path``."""
    params = {key: values[-1] for key, values in parse_qs(query_string).items()}
    if path == "/decisions/":
        return "200 OK", decision_list(params)
    if match := _DECISION.match(path):
        html = decision_detail(int(match.group(1)))
        if html is not None:
            return "200 OK", html
    elif path == "/glossary/":
        return "200 OK", glossary_search(params)
    elif path == "/members/":
        return "200 OK", member_list(params)
    elif path == "/healthz":
        return "200 OK", b"ok"
    return "404 Not Found", page("Not found", "<h1>Not found</h1>")


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterator[bytes]:
    status, body = respond(environ.get("PATH_INFO", "/"), environ.get("QUERY_STRING", ""))
    start_response(
        status,
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
    )
    return iter([body])
