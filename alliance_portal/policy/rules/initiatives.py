"""Who may act on funded initiatives and their pledges: the secretariat creates and edits
initiatives, records partner alliances' pledges and marks pledges paid; a member organisation's
representative pledges for their own organisation and may withdraw its pledge."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy.actions import action
from alliance_portal.policy.principals import Principal
from alliance_portal.policy.rules.common import is_representative, is_staff, represents
from alliance_portal.roles import Role

PLEDGE_REFUSAL = "Only a member organisation's representative pledges for their organisation."
WITHDRAW_REFUSAL = (
    "Only the representative of the organisation that pledged withdraws its pledge; "
    "the secretariat withdraws a partner alliance's."
)


@action("initiative.manage", refusal="Only the secretariat creates and edits initiatives.")
def _initiative_manage(who: Principal, initiative: Any) -> bool:
    """The secretariat creates initiatives and edits them (status, budget, links)."""
    return is_staff(who)


@action("pledge.make", refusal=PLEDGE_REFUSAL)
def _pledge_make(who: Principal, initiative: Any) -> bool | str:
    """An organisation's representative pledges an amount for their own organisation."""
    if is_representative(who):
        return True
    if is_staff(who):
        return (
            f"{PLEDGE_REFUSAL} The secretariat records the pledges of partner alliances, "
            "not of member organisations."
        )
    if who.must_accept_agreements:
        return (
            f"{PLEDGE_REFUSAL} Until you accept the current membership charter and "
            "information-sharing protocol, your account does not act for your organisation."
        )
    if who.role == Role.MEMBER:
        return f"{PLEDGE_REFUSAL} Ask your organisation's representative."
    return False


@action(
    "pledge.record_partner",
    refusal="Only the secretariat records the pledges of partner alliances.",
)
def _pledge_record_partner(who: Principal, initiative: Any) -> bool:
    """The secretariat records what a partner alliance pledged."""
    return is_staff(who)


@action("pledge.withdraw", refusal=WITHDRAW_REFUSAL)
def _pledge_withdraw(who: Principal, pledge: Any) -> bool:
    """The representative of the pledging organisation withdraws its pledge; the secretariat
    withdraws a partner alliance's pledge."""
    organisation_id = getattr(pledge, "organisation_id", None)
    if organisation_id is None:
        return is_staff(who)
    return represents(who, organisation_id)


@action("pledge.mark_paid", refusal="Only the secretariat marks pledges paid.")
def _pledge_mark_paid(who: Principal, pledge: Any) -> bool:
    """The secretariat records that a pledge's money arrived."""
    return is_staff(who)
