"""One instrumented request, in-process: Django's test client under ``CaptureQueriesContext``
(the same settings as the served site). A first request fills the process's caches, as a
gunicorn worker's have been after its first request; the second is the one counted."""

from __future__ import annotations

import re
from dataclasses import dataclass

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Instrumented:
    status: int
    queries: list[str]
    body: bytes

    @property
    def count(self) -> int:
        return len(self.queries)


def instrumented_get(path: str) -> Instrumented:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    client.get(path)
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    body = b"".join(response) if response.streaming else response.content
    return Instrumented(response.status_code, [q["sql"] for q in context.captured_queries], body)


_TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?([a-z_][a-z0-9_]*)"?', re.IGNORECASE)
_CURSOR = re.compile(r'^DECLARE\s+"?\w+"?\s+NO SCROLL CURSOR WITH(?:OUT)? HOLD FOR\s+', re.I)


def shape(sql: str) -> tuple[str, ...]:
    """What a query reads, in order: the tables named after FROM and JOIN (a server-side
    cursor's DECLARE left out). Two queries of the same shape read the same tables the same
    way, whatever columns or literals they hold."""
    sql = _CURSOR.sub("", sql.strip())
    return tuple(name.lower() for name in _TABLE.findall(sql) if name.lower() != "unnest")


def normalised(sql: str) -> str:
    """The query's text with whitespace collapsed and a server-side cursor's DECLARE left out."""
    return " ".join(_CURSOR.sub("", sql.strip()).split())
