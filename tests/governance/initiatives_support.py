"""Builders for the initiative tests and the access matrix's initiative cases."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from alliance_portal.policy import SYSTEM
from governance.decision_log.models import PublishedDecision
from governance.initiatives import services
from governance.initiatives.models import Initiative
from members.models import Organisation, PartnerAlliance


def published_decision(
    title: str = "Adopted decision", outcome: str = "adopted"
) -> PublishedDecision:
    from governance.decision_log.services import decision_log_append

    entry = decision_log_append(
        kind="decision",
        record={
            "proposal": {"id": 1, "title": title},
            "body": {"slug": "assembly", "name": "Assembly"},
            "outcome": outcome,
        },
    )
    return PublishedDecision.objects.get(entry_id=entry.seq)


def partner_alliance(name: str = "Andean Partner Alliance") -> PartnerAlliance:
    alliance, _ = PartnerAlliance.objects.get_or_create(
        name=name,
        defaults={
            "slug": name.lower().replace(" ", "-"),
            "liaison_name": "Liaison",
            "liaison_email": "liaison@partner.example",
        },
    )
    return alliance


def make_initiative(lead: Organisation, **fields: Any) -> Initiative:
    fields.setdefault("title", "Water monitoring")
    fields.setdefault("description", "Monitor **water** around the mines.")
    fields.setdefault("budget_amount", Decimal("100000"))
    fields.setdefault("budget_currency", "EUR")
    return services.initiative_create(actor=SYSTEM, lead_organisation=lead, **fields)


def pledge(initiative: Initiative, organisation: Organisation, amount: str, currency: str = "EUR"):
    return services.pledge_make(
        actor=SYSTEM,
        initiative=initiative,
        organisation=organisation,
        amount=Decimal(amount),
        currency=currency,
    )


def partner_pledge(initiative: Initiative, alliance: PartnerAlliance, amount: str, currency: str):
    return services.partner_pledge_record(
        actor=SYSTEM,
        initiative=initiative,
        partner_alliance=alliance,
        amount=Decimal(amount),
        currency=currency,
    )
