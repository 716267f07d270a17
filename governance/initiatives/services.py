"""Use cases of initiatives and pledges: the secretariat creates and edits initiatives and
records partner alliances' pledges and payments; an organisation's representative pledges for
their organisation and may withdraw the pledge before it is paid. Each refusal names what to
change; nothing is written when one is raised."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_countries import countries as country_list

from alliance_portal import policy
from alliance_portal.audit import use_case
from alliance_portal.types import Actor
from governance.actions.models import ActionItem
from governance.common.services import acting_user
from governance.currencies import is_currency
from governance.decision_log.models import PublishedDecision
from governance.initiatives.models import (
    INITIATIVE_DISCLOSURE_LEVELS,
    Initiative,
    InitiativeStatus,
    Pledge,
    PledgeStatus,
)
from members.models import MembershipStatus, Organisation, PartnerAlliance
from members.vocabularies import Material

ADOPTED = "adopted"
# What ``initiative_update`` may change; the links are given as lists.
EDITABLE = (
    "title",
    "description",
    "status",
    "disclosure",
    "lead_organisation",
    "budget_amount",
    "budget_currency",
    "countries",
    "materials",
)
LINKS = ("decisions", "actions", "partner_alliances")


def _check_money(errors: dict[str, str], field: str, amount: Any, currency: str) -> None:
    if not isinstance(amount, Decimal) or not amount.is_finite():
        errors[field] = "Enter the amount as a number."
    elif amount.as_tuple().exponent < -2:  # type: ignore[operator]
        errors[field] = "Enter the amount with at most two decimals."
    elif amount >= Decimal("1e12"):
        errors[field] = "Enter an amount below one million million."
    currency_field = "currency" if field == "amount" else "budget_currency"
    if not is_currency(currency):
        errors[currency_field] = "Enter the currency as its ISO 4217 code, like EUR or USD."


def _check_initiative(values: dict[str, Any]) -> dict[str, Any]:
    """The initiative's fields cleaned, or every problem at once."""
    errors: dict[str, str] = {}
    values["title"] = values["title"].strip()
    values["description"] = values["description"].strip()
    values["budget_currency"] = values["budget_currency"].strip().upper()
    if not values["title"]:
        errors["title"] = "Enter the initiative's title."
    if not values["description"]:
        errors["description"] = "Describe what the initiative will do."
    _check_money(errors, "budget_amount", values["budget_amount"], values["budget_currency"])
    if "budget_amount" not in errors and values["budget_amount"] < 0:
        errors["budget_amount"] = "Enter a budget of zero or more."
    if values["status"] not in InitiativeStatus.values:
        errors["status"] = "Choose the initiative's status from the list."
    if values["disclosure"] not in INITIATIVE_DISCLOSURE_LEVELS:
        errors["disclosure"] = "Choose who may read the initiative: everyone or members."
    lead: Organisation | None = values["lead_organisation"]
    if lead is None or lead.membership_status != MembershipStatus.ACTIVE:
        errors["lead_organisation"] = "Choose an active member organisation to lead it."
    values["countries"] = [str(code).upper() for code in dict.fromkeys(values["countries"])]
    if any(code not in country_list for code in values["countries"]):
        errors["countries"] = "Choose the countries from the list."
    values["materials"] = list(dict.fromkeys(values["materials"]))
    if any(code not in Material.values for code in values["materials"]):
        errors["materials"] = "Choose the materials from the list."
    if errors:
        raise ValidationError(errors)
    return values


def _check_decisions(decisions: Iterable[PublishedDecision]) -> list[PublishedDecision]:
    decisions = list(decisions)
    refused = [d.title for d in decisions if d.outcome != ADOPTED]
    if refused:
        raise ValidationError(
            {"decisions": "Link only adopted decisions; not adopted: " + "; ".join(refused)}
        )
    return decisions


@use_case
def initiative_create(
    *,
    actor: Actor,
    title: str,
    description: str,
    lead_organisation: Organisation | None,
    budget_amount: Decimal,
    budget_currency: str,
    status: str = InitiativeStatus.PROPOSED,
    disclosure: str = "public",
    countries: Iterable[str] = (),
    materials: Iterable[str] = (),
    decisions: Iterable[PublishedDecision] = (),
    actions: Iterable[ActionItem] = (),
    partner_alliances: Iterable[PartnerAlliance] = (),
) -> Initiative:
    """Create an initiative (the secretariat). Refused: no title or description, a budget that
    is negative or not in an ISO 4217 currency, a lead that is not an active member, a linked
    decision that was not adopted, an action of a decision it does not link."""
    policy.require(actor, "initiative.manage")
    values = _check_initiative(
        {
            "title": title,
            "description": description,
            "lead_organisation": lead_organisation,
            "budget_amount": budget_amount,
            "budget_currency": budget_currency,
            "status": status,
            "disclosure": disclosure,
            "countries": list(countries),
            "materials": list(materials),
        }
    )
    linked = _check_decisions(decisions)
    funded = _check_actions(actions, linked)
    initiative = Initiative.objects.create(**values)
    initiative.decisions.set(linked)
    initiative.actions.set(funded)
    initiative.partner_alliances.set(list(partner_alliances))
    return initiative


@use_case
def initiative_update(
    *,
    actor: Actor,
    initiative: Initiative,
    changes: dict[str, Any],
) -> Initiative:
    """Change an initiative's fields and links (the secretariat): ``changes`` names fields of
    ``EDITABLE`` and, as lists, ``decisions``, ``actions`` and ``partner_alliances``. The same
    checks as creating it."""
    policy.require(actor, "initiative.manage", initiative)
    unknown = set(changes) - set(EDITABLE) - set(LINKS)
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    values = {name: changes.get(name, getattr(initiative, name)) for name in EDITABLE}
    values["countries"] = [str(c) for c in values["countries"]]
    values = _check_initiative(values)
    linked = _check_decisions(changes["decisions"]) if "decisions" in changes else None
    funded = _check_actions(
        changes["actions"] if "actions" in changes else initiative.actions.all(),
        linked if linked is not None else list(initiative.decisions.all()),
    )
    for name, value in values.items():
        setattr(initiative, name, value)
    initiative.updated_at = timezone.now()
    initiative.save()
    if linked is not None:
        initiative.decisions.set(linked)
    initiative.actions.set(funded)
    if "partner_alliances" in changes:
        initiative.partner_alliances.set(list(changes["partner_alliances"]))
    return initiative


def _check_actions(
    actions: Iterable[ActionItem], decisions: Iterable[PublishedDecision]
) -> list[ActionItem]:
    """The actions, when each carries out one of the linked decisions."""
    actions = list(actions)
    linked = {decision.pk for decision in decisions}
    stray = [action.title for action in actions if action.decision_id not in linked]
    if stray:
        raise ValidationError(
            {
                "actions": "Link only actions of the decisions this initiative puts into "
                "practice (link the decision first): " + "; ".join(stray)
            }
        )
    return actions


def _check_pledge(initiative: Initiative, amount: Any, currency: str) -> tuple[Decimal, str]:
    errors: dict[str, str] = {}
    currency = currency.strip().upper()
    _check_money(errors, "amount", amount, currency)
    if "amount" not in errors and amount <= 0:
        errors["amount"] = "Enter an amount greater than zero."
    if errors:
        raise ValidationError(errors)
    if not Initiative.objects.get(pk=initiative.pk).open_for_pledges:
        raise ValidationError(
            f"“{initiative.title}” is {initiative.get_status_display().lower()}: "
            "it takes no more pledges."
        )
    return amount, currency


@use_case
def pledge_make(
    *,
    actor: Actor,
    initiative: Initiative,
    amount: Decimal,
    currency: str,
    due_on: date | None = None,
    organisation: Organisation | None = None,
) -> Pledge:
    """Pledge ``amount`` in ``currency`` towards ``initiative`` for the representative's own
    organisation (the system names one). Refused: not a representative, an organisation that
    is not an active member, an amount of zero or less, a currency that is not ISO 4217, an
    initiative completed or cancelled."""
    policy.require(actor, "pledge.make", initiative)
    own = policy.represented_organisation_id(actor)
    if own is not None:
        organisation = Organisation.objects.get(pk=own)
    if organisation is None:
        raise ValidationError({"organisation": "Name the organisation that pledges."})
    if organisation.membership_status != MembershipStatus.ACTIVE:
        raise ValidationError({"organisation": "Only an active member organisation pledges."})
    amount, currency = _check_pledge(initiative, amount, currency)
    return Pledge.objects.create(
        initiative=initiative,
        organisation=organisation,
        amount=amount,
        currency=currency,
        due_on=due_on,
        pledged_by=acting_user(actor),
    )


@use_case
def partner_pledge_record(
    *,
    actor: Actor,
    initiative: Initiative,
    partner_alliance: PartnerAlliance | None,
    amount: Decimal,
    currency: str,
    due_on: date | None = None,
) -> Pledge:
    """Record what a partner alliance pledged towards ``initiative`` (the secretariat). The
    same checks as a member's pledge."""
    policy.require(actor, "pledge.record_partner", initiative)
    if partner_alliance is None:
        raise ValidationError({"partner_alliance": "Choose the partner alliance that pledged."})
    amount, currency = _check_pledge(initiative, amount, currency)
    return Pledge.objects.create(
        initiative=initiative,
        partner_alliance=partner_alliance,
        amount=amount,
        currency=currency,
        due_on=due_on,
        pledged_by=acting_user(actor),
    )


def _locked(pledge: Pledge) -> Pledge:
    return Pledge.objects.select_for_update().select_related("initiative").get(pk=pledge.pk)


@use_case
def pledge_withdraw(*, actor: Actor, pledge: Pledge) -> Pledge:
    """Withdraw a pledge that is not paid: its organisation's representative (a partner
    alliance's: the secretariat). A withdrawn pledge no longer counts towards the budget."""
    policy.require(actor, "pledge.withdraw", pledge)
    pledge = _locked(pledge)
    if pledge.status != PledgeStatus.PLEDGED:
        raise ValidationError(f"This pledge is {pledge.get_status_display().lower()} already.")
    pledge.status = PledgeStatus.WITHDRAWN
    pledge.withdrawn_at = timezone.now()
    pledge.save(update_fields=["status", "withdrawn_at"])
    return pledge


@use_case
def pledge_mark_paid(*, actor: Actor, pledge: Pledge, paid_on: date) -> Pledge:
    """Record that a pledge's money arrived on ``paid_on`` (the secretariat). Refused: a pledge
    withdrawn or paid already, a date in the future."""
    policy.require(actor, "pledge.mark_paid", pledge)
    pledge = _locked(pledge)
    if pledge.status != PledgeStatus.PLEDGED:
        raise ValidationError(f"This pledge is {pledge.get_status_display().lower()} already.")
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": "Enter the date the money arrived: not a future date."})
    pledge.status = PledgeStatus.PAID
    pledge.paid_on = paid_on
    pledge.save(update_fields=["status", "paid_on"])
    return pledge
