"""Reads of the access log (``AccessLogEntry``): an organisation's own rows, the whole log for
the secretariat, filtered; the rows as people read them and as CSV.

Who may read which rows is the policy's (``access_log.read_organisation``,
``access_log.read_all``); these selectors only narrow. Every list is one query for its page
(with the reader and the kind of item joined) plus one for the owners' names.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet

from alliance_portal.models import AccessLogEntry
from alliance_portal.organisations import organisation_lookup
from alliance_portal.read_reasons import reason_label


@dataclass(frozen=True)
class AccessLogFilters:
    organisation_id: int | None = None
    user_id: int | None = None
    reason: str = ""
    content_type_id: int | None = None
    on_or_after: date | None = None
    on_or_before: date | None = None


def access_log_list(*, filters: AccessLogFilters) -> QuerySet[AccessLogEntry]:
    """The access log's rows that match ``filters``, newest first (one query per page; the
    organisation's rows through the index ``accesslog_owner_recent``)."""
    rows = AccessLogEntry.objects.select_related("user", "content_type").order_by(
        "-accessed_at", "-pk"
    )
    if filters.organisation_id is not None:
        rows = rows.filter(owner_organisation_id=filters.organisation_id)
    if filters.user_id is not None:
        rows = rows.filter(user_id=filters.user_id)
    if filters.reason:
        rows = rows.filter(reason=filters.reason)
    if filters.content_type_id is not None:
        rows = rows.filter(content_type_id=filters.content_type_id)
    if filters.on_or_after is not None:
        rows = rows.filter(accessed_at__date__gte=filters.on_or_after)
    if filters.on_or_before is not None:
        rows = rows.filter(accessed_at__date__lte=filters.on_or_before)
    return rows


def reader_name(user: Any) -> str:
    """Who read, as an organisation's people see it: the person's name, never their email."""
    if user is None:
        return "The portal itself"
    name = user.display_name or user.get_full_name()
    return str(name) if name else "A member of the secretariat"


@dataclass(frozen=True)
class AccessLogRow:
    accessed_at: datetime
    reader: str
    item_type: str
    item: str
    reason: str
    reason_detail: str
    why: str
    organisation: str


def access_log_rows(entries: Iterable[AccessLogEntry]) -> list[AccessLogRow]:
    """The rows as people read them (one query for the owners' names)."""
    entries = list(entries)
    names = organisation_lookup().names(
        {entry.owner_organisation_id for entry in entries if entry.owner_organisation_id}
    )
    return [
        AccessLogRow(
            accessed_at=entry.accessed_at,
            reader=reader_name(entry.user),
            item_type=str(entry.content_type.name).capitalize(),
            item=entry.object_repr,
            reason=entry.reason,
            reason_detail=entry.reason_detail,
            why=reason_label(entry.reason, entry.reason_detail),
            organisation=names.get(entry.owner_organisation_id or 0, ""),
        )
        for entry in entries
    ]


CSV_HEADER = ["read_at_utc", "reader", "item_type", "item", "reason", "reason_detail"]
# A cell a spreadsheet would run as a formula gets an apostrophe first (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CHUNK = 1000


def _cell(text: str) -> str:
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def write_csv(out: Any, entries: QuerySet[AccessLogEntry]) -> None:
    """The rows as CSV (a header row, then one row per read, newest first), read in chunks so
    a long log is never held in memory whole."""
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    chunk: list[AccessLogEntry] = []
    for entry in entries.iterator(chunk_size=_CHUNK):
        chunk.append(entry)
        if len(chunk) == _CHUNK:
            _write_rows(writer, chunk)
            chunk = []
    _write_rows(writer, chunk)


def _write_rows(writer: Any, entries: list[AccessLogEntry]) -> None:
    for row in access_log_rows(entries):
        writer.writerow(
            [
                row.accessed_at.strftime("%Y-%m-%d %H:%M:%S"),
                _cell(row.reader),
                row.item_type,
                _cell(row.item),
                row.reason or "not_given",
                _cell(row.reason_detail),
            ]
        )
