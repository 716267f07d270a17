"""Append-only tables: rows can be inserted, never changed or removed, even by raw SQL.

A model opts in with `class Meta: triggers = append_only_triggers()` (add its own triggers to
the list if it has any). The database then refuses UPDATE and DELETE of any row and TRUNCATE of
the table, so an invariant such as "a published decision is never edited in place" holds
whatever code, admin action or psql session touches the table.

The only thing allowed to switch these triggers off is the test database backend
(`alliance_portal.testing.db`), to empty tables between tests; it finds them by name prefix.
"""

from __future__ import annotations

from typing import Any

import pgtrigger

# Every trigger made here has a name starting with this, so the test backend can find them.
APPEND_ONLY_TRIGGER_PREFIX = "append_only"
# pgtrigger installs a trigger named `name` as `pgtrigger_<name>_<hash of model>` in
# PostgreSQL (`pgtrigger.Trigger.get_pgid`); this is the prefix to look for in pg_trigger.
APPEND_ONLY_PG_TRIGGER_PREFIX = f"pgtrigger_{APPEND_ONLY_TRIGGER_PREFIX}"

# SQLSTATE 23001 (restrict_violation) makes the refusal a django.db.IntegrityError, the same
# kind of error as any other integrity rule the database enforces.
_REFUSE = (
    "RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP "
    "USING ERRCODE = 'restrict_violation', "
    "HINT = 'Record a correction as a new row instead of changing or removing one.';"
)


# The one exception to "never changed": the erasure of a person (alliance_portal.erasure).
# Its use case sets this transaction-local setting to the id of the erasure request it carries
# out, and marks that request "erasing", in the same transaction; a table declared with
# erasable columns (alliance_portal.personal_data: the fields whose treatment is ERASE,
# PSEUDONYM or MENTIONS) then accepts an UPDATE of a row that changes those columns and no
# other. DELETE and TRUNCATE stay refused; a session that sets the setting without an erasure
# request being carried out changes nothing; the app role may UPDATE only those columns
# (alliance_portal.db_roles); every erasure is a row of its own and tagged in the audit trail.
ERASURE_SETTING = "alliance_portal.erasure"
ERASURE_TABLE = "alliance_portal_erasurerequest"
ERASING = "erasing"


def erasure_allows_sql(columns: list[str] | tuple[str, ...]) -> str:
    """A PL/pgSQL statement for a BEFORE UPDATE OR DELETE row trigger: lets through (RETURN NEW)
    an UPDATE made by an erasure under way that changes only ``columns``. Empty when there are
    no columns (nothing is let through)."""
    if not columns:
        return ""
    for column in columns:
        if not column.isidentifier():
            raise ValueError(f"{column!r} is not a column name")
    names = ", ".join(f"'{column}'" for column in columns)
    # Identifiers checked above; no value from outside reaches this SQL.
    return f"""
IF TG_OP = 'UPDATE'
    AND EXISTS (
        SELECT 1 FROM {ERASURE_TABLE} AS erasure
        WHERE erasure.id = nullif(current_setting('{ERASURE_SETTING}', true), '')::bigint
            AND erasure.status = '{ERASING}'
    )
    AND (to_jsonb(NEW) - ARRAY[{names}]::text[]) = (to_jsonb(OLD) - ARRAY[{names}]::text[])
THEN
    RETURN NEW;
END IF;
"""  # noqa: S608


def erasable_append_only_trigger(columns: list[str], *, name: str) -> pgtrigger.Trigger:
    """The row trigger of an append-only table whose ``columns`` hold people's data: refuses
    every UPDATE and DELETE except an erasure's rewrite of those columns (above)."""
    return pgtrigger.Trigger(
        name=name,
        level=pgtrigger.Row,
        when=pgtrigger.Before,
        operation=pgtrigger.Update | pgtrigger.Delete,
        func=erasure_allows_sql(columns) + _REFUSE,
    )


def append_only_triggers(erasable: list[str] | None = None) -> list[pgtrigger.Trigger]:
    """Triggers that make a model's table append-only, for its `Meta.triggers`.

    Guarantees, once migrated: every UPDATE or DELETE of a row (row-level, BEFORE, so nothing
    is changed) and every TRUNCATE of the table (statement-level) fails with an error saying
    "<table> is append-only". INSERT is untouched. Each trigger's name starts with
    APPEND_ONLY_TRIGGER_PREFIX. ``erasable`` names the columns holding people's data that the
    erasure of a person alone may rewrite (``erasure_allows_sql``)."""
    return [
        erasable_append_only_trigger(
            list(erasable or []), name=f"{APPEND_ONLY_TRIGGER_PREFIX}_refuse_update_delete"
        ),
        # A row-level DELETE trigger does not fire on TRUNCATE, hence this second trigger.
        pgtrigger.Trigger(
            name=f"{APPEND_ONLY_TRIGGER_PREFIX}_refuse_truncate",
            level=pgtrigger.Statement,
            when=pgtrigger.Before,
            operation=pgtrigger.Truncate,
            func=_REFUSE,
        ),
    ]


# django-pgtrigger's triggers (the append-only ones above, the ballots' and the glossary's
# frozen rows, the audit trail's event triggers) each begin by asking the database function
# `_pgtrigger_should_ignore(TG_NAME)`, which reads the session setting `pgtrigger.ignore`:
# any session may set it, the application's role included, and so skip any of them. The
# portal never skips a trigger, so after every migrate (each trigger pgtrigger installs
# defines the function afresh) the function answers "no" to everyone.
_NEVER_SKIP_SQL = """
CREATE OR REPLACE FUNCTION {function}(trigger_name NAME) RETURNS BOOLEAN AS $$
BEGIN
    -- Alliance Portal: no session may skip a trigger (alliance_portal/append_only.py).
    RETURN FALSE;
END;
$$ LANGUAGE plpgsql;
"""


def refuse_trigger_skipping(using: str = "default") -> None:
    """Make pgtrigger's ``pgtrigger.ignore`` switch ineffective in the ``using`` database
    (called after every migrate and test flush, by the post_migrate handler)."""
    from django.db import connections
    from pgtrigger import features, utils

    function = f"{utils.quote(features.schema())}._pgtrigger_should_ignore"
    with connections[using].cursor() as cursor:
        cursor.execute(_NEVER_SKIP_SQL.format(function=function))


def append_only_sql(table: str) -> tuple[str, str]:
    """Forward and reverse SQL that make ``table`` append-only at the database level, for a
    migration's ``RunSQL``. Unlike ``append_only_triggers()`` (django-pgtrigger, whose triggers
    a session can skip with ``pgtrigger.ignore``), these are plain PostgreSQL triggers set to
    ``ENABLE ALWAYS``, so neither pgtrigger's switch nor ``session_replication_role`` silences
    them: UPDATE, DELETE and TRUNCATE fail whoever runs them. Only the table's owner (or a
    superuser) can disable them, which is why the application's role must not own the table."""
    function = f"{APPEND_ONLY_TRIGGER_PREFIX}_refuse_{table}"
    forward = f"""
CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'Record a correction as a new row instead of changing or removing one.';
END
$$;
CREATE TRIGGER {APPEND_ONLY_TRIGGER_PREFIX}_refuse_update_delete
    BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {function}();
CREATE TRIGGER {APPEND_ONLY_TRIGGER_PREFIX}_refuse_truncate
    BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {function}();
ALTER TABLE {table} ENABLE ALWAYS TRIGGER {APPEND_ONLY_TRIGGER_PREFIX}_refuse_update_delete;
ALTER TABLE {table} ENABLE ALWAYS TRIGGER {APPEND_ONLY_TRIGGER_PREFIX}_refuse_truncate;
"""
    reverse = f"""
DROP TRIGGER IF EXISTS {APPEND_ONLY_TRIGGER_PREFIX}_refuse_update_delete ON {table};
DROP TRIGGER IF EXISTS {APPEND_ONLY_TRIGGER_PREFIX}_refuse_truncate ON {table};
DROP FUNCTION IF EXISTS {function}();
"""
    return forward, reverse


# The tables that refuse every UPDATE and DELETE, found in the database by their triggers'
# names: `append_only_triggers()` installs `pgtrigger_append_only_refuse_update_delete_<hash>`,
# `append_only_sql()` installs `append_only_refuse_update_delete`. (Other triggers whose names
# start with the prefix, such as the ballots' "frozen" ones, allow some updates: not listed.)
_APPEND_ONLY_TABLES_SQL = """
SELECT DISTINCT cls.relname
FROM pg_trigger AS trg
JOIN pg_class AS cls ON cls.oid = trg.tgrelid
WHERE cls.relnamespace = current_schema()::regnamespace
    AND NOT trg.tgisinternal
    AND (trg.tgname = %(sql_name)s OR starts_with(trg.tgname, %(pgtrigger_name)s))
"""


def append_only_tables(cursor: Any) -> list[str]:
    """The append-only tables of the database ``cursor`` is connected to (current schema),
    sorted: every table made append-only with ``append_only_triggers()`` or
    ``append_only_sql()``, and every audit-trail event table (django-pghistory's event models,
    protected against updates and deletes by ``PGHISTORY_APPEND_ONLY``). The application's
    database role gets no UPDATE, DELETE or TRUNCATE on these (``manage.py grant_app_role``)."""
    from django.apps import apps
    from pghistory.models import Event

    name = f"{APPEND_ONLY_TRIGGER_PREFIX}_refuse_update_delete"
    cursor.execute(
        _APPEND_ONLY_TABLES_SQL,
        {"sql_name": name, "pgtrigger_name": f"pgtrigger_{name}_"},
    )
    tables = {row[0] for row in cursor.fetchall()}
    tables.update(
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, Event) and model._meta.managed and not model._meta.proxy
    )
    return sorted(tables)
