"""The members directory's extension points: filters and columns higher apps contribute.

The members directory (``/members/`` and ``/api/v1/organisations/``) lists organisations, but
what a higher app knows about them (the commitment tier an organisation declared, in
standards) is not the members app's to import. A higher app registers a ``DirectoryFilter``
from its ``AppConfig.ready()``: the directory adds its choices to the filter form and to the
API's parameters, narrows the organisations with it, and shows its column on each row.

Each callable takes the reader (``user``) and answers as the access policy lets that reader
see: a filter never reveals through the rows it keeps what the reader may not read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class DirectoryFilter:
    key: str  # the query parameter, e.g. "tier"
    label: str  # "Commitment tier"
    all_label: str  # the empty choice, "All tiers"
    description: str  # the API parameter's description
    choices: Callable[[], list[tuple[str, str]]]  # (value, label), read when asked
    apply: Callable[[QuerySet[Any], str, Any], QuerySet[Any]]  # (organisations, value, user)
    # The row's cell: organisation id -> text, for the ids of one page (one query).
    column: Callable[[Any, Iterable[int]], dict[int, str]] | None = None
    order: int = 100


_filters: dict[str, DirectoryFilter] = {}


def register_directory_filter(item: DirectoryFilter) -> None:
    """Register ``item``; registering the same key again replaces it."""
    _filters[item.key] = item


def unregister_directory_filter(key: str) -> None:
    _filters.pop(key, None)


def directory_filters() -> list[DirectoryFilter]:
    return sorted(_filters.values(), key=lambda item: (item.order, item.key))


def directory_filter(key: str) -> DirectoryFilter | None:
    return _filters.get(key)


def apply_directory_filters(
    queryset: QuerySet[Any], values: dict[str, str], user: Any
) -> QuerySet[Any]:
    """``queryset`` narrowed by each registered filter given a value in ``values``."""
    for key, value in values.items():
        item = _filters.get(key)
        if item is not None and value:
            queryset = item.apply(queryset, value, user)
    return queryset


def directory_columns(
    user: Any, organisation_ids: list[int], offered: Collection[str] | None = None
) -> list[tuple[str, dict[int, str]]]:
    """The registered columns' headings and cells for one page of organisations; only those of
    the filters in ``offered`` when given (a filter with no choice yet, no tier adopted, has
    nothing to show in its column either)."""
    return [
        (item.label, item.column(user, organisation_ids))
        for item in directory_filters()
        if item.column is not None and (offered is None or item.key in offered)
    ]
