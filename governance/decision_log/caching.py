"""What the public decision log's pages keep in the shared cache, and why it stays true.

A log entry never changes, and its ``hash`` commits to its own canonical text and, through
``prev_hash``, to every entry before it. So whatever is derived only from entries up to some
entry can be cached under that entry's seq and hash, with no invalidation ever:

- a feed item (title and summary) under the entry's own seq and hash;
- the whole Atom feed under the head's hash;
- a decision page's record sections under the hash of the newest entry about the decision
  (``PublishedDecision.latest_seq``): an amendment, correction, withdrawal, statement,
  endorsement or review moves ``latest_seq`` in the transaction that appends it, so the key
  changes with whatever may change what a reader sees there.

The list page's filter choices (``DecisionFacets``) and the number of decisions are derived
from the published decisions, which change only when an entry is appended, and from the
objectives' titles: they are kept under one key with the head's hash they were read at, and
``forget_facets`` (on every objective saved or deleted) drops them. Nothing here depends on
who reads: the log is public and the record's secret-ballot figures are withheld before
anything is cached (``selectors.entry_record``); per-reader parts (reviews, actions, controls)
are never cached.

The filter form, whose selects list every body, country, objective and organisation found
(most of the list page's cost when rendered), is cached under that reading's token and the
values asked for, when it shows no error and names no organisation outside the choices.

The timeouts bound memory, not correctness. ``VERSION`` changes when what is cached changes
shape or wording (a deploy that changes the templates bumps it)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import caches

logger = logging.getLogger(__name__)

VERSION = 1
LONG = 30 * 24 * 3600  # content-addressed: never stale, kept a month when unused
FACETS_KEY = "decision-log:facets"
FACETS_TIMEOUT = 3600

T = TypeVar("T")


def _cache() -> Any:
    return caches["default"]


def key(*parts: object) -> str:
    return ":".join(("decision-log", f"v{VERSION}", *map(str, parts)))


def get_or_build(name: str, build: Callable[[], T], timeout: int = LONG) -> T:
    """The cached value under ``name``, or ``build()`` stored there. The cache is a speed-up:
    with Redis away the page is built every time, and still right."""
    try:
        found = _cache().get(name)
    except Exception:
        logger.warning("decision log cache unavailable", exc_info=True)
        return build()
    if found is not None:
        return found
    value = build()
    try:
        _cache().set(name, value, timeout)
    except Exception:
        logger.warning("decision log cache unavailable", exc_info=True)
    return value


def get_many(names: list[str]) -> dict[str, Any]:
    try:
        return dict(_cache().get_many(names))
    except Exception:
        logger.warning("decision log cache unavailable", exc_info=True)
        return {}


def set_many(values: dict[str, Any], timeout: int = LONG) -> None:
    try:
        _cache().set_many(values, timeout)
    except Exception:
        logger.warning("decision log cache unavailable", exc_info=True)


def facets_at(head_hash: str, build: Callable[[], T]) -> tuple[T, str]:
    """The facets (and count) read at the head ``head_hash``, cached until the log grows or an
    objective changes, with a token that names this reading (the filter form rendered from
    it is cached under the token; "" when nothing could be cached)."""
    try:
        found = _cache().get(FACETS_KEY)
    except Exception:
        logger.warning("decision log cache unavailable", exc_info=True)
        return build(), ""
    if isinstance(found, tuple) and len(found) == 4 and found[:2] == (VERSION, head_hash):
        return found[3], found[2]
    value, token = build(), uuid.uuid4().hex
    try:
        _cache().set(FACETS_KEY, (VERSION, head_hash, token, value), FACETS_TIMEOUT)
    except Exception:
        logger.warning("decision log cache unavailable", exc_info=True)
        return value, ""
    return value, token


def forget_facets(**_: Any) -> None:
    """Drop the cached facets (an objective's title is one of them)."""
    try:
        _cache().delete(FACETS_KEY)
    except Exception:
        logger.warning("decision log cache unavailable", exc_info=True)
