"""What the matrix checks a denied write left alone: a row count and a checksum of every table.

``fingerprint()`` reads, in one query, ``count(*)`` and an md5 of all rows (in primary-key
order) of every table of every installed app, except the tables listed in ``WRITTEN_ON_DENIAL``
below: those record the denial itself (or the sign-in that precedes it), so a denied request
legitimately adds to them. Any other difference between the fingerprint taken before a denied
request and the one taken after it is a row the denied request changed.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.db import connection

# Tables a denied request may write to, each for a reason of its own (by model label, so a
# renamed table still matches). Other helpers' audit or security-event tables go here too.
WRITTEN_ON_DENIAL = {
    # The access log records every read of secretariat-level data, also on the way to a denial.
    "alliance_portal.AccessLogEntry",
    # The audit trail of refused requests and sign-ins: every denial writes its one row.
    "alliance_portal.SecurityEvent",
    # django-axes counts failed sign-ins (the token endpoint's wrong passwords) and locks out.
    "alliance_portal.LoginLockout",
    "axes.AccessAttempt",
    "axes.AccessFailureLog",
    "axes.AccessLog",
    # Sessions: a denied page may still store a message or refresh the session's expiry.
    "sessions.Session",
}


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@cache
def _query() -> str:
    parts = []
    quote = connection.ops.quote_name
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.proxy or not opts.managed or opts.label in WRITTEN_ON_DENIAL:
            continue
        table, pk = quote(opts.db_table), quote(opts.pk.column)
        # Names from the models' own metadata, quoted: no outside input reaches this SQL.
        name = quote_literal(opts.db_table)
        digest = f"md5(coalesce(string_agg(r::text, ',' ORDER BY r.{pk}), ''))"
        parts.append(f"SELECT {name} AS t, count(*) AS n, {digest} AS h FROM {table} r")  # noqa: S608
    return " UNION ALL ".join(parts)


PREPARED = "access_matrix_fingerprint"


def fingerprint() -> dict[str, tuple[int, str]]:
    """Every checked table → (row count, md5 of its rows)."""
    with connection.cursor() as cursor:
        # Prepared once per connection: planning the union of every table costs more than
        # running it on the matrix's few rows.
        cursor.execute("SELECT 1 FROM pg_prepared_statements WHERE name = %s", [PREPARED])
        if cursor.fetchone() is None:
            cursor.execute(f"PREPARE {PREPARED} AS {_query()}")
        cursor.execute(f"EXECUTE {PREPARED}")
        return {table: (count, digest) for table, count, digest in cursor.fetchall()}


def changed_tables(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]):
    """The tables whose rows differ, with their row counts before and after."""
    return {
        table: (before[table][0], after[table][0])
        for table in before
        if before[table] != after.get(table)
    }
