"""The texts of a decision, in words for the decision page: why it was taken (the impact
assessment's options, rationale, trade-offs and costs, and "you said, we did") and what was said
about it afterwards (dissenting statements, reviewers' statements, endorsements, changes).
Stored values become labels and dates here; see ``reading`` for the result and the count."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django_countries import countries

from governance.ballots.models import EndorserKind
from governance.consultations.models import AuthorKind, Channel, ResponseOutcome
from governance.decision_log.canonical import parse_timestamp
from governance.decision_log.models import LogEntryKind
from governance.proposals.models import Confidence, CostKind, Dimension, Horizon, Magnitude
from governance.reviews.models import ReviewOutcome
from governance.templatetags.governance_tags import money


def moment(value: Any) -> datetime | None:
    """A stored timestamp (``YYYY-MM-DDTHH:MM:SSZ``) as a datetime, None when absent or bad."""
    try:
        return parse_timestamp(str(value)) if value else None
    except ValueError:
        return None


def day(value: Any) -> date | None:
    """A stored date (``YYYY-MM-DD``) or timestamp as a date, None when absent or bad."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def org(value: Any) -> str:
    """An organisation (or body) reference ``{"slug", "name"}`` by its name."""
    return str(value.get("name", "")) if isinstance(value, dict) else str(value or "")


def label(choices: type[models.TextChoices], value: Any) -> str:
    """A stored choice's label; an unknown value in words rather than as a code."""
    if value in choices.values:
        return str(choices(value).label)
    return str(value or "").replace("_", " ").capitalize()


# --- why -------------------------------------------------------------------------------------


@dataclass
class Option:
    title: str
    description: str
    chosen: bool


@dataclass
class Cost:
    dimension: str
    borne_by: str
    amount: str  # "60,000 EUR", or "Not estimated"
    magnitude: str
    horizon: str
    confidence: str
    description: str


@dataclass
class CostTable:
    caption: str  # "Cost of action"
    costs: list[Cost]


@dataclass
class Response:
    who: str  # the organisation, or in what capacity the person spoke
    paragraph: int | None
    said: str
    outcome: str  # "Accepted", or "Awaiting a response"
    response: str


@dataclass
class Why:
    rationale: str  # the impact assessment's: why this option
    trade_offs: str
    options: list[Option] = field(default_factory=list)
    costs: list[CostTable] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)

    @property
    def assessed(self) -> bool:
        return bool(self.rationale or self.trade_offs or self.options or self.costs)


def _amount(cost: dict[str, Any]) -> str:
    try:
        amount = Decimal(str(cost["amount"])) if cost.get("amount") is not None else None
    except InvalidOperation:
        amount = None
    if amount is None:
        return "Not estimated"
    return f"{money(amount)} {cost.get('currency') or ''}".strip()


def _cost(cost: dict[str, Any]) -> Cost:
    return Cost(
        dimension=label(Dimension, cost.get("dimension")),
        borne_by=str(cost.get("borne_by") or "Not stated"),
        amount=_amount(cost),
        magnitude=label(Magnitude, cost.get("magnitude")),
        horizon=label(Horizon, cost.get("horizon")),
        confidence=label(Confidence, cost.get("confidence")),
        description=str(cost.get("description") or ""),
    )


def _response(row: dict[str, Any]) -> Response:
    speaker = row.get("speaker") or {}
    group = (speaker.get("group") or {}).get("name")
    who = org(speaker.get("organisation")) or group or label(AuthorKind, speaker.get("kind"))
    channel = speaker.get("channel")
    if who and channel and channel != Channel.PORTAL:
        who = f"{who} (received {label(Channel, channel).lower()})"
    return Response(
        who=who or "A participant",
        paragraph=row.get("paragraph"),
        said=str(row.get("said") or ""),
        outcome=label(ResponseOutcome, row["outcome"])
        if row.get("outcome")
        else "Awaiting a response",
        response=str(row.get("response") or ""),
    )


def why_of(record: dict[str, Any]) -> Why:
    """The impact assessment and the consultation's responses published with a decision."""
    assessment = record.get("impact_assessment") or {}
    costs = assessment.get("costs") or []
    return Why(
        rationale=str(assessment.get("rationale") or ""),
        trade_offs=str(assessment.get("trade_offs") or ""),
        options=[
            Option(str(o.get("title", "")), str(o.get("description") or ""), bool(o.get("chosen")))
            for o in assessment.get("options") or []
        ],
        costs=[
            CostTable(str(kind.label), [_cost(c) for c in costs if c.get("kind") == kind.value])
            for kind in CostKind
            if any(c.get("kind") == kind.value for c in costs)
        ],
        responses=[_response(row) for row in record.get("consultation_responses") or []],
    )


# --- what was said afterwards ----------------------------------------------------------------

CHANGE_LABELS = {
    "title": "Title",
    "summary": "Summary",
    "rationale": "Rationale",
    "effective_date": "Takes effect",
}


@dataclass
class Statement:
    seq: int
    kind: str  # a LogEntryKind value
    heading: str  # "Transparency for Extractives", "A civil-society reviewer"
    on: date | None
    text: str
    evidence_url: str = ""
    evidence_note: str = ""
    changes: list[tuple[str, Any]] = field(default_factory=list)
    # An amendment or withdrawal: the decision that made it ({"seq", "proposal", "body"}).
    decided_by: dict[str, Any] | None = None
    outcome: str = ""  # a review's outcome in words
    due_on: date | None = None  # the date a review was due
    action: dict[str, Any] | None = None  # a statement about an action item: its record


def _endorser(record: dict[str, Any]) -> str:
    endorser = record.get("endorser") or {}
    name = str(endorser.get("name") or org(record.get("organisation")))
    details = [label(EndorserKind, endorser["kind"])] if endorser.get("kind") else []
    if endorser.get("country"):
        details.append(str(countries.name(endorser["country"]) or endorser["country"]))
    return f"{name} ({', '.join(details)})" if details else name


def changes_of(record: dict[str, Any]) -> list[tuple[str, Any]]:
    """An amendment's or correction's changes as (label, value), a date as a date."""
    rows = []
    for key, value in (record.get("changes") or {}).items():
        shown = day(value) if key == "effective_date" else value
        rows.append((CHANGE_LABELS.get(key, key.replace("_", " ").capitalize()), shown))
    return rows


def statement_of(seq: int, kind: str, record: dict[str, Any]) -> Statement:
    """Any entry about a decision, in words."""
    if kind == LogEntryKind.ENDORSEMENT:
        evidence = record.get("evidence") or {}
        return Statement(
            seq,
            kind,
            _endorser(record),
            day(record.get("endorsed_on")),
            str(record.get("text") or ""),
            evidence_url=str(evidence.get("url") or ""),
            evidence_note=str(evidence.get("note") or ""),
        )
    if kind == LogEntryKind.REVIEW:
        outcome = label(ReviewOutcome, record.get("outcome"))
        return Statement(
            seq,
            kind,
            f"Review: {outcome}",
            None,
            str(record.get("text") or ""),
            outcome=outcome,
            due_on=day(record.get("due_on")),
        )
    action = record.get("action") if kind == LogEntryKind.STATEMENT else None
    if isinstance(action, dict):
        return Statement(
            seq,
            kind,
            f"The secretariat, on the action “{action.get('title', '')}” of "
            f"{org(action.get('owner')) or 'a member organisation'}",
            day(record.get("filed_at")),
            str(record.get("text") or ""),
            action=action,
        )
    if kind == LogEntryKind.STATEMENT:
        heading = "A civil-society reviewer"
    elif kind == LogEntryKind.DISSENT:
        heading = org(record.get("organisation")) or "A member organisation"
    else:
        heading = label(LogEntryKind, kind)
    text = str(record.get("text") or record.get("reason") or "")
    decided_by = record.get("decided_by")
    return Statement(
        seq,
        kind,
        heading,
        day(record.get("filed_at")),
        text,
        changes=changes_of(record),
        decided_by=decided_by if isinstance(decided_by, dict) else None,
    )


@dataclass
class Said:
    """What was said about a decision after it was taken, by kind."""

    dissents: list[Statement]
    reviews: list[Statement]
    endorsements: list[Statement]
    changes: list[Statement]
    decision_reviews: list[Statement] = field(default_factory=list)  # reviews' outcomes
    # The secretariat's statements on the actions carrying the decision out.
    implementation: list[Statement] = field(default_factory=list)


def said_about(related: list[tuple[Any, dict[str, Any]]]) -> Said:
    """The entries about a decision (``(entry, parsed canonical)``, in log order), sorted."""
    statements = [
        statement_of(int(entry.seq), str(entry.kind), content.get("record") or {})
        for entry, content in related
    ]
    for statement, (entry, _content) in zip(statements, related, strict=True):
        statement.on = statement.on or entry.published_at.date()

    def of(*kinds: str) -> list[Statement]:
        return [s for s in statements if s.kind in kinds]

    return Said(
        dissents=of(LogEntryKind.DISSENT),
        reviews=[s for s in of(LogEntryKind.STATEMENT) if s.action is None],
        endorsements=of(LogEntryKind.ENDORSEMENT),
        changes=of(LogEntryKind.AMENDMENT, LogEntryKind.CORRECTION, LogEntryKind.WITHDRAWAL),
        decision_reviews=of(LogEntryKind.REVIEW),
        implementation=[s for s in of(LogEntryKind.STATEMENT) if s.action is not None],
    )
