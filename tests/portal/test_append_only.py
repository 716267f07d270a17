"""Append-only tables refuse UPDATE, DELETE and TRUNCATE; only the test backend's flush can
empty them, and it leaves their triggers switched on afterwards, even when it fails."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pgtrigger
import pytest
from django.apps.registry import Apps
from django.core.management.color import no_style
from django.db import IntegrityError, connection, models

from alliance_portal.append_only import (
    APPEND_ONLY_PG_TRIGGER_PREFIX,
    APPEND_ONLY_TRIGGER_PREFIX,
    append_only_triggers,
)

pytestmark = pytest.mark.django_db(transaction=True)

LOG = "append_only_scratch_log"
NOTE = "append_only_scratch_note"  # references LOG, to exercise TRUNCATE ... CASCADE

# Unmanaged models in a private registry: pgtrigger compiles triggers from a model, and these
# must not join the project's models (nor its flush list) beyond this module.
_scratch_apps = Apps()


class ScratchLog(models.Model):
    body = models.TextField()
    objects: models.Manager[ScratchLog] = models.Manager()

    class Meta:
        apps = _scratch_apps
        app_label = "append_only_scratch"
        db_table = LOG
        managed = False

    def __str__(self) -> str:
        return self.body


class ScratchNote(models.Model):
    log = models.ForeignKey(ScratchLog, on_delete=models.DO_NOTHING)

    class Meta:
        apps = _scratch_apps
        app_label = "append_only_scratch"
        db_table = NOTE
        managed = False

    def __str__(self) -> str:
        return f"note {self.pk}"


SCRATCH_MODELS: list[type[models.Model]] = [ScratchLog, ScratchNote]


def _execute(sql: str, params: Sequence[str] | None = None) -> list[tuple[object, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


# pgtrigger annotates its `model` parameters as model instances; they take model classes.
def _pgid(trigger: pgtrigger.Trigger, model: type[models.Model]) -> str:
    return trigger.get_pgid(model)  # type: ignore[arg-type]


def _trigger_states(table: str) -> dict[str, str]:
    """tgname -> tgenabled for the table's append-only triggers ('O' = on, 'D' = off)."""
    rows = _execute(
        "SELECT tgname, tgenabled::text FROM pg_trigger "
        "WHERE tgrelid = %s::regclass AND starts_with(tgname, %s)",
        [table, APPEND_ONLY_PG_TRIGGER_PREFIX],
    )
    return {str(name): str(state) for name, state in rows}


def _count(table: str) -> int:
    (count,) = _execute(f"SELECT count(*) FROM {table}")[0]  # noqa: S608 - constant names
    assert isinstance(count, int)
    return count


def _flush(tables: list[str], *, allow_cascade: bool = False) -> list[str]:
    sql_list = connection.ops.sql_flush(no_style(), tables, allow_cascade=allow_cascade)
    connection.ops.execute_sql_flush(sql_list)
    return sql_list


@pytest.fixture
def scratch_tables() -> Iterator[None]:
    """Two append-only tables, NOTE referencing LOG, each with one row; dropped afterwards."""
    _execute(f"CREATE TABLE {LOG} (id bigserial PRIMARY KEY, body text NOT NULL)")
    _execute(
        f"CREATE TABLE {NOTE} (id bigserial PRIMARY KEY, "
        f"log_id bigint NOT NULL REFERENCES {LOG} (id))"
    )
    try:
        for model in SCRATCH_MODELS:
            for trigger in append_only_triggers():
                trigger.install(model)  # type: ignore[arg-type]
        _execute(f"INSERT INTO {LOG} (body) VALUES ('first')")  # noqa: S608
        _execute(f"INSERT INTO {NOTE} (log_id) SELECT id FROM {LOG}")  # noqa: S608
        yield
    finally:
        for model in reversed(SCRATCH_MODELS):
            for trigger in append_only_triggers():
                pgid = _pgid(trigger, model)
                if _trigger_states(model._meta.db_table):
                    _execute(f"ALTER TABLE {model._meta.db_table} DISABLE TRIGGER {pgid}")
                _execute(f"DROP FUNCTION IF EXISTS {pgid}() CASCADE")
        _execute(f"DROP TABLE IF EXISTS {NOTE}, {LOG}")


def test_trigger_names_carry_the_prefix_the_test_backend_looks_for() -> None:
    triggers = append_only_triggers()

    assert {trigger.name for trigger in triggers} == {
        "append_only_refuse_update_delete",
        "append_only_refuse_truncate",
    }
    for trigger in triggers:
        assert trigger.name is not None
        assert trigger.name.startswith(APPEND_ONLY_TRIGGER_PREFIX)
        assert _pgid(trigger, ScratchLog).startswith(APPEND_ONLY_PG_TRIGGER_PREFIX)


@pytest.mark.usefixtures("scratch_tables")
@pytest.mark.parametrize(
    ("statement", "operation"),
    [
        (f"UPDATE {LOG} SET body = 'rewritten'", "UPDATE"),  # noqa: S608
        (f"DELETE FROM {LOG}", "DELETE"),  # noqa: S608
        (f"TRUNCATE {LOG} CASCADE", "TRUNCATE"),
        (f"TRUNCATE {NOTE}", "TRUNCATE"),
    ],
    ids=["update", "delete", "truncate-cascade", "truncate-referencing-table"],
)
def test_the_database_refuses_changing_or_removing_rows(statement: str, operation: str) -> None:
    with pytest.raises(IntegrityError, match=rf"is append-only: {operation} is not allowed"):
        _execute(statement)

    assert _count(LOG) == 1
    assert _count(NOTE) == 1
    assert _execute(f"SELECT body FROM {LOG}") == [("first",)]  # noqa: S608


@pytest.mark.usefixtures("scratch_tables")
def test_the_orm_is_refused_too_but_may_insert() -> None:
    ScratchLog.objects.create(body="second")

    with pytest.raises(IntegrityError, match=f"{LOG} is append-only: UPDATE"):
        ScratchLog.objects.filter(body="first").update(body="changed")
    with pytest.raises(IntegrityError, match=f"{LOG} is append-only: DELETE"):
        ScratchLog.objects.filter(body="second").delete()
    assert sorted(ScratchLog.objects.values_list("body", flat=True)) == ["first", "second"]


@pytest.mark.usefixtures("scratch_tables")
def test_flush_empties_append_only_tables_and_switches_the_triggers_back_on() -> None:
    sql_list = _flush([NOTE, LOG])

    assert _count(LOG) == 0
    assert _count(NOTE) == 0
    # The flush really stepped around all four triggers...
    assert sum("DISABLE TRIGGER" in sql for sql in sql_list) == 4
    # ...and they are all on again, refusing as before.
    for table in (LOG, NOTE):
        assert list(_trigger_states(table).values()) == ["O", "O"]
    _execute(f"INSERT INTO {LOG} (body) VALUES ('after flush')")  # noqa: S608
    with pytest.raises(IntegrityError, match="append-only: TRUNCATE"):
        _execute(f"TRUNCATE {LOG} CASCADE")
    with pytest.raises(IntegrityError, match="append-only: UPDATE"):
        _execute(f"UPDATE {LOG} SET body = 'rewritten'")  # noqa: S608
    assert _count(LOG) == 1


@pytest.mark.usefixtures("scratch_tables")
def test_cascading_flush_also_steps_around_the_referencing_tables_triggers() -> None:
    _flush([LOG], allow_cascade=True)

    assert _count(LOG) == 0
    assert _count(NOTE) == 0
    for table in (LOG, NOTE):
        assert list(_trigger_states(table).values()) == ["O", "O"]


@pytest.mark.usefixtures("scratch_tables")
def test_a_failed_flush_leaves_the_triggers_on() -> None:
    # Without CASCADE, PostgreSQL refuses to truncate LOG while NOTE references it: the
    # TRUNCATE fails after the triggers were disabled in the same transaction.
    sql_list = connection.ops.sql_flush(no_style(), [LOG])
    assert any("DISABLE TRIGGER" in sql for sql in sql_list)

    with pytest.raises(Exception, match="cannot truncate a table referenced in a foreign key"):
        connection.ops.execute_sql_flush(sql_list)

    assert _count(LOG) == 1
    for table in (LOG, NOTE):
        assert list(_trigger_states(table).values()) == ["O", "O"]
    with pytest.raises(IntegrityError, match="append-only: DELETE"):
        _execute(f"DELETE FROM {LOG}")  # noqa: S608


@pytest.mark.usefixtures("scratch_tables")
def test_flush_keeps_a_deliberately_disabled_trigger_disabled() -> None:
    (update_delete, truncate) = append_only_triggers()
    update_delete.disable(ScratchLog)  # type: ignore[arg-type]

    sql_list = _flush([NOTE, LOG])

    assert sum("DISABLE TRIGGER" in sql for sql in sql_list) == 3
    states = _trigger_states(LOG)
    assert states[_pgid(update_delete, ScratchLog)] == "D"
    assert states[_pgid(truncate, ScratchLog)] == "O"


def _skip_every_trigger_of(table: str) -> None:
    """What any session may do with pgtrigger's switch: name the triggers it wants skipped."""
    names = [
        str(name)
        for (name,) in _execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [table],
        )
    ]
    assert names, f"{table} has no triggers to skip"
    _execute("SELECT set_config('pgtrigger.ignore', %s, false)", ["{" + ",".join(names) + "}"])


def test_no_session_can_skip_a_trigger() -> None:
    """pgtrigger's session setting `pgtrigger.ignore` would let any session, the application's
    database role included, skip an append-only, frozen or audit-trail trigger: after migrate
    the portal's database skips none."""
    from django.contrib.contenttypes.models import ContentType
    from pghistory.models import Events

    from alliance_portal.models import AccessLogEntry, User

    reader = User.objects.create_user(email="reader@example.org", password="not-used-here")
    AccessLogEntry.objects.create(
        user=reader,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(reader.pk),
        object_repr="an account",
        path="/admin/",
    )
    try:
        _skip_every_trigger_of("alliance_portal_accesslogentry")
        with pytest.raises(IntegrityError, match="is append-only: UPDATE"):
            AccessLogEntry.objects.update(path="/elsewhere/")

        _skip_every_trigger_of("alliance_portal_user")
        before = Events.objects.tracks(reader).count()
        User.objects.filter(pk=reader.pk).update(is_active=False)
        assert Events.objects.tracks(reader).count() == before + 1, "the change went unrecorded"
    finally:
        _execute("RESET pgtrigger.ignore")
    assert AccessLogEntry.objects.get().path == "/admin/"
