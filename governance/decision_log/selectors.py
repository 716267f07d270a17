"""Reads of the public decision log: everything here is public (no login)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Exists, F, JSONField, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.utils import dateformat
from django.utils.timezone import localtime

from governance.ballots.methods import METHODS, Method
from governance.ballots.secrecy import public_record
from governance.decision_log import caching
from governance.decision_log.models import (
    DecisionLogEntry,
    DecisionState,
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


@dataclass(frozen=True)
class ListFacts:
    """What the list page needs whatever the filters: the filters' choices (as facets, and
    as the selects list them), the number of published decisions, and a token naming this
    reading of them ("" when not cached)."""

    facets: DecisionFacets
    choices: dict[str, list[tuple[str, str]]]
    count: int
    token: str


def decision_list_facts(
    head: dict[str, Any] | None,
    *,
    choices: Callable[[DecisionFacets], dict[str, list[tuple[str, str]]]],
) -> ListFacts:
    """The filters' choices (``choices(facets)``: the selects' lists) and the number of
    published decisions, read once per head of the log (``caching.facets_at``): neither
    changes until an entry is appended or an objective is renamed."""

    def build() -> tuple[DecisionFacets, dict[str, list[tuple[str, str]]], int]:
        facets = decision_facets()
        return facets, choices(facets), PublishedDecision.objects.count()

    if head is None:
        return ListFacts(*build(), token="")
    (facets, listed, count), token = caching.facets_at(head["hash"], build)
    return ListFacts(facets, listed, count, token)


LISTED_FIELDS = ("entry_id", "title", "body_name", "outcome", "state", "decided_at")


@dataclass(frozen=True)
class ListedDecision:
    """One row of the list page, in words, worked out in Python once rather than looked up
    field by field in the template (most of a page's cost was its 25 rows)."""

    seq: int
    url: str
    title: str
    body: str
    outcome: str
    state: str
    decided: str


def listed_decisions(decisions: Iterable[PublishedDecision]) -> list[ListedDecision]:
    """The rows of a page of ``published_decision_list`` (loaded with ``LISTED_FIELDS``)."""
    states = dict(DecisionState.choices)
    return [
        ListedDecision(
            seq=decision.entry_id,
            url=decision.get_absolute_url(),
            title=decision.title,
            body=decision.body_name or "—",
            outcome=decision.outcome_label,
            state=str(states.get(decision.state, decision.state)),
            decided=dateformat.format(localtime(decision.decided_at), "j M Y"),
        )
        for decision in decisions
    ]


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


class LogEntryPage:
    """One entry of the log for people. Read from three queries; what is derived from the
    canonical texts (parsed JSON, the reading, the statements) is worked out only when asked
    for, so a page whose sections come from the cache (``cache_key``) never parses them."""

    def __init__(
        self,
        *,
        entry: DecisionLogEntry,
        decision: PublishedDecision | None,
        entries: list[DecisionLogEntry],
    ) -> None:
        self.entry = entry
        self.decision = decision  # the decision this entry is, or is about
        self.entries = entries  # the entries about the decision, in log order

    @cached_property
    def cache_key(self) -> str:
        """Names everything the cached sections show: this entry, and the newest entry about
        its decision, whose hash commits to every entry before it (``caching``)."""
        newest = self.entries[-1] if self.entries else self.entry
        return f"v{caching.VERSION}:{self.entry.seq}:{newest.seq}:{newest.hash}"

    @cached_property
    def content(self) -> dict[str, Any]:
        """The canonical object, parsed, its record as it may be shown (``entry_record``)."""
        content: dict[str, Any] = json.loads(self.entry.canonical)
        content["record"] = public_record(content.get("record", {}))
        return content

    @property
    def record(self) -> dict[str, Any]:
        return self.content["record"]

    @cached_property
    def related(self) -> list[tuple[DecisionLogEntry, dict[str, Any]]]:
        """The entries that amend or speak about the decision, each with its parsed text."""
        return [(other, json.loads(other.canonical)) for other in self.entries]

    @cached_property
    def said(self) -> Said:
        """The related entries in words, by kind."""
        return said_about(self.related)

    @property
    def implementation(self) -> list[Statement]:
        """Statements on the actions carrying the decision out (none without a statement)."""
        if not any(other.kind == LogEntryKind.STATEMENT for other in self.entries):
            return []
        return self.said.implementation

    @property
    def has_decision_reviews(self) -> bool:
        return any(other.kind == LogEntryKind.REVIEW for other in self.entries)

    @property
    def is_decision(self) -> bool:
        return self.entry.kind == LogEntryKind.DECISION

    @cached_property
    def reading(self) -> DecisionReading | None:
        """A decision entry in words (its result, why, the count); None for other entries."""
        if not self.is_decision:
            return None
        effective = self.decision.effective_date if self.decision else None
        record = self.record
        return decision_reading(record, effective=effective, method=method_of(record))

    @cached_property
    def statement(self) -> Statement | None:
        """Any other entry in words; None for a decision."""
        if self.is_decision:
            return None
        statement = statement_of(self.entry.seq, self.entry.kind, self.record)
        statement.on = statement.on or self.entry.published_at.date()
        return statement


def method_of(record: dict[str, Any]) -> Method | None:
    """The ballot method a decision record names, None when it names none."""
    return METHODS.get(str((record.get("tally") or {}).get("method")))


def log_entry_page(*, seq: int) -> LogEntryPage:
    """One entry rendered for people: its content, the decision it belongs to in its latest
    state, and every later entry about that decision (the whole history), each in words.
    Three queries, whatever the record holds or how many entries are about the decision."""
    entry = get_object_or_404(DecisionLogEntry, seq=seq)
    decision_seq = entry.seq if entry.kind == LogEntryKind.DECISION else entry.amends_id
    # The record is the entry's canonical text's; the search vector is for lists.
    decision = (
        PublishedDecision.objects.defer("record", "search")
        .filter(entry_id=decision_seq)
        .order_by("pk")
        .first()
    )
    entries = list(DecisionLogEntry.objects.filter(amends_id=decision_seq).order_by("seq"))
    return LogEntryPage(entry=entry, decision=decision, entries=entries)


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
