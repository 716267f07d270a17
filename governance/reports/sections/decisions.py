"""Decisions of the period (outcome, per-chamber tally and link to the decision-log entry),
the conflicts of interest declared for them, and the decision log itself: its head (seq and hash) when the report was built, so anyone can
check that the log they read today continues the one this report saw."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.urls import reverse

from governance.ballots.methods import figure_heading
from governance.ballots.models import BallotMethod, BallotOutcome, Decision
from governance.ballots.secrecy import public_record
from governance.decision_log import selectors as log_selectors
from governance.decision_log.models import (
    DecisionLogEntry,
    DecisionState,
    LogEntryKind,
    PublishedDecision,
)
from governance.log_heads.selectors import head_summary, head_within
from governance.reports.sections.registry import ReportContext, register_section
from governance.reports.values import (
    BOOLEAN,
    DATETIME,
    INTEGER,
    LOG_ENTRY,
    NUMBER,
    PERCENT,
    PROPOSAL,
    Column,
    SectionContent,
    Table,
    absolute,
    day_and_time,
    fraction,
    iso_datetime,
    labels,
    percent,
)
from members.models import Chamber


def decision_log_head() -> dict[str, Any] | None:
    """The decision log's head now, as ``report.json`` records it (seq, hash, publication time
    in UTC), or None while the log is empty. Asks the decision log's own selector."""
    head = log_selectors.decision_log_head()
    if head is None:
        return None
    return {
        "seq": int(head["seq"]),
        "hash": str(head["hash"]),
        "published_at": iso_datetime(head["published_at"]),
    }


def decision_log_signed_head(size: int) -> dict[str, Any] | None:
    """The newest signed head of the log within its first ``size`` entries, as ``report.json``
    records it: tree size, root hash, when it was signed, and the checkpoint with the portal's
    signature and every witness's cosignature (a C2SP signed note anyone can check)."""
    head = head_within(size)
    if head is None:
        return None
    summary = head_summary(head)
    assert summary is not None  # noqa: S101 (a head was found)
    return {
        "size": summary["size"],
        "root_hash": summary["root_hash"],
        "signed_at": iso_datetime(summary["signed_at"]),
        "checkpoint": summary["note"],
        "cosigned_by": [
            {"witness": c["witness"], "holder": c["holder"]} for c in summary["cosigners"]
        ],
    }


@register_section(
    key="decisions",
    title="Decisions taken",
    order=10,
    description=(
        "The decisions taken in the period (ballots closed with a count), with their outcome, "
        "the tally per chamber as published with the decision, and a link to the entry of the "
        "public decision log where the full record, its hash and its history can be read."
    ),
)
def decisions_section(context: ReportContext) -> SectionContent:
    decisions = decisions_in_period(context)
    states = _log_states([d.log_entry_id for d in decisions if d.log_entry_id])
    table = Table(
        "decisions",
        "Decisions taken in the period",
        [
            Column("proposal_id", "Proposal", INTEGER, hidden=True),
            Column("title", "Decision", link="log_url"),
            Column("body", "Body"),
            Column("outcome", "Outcome", values=labels(BallotOutcome.choices)),
            Column("decided_at", "Decided", DATETIME),
            Column("method", "Ballot method", values=labels(BallotMethod.choices)),
            Column("secret", "Secret ballot", BOOLEAN),
            Column(
                "support_percent",
                "Support (%)",
                NUMBER,
                "The support the tally measured, in percent with one decimal (rounded half "
                "up); empty when withheld (a secret ballot with a chamber's figures withheld) or not "
                "measured.",
                label="Support",
                shown_as=PERCENT,
            ),
            Column(
                "log_seq",
                "Decision-log entry (seq)",
                INTEGER,
                "Empty until published.",
                label="Decision-log entry",
                shown_as=LOG_ENTRY,
            ),
            Column("log_state", "State in the log today", values=labels(DecisionState.choices)),
            Column("log_url", "Decision-log entry", format="uri", hidden=True),
        ],
        pdf_columns=["title", "outcome", "decided_at", "support_percent", "log_seq"],
    )
    tallies = Table(
        "decision-tallies",
        "Tally per chamber of each decision",
        [
            Column("proposal_id", "Proposal", INTEGER, shown_as=PROPOSAL),
            Column("log_seq", "Decision-log entry (seq)", INTEGER, hidden=True),
            Column("chamber", "Chamber"),
            Column("chamber_slug", "Chamber (identifier)", hidden=True),
            Column("electorate", "Organisations in the electorate", INTEGER),
            Column("recused", "Recused", INTEGER),
            Column("eligible", "Eligible (electorate minus recused)", INTEGER),
            Column("cast", "Votes cast", INTEGER),
            Column("yes", figure_heading("yes"), INTEGER),
            Column("no", "No", INTEGER),
            Column("abstain", "Abstain", INTEGER),
            Column("object", "Objections", INTEGER),
            Column(
                "share_percent",
                "Share in favour (%)",
                NUMBER,
                label="Share in favour",
                shown_as=PERCENT,
            ),
            Column("quorum_met", "Quorum met", BOOLEAN),
            Column("supported", "Supported", BOOLEAN),
            Column(
                "figures_withheld",
                "Figures withheld",
                BOOLEAN,
                "A secret ballot's chamber where fewer than three organisations cast or one "
                "choice holds every vote cast: its figures are withheld to protect the secrecy "
                "of the vote, and only whether it met quorum and supported is published.",
            ),
        ],
    )
    outcomes: Counter[str] = Counter()
    for decision in decisions:
        record: dict[str, Any] = public_record(decision.record)
        tally = record.get("tally") or {}
        seq = int(decision.log_entry_id) if decision.log_entry_id else None
        outcomes[decision.outcome] += 1
        table.add(
            decision.proposal_id,
            str(record.get("proposal", {}).get("title", decision.proposal.title)),
            str(record.get("body", {}).get("name", "")) or None,
            decision.outcome,
            iso_datetime(decision.decided_at),
            tally.get("method"),
            bool(tally.get("secret", False)),
            _share(tally.get("support")),
            seq,
            states.get(seq) if seq else None,
            absolute(reverse("governance:decision-detail", kwargs={"seq": seq})) if seq else None,
        )
        for row in tally.get("chambers", []):
            tallies.add(
                decision.proposal_id,
                seq,
                row["chamber"]["name"],
                row["chamber"]["slug"],
                row.get("electorate"),
                row.get("recused"),
                row.get("eligible"),
                row.get("cast"),
                row.get("yes"),
                row.get("no"),
                row.get("abstain"),
                row.get("object"),
                _share(row.get("share")),
                row.get("quorum_met"),
                row.get("supported"),
                bool(row.get("figures_withheld")),
            )
    content = SectionContent()
    content.figure("decisions", "Decisions taken", len(decisions))
    for outcome, label in (
        ("adopted", "Adopted"),
        ("rejected", "Rejected"),
        ("no_quorum", "No quorum"),
    ):
        content.figure(f"decisions_{outcome}", label, outcomes[outcome])
    content.figure(
        "published",
        "Published in the public decision log",
        fraction(sum(1 for d in decisions if d.log_entry_id), len(decisions)),
    )
    content.tables += [table, tallies]
    return content


def decisions_in_period(context: ReportContext) -> list[Decision]:
    """The decisions of the period this edition may show, in the order they were taken."""
    period = context.period
    return list(
        context.readable(Decision.objects.select_related("proposal"))
        .filter(decided_at__gte=period.starts_at, decided_at__lt=period.ends_before)
        .order_by("decided_at", "pk")
    )


def _log_states(seqs: list[int]) -> dict[int, str]:
    """decision entry seq → its state in the log today (as decided, amended, corrected,
    withdrawn), from the log's derived index."""
    return {
        int(seq): state
        for seq, state in PublishedDecision.objects.filter(entry_id__in=seqs).values_list(
            "entry_id", "state"
        )
    }


def _share(value: Any) -> str | None:
    """A published fraction ``{"num", "den"}`` as a percentage string, None when withheld."""
    if not isinstance(value, dict):
        return None
    return percent(int(value["num"]), int(value["den"]))


@register_section(
    key="conflicts",
    title="Conflicts of interest and recusals",
    order=15,
    description=(
        "The conflict-of-interest declarations published with the decisions of the period: "
        "the organisation (never the person), its chamber, the nature of the conflict, and "
        "whether it was recused or, by the secretariat's reasoned exemption, voted."
    ),
)
def conflicts_section(context: ReportContext) -> SectionContent:
    decisions = decisions_in_period(context)
    table = Table(
        "conflicts-of-interest",
        "Conflicts of interest declared for the decisions of the period",
        [
            Column("proposal_id", "Proposal", INTEGER, shown_as=PROPOSAL),
            Column("organisation", "Organisation"),
            Column(
                "chamber_slug",
                "Chamber (identifier)",
                label="Chamber",
                values=tuple(Chamber.objects.order_by("slug").values_list("slug", "name")),
            ),
            Column("nature", "Nature of the conflict"),
            Column("recused", "Recused", BOOLEAN),
            Column("exemption_reason", "Reason for the exemption (when not recused)"),
            Column("declared_at", "Declared", DATETIME),
        ],
        pdf_columns=["proposal_id", "organisation", "nature", "recused"],
    )
    declarations = conflicts = recused = exempted = 0
    by_chamber: Counter[str] = Counter()
    for decision in decisions:
        for item in decision.record.get("conflict_declarations", []):
            declarations += 1
            if not item.get("conflict"):
                continue
            conflicts += 1
            recused += 1 if item.get("recused") else 0
            exemption = item.get("exemption") or {}
            exempted += 1 if exemption else 0
            by_chamber[str(item.get("chamber", ""))] += 1
            table.add(
                decision.proposal_id,
                item["organisation"]["name"],
                item.get("chamber"),
                item.get("nature") or None,
                bool(item.get("recused")),
                exemption.get("reason"),
                item.get("declared_at"),
            )
    content = SectionContent()
    content.figure("declarations", "Declarations made", declarations)
    content.figure("conflicts", "Conflicts of interest declared", conflicts)
    content.figure("recusals", "Recusals", recused)
    content.figure("exemptions", "Exemptions granted by the secretariat", exempted)
    content.tables.append(table)
    return content


@register_section(
    key="decision-log",
    title="The public decision log",
    order=100,
    description=(
        "The head of the public decision log when this report was built, and the entries "
        "published in the period by kind. Every entry carries the hash of the entry before it "
        "and its own hash (the sha256 of that previous hash, a newline and the entry's "
        "canonical JSON): recompute the chain up to this head to check that nothing published "
        "before it has changed."
    ),
)
def decision_log_section(context: ReportContext) -> SectionContent:
    period = context.period
    head = decision_log_head()
    content = SectionContent()
    if head is None:
        content.notes.append("The decision log was empty when the report was built.")
        content.figure("head_seq", "Head of the log: entry", None)
    else:
        content.figure("head_seq", "Head of the log: entry", head["seq"], str(head["seq"]))
        content.figure("head_hash", "Head of the log: hash (sha256)", head["hash"])
        content.figure(
            "head_published_at",
            "Head of the log: published",
            head["published_at"],
            day_and_time(head["published_at"]),
        )
    kinds = Counter(
        DecisionLogEntry.objects.filter(
            published_at__gte=period.starts_at, published_at__lt=period.ends_before
        ).values_list("kind", flat=True)
    )
    table = Table(
        "decision-log-entries-by-kind",
        "Decision-log entries published in the period, by kind",
        [
            Column("kind", "Kind (identifier)", hidden=True),
            Column("kind_label", "Kind"),
            Column("entries", "Entries", INTEGER),
        ],
    )
    for value, label in LogEntryKind.choices:
        table.add(value, str(label), kinds[value])
    content.figure("entries", "Entries published in the period", sum(kinds.values()))
    content.tables.append(table)
    content.notes.append(
        "Check the chain yourself: "
        + absolute(reverse("governance:decision-list"))
        + " lists the log; `manage.py verify_decision_log` recomputes it."
    )
    return content
