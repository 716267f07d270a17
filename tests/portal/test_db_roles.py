"""The app's database role (`manage.py grant_app_role`): a real login role, connected to as
such, cannot switch the append-only triggers off nor change or remove rows of the decision log,
the access log or the audit trail, yet reads and writes ordinary tables."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from io import StringIO
from typing import Any

import psycopg2
import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, models
from pghistory.models import Event
from psycopg2 import errors
from psycopg2.extensions import connection as PgConnection

from alliance_portal.append_only import append_only_tables
from alliance_portal.models import AccessLogEntry
from governance.decision_log.models import DecisionLogEntry

pytestmark = pytest.mark.django_db(transaction=True)

DECISION_LOG = DecisionLogEntry._meta.db_table
ACCESS_LOG = AccessLogEntry._meta.db_table
EVENT_TABLE = "members_organisationevent"  # one of the audit trail's event tables


def _owner(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


@pytest.fixture
def role_name() -> Iterator[str]:
    """A role name of this run only (roles belong to the whole server, which parallel runs
    share); the role is dropped afterwards with whatever it was granted."""
    name = f"portal_app_test_{secrets.token_hex(6)}"
    yield name
    if _owner("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]):
        _owner(f'DROP OWNED BY "{name}"')
        _owner(f'DROP ROLE "{name}"')


@pytest.fixture
def app(role_name: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[PgConnection]:
    """A connection to the test database logged in as the app role the command made."""
    password = secrets.token_urlsafe(16)
    monkeypatch.setenv("APP_DB_PASSWORD", password)
    out = StringIO()
    call_command("grant_app_role", role=role_name, stdout=out)
    assert f"Database role {role_name} created" in out.getvalue()
    settings = connection.settings_dict
    app_connection = psycopg2.connect(
        dbname=settings["NAME"],
        user=role_name,
        password=password,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
    )
    app_connection.autocommit = True
    yield app_connection
    app_connection.close()


def _run(app: PgConnection, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with app.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def _trigger_of(table: str) -> str:
    rows = _owner(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal "
        "ORDER BY tgname LIMIT 1",
        [table],
    )
    return str(rows[0][0])


def test_the_app_role_cannot_switch_an_append_only_trigger_off(app: PgConnection) -> None:
    for table in (DECISION_LOG, ACCESS_LOG, EVENT_TABLE):
        for switch_off in (f"DISABLE TRIGGER {_trigger_of(table)}", "DISABLE TRIGGER ALL"):
            with pytest.raises(errors.InsufficientPrivilege, match="must be owner"):
                _run(app, f"ALTER TABLE {table} {switch_off}")
    # Nor make every trigger sleep for its session (replica mode skips ordinary triggers).
    with pytest.raises(errors.InsufficientPrivilege):
        _run(app, "SET session_replication_role = replica")
    assert _run(app, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user") == [(False,)]
    # The triggers are all still on.
    assert not _owner(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = ANY(%s::regclass[]) AND tgenabled = 'D'",
        [[DECISION_LOG, ACCESS_LOG, EVENT_TABLE]],
    )


@pytest.mark.parametrize(
    "statement",
    ["UPDATE {table} SET {column} = {column}", "DELETE FROM {table}", "TRUNCATE {table}"],
)
def test_the_app_role_may_not_change_or_remove_append_only_rows(
    app: PgConnection, statement: str
) -> None:
    """Refused by the privileges themselves, before any trigger runs: so neither
    `pgtrigger.ignore` (which any session may set) nor an empty table lets it through."""
    for table, column in ((DECISION_LOG, "kind"), (ACCESS_LOG, "path"), (EVENT_TABLE, "name")):
        _run(app, "SET pgtrigger.ignore = '{}'")
        with pytest.raises(errors.InsufficientPrivilege, match="permission denied"):
            _run(app, statement.format(table=table, column=column))


def test_the_app_role_reads_and_writes_ordinary_tables_and_adds_log_rows(
    app: PgConnection,
) -> None:
    _run(
        app,
        "INSERT INTO django_session (session_key, session_data, expire_date) "
        "VALUES ('db-roles-test', 'x', now() + interval '1 day')",
    )
    _run(app, "UPDATE django_session SET session_data = 'y' WHERE session_key = 'db-roles-test'")
    assert _run(app, "SELECT session_data FROM django_session") == [("y",)]
    _run(app, "DELETE FROM django_session WHERE session_key = 'db-roles-test'")
    # An append-only table still takes new rows, with ids from its sequence.
    (content_type,) = _run(app, "SELECT id FROM django_content_type LIMIT 1")[0]
    _run(
        app,
        "INSERT INTO alliance_portal_accesslogentry (content_type_id, object_id, object_repr, path, accessed_at) "
        "VALUES (%s, '1', 'a record', '/x/', now())",
        [content_type],
    )
    assert _run(app, "SELECT object_repr FROM alliance_portal_accesslogentry") == [("a record",)]
    assert _run(app, "SELECT count(*) FROM governance_decisionlogentry") == [(0,)]


def test_a_table_made_later_is_readable_but_not_changeable_until_the_next_grant(
    app: PgConnection, role_name: str
) -> None:
    _owner("CREATE TABLE db_roles_scratch (id serial PRIMARY KEY, body text)")
    try:
        _run(app, "INSERT INTO db_roles_scratch (body) VALUES ('new')")
        with pytest.raises(errors.InsufficientPrivilege):
            _run(app, "UPDATE db_roles_scratch SET body = 'changed'")
        call_command("grant_app_role", role=role_name, stdout=StringIO())
        _run(app, "UPDATE db_roles_scratch SET body = 'changed'")
        assert _run(app, "SELECT body FROM db_roles_scratch") == [("changed",)]
    finally:
        _owner("DROP TABLE db_roles_scratch")


def test_the_command_refuses_a_role_that_owns_tables_or_is_the_owner(role_name: str) -> None:
    with pytest.raises(CommandError, match="is the role this command connects as"):
        call_command("grant_app_role", role=connection.settings_dict["USER"], stdout=StringIO())
    _owner(f'CREATE ROLE "{role_name}" LOGIN')
    _owner("CREATE TABLE db_roles_owned (id int)")
    try:
        _owner(f'ALTER TABLE db_roles_owned OWNER TO "{role_name}"')
        with pytest.raises(CommandError, match="owns tables"):
            call_command("grant_app_role", role=role_name, stdout=StringIO())
    finally:
        _owner("DROP TABLE db_roles_owned")
    with pytest.raises(CommandError, match="not a usable role name"):
        call_command("grant_app_role", role='app"; DROP TABLE x; --', stdout=StringIO())


@pytest.mark.django_db  # reads only: no need to commit
def test_append_only_tables_come_from_the_triggers_and_the_audit_trail() -> None:
    with connection.cursor() as cursor:
        tables = set(append_only_tables(cursor))
    assert {DECISION_LOG, ACCESS_LOG, EVENT_TABLE} <= tables
    events = {m._meta.db_table for m in apps.get_models() if issubclass(m, Event)}
    assert events <= tables
    # A decision is "frozen" once published but some of its fields still move: the app updates
    # it (its own trigger guards what may change), so it is not on the list.
    assert "governance_decision" not in tables


@pytest.mark.django_db  # reads only: no need to commit
def test_no_delete_elsewhere_needs_to_change_an_append_only_row() -> None:
    """Django's delete collector UPDATEs (SET_NULL) or DELETEs (CASCADE) referencing rows with
    a query that needs the privilege even when no row matches: a foreign key of an
    append-only table with such an on_delete would make deleting, say, a person fail for the
    app role. Those keys PROTECT (or DO_NOTHING) instead."""
    with connection.cursor() as cursor:
        tables = set(append_only_tables(cursor))
    writing = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_models()
        if model._meta.db_table in tables
        for field in model._meta.concrete_fields
        if field.many_to_one
        and field.remote_field.on_delete not in (models.DO_NOTHING, models.PROTECT, models.RESTRICT)
    ]
    assert writing == []


def test_make_run_migrates_as_the_owner_and_serves_as_the_app_role() -> None:
    from alliance_portal.launcher import database_roles

    socket = "postgres://postgres@/alliance_portal?host=/srv/pg"
    owner, app = database_roles({"DATABASE_URL": socket}, embedded=True)
    assert owner["DATABASE_URL"] == socket
    assert app["DATABASE_URL"] == "postgres://portal_app@/alliance_portal?host=/srv/pg"

    own = "postgres://portal:owner-secret@db:5432/portal"
    mine = "postgres://portal_app:app-secret@db:5432/portal"
    env = {"DATABASE_URL": mine, "DATABASE_OWNER_URL": own}
    owner, app = database_roles(env, embedded=False)
    assert (owner["DATABASE_URL"], app["DATABASE_URL"]) == (own, mine)
    assert not any("owner-secret" in value for value in app.values())

    owner, app = database_roles({"DATABASE_URL": mine}, embedded=False)
    assert owner["DATABASE_URL"] == app["DATABASE_URL"] == mine


def test_the_app_role_may_update_only_the_columns_an_erasure_rewrites(
    app: PgConnection, role_name: str
) -> None:
    """An erasure of a person rewrites the declared personal columns of append-only tables
    (their triggers refuse it outside an erasure: tests/governance/test_erasure.py); the app
    role may UPDATE those columns and no other column of those tables."""
    check = "SELECT has_column_privilege(%s, %s, %s, 'UPDATE')"
    for table, column, allowed in (
        (EVENT_TABLE, "contact_email", True),
        (EVENT_TABLE, "name", False),
        (ACCESS_LOG, "object_repr", True),
        (ACCESS_LOG, "path", False),
        (DECISION_LOG, "kind", False),
    ):
        assert _owner(check, [role_name, table, column]) == [(allowed,)], (table, column)
