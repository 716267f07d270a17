"""Reads of initiatives and pledges: the list with its filters, one initiative with its
funding per currency, the pledges as the reader may see them, a country's initiatives, and the
funding pledged and paid against budgets (for the balance figures).

Money is never added across currencies: every total is per currency, and an initiative's
funding gap is worked out in its budget's currency only (budget minus what is pledged and what
is paid; withdrawn pledges do not count). Pledges in other currencies are listed beside it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.shortcuts import get_object_or_404

from alliance_portal import policy
from alliance_portal.disclosure import DisclosureLevel
from governance.actions.models import ActionItem
from governance.decision_log.models import PublishedDecision
from governance.initiatives.models import Initiative, InitiativeStatus, Pledge, PledgeStatus

ZERO = Decimal("0.00")


@dataclass
class CurrencyFunding:
    """What is pledged (still promised) and paid in one currency; ``budget`` is set only in
    the budget's own currency."""

    currency: str
    pledged: Decimal = ZERO
    paid: Decimal = ZERO
    pledges: int = 0  # not withdrawn
    budget: Decimal | None = None

    @property
    def total(self) -> Decimal:
        """Pledged and paid together: what counts towards the budget."""
        return self.pledged + self.paid

    @property
    def gap(self) -> Decimal | None:
        """The budget still without a pledge (never below zero); None in another currency."""
        if self.budget is None:
            return None
        return max(self.budget - self.total, ZERO)

    @property
    def beyond_budget(self) -> Decimal:
        """What was pledged beyond the budget, in its currency."""
        if self.budget is None:
            return ZERO
        return max(self.total - self.budget, ZERO)


@dataclass
class Funding:
    """An initiative's funding: its budget's currency first, then every other currency
    pledged in (alphabetically), each on its own."""

    budget_currency: str
    in_budget_currency: CurrencyFunding
    other_currencies: list[CurrencyFunding] = field(default_factory=list)

    @property
    def gap(self) -> Decimal:
        return self.in_budget_currency.gap or ZERO

    @property
    def currencies(self) -> list[CurrencyFunding]:
        return [self.in_budget_currency, *self.other_currencies]


def _funding(initiative: Initiative, rows: Iterable[dict[str, Any]]) -> Funding:
    per_currency: dict[str, CurrencyFunding] = {}
    for row in rows:
        currency = row["currency"]
        line = per_currency.setdefault(currency, CurrencyFunding(currency=currency))
        if row["status"] == PledgeStatus.PAID:
            line.paid += row["total"]
        else:
            line.pledged += row["total"]
        line.pledges += row["count"]
    budget_currency = initiative.budget_currency
    own = per_currency.pop(budget_currency, CurrencyFunding(currency=budget_currency))
    own.budget = initiative.budget_amount
    return Funding(
        budget_currency=budget_currency,
        in_budget_currency=own,
        other_currencies=[per_currency[code] for code in sorted(per_currency)],
    )


def _counted_pledges(initiative_ids: Iterable[int]) -> QuerySet[Pledge, dict[str, Any]]:
    return (
        Pledge.objects.filter(initiative_id__in=list(initiative_ids))
        .exclude(status=PledgeStatus.WITHDRAWN)
        .values("initiative_id", "currency", "status")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by()
    )


def funding_for(initiatives: Iterable[Initiative]) -> dict[int, Funding]:
    """Each initiative's funding, by its id, in one query however many there are."""
    initiatives = list(initiatives)
    rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in _counted_pledges(i.pk for i in initiatives):
        rows[row["initiative_id"]].append(row)
    return {i.pk: _funding(i, rows[i.pk]) for i in initiatives}


def initiative_funding(*, initiative: Initiative) -> Funding:
    return funding_for([initiative])[initiative.pk]


def initiative_list(
    *,
    user: Any,
    status: str | None = None,
    country: str | None = None,
    material: str | None = None,
    lead: str | None = None,
) -> QuerySet[Initiative]:
    """The initiatives ``user`` may read, newest first; filters: status, country (ISO code),
    material, lead organisation (slug)."""
    queryset = policy.visible(user, Initiative.objects.all()).select_related("lead_organisation")
    if status:
        queryset = queryset.filter(status=status)
    if country:
        queryset = queryset.filter(countries__contains=country.upper())
    if material:
        queryset = queryset.filter(materials__contains=[material])
    if lead:
        queryset = queryset.filter(lead_organisation__slug=lead)
    return queryset.order_by("-created_at", "-pk")


def initiative_get(*, user: Any, pk: int) -> Initiative:
    """One initiative the user may read (404 otherwise), with its lead, decisions and partner
    alliances."""
    queryset = Initiative.objects.select_related("lead_organisation").prefetch_related(
        Prefetch("decisions", queryset=PublishedDecision.objects.order_by("-decided_at")),
        "partner_alliances",
    )
    return policy.get_visible_or_404(user, queryset, pk=pk)


def amounts_visible(user: Any) -> bool:
    """Whether ``user`` may read how much each organisation pledged (members-level)."""
    return policy.reaches(user, DisclosureLevel.MEMBERS)


@dataclass(frozen=True)
class PledgeRow:
    """A pledge as the reader may see it: ``amount`` is None for those who may not read
    pledge amounts per organisation."""

    pledge: Pledge
    name: str
    by_partner_alliance: bool
    status: str
    status_label: str
    currency: str
    amount: Decimal | None
    due_on: date | None
    paid_on: date | None


def initiative_pledges(*, user: Any, initiative: Initiative) -> list[PledgeRow]:
    """The initiative's pledges for the reader: every pledge with its amount for members-level
    readers; for others the pledges still counting, without amounts or dates."""
    show = amounts_visible(user)
    pledges = initiative.pledges.select_related("organisation", "partner_alliance")
    if not show:
        pledges = pledges.exclude(status=PledgeStatus.WITHDRAWN)
    return [
        PledgeRow(
            pledge=p,
            name=p.pledger_name,
            by_partner_alliance=p.by_partner_alliance,
            status=p.status,
            status_label=p.get_status_display(),
            currency=p.currency,
            amount=p.amount if show else None,
            due_on=p.due_on if show else None,
            paid_on=p.paid_on if show else None,
        )
        for p in pledges
    ]


def pledgers(rows: Iterable[PledgeRow]) -> list[str]:
    """The names of those who pledged, once each, in the order they first pledged."""
    return list(dict.fromkeys(row.name for row in rows if row.status != PledgeStatus.WITHDRAWN))


def pledge_get(*, user: Any, pk: int) -> Pledge:
    """A pledge on an initiative the user may read (404 otherwise)."""
    pledge = get_object_or_404(
        Pledge.objects.select_related("organisation", "partner_alliance"), pk=pk
    )
    pledge.initiative = initiative_get(user=user, pk=pledge.initiative_id)
    return pledge


def country_initiatives(*, user: Any, code: str) -> list[tuple[Initiative, Funding]]:
    """The initiatives concerning a country that ``user`` may read, with their funding."""
    initiatives = list(initiative_list(user=user, country=code))
    funding = funding_for(initiatives)
    return [(i, funding[i.pk]) for i in initiatives]


@dataclass(frozen=True)
class CurrencyBudgets:
    """Across initiatives budgeted in one currency: their budgets, and what is pledged and
    paid in that currency towards them."""

    currency: str
    initiatives: int
    budget: Decimal
    pledged: Decimal
    paid: Decimal

    @property
    def gap(self) -> Decimal:
        return max(self.budget - self.pledged - self.paid, ZERO)


def funding_against_budgets(
    *, user: Any, since: date | None = None, until: date | None = None
) -> list[CurrencyBudgets]:
    """Funding pledged and paid against budgets, one row per budget currency (never added
    across currencies), over the initiatives ``user`` may read that are not cancelled, created
    from ``since`` to ``until`` (inclusive) when given. A pledge in another currency than its
    initiative's budget is not counted here (``initiative_funding`` lists it)."""
    initiatives = initiative_list(user=user)
    if since:
        initiatives = initiatives.filter(created_at__date__gte=since)
    if until:
        initiatives = initiatives.filter(created_at__date__lte=until)
    return budgets_of(initiatives)


def budgets_of(initiatives: QuerySet[Initiative]) -> list[CurrencyBudgets]:
    """``funding_against_budgets`` over the given initiatives (those a reader or a report
    edition may read), cancelled ones left out. Two queries."""
    initiatives = initiatives.exclude(status=InitiativeStatus.CANCELLED)
    budgets = {
        row["budget_currency"]: row
        for row in initiatives.values("budget_currency")
        .annotate(budget=Sum("budget_amount"), count=Count("pk"))
        .order_by()
    }
    money: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    pledges = (
        Pledge.objects.filter(initiative__in=initiatives.values("pk"))
        .exclude(status=PledgeStatus.WITHDRAWN)
        .values("currency", "initiative__budget_currency", "status")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in pledges:
        if row["currency"] == row["initiative__budget_currency"]:
            money[(row["currency"], row["status"])] += row["total"]
    return [
        CurrencyBudgets(
            currency=code,
            initiatives=budgets[code]["count"],
            budget=budgets[code]["budget"],
            pledged=money[(code, PledgeStatus.PLEDGED)],
            paid=money[(code, PledgeStatus.PAID)],
        )
        for code in sorted(budgets)
    ]


def funded_actions(*, user: Any, initiative: Initiative) -> list[ActionItem]:
    """The action items ``initiative`` funds that ``user`` may read, by due date. One query."""
    return list(
        policy.visible(user, ActionItem.objects.filter(initiatives=initiative)).order_by(
            "due_date", "pk"
        )
    )
