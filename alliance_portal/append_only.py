"""Append-only tables: rows can be inserted, never changed or removed, even by raw SQL.

A model opts in with `class Meta: triggers = append_only_triggers()` (add its own triggers to
the list if it has any). The database then refuses UPDATE and DELETE of any row and TRUNCATE of
the table, so an invariant such as "a published decision is never edited in place" holds
whatever code, admin action or psql session touches the table.

The only thing allowed to switch these triggers off is the test database backend
(`alliance_portal.testing.db`), to empty tables between tests; it finds them by name prefix.
"""

from __future__ import annotations

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


def append_only_triggers() -> list[pgtrigger.Trigger]:
    """Triggers that make a model's table append-only, for its `Meta.triggers`.

    Guarantees, once migrated: every UPDATE or DELETE of a row (row-level, BEFORE, so nothing
    is changed) and every TRUNCATE of the table (statement-level) fails with an error saying
    "<table> is append-only". INSERT is untouched. Each trigger's name starts with
    APPEND_ONLY_TRIGGER_PREFIX."""
    return [
        pgtrigger.Trigger(
            name=f"{APPEND_ONLY_TRIGGER_PREFIX}_refuse_update_delete",
            level=pgtrigger.Row,
            when=pgtrigger.Before,
            operation=pgtrigger.Update | pgtrigger.Delete,
            func=_REFUSE,
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
