"""Recompute the public decision log's hash chain from the database (``manage.py
verify_decision_log``, the benchmark's background figure).

A real verification: every entry's hash is recomputed from its canonical text, every
``prev_hash`` link and the seq's continuity are checked, each canonical text must parse as
JSON without floats and re-serialize to itself byte for byte, and the seq, kind, prev_hash,
amends and published_at inside it must agree with the row. It is fast because it reads one
streamed server-side cursor of plain tuples (no model instances), hashes bytes, and checks
"no float" while parsing instead of walking every parsed record a second time."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db import connection, transaction

from governance.decision_log.canonical import TIMESTAMP_FORMAT
from governance.decision_log.models import GENESIS_HASH

CHUNK = 2000
# The columns as stored; published_at in UTC as the canonical text writes it (whole seconds,
# the same text as ``canonical.timestamp``).
_SQL = (
    "SELECT seq, kind, prev_hash, hash, amends, canonical, published_at "
    "FROM governance_decisionlogentry ORDER BY seq"
)


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    entries: int
    head_seq: int | None
    head_hash: str | None
    bad_seq: int | None = None
    reason: str = ""


class _NotCanonical(ValueError):
    pass


def _no_float(text: str) -> Any:
    raise _NotCanonical(f"a float ({text})")


_decode = json.JSONDecoder(parse_float=_no_float, parse_constant=_no_float).decode
_encode = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
).encode
_sha256 = hashlib.sha256


def decision_log_verify() -> ChainCheck:
    """Recompute the whole chain from the database: seq continuity, prev_hash links, every
    hash, and that each canonical text is canonical and agrees with its row. Stops at the
    first bad entry and names it."""
    prev_hash, expected, last = GENESIS_HASH, 1, None
    # A named (server-side) cursor streams the rows CHUNK at a time; it lives in a transaction.
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute(_SQL)
        while rows := cursor.fetchmany(CHUNK):
            for row in rows:
                problem = _problem(row, expected, prev_hash)
                if problem:
                    head_hash = prev_hash if last else None
                    return ChainCheck(False, expected - 1, last, head_hash, row[0], problem)
                prev_hash, last, expected = row[3], row[0], expected + 1
    return ChainCheck(True, expected - 1, last, prev_hash if last else None)


def _problem(row: tuple[Any, ...], expected: int, prev_hash: str) -> str:
    seq, kind, row_prev_hash, row_hash, amends, canonical, published_at = row
    if seq != expected:
        return f"expected seq {expected}: a gap"
    if row_prev_hash != prev_hash:
        return "prev_hash is not the previous entry's hash"
    computed = _sha256(b"%s\n%s" % (prev_hash.encode(), canonical.encode())).hexdigest()
    if row_hash != computed:
        return "hash does not match sha256(prev_hash + newline + canonical)"
    try:
        content = _decode(canonical)
        again = _encode(content)
    except ValueError as error:  # not JSON, a float, NaN or Infinity: the finding
        return f"canonical is not canonical JSON: {error}"
    if again != canonical:
        return "canonical does not re-serialize to itself"
    if not isinstance(content, dict):
        return "canonical is not a JSON object"
    expected_fields = {
        "seq": seq,
        "kind": kind,
        "prev_hash": row_prev_hash,
        "amends": amends,
        "published_at": published_at.astimezone(UTC).strftime(TIMESTAMP_FORMAT),
    }
    for key, value in expected_fields.items():
        found = content.get(key)
        if found != value or type(found) is not type(value):  # True is not the seq 1
            return f"{key} in canonical differs from the row"
    return ""
