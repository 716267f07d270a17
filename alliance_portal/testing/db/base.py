"""PostgreSQL database backend for the test suite: Django's own, except that flushing the
database also works on append-only tables.

Why it exists: append-only tables (`alliance_portal.append_only`) carry triggers that refuse
UPDATE, DELETE and TRUNCATE. Transactional and live-server tests are cleaned up by Django's
`flush`, a single `TRUNCATE` over every table, which those triggers would refuse. Here the
flush SQL switches off exactly the append-only triggers of the tables being emptied, truncates,
and switches them on again, all in the one transaction Django runs a flush in
(`execute_sql_flush`). PostgreSQL's DDL is transactional, so when the TRUNCATE fails the
rollback also undoes the DISABLE: the triggers are on again whatever happens.

Only `alliance_portal.settings.test` selects this backend (ENGINE "alliance_portal.testing.db");
development and production use `django.db.backends.postgresql`, where flushing an append-only
table fails, as it should. The triggers themselves are never changed for tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQLDatabaseWrapper
from django.db.backends.postgresql.operations import (
    DatabaseOperations as PostgreSQLDatabaseOperations,
)

from alliance_portal.append_only import (
    APPEND_ONLY_PG_TRIGGER_PREFIX,
    APPEND_ONLY_TRIGGER_PREFIX,
)

# The enabled append-only triggers on the given tables and, when the TRUNCATE cascades, on
# every table that references them through foreign keys, directly or not (TRUNCATE ... CASCADE
# empties those too, and their TRUNCATE triggers fire). Table names are resolved the way the
# TRUNCATE statement resolves them (quoted, through the search_path); `tgrelid::regclass::text`
# gives a name quoted as needed to use in ALTER TABLE. `tgenabled` is 'O' (origin), 'R'
# (replica) or 'A' (always) when enabled, 'D' when disabled.
_APPEND_ONLY_TRIGGERS_SQL = """
WITH RECURSIVE flushed(oid) AS (
    SELECT to_regclass(quote_ident(name)) FROM unnest(%(tables)s::text[]) AS name
    UNION
    SELECT con.conrelid
    FROM pg_constraint AS con JOIN flushed ON con.confrelid = flushed.oid
    WHERE %(cascade)s AND con.contype = 'f'
)
SELECT trg.tgrelid::regclass::text, trg.tgname, trg.tgenabled::text
FROM pg_trigger AS trg
WHERE trg.tgrelid IN (SELECT oid FROM flushed WHERE oid IS NOT NULL)
    AND NOT trg.tgisinternal
    AND trg.tgenabled <> 'D'
    AND (starts_with(trg.tgname, %(prefix)s) OR starts_with(trg.tgname, %(sql_prefix)s))
ORDER BY 1, 2
"""

# How to switch each kind of enabled trigger back on, so its firing mode is restored exactly.
_ENABLE_MODE = {"O": "ENABLE", "R": "ENABLE REPLICA", "A": "ENABLE ALWAYS"}


class DatabaseOperations(PostgreSQLDatabaseOperations):
    """PostgreSQL operations whose flush SQL steps around append-only triggers."""

    def sql_flush(
        self,
        style: Any,
        tables: Sequence[str],
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        """Django's flush SQL (one TRUNCATE), preceded by disabling every enabled append-only
        trigger on the tables it empties and followed by enabling each again in the mode it
        had. `execute_sql_flush` runs the whole list in one transaction, so the triggers are
        off only inside it, and a failed TRUNCATE rolls the disabling back too."""
        truncate = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if not truncate:
            return truncate
        with self.connection.cursor() as cursor:
            cursor.execute(
                _APPEND_ONLY_TRIGGERS_SQL,
                {
                    "tables": list(tables),
                    "cascade": allow_cascade,
                    "prefix": APPEND_ONLY_PG_TRIGGER_PREFIX,
                    "sql_prefix": APPEND_ONLY_TRIGGER_PREFIX + "_",
                },
            )
            triggers: list[tuple[str, str, str]] = cursor.fetchall()
        disable = [
            f"{style.SQL_KEYWORD('ALTER TABLE')} {style.SQL_FIELD(table)} "
            f"{style.SQL_KEYWORD('DISABLE TRIGGER')} {style.SQL_FIELD(self.quote_name(name))};"
            for table, name, _mode in triggers
        ]
        enable = [
            f"{style.SQL_KEYWORD('ALTER TABLE')} {style.SQL_FIELD(table)} "
            f"{style.SQL_KEYWORD(_ENABLE_MODE[mode] + ' TRIGGER')} "
            f"{style.SQL_FIELD(self.quote_name(name))};"
            for table, name, mode in triggers
        ]
        return [*disable, *truncate, *enable]


class DatabaseWrapper(PostgreSQLDatabaseWrapper):
    """Django's PostgreSQL backend with the flush above; everything else is unchanged."""

    ops_class = DatabaseOperations
