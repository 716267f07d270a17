"""``copy_insert``: the benchmark dataset's biggest tables (comments, their responses, ballot
electors, votes: most of a scale-1 build's rows) written with PostgreSQL's ``COPY`` instead of
``bulk_create``. ``bulk_create`` compiles one multi-row INSERT per batch (every value a
parameter, adapted one by one) and PostgreSQL parses it: for 800,000 rows that was most of the
build's Python time and a good part of the database's. ``COPY`` streams the rows as text.

The rows are the same ones ``bulk_create`` would write: each field's ``pre_save`` (auto_now...)
and ``get_db_prep_save`` run as they do there, related objects saved earlier give their ids, and
ids, when asked for, come from the table's own sequence, in the order of ``objs``. Every
constraint and trigger still runs (row triggers fire for COPY as for INSERT: the audit trail
records each row in the same transaction, under the context the command set).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import connection, models


def _copy_text(value: Any) -> str:
    """``value`` as a field of COPY's text format (the types these tables hold; any other is
    refused rather than guessed)."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int | float | Decimal | UUID):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, str):
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    raise TypeError(f"copy_insert does not write {type(value).__name__} values")


def copy_insert(objs: Sequence[models.Model], *, with_ids: bool = False) -> None:
    """Insert ``objs`` (all of one model, not yet saved) with one ``COPY``. With ``with_ids``
    each object first gets its id from the table's sequence (one query), as ``bulk_create``
    would set it; without, ids are the database's and the objects keep none."""
    if not objs:
        return
    model = type(objs[0])
    meta = model._meta
    pk = meta.pk
    assert pk is not None  # noqa: S101 (every model has one)
    fields = [
        f
        for f in meta.concrete_fields
        if (with_ids or f is not pk) and not getattr(f, "generated", False)
    ]
    with connection.cursor() as cursor:
        if with_ids:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, pk.column, len(objs)],
            )
            for obj, (new_id,) in zip(objs, sorted(cursor.fetchall()), strict=True):
                obj.pk = new_id
        lines = []
        for obj in objs:
            obj._prepare_related_fields_for_save(operation_name="copy_insert")  # type: ignore[attr-defined]
            lines.append(
                "\t".join(
                    _copy_text(field.get_db_prep_save(field.pre_save(obj, True), connection))
                    for field in fields
                )
            )
            obj._state.adding = False
            obj._state.db = connection.alias
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        table = connection.ops.quote_name(meta.db_table)
        # psycopg2's cursor under Django's (COPY FROM STDIN)
        cursor.cursor.copy_expert(
            f"COPY {table} ({columns}) FROM STDIN", io.StringIO("\n".join(lines) + "\n")
        )
