"""Reads of the public decision log: everything here is public (no login)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Exists, F, JSONField, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
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


def decision_log_entries(
    *, kind: str | None = None, **decision_filters: Any
) -> QuerySet[DecisionLogEntry]:
    """Every entry, ascending by seq; with filters, the entries of that ``kind`` and those
    about the decisions ``published_decision_list(**decision_filters)`` finds."""
    queryset = DecisionLogEntry.objects.order_by("seq")
    if kind:
        queryset = queryset.filter(kind=kind)
    if any(decision_filters.values()):
        seqs = published_decision_list(**decision_filters).order_by().values("entry_id")
        queryset = queryset.filter(Q(seq__in=seqs) | Q(amends_id__in=seqs))
    return queryset


@dataclass(frozen=True)
class DecisionFacets:
    """What the log's decisions were about, for the filters' choices: (code, name) pairs."""

    bodies: list[tuple[str, str]]
    countries: list[str]
    materials: list[str]
    objectives: list[tuple[str, str]]
    years: list[int]
    organisations: list[tuple[str, str]] = field(default_factory=list)


_FACETS_SQL = """
SELECT
  (SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_array(body_slug, body_name)), '[]'::jsonb)
     FROM governance_publisheddecision WHERE body_slug <> ''),
  (SELECT coalesce(array_agg(DISTINCT c), '{}') FROM governance_publisheddecision, unnest(countries) c),
  (SELECT coalesce(array_agg(DISTINCT m), '{}') FROM governance_publisheddecision, unnest(materials) m),
  (SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_array(o, coalesce(obj.title, o))), '[]'::jsonb)
     FROM governance_publisheddecision, unnest(objectives) o
     LEFT JOIN governance_objective obj ON obj.slug = o),
  (SELECT coalesce(array_agg(DISTINCT extract(year FROM decided_at AT TIME ZONE %s)::int), '{}')
     FROM governance_publisheddecision),
  (SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_array(ref->>'slug', ref->>'name')), '[]'::jsonb)
     FROM (
       SELECT jsonb_path_query(record, '$.electorate[*].organisation') ref
         FROM governance_publisheddecision
       UNION SELECT jsonb_path_query(record, '$.conflict_declarations[*].organisation')
         FROM governance_publisheddecision
       UNION SELECT jsonb_path_query(
           record, '$.consultation_responses[*].speaker.organisation ? (@.type() == "object")')
         FROM governance_publisheddecision
     ) refs WHERE jsonb_typeof(ref) = 'object')
"""


def decision_facets() -> DecisionFacets:
    """The bodies, countries, materials, objectives, years and organisations the published
    decisions name (one query, whatever the number of decisions)."""
    with connection.cursor() as cursor:
        cursor.execute(_FACETS_SQL, [settings.TIME_ZONE])
        bodies, countries, materials, objectives, years, organisations = cursor.fetchone()
    # Django has psycopg hand jsonb back as text.
    bodies, objectives, organisations = (
        json.loads(v) if isinstance(v, str) else v for v in (bodies, objectives, organisations)
    )
    # A body renamed between decisions is listed once, under one of its names.
    return DecisionFacets(
        bodies=sorted(dict(map(tuple, bodies)).items(), key=lambda pair: pair[1].casefold()),
        countries=sorted(countries),
        materials=sorted(materials),
        objectives=sorted(dict(map(tuple, objectives)).items(), key=lambda p: p[1].casefold()),
        years=sorted(years, reverse=True),
        # An organisation renamed between decisions is listed once, under one of its names.
        organisations=sorted(
            dict(map(tuple, organisations)).items(), key=lambda pair: pair[1].casefold()
        ),
    )


def latest_decisions(*, limit: int = 5) -> list[PublishedDecision]:
    """The newest published decisions (withdrawn ones too: the log hides nothing)."""
    return list(
        PublishedDecision.objects.only(
            "entry_id", "title", "body_name", "outcome", "state", "decided_at"
        ).order_by("-decided_at", "-entry_id")[:limit]
    )


def published_decision_list(
    *,
    body: str | None = None,
    state: str | None = None,
    outcome: str | None = None,
    year: int | None = None,
    objective: str | None = None,
    country: str | None = None,
    material: str | None = None,
    kind: str | None = None,
    organisation: str | None = None,
    search: str | None = None,
) -> QuerySet[PublishedDecision]:
    """One row per decision in its latest state, newest first (best match first when
    searching: PostgreSQL full text over title, summary and rationale, GIN-indexed).
    ``kind`` keeps the decisions whose log holds an entry of that kind (a dissenting
    statement, an endorsement, …); ``organisation`` (a slug) those that name the organisation
    (see ``names_organisation_q``)."""
    queryset = PublishedDecision.objects.all()
    if kind and kind != LogEntryKind.DECISION:
        queryset = queryset.filter(
            Exists(DecisionLogEntry.objects.filter(amends_id=OuterRef("entry_id"), kind=kind))
        )
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
    if organisation:
        queryset = queryset.filter(names_organisation_q(organisation))
    if search:
        query = SearchQuery(search, config="english", search_type="websearch")
        return (
            queryset.filter(search=query)
            .annotate(rank=SearchRank(F("search"), query))
            .order_by("-rank", "-decided_at")
        )
    return queryset.order_by("-decided_at", "-entry_id")


def names_organisation_q(slug: str) -> Q:
    """The decisions whose published record names the organisation ``slug`` (in the ballot's
    electorate, the conflict declarations or the consultation's responses), or about which
    it filed a log entry (a dissenting statement, an endorsement). Records name
    organisations by slug and name, never people."""
    ref = {"organisation": {"slug": slug}}
    filed = DecisionLogEntry.objects.annotate(content=Cast("canonical", JSONField())).filter(
        amends_id=OuterRef("entry_id"), content__contains={"record": ref}
    )
    return (
        Q(record__contains={"electorate": [ref]})
        | Q(record__contains={"conflict_declarations": [ref]})
        | Q(record__contains={"consultation_responses": [{"speaker": ref}]})
        | Q(Exists(filed))
    )


def decisions_naming_count(*, organisation: str, decided_by: date) -> int:
    """How many published decisions taken on or before ``decided_by`` name the organisation
    ``organisation`` (a slug), withdrawn ones too: the log hides nothing."""
    return (
        PublishedDecision.objects.filter(decided_at__date__lte=decided_by)
        .filter(names_organisation_q(organisation))
        .count()
    )


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
    if entry.kind in (LogEntryKind.LOG_KEY, LogEntryKind.WITNESS):
        return str(record.get("title") or entry.get_kind_display())
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
