#!/usr/bin/env python3
"""Verify the Alliance Portal's public decision log from the outside.

    python tools/verify_decision_log.py https://portal.example
    python tools/verify_decision_log.py https://portal.example --expect 42:3f9a…

Uses only the Python standard library and the public API; it shares no code with the portal,
so it checks the portal rather than trusting it. It walks /api/v1/decision-log/ from seq 1,
and for every entry checks that

- seq follows the previous one without a gap, and prev_hash is the previous entry's hash
  (64 zeros for seq 1);
- hash == sha256(prev_hash + "\\n" + canonical) over UTF-8, in lowercase hex;
- canonical is canonical: json.dumps(json.loads(canonical), sort_keys=True,
  separators=(",", ":"), ensure_ascii=False) gives it back unchanged, and it holds no float;
- the seq, kind, prev_hash and published_at inside canonical match the entry;

then that /api/v1/decision-log/head/ names the last entry. With --expect SEQ:HASH (a head you
kept earlier) it also checks that the log still holds that entry with that hash: an append-only
log can grow but never rewrite what you saw. Exits 0 and prints the head on success; exits 1
naming the first bad seq otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

GENESIS = "0" * 64


class ChainError(Exception):
    def __init__(self, seq: Any, reason: str) -> None:
        super().__init__(f"seq {seq}: {reason}")
        self.seq = seq


def fetch(url: str) -> Any:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def entries(base: str) -> Iterator[dict[str, Any]]:
    # 200 a page, the most the API gives: a quarter of the requests of its default 50.
    url: str | None = urllib.parse.urljoin(base, "/api/v1/decision-log/?page_size=200")
    while url:
        page = fetch(url)
        yield from page["results"]
        url = page.get("next")


def _reject_floats(value: str) -> float:
    raise ValueError(f"a float ({value}) in canonical JSON")


def canonical_text(value: Any) -> str:
    """The canonical JSON text of ``value``: sorted keys, no insignificant whitespace, UTF-8
    without escaping."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, canonical: str) -> str:
    """sha256(prev_hash + "\\n" + canonical) over UTF-8, lowercase hex."""
    return hashlib.sha256((prev_hash + "\n" + canonical).encode("utf-8")).hexdigest()


def check_entry(entry: dict[str, Any], expected_seq: int, prev_hash: str) -> str:
    """Check one entry against its predecessor; return its hash."""
    seq = entry.get("seq")
    if seq != expected_seq:
        raise ChainError(
            expected_seq, f"expected seq {expected_seq}, found {seq} (a gap or a repeat)"
        )
    if entry.get("prev_hash") != prev_hash:
        raise ChainError(seq, "prev_hash is not the previous entry's hash (the chain forks)")
    canonical = entry.get("canonical")
    if not isinstance(canonical, str):
        raise ChainError(seq, "no canonical text")
    computed = chain_hash(prev_hash, canonical)
    if entry.get("hash") != computed:
        raise ChainError(
            seq, f"hash {entry.get('hash')} != sha256(prev_hash + newline + canonical) {computed}"
        )
    try:
        parsed = json.loads(canonical, parse_float=_reject_floats)
    except ValueError as error:
        raise ChainError(seq, f"canonical is not valid JSON without floats: {error}") from error
    again = canonical_text(parsed)
    if again != canonical:
        raise ChainError(seq, "canonical does not re-serialize to itself")
    for key in ("seq", "kind", "prev_hash", "published_at"):
        if parsed.get(key) != entry.get(key):
            raise ChainError(
                seq,
                f"{key} inside canonical ({parsed.get(key)!r}) differs from the entry's ({entry.get(key)!r})",
            )
    return computed


def verify(base: str, expect: tuple[int, str] | None = None) -> dict[str, Any]:
    """Walk the whole log; return the verified head {seq, hash}. Raises ChainError."""
    prev_hash, seq, seen = GENESIS, 0, {}
    for entry in entries(base):
        seq += 1
        prev_hash = check_entry(entry, seq, prev_hash)
        if expect and expect[0] == seq:
            seen[seq] = prev_hash
    head = fetch(urllib.parse.urljoin(base, "/api/v1/decision-log/head/"))
    if seq == 0:
        if head.get("seq") not in (None, 0):
            raise ChainError(head.get("seq"), "the head names an entry the log does not list")
    elif head.get("seq") != seq or head.get("hash") != prev_hash:
        raise ChainError(
            seq,
            f"the head {head.get('seq')}:{head.get('hash')} is not the last entry {seq}:{prev_hash}",
        )
    if expect:
        expected_seq, expected_hash = expect
        if seen.get(expected_seq) != expected_hash:
            raise ChainError(
                expected_seq,
                f"the head you kept ({expected_seq}:{expected_hash}) is not in the log any more",
            )
    return {"seq": seq, "hash": prev_hash if seq else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", help="the portal's base URL, e.g. https://portal.example")
    parser.add_argument("--expect", help="a head kept earlier, as SEQ:HASH")
    args = parser.parse_args(argv)
    if urllib.parse.urlsplit(args.site).scheme not in {"http", "https"}:
        parser.error("the site must be an http:// or https:// URL")
    expect = None
    if args.expect:
        seq_text, _, hash_text = args.expect.partition(":")
        expect = (int(seq_text), hash_text.lower())
    try:
        head = verify(args.site, expect)
    except ChainError as error:
        print(f"FAILED at {error}", file=sys.stderr)
        return 1
    print(f"OK: {head['seq']} entries verified; head {head['seq']}:{head['hash']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
