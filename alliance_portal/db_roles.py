"""The application's database role: what web, worker and beat connect as.

Two roles use the database. The *owner* owns every table: `migrate` runs as it, and so does
`manage.py grant_app_role`, right after each `migrate`. The *app role* (``portal_app`` unless
told otherwise) is what the web server, the Celery worker and beat connect as: a login role
that is not a superuser, owns nothing and cannot create roles or databases, so it cannot
``ALTER TABLE … DISABLE TRIGGER`` (only a table's owner can) nor set
``session_replication_role``. It may SELECT, INSERT, UPDATE and DELETE rows of ordinary
tables and use their sequences; on append-only tables (``alliance_portal.append_only.
append_only_tables``: the public decision log, the access log, the audit trail's event tables
and any table made append-only later) it may only SELECT and INSERT. It never gets TRUNCATE.

Which role a process is comes from its own ``DATABASE_URL``: the owner's URL for `migrate` and
`grant_app_role`, the app role's for everything else (docker-compose.yml and `make run` do so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from alliance_portal.append_only import append_only_tables

DEFAULT_APP_ROLE = "portal_app"
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
ROW_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"
# Tables the app reads but never writes (Django's record of applied migrations).
READ_ONLY_TABLES = ("django_migrations",)
# A table created after the last grant (by a later `migrate`) is readable and insertable by the
# app role at once; it may update and delete its rows once `grant_app_role` has run again and
# found that the table is not append-only. Failing closed keeps new append-only tables safe.
DEFAULT_TABLE_PRIVILEGES = "SELECT, INSERT"


class RoleError(Exception):
    """The app role cannot be set up as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Granted:
    role: str
    created: bool
    tables: int
    append_only: list[str]


def erasable_columns_by_table() -> dict[str, list[str]]:
    """The columns holding people's data that the erasure of a person may rewrite, per table
    (``alliance_portal.personal_data``), event tables of the audit trail included."""
    from django.apps import apps
    from pghistory.models import Event

    from alliance_portal.personal_data import erasable_columns

    found: dict[str, list[str]] = {}
    for model in apps.get_models():
        tracked = getattr(model, "pgh_tracked_model", None)
        label = tracked._meta.label if issubclass(model, Event) and tracked else model._meta.label
        names = {f.name for f in model._meta.concrete_fields}
        columns = erasable_columns(label, names)
        if columns:
            fields = {f.name: f.column for f in model._meta.concrete_fields}
            found[model._meta.db_table] = [str(fields[n]) for n in columns]
    return found


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _refuse_unsafe_role(cursor: Any, role: str) -> bool:
    """Whether ``role`` exists; RoleError when it is the connected role, or is (or may become,
    through membership) a superuser or the owner of a table of this schema."""
    cursor.execute("SELECT current_user")
    if cursor.fetchone()[0] == role:
        raise RoleError(
            f"{role} is the role this command connects as. Run it as the owner of the tables "
            "and name another role for the application (--role)."
        )
    cursor.execute(
        "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls "
        "FROM pg_roles WHERE rolname = %s",
        [role],
    )
    row = cursor.fetchone()
    if row is None:
        return False
    if row[0]:
        raise RoleError(
            f"The role {role} is a superuser or may create roles or databases, replicate or "
            f"bypass row security. Remove those rights (ALTER ROLE {role} NOSUPERUSER "
            "NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS) or name another role."
        )
    cursor.execute(
        """
        SELECT DISTINCT owner.rolname
        FROM pg_class AS cls JOIN pg_roles AS owner ON owner.oid = cls.relowner
        WHERE cls.relnamespace = current_schema()::regnamespace
            AND pg_has_role(%(role)s, cls.relowner, 'MEMBER')
        UNION
        SELECT rolname FROM pg_roles
        WHERE rolsuper AND rolname <> %(role)s AND pg_has_role(%(role)s, oid, 'MEMBER')
        ORDER BY 1
        """,
        {"role": role},
    )
    owners = [name for (name,) in cursor.fetchall()]
    if owners:
        raise RoleError(
            f"The role {role} owns tables of this database or is a member of a role that owns "
            f"them or is a superuser ({', '.join(owners)}), so it could switch the append-only "
            f"triggers off. Give the tables to the owner (REASSIGN OWNED BY {role} TO "
            "<owner>), revoke the membership, or name another role."
        )
    return True


def grant_app_role(cursor: Any, role: str, *, password: str | None = None) -> Granted:
    """Create (or update) the login role ``role`` and grant it exactly what the application
    needs in the current database and schema, taking back anything else it had on the tables
    and sequences. Idempotent; run it as the owner of the tables after every `migrate`, inside
    one transaction. ``password``, when given, becomes the role's password (otherwise a new
    role has none, for peer or trust authentication, and an existing one keeps its own)."""
    if not ROLE_NAME.fullmatch(role):
        raise RoleError(
            f"{role!r} is not a usable role name: use lower-case letters, digits and "
            "underscores, starting with a letter or an underscore (at most 63)."
        )
    exists = _refuse_unsafe_role(cursor, role)
    login = (
        f"ALTER ROLE {_q(role)} LOGIN"
        if exists
        else f"CREATE ROLE {_q(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
        "NOREPLICATION NOBYPASSRLS"
    )
    if password:
        cursor.execute(login + " PASSWORD %s", [password])
    else:
        cursor.execute(login)

    cursor.execute("SELECT current_database(), current_schema()")
    database, schema = cursor.fetchone()
    tables_of = f"ALL TABLES IN SCHEMA {_q(schema)}"
    sequences_of = f"ALL SEQUENCES IN SCHEMA {_q(schema)}"
    append_only = append_only_tables(cursor)
    statements = [
        f"GRANT CONNECT ON DATABASE {_q(database)} TO {_q(role)}",
        f"GRANT USAGE ON SCHEMA {_q(schema)} TO {_q(role)}",
        f"REVOKE ALL ON {tables_of} FROM {_q(role)}",
        f"GRANT {ROW_PRIVILEGES} ON {tables_of} TO {_q(role)}",
        f"REVOKE ALL ON {sequences_of} FROM {_q(role)}",
        f"GRANT USAGE, SELECT ON {sequences_of} TO {_q(role)}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {_q(schema)} "
        f"GRANT {DEFAULT_TABLE_PRIVILEGES} ON TABLES TO {_q(role)}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {_q(schema)} "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {_q(role)}",
    ]
    erasable = erasable_columns_by_table()
    for table in append_only:
        statements.append(f"REVOKE UPDATE, DELETE, TRUNCATE ON {_q(table)} FROM {_q(role)}")
        if erasable.get(table):
            # The erasure of a person rewrites these columns, and only these (their triggers
            # let nothing else through: alliance_portal.append_only.erasure_allows_sql).
            columns = ", ".join(_q(column) for column in erasable[table])
            statements.append(f"GRANT UPDATE ({columns}) ON {_q(table)} TO {_q(role)}")
    for table in READ_ONLY_TABLES:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [_q(table)])
        if cursor.fetchone()[0]:
            statements.append(f"REVOKE INSERT, UPDATE, DELETE ON {_q(table)} FROM {_q(role)}")
    for statement in statements:
        cursor.execute(statement)
    cursor.execute(
        "SELECT count(*) FROM pg_class "
        "WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p', 'v')"
    )
    return Granted(
        role=role, created=not exists, tables=cursor.fetchone()[0], append_only=append_only
    )
