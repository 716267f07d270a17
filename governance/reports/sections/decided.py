"""Proposals decided in the period (their ballot's result recorded): the result, the option
chosen with its trade-offs, the cost of action and of inaction; and results per month. (The
balance of consultation and action is the ``balance`` section's.)"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from governance.proposals.models import (
    RESULT_STATUSES,
    Confidence,
    CostEntry,
    CostKind,
    Dimension,
    Horizon,
    ImpactAssessment,
    ImpactOption,
    Magnitude,
    Proposal,
    ProposalStatus,
    ProposalStatusChange,
)
from governance.reports.sections.registry import ReportContext, register_section
from governance.reports.values import (
    DATETIME,
    INTEGER,
    MARKDOWN,
    MONEY,
    MONTH,
    NUMBER,
    PROPOSAL,
    Chart,
    Column,
    SectionContent,
    Table,
    absolute,
    iso_datetime,
    labels,
    money,
)

RESULTS = [ProposalStatus.ADOPTED, ProposalStatus.REJECTED, ProposalStatus.NO_QUORUM]


@dataclass(frozen=True)
class Decided:
    proposal: Proposal
    result: str
    decided_at: datetime


def decided_in_period(context: ReportContext) -> list[Decided]:
    """Proposals this edition may show whose result (adopted, rejected, no quorum) was
    recorded in the period, in the order they were decided. Two queries."""
    period = context.period
    readable = context.readable(Proposal.objects.all())
    changes = (
        ProposalStatusChange.objects.filter(
            to_status__in=RESULT_STATUSES,
            changed_at__gte=period.starts_at,
            changed_at__lt=period.ends_before,
            proposal__in=readable.values("pk"),
        )
        .select_related("proposal__body")
        .order_by("changed_at", "pk")
    )
    return [Decided(change.proposal, change.to_status, change.changed_at) for change in changes]


@register_section(
    key="proposals-decided",
    title="Proposals decided: trade-offs and the cost of action and inaction",
    order=30,
    description=(
        "Proposals whose ballot result was recorded in the period, with the option chosen, "
        "what is given up for it, and for each dimension (economic, social, environmental) "
        "the cost of acting and the cost of not acting, as the impact assessment published "
        "with the decision states them."
    ),
)
def proposals_decided_section(context: ReportContext) -> SectionContent:
    decided = decided_in_period(context)
    ids = [item.proposal.pk for item in decided]
    assessments = {a.proposal_id: a for a in ImpactAssessment.objects.filter(proposal_id__in=ids)}
    chosen = {
        option.assessment.proposal_id: option
        for option in ImpactOption.objects.filter(
            assessment__proposal_id__in=ids, is_chosen=True
        ).select_related("assessment")
    }
    costs = list(
        CostEntry.objects.filter(assessment__proposal_id__in=ids)
        .select_related("assessment")
        .order_by("assessment__proposal_id", "kind", "dimension")
    )
    content = SectionContent()
    results = Counter(item.result for item in decided)
    content.figure("decided", "Proposals decided", len(decided))
    for result in RESULTS:
        content.figure(f"decided_{result}", str(ProposalStatus(result).label), results[result])

    table = Table(
        "proposals-decided",
        "Proposals decided in the period",
        [
            Column("proposal_id", "Proposal", INTEGER, hidden=True),
            Column("title", "Title", link="url"),
            Column("body", "Body"),
            Column("result", "Result (identifier)", hidden=True),
            Column("result_label", "Result"),
            Column("decided_at", "Decided", DATETIME),
            Column("chosen_option", "Option chosen"),
            Column(
                "rationale",
                "Why this option (Markdown)",
                label="Why this option",
                shown_as=MARKDOWN,
            ),
            Column(
                "trade_offs",
                "Trade-offs: what is given up, and for whom (Markdown)",
                label="Trade-offs: what is given up, and for whom",
                shown_as=MARKDOWN,
            ),
            Column("url", "Page", format="uri", hidden=True),
        ],
        pdf_columns=["title", "result_label", "chosen_option", "trade_offs"],
    )
    for item in decided:
        proposal = item.proposal
        assessment = assessments.get(proposal.pk)
        option = chosen.get(proposal.pk)
        table.add(
            proposal.pk,
            proposal.title,
            proposal.body.name,
            item.result,
            str(ProposalStatus(item.result).label),
            iso_datetime(item.decided_at),
            option.title if option else None,
            assessment.rationale if assessment else None,
            assessment.trade_offs if assessment else None,
            absolute(proposal.get_absolute_url()),
        )
    content.tables.append(table)

    cost_table = Table(
        "costs-of-action-and-inaction",
        "Cost of action and of inaction of the proposals decided",
        [
            Column("proposal_id", "Proposal", INTEGER, shown_as=PROPOSAL),
            Column(
                "kind", "Cost of (action / inaction)", label="Cost", values=labels(CostKind.choices)
            ),
            Column("dimension", "Dimension", values=labels(Dimension.choices)),
            Column("borne_by", "Who bears it"),
            Column("magnitude", "Magnitude", values=labels(Magnitude.choices)),
            Column("horizon", "Time horizon", values=labels(Horizon.choices)),
            Column("confidence", "Confidence", values=labels(Confidence.choices)),
            Column(
                "amount",
                "Amount",
                NUMBER,
                "Exact, two decimals; empty when not quantified.",
                shown_as=MONEY,
                currency="currency",
            ),
            Column("currency", "Currency (ISO 4217)", hidden=True),
            Column("description", "Description (Markdown)", label="Description", shown_as=MARKDOWN),
        ],
    )
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    counted: dict[tuple[str, str], set[int]] = defaultdict(set)
    for cost in costs:
        proposal_id = cost.assessment.proposal_id
        cost_table.add(
            proposal_id,
            cost.kind,
            cost.dimension,
            cost.borne_by,
            cost.magnitude,
            cost.horizon,
            cost.confidence,
            money(cost.amount) if cost.amount is not None else None,
            cost.currency or None,
            cost.description or None,
        )
        if cost.amount is not None:
            totals[(cost.kind, cost.currency)] += cost.amount
            counted[(cost.kind, cost.currency)].add(proposal_id)
    content.tables.append(cost_table)
    total_table = Table(
        "cost-totals",
        "Quantified costs of the proposals decided, added up per currency",
        [
            Column(
                "kind", "Cost of (action / inaction)", label="Cost", values=labels(CostKind.choices)
            ),
            Column("currency", "Currency (ISO 4217)", hidden=True),
            Column("proposals", "Proposals with an amount", INTEGER),
            Column(
                "amount",
                "Total amount",
                NUMBER,
                "Exact, two decimals.",
                shown_as=MONEY,
                currency="currency",
            ),
        ],
        description="Only the costs given as an amount are added up; most costs are "
        "described by magnitude, horizon and confidence instead (see the table above).",
        pdf_columns=["kind", "currency", "proposals", "amount"],
    )
    for kind, currency in sorted(totals):
        total_table.add(
            kind, currency, len(counted[(kind, currency)]), money(totals[(kind, currency)])
        )
    content.tables.append(total_table)

    by_month = Table(
        "results-by-month",
        "Proposals decided per month",
        [
            Column("month", "Month (YYYY-MM)", label="Month", shown_as=MONTH),
            *[
                Column(str(result), str(ProposalStatus(result).label), INTEGER)
                for result in RESULTS
            ],
            Column("decisions", "Decisions", INTEGER),
        ],
    )
    months: dict[str, Counter[str]] = {month: Counter() for month in context.period.months()}
    for item in decided:
        months[f"{item.decided_at.astimezone(UTC):%Y-%m}"][item.result] += 1
    for month, counts in months.items():
        by_month.add(month, *[counts[result] for result in RESULTS], sum(counts.values()))
    content.tables.append(by_month)
    content.charts.append(
        Chart(
            "decisions-per-month", "Decisions per month", "results-by-month", "month", "decisions"
        )
    )
    return content
