"""Paging the decision log's list: the page numbers people see, cheap at any depth."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

# From this many rows in, a page is found in the index first (its keys only), then read.
DEFERRED_FROM = 500


class DecisionPaginator(Paginator):
    """Django's paginator with two savings: a ``count`` already known (the unfiltered log's,
    cached with the filters' choices) is not asked of the database again, and a deep page
    (page 500 skips 12,475 rows) is found by its keys alone, an index-only scan of
    ``publisheddecision_decided`` instead of reading and discarding every row before it,
    then its 25 rows are read by key (a deferred join)."""

    def __init__(
        self,
        object_list: QuerySet[Any],
        per_page: int,
        *,
        count: int | None = None,
        fields: tuple[str, ...] = (),
    ) -> None:
        super().__init__(object_list, per_page)
        self.fields = fields
        if count is not None:
            self.__dict__["count"] = count  # Paginator.count is a cached_property

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        queryset: QuerySet[Any] = self.object_list  # type: ignore[assignment]
        if bottom < DEFERRED_FROM or queryset.query.annotations:
            return Page(queryset[bottom:top], number, self)
        keys = queryset.values("pk")[bottom:top]
        rows = queryset.model._default_manager.filter(pk__in=keys).order_by(
            *queryset.query.order_by
        )
        if self.fields:
            rows = rows.only(*self.fields)
        return Page(rows, number, self)


class SeqPaginator(Paginator):
    """The whole log, by seq. Seq runs from 1 to the head's without a gap (the append
    service's invariant; ``verify`` checks it), so page N holds the seqs after (N - 1) x size
    up to N x size: a range of the primary key whatever the depth, and the count is the
    head's seq (no COUNT over the log). Were a seq ever missing, its page would be one
    entry short, never shifted."""

    @cached_property
    def count(self) -> int:
        queryset: QuerySet[Any] = self.object_list  # type: ignore[assignment]
        head = queryset.order_by("-seq").values_list("seq", flat=True).first()
        return int(head or 0)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        queryset: QuerySet[Any] = self.object_list  # type: ignore[assignment]
        rows = queryset.filter(seq__gt=bottom, seq__lte=bottom + self.per_page)
        return Page(rows, number, self)
