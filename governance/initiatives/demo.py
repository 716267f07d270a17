"""Demo data of initiatives (issue 17, item 7): two initiatives that put the adopted demo
decisions into practice, with pledges from member organisations (one paid, one withdrawn) and
from a partner alliance in another currency; the first has a funding gap, the second is
covered. Idempotent (by initiative title); everything goes through the use cases, as the
system."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from alliance_portal.policy import SYSTEM
from governance.actions.models import ActionItem
from governance.decision_log.models import PublishedDecision
from governance.initiatives import services
from governance.initiatives.models import Initiative, InitiativeStatus
from members.models import Organisation, PartnerAlliance

REMEDIATION = "Remediation-first protocol for child labour found at artisanal cobalt sites"
AUDITS = "Recognise IRMA, RMI and Copper Mark audits instead of alliance audits"
SCHOOLING = "Schooling and household income support at artisanal cobalt sites in Lualaba"
AUDIT_DATA = "One shared register of IRMA, RMI and Copper Mark audit results"

SCHOOLING_TEXT = """\
Puts the **remediation-first protocol** into practice at six artisanal cobalt sites around
Kolwezi: children found working go back to school, and their households receive income support
while the cooperatives reorganise work.

- school fees, uniforms and meals for up to 400 children for two years;
- income support for their households, paid through the cooperatives;
- follow-up visits by a child-protection organisation recognised by the working group.

The lead organisation reports progress to the secretariat every quarter."""

AUDIT_TEXT = """\
Builds the shared register the alliance needs to **recognise existing audits** instead of
running its own: members and the standard owners upload audit results once, and the register
maps them to the alliance baseline.

The register is maintained with the Global Battery Coalition, whose members use the same
audit programmes."""


def seed() -> None:
    """Seed the two initiatives and their pledges (once; nothing if the demo decisions or
    organisations are missing)."""
    if Initiative.objects.filter(title=SCHOOLING).exists():
        return
    decisions = {
        d.title: d
        for d in PublishedDecision.objects.filter(
            outcome="adopted", title__in=(REMEDIATION, AUDITS)
        )
    }
    organisations = {o.name: o for o in Organisation.objects.all()}
    alliances = {a.name: a for a in PartnerAlliance.objects.all()}
    needed = {
        "Katanga Copper-Cobalt Mining",
        "Rhine Motor Works",
        "Loire Automobiles",
        "Congo River Rights Network",
        "Rotterdam Cobalt Refinery",
        "Kanto Electronics",
    }
    if set(decisions) != {REMEDIATION, AUDITS} or not needed <= set(organisations):
        return
    if "Global Battery Coalition" not in alliances:
        return
    battery = alliances["Global Battery Coalition"]
    schooling = services.initiative_create(
        actor=SYSTEM,
        title=SCHOOLING,
        description=SCHOOLING_TEXT,
        lead_organisation=organisations["Congo River Rights Network"],
        budget_amount=Decimal("450000.00"),
        budget_currency="USD",
        status=InitiativeStatus.RUNNING,
        countries=["CD"],
        materials=["cobalt"],
        decisions=[decisions[REMEDIATION]],
        actions=_actions_of(decisions[REMEDIATION]),
        partner_alliances=[battery],
    )
    orgs = organisations
    _pledges(
        schooling,
        [
            (orgs["Rhine Motor Works"], "150000", "USD", -40, "paid"),
            (orgs["Katanga Copper-Cobalt Mining"], "120000", "USD", 10, ""),
            (orgs["Loire Automobiles"], "40000", "USD", 60, "withdrawn"),
            (battery, "50000", "EUR", 30, ""),
        ],
    )
    # USD: 450,000 budgeted, 270,000 pledged or paid: 180,000 still missing; 50,000 EUR beside.

    audits = services.initiative_create(
        actor=SYSTEM,
        title=AUDIT_DATA,
        description=AUDIT_TEXT,
        lead_organisation=organisations["Rotterdam Cobalt Refinery"],
        budget_amount=Decimal("80000.00"),
        budget_currency="EUR",
        status=InitiativeStatus.FUNDED,
        countries=["CD", "CN", "DE"],
        materials=["cobalt", "copper"],
        decisions=[decisions[AUDITS]],
        actions=_actions_of(decisions[AUDITS]),
        partner_alliances=[battery],
    )
    _pledges(
        audits,
        [
            (orgs["Kanto Electronics"], "45000", "EUR", 20, ""),
            (battery, "35000", "EUR", -5, "paid"),
        ],
    )


Pledger = Organisation | PartnerAlliance


def _pledges(initiative: Initiative, rows: list[tuple[Pledger, str, str, int, str]]) -> None:
    """Pledge each row's amount (due in so many days), then mark it paid or withdraw it."""
    today = timezone.localdate()
    for pledger, amount, currency, due_in, outcome in rows:
        values: dict[str, Any] = {
            "actor": SYSTEM,
            "initiative": initiative,
            "amount": Decimal(amount),
            "currency": currency,
            "due_on": today + timedelta(days=due_in),
        }
        if isinstance(pledger, PartnerAlliance):
            pledge = services.partner_pledge_record(partner_alliance=pledger, **values)
        else:
            pledge = services.pledge_make(organisation=pledger, **values)
        if outcome == "paid":
            services.pledge_mark_paid(
                actor=SYSTEM, pledge=pledge, paid_on=today + timedelta(days=due_in + 5)
            )
        elif outcome == "withdrawn":
            services.pledge_withdraw(actor=SYSTEM, pledge=pledge)


def _actions_of(decision: PublishedDecision) -> list[ActionItem]:
    """The demo actions on ``decision`` (the actions demo runs first): the initiative funds
    them."""
    return list(ActionItem.objects.filter(decision=decision).order_by("pk"))
