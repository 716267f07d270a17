"""The balance of consultation and action over the report's period: the balance figures of
``governance.balance`` (the dashboard's and the API's), counted over what this edition may
show, with the members at the end of the period as the eligible organisations."""

from __future__ import annotations

from collections import defaultdict

from governance.actions.models import ActionItem
from governance.balance import selectors as balance_selectors
from governance.balance.figures import Balance
from governance.balance.periods import fixed_period
from governance.initiatives.models import Initiative
from governance.proposals.models import Proposal
from governance.reports.sections.membership import memberships
from governance.reports.sections.registry import ReportContext, register_section
from governance.reports.values import (
    INTEGER,
    NUMBER,
    PERCENT,
    Chart,
    Column,
    SectionContent,
    Table,
)


def _decimal(value: object) -> str | None:
    return None if value is None else str(value)


def report_balance(context: ReportContext) -> Balance:
    """The balance figures for the report's period and edition."""
    period = context.period
    eligible: dict[int, set[int]] = defaultdict(set)
    for membership in memberships(context):
        if membership.member_on(period.end):
            eligible[membership.chamber_id].add(membership.organisation_id)
    scope = balance_selectors.Scope(
        period=fixed_period(
            label=period.title, starts_at=period.starts_at, ends_before=period.ends_before
        ),
        proposals=context.readable(Proposal.objects.all()),
        initiatives=context.readable(Initiative.objects.all()),
        actions=context.readable(ActionItem.objects.all()),
        eligible=dict(eligible),
    )
    return balance_selectors.balance_of(scope)


@register_section(
    key="balance",
    title="Balance of consultation and action",
    order=40,
    description=(
        "The dashboard's balance figures over the period: the median days a consultation was "
        "open (consultations closed in the period) and from the end of a consultation to the "
        "publication of its decision (decisions published in the period); per chamber, the "
        "share of its member organisations at the end of the period that commented (input "
        "recorded on an organisation's behalf counts as its comment) and that voted (ballots "
        "closed in the period, secret ballots left out); and equal access to meetings "
        "(requests made in the period)."
    ),
)
def balance_section(context: ReportContext) -> SectionContent:
    balance = report_balance(context)
    content = SectionContent()
    figures = Table(
        "balance-figures",
        "The balance figures",
        [
            Column("figure", "Figure (identifier)", hidden=True),
            Column("label", "Figure"),
            Column("value", "Value", NUMBER, "Empty when there is nothing to measure."),
            Column("unit", "Unit"),
            Column("items", "Items behind it", INTEGER),
            Column("items_label", "What the items are"),
        ],
        pdf_columns=["label", "value", "unit", "items", "items_label"],
    )
    for figure in balance.figures:
        content.figure(figure.key, figure.label, _decimal(figure.value), figure.display)
        content.figure(
            f"{figure.key}_items", f"Items behind it: {figure.items_label}", figure.items
        )
        figures.add(
            figure.key,
            figure.label,
            _decimal(figure.value),
            figure.unit,
            figure.items,
            figure.items_label,
        )
    content.notes.extend(f"{figure.label}: {figure.rule}" for figure in balance.figures)
    participation = Table(
        "balance-participation",
        "Member organisations that commented and that voted, per chamber",
        [
            Column("chamber", "Chamber"),
            Column("chamber_slug", "Chamber (identifier)", hidden=True),
            Column("eligible", "Member organisations at the end of the period", INTEGER),
            Column("commented", "Of those, organisations that commented", INTEGER),
            Column("commented_percent", "Commented (%)", NUMBER, shown_as=PERCENT),
            Column("voted", "Of those, organisations that voted", INTEGER),
            Column("voted_percent", "Voted (%)", NUMBER, shown_as=PERCENT),
            Column("groups_heard", "Community groups heard", INTEGER),
        ],
        description="The last row counts every chamber together. Community groups are not "
        "members: their recorded input counts in their chamber, not in the shares.",
        pdf_columns=["chamber", "eligible", "commented_percent", "voted_percent", "groups_heard"],
    )
    for row in balance.participation:
        participation.add(
            row.name,
            row.chamber.slug if row.chamber else None,
            row.eligible,
            row.commented.count,
            _decimal(row.commented.value),
            row.voted.count,
            _decimal(row.voted.value),
            row.groups_heard,
        )
    meetings = Table(
        "balance-meeting-access",
        "Meeting requests made in the period, per chamber",
        [
            Column("chamber", "Chamber"),
            Column("chamber_slug", "Chamber (identifier)", hidden=True),
            Column("requests", "Requests", INTEGER),
            Column("granted", "Granted", INTEGER),
            Column("declined", "Declined", INTEGER),
            Column("pending", "Awaiting a decision", INTEGER),
            Column("median_days_to_meeting", "Median days to the meeting", NUMBER),
            Column("meetings_held", "Meetings held", INTEGER),
        ],
        pdf_columns=["chamber", "requests", "granted", "median_days_to_meeting", "meetings_held"],
    )
    access = balance.meeting_access
    for figures_row in [*access.chambers, access.total]:
        meetings.add(
            figures_row.chamber.name if figures_row.chamber else "All chambers",
            figures_row.chamber.slug if figures_row.chamber else None,
            figures_row.requests,
            figures_row.granted,
            figures_row.declined,
            figures_row.pending,
            _decimal(figures_row.median_days_to_meeting),
            figures_row.meetings_held,
        )
    content.figure("meeting_requests", "Meeting requests made", access.items)
    content.tables += [figures, participation, meetings]
    content.charts += [
        Chart(
            "balance-voted",
            "Member organisations that voted, per chamber",
            "balance-participation",
            "chamber",
            "voted_percent",
            unit="%",
        ),
    ]
    return content
