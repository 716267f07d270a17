"""Publishing to the public decision log.

Every entry is appended by ``decision_log_append``, in the caller's transaction: the ballot that
records a result appends its ``decision`` entry in the same transaction, so a result is never
recorded without being published (or the other way round). Appending takes a transaction-level
advisory lock, reads the head, and writes ``seq = head + 1`` with ``prev_hash = head.hash``:
concurrent publishers queue on the lock, and since ``prev_hash`` is unique the chain cannot
fork even if the lock were bypassed. A database sequence is not used because it leaves gaps
when a transaction rolls back.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models.expressions import CombinedExpression
from django.utils import timezone

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.decision_log import merkle
from governance.decision_log.canonical import (
    NotExact,
    canonical_json,
    check_exact,
    entry_hash,
    parse_timestamp,
    timestamp,
)
from governance.decision_log.models import (
    GENESIS_HASH,
    STANDALONE_KINDS,
    DecisionLogEntry,
    DecisionState,
    LogEntryKind,
    PublishedDecision,
)

# pg_advisory_xact_lock key: "decision-log" as a stable 63-bit number.
LOCK_KEY = int.from_bytes(hashlib.sha256(b"alliance-portal decision-log").digest()[:8], "big") >> 1

# What a correction or an amendment may change in a decision's public state.
CORRECTABLE = ("title", "summary", "rationale", "effective_date")
STATE_BY_KIND = {
    LogEntryKind.AMENDMENT: DecisionState.AMENDED,
    LogEntryKind.CORRECTION: DecisionState.CORRECTED,
    LogEntryKind.WITHDRAWAL: DecisionState.WITHDRAWN,
}


def _check_json(value: Any, path: str = "record") -> None:
    """Refuse (``ValidationError``) anything the canonical form cannot hold exactly."""
    try:
        check_exact(value, path)
    except NotExact as error:
        raise ValidationError(str(error)) from error


@transaction.atomic
def decision_log_append(
    *, kind: str, record: dict[str, Any], amends: int | None = None
) -> DecisionLogEntry:
    """Append one entry and return it. ``amends`` is the seq of the ``decision`` entry that an
    amendment, correction, withdrawal, dissent, statement or endorsement is about; a decision
    stands alone. The derived ``PublishedDecision`` is updated in the same transaction."""
    if kind not in LogEntryKind.values:
        raise ValidationError({"kind": f"Unknown kind of log entry: {kind}."})
    decision_entry = None
    if kind in STANDALONE_KINDS:
        if amends is not None:
            raise ValidationError({"amends": "A decision entry amends nothing."})
        for key in ("proposal", "outcome") if kind == LogEntryKind.DECISION else ():
            if key not in record:
                raise ValidationError({"record": f"A decision's record needs {key!r}."})
    else:
        decision_entry = (
            DecisionLogEntry.objects.filter(seq=amends, kind=LogEntryKind.DECISION).first()
            if amends is not None
            else None
        )
        if decision_entry is None:
            raise ValidationError({"amends": "Name the seq of the decision entry concerned."})
    _check_json(record)

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
    head = DecisionLogEntry.objects.order_by("-seq").first()
    seq = head.seq + 1 if head else 1
    prev_hash = head.hash if head else GENESIS_HASH
    # Taken after the lock, so published_at never goes backwards along the chain.
    published_at = timezone.now().replace(microsecond=0)
    canonical = canonical_json(
        {
            "seq": seq,
            "kind": kind,
            "published_at": timestamp(published_at),
            "prev_hash": prev_hash,
            "amends": amends,
            "record": record,
        }
    )
    entry = DecisionLogEntry.objects.create(
        seq=seq,
        kind=kind,
        published_at=published_at,
        canonical=canonical,
        prev_hash=prev_hash,
        hash=entry_hash(prev_hash, canonical),
        amends=decision_entry,
    )
    # Its leaf, and the subtrees it completes, in the log's Merkle tree (RFC 9162).
    merkle.store_leaves(first=seq - 1, leaves=[canonical.encode("utf-8")])
    if kind == LogEntryKind.DECISION:
        _index_decision(entry, record)
        # Told once the publishing transaction commits (imported here: it reads the ballots').
        from governance.notifications.events import decision_published

        decision_published(entry, record)
    elif kind not in STANDALONE_KINDS:  # the log's own trust entries index nothing
        assert decision_entry is not None  # noqa: S101 (checked above)
        _index_change(decision_entry, entry, kind, record)
    # A signed head covering the entry once it commits (governance/log_heads).
    from governance.log_heads.tasks import head_due

    transaction.on_commit(head_due)
    return entry


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _moment(value: Any) -> datetime | None:
    return parse_timestamp(value) if value else None


def _index_decision(entry: DecisionLogEntry, record: dict[str, Any]) -> None:
    PublishedDecision.objects.create(
        entry=entry,
        latest_seq=entry.seq,
        state=DecisionState.DECIDED,
        title=str(record.get("proposal", {}).get("title", ""))[:300],
        proposal_id=record.get("proposal", {}).get("id"),
        body_slug=record.get("body", {}).get("slug", ""),
        body_name=record.get("body", {}).get("name", ""),
        outcome=record["outcome"],
        summary=record.get("summary", ""),
        rationale=record.get("rationale", ""),
        effective_date=_date(record.get("effective_date")),
        # When the ballot closed; a members-only decision may be published later.
        decided_at=_moment(record.get("decided_at")) or entry.published_at,
        objectives=list(record.get("objectives", [])),
        countries=list(record.get("countries", [])),
        materials=list(record.get("materials", [])),
        record=record,
    )
    _refresh_search(entry.seq)


def _index_change(
    decision_entry: DecisionLogEntry, entry: DecisionLogEntry, kind: str, record: dict[str, Any]
) -> None:
    published = PublishedDecision.objects.select_for_update().get(entry=decision_entry)
    published.latest_seq = entry.seq
    if kind in STATE_BY_KIND:
        published.state = STATE_BY_KIND[LogEntryKind(kind)]
        changes = record.get("changes", {})
        for field in CORRECTABLE:
            if field in changes:
                value = _date(changes[field]) if field == "effective_date" else changes[field]
                setattr(published, field, value)
    published.save()
    _refresh_search(published.entry_id)


def search_document() -> CombinedExpression:
    """What a published decision's ``search`` column holds: its title, summary and rationale,
    weighted A, B, C (English). Also used by the benchmark dataset (``governance.bench``)."""
    return (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("rationale", weight="C", config="english")
    )


def _refresh_search(seq: int) -> None:
    PublishedDecision.objects.filter(entry_id=seq).update(search=search_document())


def clean_changes(kind: str, changes: dict[str, Any] | None) -> dict[str, Any]:
    """The changes an amendment or correction makes, checked: only the fields a change may
    touch, at least one (a withdrawal changes none), a date written YYYY-MM-DD."""
    changes = dict(changes or {})
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ValidationError(
            {"changes": f"These cannot be changed: {', '.join(sorted(unknown))}."}
        )
    if kind != LogEntryKind.WITHDRAWAL and not changes:
        raise ValidationError({"changes": "Say what changes."})
    if kind == LogEntryKind.WITHDRAWAL and changes:
        raise ValidationError({"changes": "A withdrawal changes nothing: it ends the decision."})
    for field in ("title", "summary", "rationale"):
        if field in changes and not isinstance(changes[field], str):
            raise ValidationError({"changes": f"The new {field} is text."})
    if changes.get("effective_date"):
        try:
            changes["effective_date"] = date.fromisoformat(
                str(changes["effective_date"])
            ).isoformat()
        except ValueError as error:
            raise ValidationError({"changes": "The effective date must be YYYY-MM-DD."}) from error
    return changes


def changeable_decision(decision_seq: int) -> PublishedDecision:
    """The published decision ``decision_seq``, refused when there is none or it was
    withdrawn (nothing changes it any more)."""
    published = PublishedDecision.objects.filter(entry_id=decision_seq).first()
    if published is None:
        raise ValidationError({"decision_seq": "No published decision has this seq."})
    if published.state == DecisionState.WITHDRAWN:
        raise ValidationError("This decision was withdrawn; nothing more can change it.")
    return published


def append_change(
    *,
    kind: str,
    decision_seq: int,
    reason: str,
    changes: dict[str, Any],
    decided_by: dict[str, Any] | None = None,
) -> DecisionLogEntry:
    """Append an amendment, correction or withdrawal of a published decision, inside the
    caller's use case. No check of who acts: a correction is the secretariat's use case
    (``decision_log_change``); an amendment or withdrawal is the effect of a decision
    (``governance.effects``), whose entry names it in ``decided_by``."""
    if kind not in STATE_BY_KIND:
        raise ValidationError({"kind": "Choose an amendment, a correction or a withdrawal."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why."})
    changes = clean_changes(kind, changes)
    changeable_decision(decision_seq)
    record: dict[str, Any] = {
        "decision_seq": decision_seq,
        "reason": reason.strip(),
        "changes": changes,
    }
    if decided_by is not None:
        record["decided_by"] = decided_by
    return decision_log_append(kind=kind, amends=decision_seq, record=record)


@use_case
def decision_log_change(
    *,
    actor: Actor,
    decision_seq: int,
    reason: str,
    changes: dict[str, Any] | None = None,
    kind: str = LogEntryKind.CORRECTION,
) -> DecisionLogEntry:
    """The secretariat's correction of an error of fact in a published decision (the fields
    it corrects, with its reason), appended as a new entry that the log shows as a
    correction. The decision entry itself never changes. An amendment or a withdrawal is
    refused here: only a decision makes one (a proposal whose effect amends or withdraws the
    decision, ``governance.effects``), and its entry names that decision."""
    policy.require(actor, "decision.correct")
    amending = kind == LogEntryKind.AMENDMENT
    if kind in (LogEntryKind.AMENDMENT, LogEntryKind.WITHDRAWAL):
        raise ValidationError(
            {
                "kind": f"{'An amendment' if amending else 'A withdrawal'} is made only by a "
                f"decision: table a proposal whose effect {'amends' if amending else 'withdraws'} "
                f"decision {decision_seq}. The secretariat corrects errors of fact only."
            }
        )
    if kind != LogEntryKind.CORRECTION:
        raise ValidationError({"kind": "The secretariat publishes corrections only."})
    return append_change(
        kind=kind, decision_seq=decision_seq, reason=reason, changes=dict(changes or {})
    )
