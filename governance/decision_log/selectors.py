"""Reads of the public decision log: everything here is public (no login)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404

from governance.ballots.methods import METHODS, Method
from governance.ballots.secrecy import public_record
from governance.decision_log.canonical import canonical_json, entry_hash, timestamp
from governance.decision_log.models import (
    GENESIS_HASH,
    DecisionLogEntry,
    LogEntryKind,
    PublishedDecision,
)
from governance.decision_log.reading import DecisionReading, decision_reading, result_sentence
from governance.decision_log.reading_texts import Said, Statement, said_about, statement_of


def decision_log_head() -> dict[str, Any] | None:
    """The last entry's seq, hash and publication time, or None while the log is empty."""
    head = DecisionLogEntry.objects.order_by("-seq").only("seq", "hash", "published_at").first()
    if head is None:
        return None
    return {"seq": head.seq, "hash": head.hash, "published_at": head.published_at}


def decision_log_entries() -> QuerySet[DecisionLogEntry]:
    """Every entry, ascending by seq."""
    return DecisionLogEntry.objects.order_by("seq")


def published_decision_list(
    *,
    body: str | None = None,
    state: str | None = None,
    outcome: str | None = None,
    year: int | None = None,
    objective: str | None = None,
    country: str | None = None,
    material: str | None = None,
    search: str | None = None,
) -> QuerySet[PublishedDecision]:
    """One row per decision in its latest state, newest first (best match first when
    searching: PostgreSQL full text over title, summary and rationale, GIN-indexed)."""
    queryset = PublishedDecision.objects.all()
    if body:
        queryset = queryset.filter(body_slug=body)
    if state:
        queryset = queryset.filter(state=state)
    if outcome:
        queryset = queryset.filter(outcome=outcome)
    if year:
        queryset = queryset.filter(decided_at__year=year)
    if objective:
        queryset = queryset.filter(objectives__contains=[objective])
    if country:
        queryset = queryset.filter(countries__contains=[country.upper()])
    if material:
        queryset = queryset.filter(materials__contains=[material])
    if search:
        query = SearchQuery(search, config="english", search_type="websearch")
        return (
            queryset.filter(search=query)
            .annotate(rank=SearchRank(F("search"), query))
            .order_by("-rank", "-decided_at")
        )
    return queryset.order_by("-decided_at", "-entry_id")


@dataclass
class LogEntryPage:
    entry: DecisionLogEntry
    content: dict[str, Any]  # the canonical object, parsed
    decision: PublishedDecision | None  # the decision this entry is, or is about
    related: list[tuple[DecisionLogEntry, dict[str, Any]]]  # entries that amend this decision
    said: Said  # the related entries in words, by kind
    # A decision entry in words (its result, why, the count); None for other entries.
    reading: DecisionReading | None
    statement: Statement | None  # any other entry in words; None for a decision


def method_of(record: dict[str, Any]) -> Method | None:
    """The ballot method a decision record names, None when it names none."""
    return METHODS.get(str((record.get("tally") or {}).get("method")))


def log_entry_page(*, seq: int) -> LogEntryPage:
    """One entry rendered for people: its content, the decision it belongs to in its latest
    state, and every later entry about that decision (the whole history), each in words.
    Four queries, whatever the record holds or how many entries are about the decision."""
    entry = get_object_or_404(DecisionLogEntry, seq=seq)
    decision_seq = entry.seq if entry.kind == LogEntryKind.DECISION else entry.amends_id
    decision = PublishedDecision.objects.filter(entry_id=decision_seq).first()
    related = [
        (other, json.loads(other.canonical))
        for other in DecisionLogEntry.objects.filter(amends_id=decision_seq).order_by("seq")
    ]
    content = json.loads(entry.canonical)
    record = content["record"] = entry_record(entry)
    reading = statement = None
    if entry.kind == LogEntryKind.DECISION:
        method = method_of(record)
        effective = decision.effective_date if decision else None
        reading = decision_reading(record, effective=effective, method=method)
    else:
        statement = statement_of(entry.seq, entry.kind, record)
        statement.on = statement.on or entry.published_at.date()
    return LogEntryPage(
        entry=entry,
        content=content,
        decision=decision,
        related=related,
        said=said_about(related),
        reading=reading,
        statement=statement,
    )


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    entries: int
    head_seq: int | None
    head_hash: str | None
    bad_seq: int | None = None
    reason: str = ""


def decision_log_verify() -> ChainCheck:
    """Recompute the whole chain from the database: seq continuity, prev_hash links, every
    hash, and that each canonical text is canonical and agrees with its row. Stops at the
    first bad entry and names it."""
    prev_hash, expected, last = GENESIS_HASH, 1, None
    for entry in DecisionLogEntry.objects.order_by("seq").iterator(chunk_size=2000):
        problem = _problem(entry, expected, prev_hash)
        if problem:
            return ChainCheck(
                False, expected - 1, last, prev_hash if last else None, entry.seq, problem
            )
        prev_hash, last, expected = entry.hash, entry.seq, expected + 1
    return ChainCheck(True, expected - 1, last, prev_hash if last else None)


def _problem(entry: DecisionLogEntry, expected: int, prev_hash: str) -> str:
    if entry.seq != expected:
        return f"expected seq {expected}: a gap"
    if entry.prev_hash != prev_hash:
        return "prev_hash is not the previous entry's hash"
    if entry.hash != entry_hash(prev_hash, entry.canonical):
        return "hash does not match sha256(prev_hash + newline + canonical)"
    try:
        content = json.loads(entry.canonical)
        again = canonical_json(content)
    except Exception as error:  # noqa: BLE001 (any failure to parse is the finding)
        return f"canonical is not canonical JSON: {error}"
    if again != entry.canonical:
        return "canonical does not re-serialize to itself"
    expected_fields = {
        "seq": entry.seq,
        "kind": entry.kind,
        "prev_hash": entry.prev_hash,
        "amends": entry.amends_id,
        "published_at": timestamp(entry.published_at),
    }
    for key, value in expected_fields.items():
        if content.get(key) != value:
            return f"{key} in canonical differs from the row"
    return ""


def entry_record(entry: DecisionLogEntry) -> dict[str, Any]:
    """The entry's record as it may be shown today (pages, feed): a decision's tally with a
    secret ballot's figures withheld by ``secrecy.public_record``, also for an entry written
    before that rule was tightened. The canonical text itself, what was hashed, never
    changes (the API and the ``canonical`` page serve it byte for byte)."""
    record: dict[str, Any] = json.loads(entry.canonical).get("record", {})
    return public_record(record)


def entry_title(entry: DecisionLogEntry, record: dict[str, Any]) -> str:
    """A short human title for any entry."""
    if entry.kind == LogEntryKind.DECISION:
        return str(record.get("proposal", {}).get("title", f"Decision {entry.seq}"))
    return f"about decision {entry.amends_id}"


def entry_summary(entry: DecisionLogEntry, record: dict[str, Any]) -> str:
    """One paragraph of plain text for feeds."""
    if entry.kind == LogEntryKind.DECISION:
        return f"{result_sentence(record, method_of(record))} {record.get('summary', '')}".strip()
    text = record.get("reason") or record.get("text") or ""
    who = (
        record.get("organisation", {}).get("name")
        if isinstance(record.get("organisation"), dict)
        else None
    )
    return f"{who}: {text}" if who else str(text)
