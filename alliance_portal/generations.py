"""Data generations: a number that changes whenever some tables change, read in one cheap
query, so that a page rendered from those tables can be kept and reused until they change.

A model joins a generation with ``generation_trigger(name)`` in its ``Meta.triggers``: after
every statement that inserts, updates, deletes or truncates its rows (through the ORM, the admin or raw
SQL alike), the database sets the generation's number to a new, larger value, in the same
transaction. The row lock orders concurrent writers, so a reader that sees the new rows also
sees the new number; the number is a time in microseconds (never below the last number + 1),
so it never comes back to an earlier value, even after the table is emptied (as tests do).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pgtrigger
from django.db import connection

T = TypeVar("T")
TABLE = "alliance_portal_datageneration"


def generation_trigger(name: str) -> pgtrigger.Trigger:
    """The statement trigger that moves generation ``name`` on to a new number."""
    return pgtrigger.Trigger(
        name=f"generation_{name}",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete | pgtrigger.Truncate,
        func=(
            f"INSERT INTO {TABLE} (name, number) VALUES ('{name}', "  # noqa: S608 (fixed SQL)
            "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint) "
            f"ON CONFLICT (name) DO UPDATE SET number = GREATEST({TABLE}.number + 1, "
            "EXCLUDED.number); RETURN NULL;"
        ),
    )


def current_generation(name: str) -> int:
    """Generation ``name``'s number now (0 before its tables were ever written). One query."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {TABLE} WHERE name = %s", [name])  # noqa: S608
        row = cursor.fetchone()
    return int(row[0]) if row else 0


_kept: dict[tuple[str, ...], tuple[int, object]] = {}


def kept_while_unchanged(name: str, key: tuple[str, ...], build: Callable[[], T]) -> T:
    """``build()``, kept in this process's memory and given again until generation ``name``
    moves on (one query each time). Only for what is the same for every reader who gets the
    same ``key``; the latest value is kept per key."""
    number = current_generation(name)
    slot = (name, connection.settings_dict["NAME"], *key)
    kept = _kept.get(slot)
    if kept is not None and kept[0] == number:
        return kept[1]  # type: ignore[return-value]
    value = build()
    _kept[slot] = (number, value)
    return value
