"""The canonical JSON of the public record, in one place: the text the decision log hashes and
stores, and the form of ``report.json``; the check that refuses what JSON cannot hold exactly;
the hash of a log entry; and the portal's timestamp format.

Plain Python (no Django), like ``tools/verify_decision_log.py``, which keeps its own copy on
purpose (it checks the portal from the outside); ``tests/governance/test_decision_log.py``
checks that both write the same bytes."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


class NotExact(TypeError):
    """A value the canonical form cannot hold exactly (a float above all)."""


def check_exact(value: Any, where: str = "value") -> None:
    """Refuse (``NotExact``) anything that is not a JSON value held exactly: floats, keys that
    are not text, and types JSON does not have. Dicts with text keys, lists, text, integers,
    booleans and null pass."""
    if value is None or isinstance(value, str | bool | int):
        return
    if isinstance(value, float):
        raise NotExact(
            f"{where} is a float ({value!r}); write fractions as {{num, den}}, amounts as "
            "decimal strings"
        )
    if isinstance(value, list):
        for index, item in enumerate(value):
            check_exact(item, f"{where}[{index}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise NotExact(f"{where} has a key that is not text: {key!r}")
            check_exact(item, f"{where}.{key}")
        return
    raise NotExact(f"{where} holds a {type(value).__name__}, which JSON cannot hold exactly")


def canonical_json(obj: Any, *, indent: int | None = None) -> str:
    """The canonical text of ``obj``: sorted keys, UTF-8 without escaping, no floats anywhere;
    no insignificant whitespace (the log's form), or ``indent`` spaces per level (readable
    files such as ``report.json``)."""
    check_exact(obj, "entry")
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(obj, sort_keys=True, separators=separators, ensure_ascii=False, indent=indent)


def entry_hash(prev_hash: str, canonical: str) -> str:
    """sha256(prev_hash + "\\n" + canonical) over UTF-8, lowercase hex."""
    return hashlib.sha256((prev_hash + "\n" + canonical).encode("utf-8")).hexdigest()


def timestamp(moment: datetime) -> str:
    """UTC, whole seconds: YYYY-MM-DDTHH:MM:SSZ (the same text whatever the server's zone)."""
    return moment.astimezone(UTC).strftime(TIMESTAMP_FORMAT)


def parse_timestamp(text: str) -> datetime:
    """The moment a ``timestamp`` names."""
    return datetime.strptime(text, TIMESTAMP_FORMAT).replace(tzinfo=UTC)
