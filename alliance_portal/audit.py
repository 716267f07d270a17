"""The audit trail: who changed what, when, through which use case.

Tracked models carry ``@audit_trail()``: django-pghistory installs database triggers that copy
every inserted, updated and deleted row into an event table, so admin edits, bulk
``queryset.update()`` and raw SQL are recorded alike, and the events cannot be edited
(``PGHISTORY_APPEND_ONLY``). Each event links to a context row holding who acted and how:
``HistoryMiddleware`` records the user and URL of a request, and ``@use_case`` records the acting
user (or that the system acted) and the name of the service function. The before/after of a change is the difference
between consecutive snapshots (``pghistory.models.Events.pgh_diff``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import pghistory
from django.db import transaction

from alliance_portal.append_only import erasable_append_only_trigger
from alliance_portal.personal_data import erasable_columns
from alliance_portal.policy.principals import NoActor, is_system

P = ParamSpec("P")
R = TypeVar("R")


def audit_trail(**options: Any) -> Callable[[type[Any]], type[Any]]:
    """Class decorator: record inserts, updates and deletes of the model in the audit trail.

    The event table is append-only. When the model has fields holding people's data that the
    erasure of a person rewrites (``alliance_portal.personal_data``), the event table's copies
    of those columns may be rewritten by that erasure alone
    (``alliance_portal.append_only.erasable_append_only_trigger``), and nothing else of it."""

    def decorate(model: type[Any]) -> type[Any]:
        copied = options.get("fields")
        if copied is None:
            excluded = set(options.get("exclude") or [])
            copied = [f.name for f in model._meta.local_fields if f.name not in excluded]
        erasable = erasable_columns(model._meta.label, set(copied))
        track_options = dict(options)
        if erasable:
            # In place of pghistory's "append_only" protection (PGHISTORY_APPEND_ONLY), the
            # same refusal with the erasure's narrow exception, under the same name.
            track_options["append_only"] = False
            track_options["meta"] = {
                "triggers": [erasable_append_only_trigger(erasable, name="append_only")]
            }
        track = pghistory.track(
            pghistory.InsertEvent(),
            pghistory.UpdateEvent(),
            pghistory.DeleteEvent(),
            **track_options,
        )
        return track(model)

    return decorate


def use_case(func: Callable[P, R]) -> Callable[P, R]:
    """Make a service function one use case, the outermost: it runs in a durable transaction
    (``transaction.atomic(durable=True)``: calling one use case from inside another, or from
    inside any transaction, is a programming error that fails at once, so the audit label is
    always the use case the person asked for; helpers shared by several use cases are plain
    private functions), and every write it makes is tagged in the audit trail with the use
    case's name and who acted: ``user`` is the acting account (``None`` for an anonymous
    visitor or the system) and ``system`` is true when the portal itself acted (``SYSTEM``).

    The keyword argument ``actor`` is required: a call without it, or with ``None``, is refused
    (``NoActor``) before anything runs."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        actor = kwargs.get("actor")
        if actor is None:
            raise NoActor(f"{func.__name__} needs an actor: a person, or SYSTEM.")
        system = is_system(actor)
        user_id = None if system else getattr(actor, "pk", None)
        with (
            transaction.atomic(durable=True),
            pghistory.context(use_case=func.__name__, user=user_id, system=system),
        ):
            return func(*args, **kwargs)

    return wrapper
