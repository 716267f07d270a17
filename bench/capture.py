"""``python -m bench.capture <path>``: the SQL a Django page runs, with its parameters, printed
as Python literals: how the raw baseline's queries (``bench.raw_sql``) were taken from the
pages they stand for, and how to take them again when a page's queries change
(``tests/bench/test_raw_app.py`` fails then)."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Any


def capture(path: str) -> list[tuple[str, tuple[Any, ...]]]:
    """Each query of one request of ``path`` (after a first one that fills the caches)."""
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(path)
    log: list[tuple[str, tuple[Any, ...]]] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        values = tuple(p.value if isinstance(p, Enum) else p for p in params or ())
        log.append((sql, values))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(path)
    return log


def main(argv: list[str]) -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance_portal.settings.local")
    django.setup()
    for path in argv:
        print(f"# {path}")
        for sql, params in capture(path):
            print(f"({' '.join(sql.split())!r},\n {params!r}),")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
