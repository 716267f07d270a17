"""The sections on what follows decisions: the action items due in the period (their state,
done on time or not, overdue) and the funded initiatives with their budgets, what is pledged
towards them and the gap, per currency (never added across currencies). Each lists only what
the report's edition may contain; what one organisation pledged is members-level, so the public
edition shows totals per currency only."""

from __future__ import annotations

from django.utils import timezone

from governance.actions.models import ActionItem, ActionStatus
from governance.initiatives.models import Initiative, InitiativeStatus
from governance.initiatives.selectors import funding_for
from governance.reports.sections.registry import (
    MIN_ORGANISATIONS,
    ReportContext,
    register_section,
)
from governance.reports.values import (
    BOOLEAN,
    DATE,
    LOG_ENTRY,
    MONEY,
    NUMBER,
    Column,
    SectionContent,
    Table,
    absolute,
    labels,
    percent,
)


@register_section(
    key="actions",
    title="Actions after decisions",
    order=50,
    description=(
        "Action items whose due date fell in the period (cancelled ones listed, not counted): "
        "their owner, state, whether they were done by their due date, and whether they were "
        "overdue at the end of the period."
    ),
    requires=("governance.ActionItem",),
)
def actions_section(context: ReportContext) -> SectionContent:
    period = context.period
    items = list(
        context.readable(ActionItem.objects.all())
        .filter(due_date__gte=period.start, due_date__lte=period.end)
        .select_related("owner", "decision")
        .order_by("due_date", "pk")
    )
    end = period.end
    table = Table(
        "actions",
        "Action items due in the period",
        [
            Column("title", "Action", link="url"),
            Column("url", "Page", format="uri", hidden=True),
            Column("decision", "Decision", shown_as=LOG_ENTRY),
            Column("owner", "Owner organisation"),
            Column("due_date", "Due", DATE),
            Column("status", "State (identifier)", hidden=True),
            Column("status_label", "State", values=labels(ActionStatus.choices)),
            Column("done_on", "Done on", DATE),
            Column("on_time", "Done by its due date", BOOLEAN),
            Column("overdue", "Overdue at the end of the period", BOOLEAN),
        ],
        pdf_columns=["title", "owner", "due_date", "status_label", "on_time", "overdue"],
    )
    counted = [item for item in items if item.status != ActionStatus.CANCELLED]
    on_time = overdue = 0
    for item in items:
        done_on = timezone.localdate(item.done_at) if item.done_at else None
        is_on_time = (
            item.status == ActionStatus.DONE and done_on is not None and done_on <= (item.due_date)
        )
        is_overdue = (
            item.status != ActionStatus.CANCELLED
            and item.due_date < end
            and (done_on is None or done_on > end)
        )
        if item.status != ActionStatus.CANCELLED:
            on_time += int(is_on_time)
            overdue += int(is_overdue)
        table.add(
            item.title,
            absolute(item.get_absolute_url()),
            item.decision_id,
            item.owner.name,
            item.due_date.isoformat(),
            item.status,
            str(ActionStatus(item.status).label),
            done_on.isoformat() if done_on else None,
            is_on_time,
            is_overdue,
        )
    content = SectionContent()
    content.figure(
        "actions_due", "Action items due in the period (cancelled left out)", len(counted)
    )
    for key, label, part in (
        ("actions_done_on_time", "Done by their due date", on_time),
        ("actions_overdue", "Overdue at the end of the period", overdue),
    ):
        share = percent(part, len(counted))
        content.figure(key, label, share, "—" if share is None else f"{share} %")
    content.tables.append(table)
    return content


@register_section(
    key="initiatives",
    title="Funded initiatives",
    order=95,
    description=(
        "Initiatives running or funded during the period (not cancelled before it): their "
        "budget, what is pledged or paid towards it in its currency, and the gap; pledges in "
        "other currencies are listed on their own, never added in."
    ),
    requires=("governance.Initiative",),
)
def initiatives_section(context: ReportContext) -> SectionContent:
    period = context.period
    initiatives = list(
        context.readable(Initiative.objects.all())
        .filter(created_at__lt=period.ends_before)
        .exclude(status=InitiativeStatus.CANCELLED, updated_at__lt=period.starts_at)
        .select_related("lead_organisation")
        .order_by("title", "pk")
    )
    funding = funding_for(initiatives)
    table = Table(
        "initiatives",
        "Initiatives and their funding, per currency",
        [
            Column("title", "Initiative", link="url"),
            Column("url", "Page", format="uri", hidden=True),
            Column("lead", "Lead organisation"),
            Column("status", "Status (identifier)", hidden=True),
            Column("status_label", "Status", values=labels(InitiativeStatus.choices)),
            Column("currency", "Currency", hidden=True),
            Column("budget", "Budget", NUMBER, shown_as=MONEY, currency="currency"),
            Column(
                "pledged_or_paid", "Pledged or paid", NUMBER, shown_as=MONEY, currency="currency"
            ),
            Column("gap", "Still missing", NUMBER, shown_as=MONEY, currency="currency"),
        ],
        description="One row per initiative and currency; a currency other than the budget's "
        "has no budget and no gap. What each organisation pledged is not published here; in "
        "the public edition a total over fewer than three pledges is left empty.",
        pdf_columns=["title", "lead", "status_label", "budget", "gap"],
    )
    for initiative in initiatives:
        money = funding[initiative.pk]
        for row in [money.in_budget_currency, *money.other_currencies]:
            in_budget = row.currency == initiative.budget_currency
            # A total over fewer than three pledges could be one organisation's amount: the
            # public edition leaves it (and the gap it gives away) out.
            shown = context.members_edition or row.pledges >= MIN_ORGANISATIONS
            total = row.total if shown else None
            gap = money.gap if in_budget and total is not None else None
            table.add(
                initiative.title,
                absolute(initiative.get_absolute_url()),
                initiative.lead_organisation.name,
                initiative.status,
                str(InitiativeStatus(initiative.status).label),
                row.currency,
                str(initiative.budget_amount) if in_budget else None,
                None if total is None else str(total),
                None if gap is None else str(gap),
            )
    content = SectionContent()
    content.figure("initiatives", "Initiatives", len(initiatives))
    content.tables.append(table)
    return content
