"""The audit trail: who changed what, when, through which use case.

Tracked models carry ``@audit_trail()``: django-pghistory installs database triggers that copy
every inserted, updated and deleted row into an event table, so admin edits, bulk
``queryset.update()`` and raw SQL are recorded alike, and the events cannot be edited
(``PGHISTORY_APPEND_ONLY``). Each event links to a context row holding who acted and how:
``HistoryMiddleware`` records the user and URL of a request, and ``@use_case`` records the acting
user and the name of the service function. The before/after of a change is the difference
between consecutive snapshots (``pghistory.models.Events.pgh_diff``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import pghistory
from django.db import transaction

P = ParamSpec("P")
R = TypeVar("R")


def audit_trail(**options: Any) -> Callable[[type[Any]], type[Any]]:
    """Class decorator: record inserts, updates and deletes of the model in the audit trail."""
    return pghistory.track(
        pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), **options
    )


def use_case(func: Callable[P, R]) -> Callable[P, R]:
    """Make a service function one use case: it runs in a transaction, and every write it makes
    is tagged in the audit trail with the acting user (keyword argument ``actor``, may be
    ``None`` for system work such as a scheduled task) and the use case's name."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        actor = kwargs.get("actor")
        user_id = getattr(actor, "pk", None)
        with transaction.atomic(), pghistory.context(use_case=func.__name__, user=user_id):
            return func(*args, **kwargs)

    return wrapper
