"""Initiatives and pledges (issue 17, item 2): the funding gap is worked out per currency and
never adds different currencies; withdrawn pledges do not count; the database refuses a pledge
by both or neither of an organisation and a partner alliance; who may act is the policy's, and
a refusal changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.initiatives import selectors, services
from governance.initiatives.models import Initiative, InitiativeStatus, Pledge, PledgeStatus
from tests.governance.initiatives_support import (
    make_initiative,
    partner_alliance,
    partner_pledge,
    pledge,
    published_decision,
)

pytestmark = pytest.mark.django_db
D = Decimal


def test_the_gap_is_per_currency_and_never_adds_currencies(world) -> None:
    initiative = make_initiative(world.own, budget_amount=D("100000"), budget_currency="EUR")
    alliance = partner_alliance()
    pledge(initiative, world.own, "30000", "EUR")
    paid = pledge(initiative, world.other, "20000.50", "EUR")
    services.pledge_mark_paid(actor=SYSTEM, pledge=paid, paid_on=date(2026, 3, 1))
    withdrawn = pledge(initiative, world.other, "40000", "EUR")
    services.pledge_withdraw(actor=SYSTEM, pledge=withdrawn)
    partner_pledge(initiative, alliance, "70000", "USD")
    pledge(initiative, world.own, "5000000", "CDF")

    funding = selectors.initiative_funding(initiative=initiative)

    eur = funding.in_budget_currency
    assert (eur.currency, eur.budget, eur.pledged, eur.paid) == (
        "EUR",
        D("100000"),
        D("30000"),
        D("20000.50"),
    )
    # 100,000 − (30,000 + 20,000.50); the 40,000 withdrawn and the USD and CDF do not count.
    assert eur.gap == funding.gap == D("49999.50")
    assert [(c.currency, c.total, c.gap) for c in funding.other_currencies] == [
        ("CDF", D("5000000"), None),
        ("USD", D("70000"), None),
    ]


def test_pledges_beyond_the_budget_leave_no_gap(world) -> None:
    initiative = make_initiative(world.own, budget_amount=D("1000"), budget_currency="USD")
    pledge(initiative, world.other, "1200", "USD")
    line = selectors.initiative_funding(initiative=initiative).in_budget_currency
    assert (line.gap, line.beyond_budget) == (D("0"), D("200"))


def test_funding_against_budgets_is_one_row_per_currency(world) -> None:
    euro = make_initiative(world.own, budget_amount=D("1000"), budget_currency="EUR")
    make_initiative(world.own, title="Second", budget_amount=D("500"), budget_currency="EUR")
    dollars = make_initiative(
        world.other, title="Dollars", budget_amount=D("300"), budget_currency="USD"
    )
    cancelled = make_initiative(
        world.other, title="Off", budget_amount=D("999"), budget_currency="USD"
    )
    pledge(euro, world.own, "100", "EUR")
    services.pledge_mark_paid(
        actor=SYSTEM, pledge=pledge(euro, world.other, "50", "EUR"), paid_on=date(2026, 1, 2)
    )
    pledge(euro, world.other, "77", "USD")  # not in the budget's currency: not counted here
    pledge(dollars, world.own, "120", "USD")
    pledge(cancelled, world.own, "999", "USD")
    # A cancelled initiative counts no more: neither its budget nor its pledges.
    services.initiative_update(
        actor=SYSTEM, initiative=cancelled, changes={"status": InitiativeStatus.CANCELLED}
    )

    rows = selectors.funding_against_budgets(user=SYSTEM)

    assert [(r.currency, r.initiatives, r.budget, r.pledged, r.paid, r.gap) for r in rows] == [
        ("EUR", 2, D("1500"), D("100"), D("50"), D("1350")),
        ("USD", 1, D("300"), D("120"), D("0"), D("180")),
    ]


def test_a_pledge_is_by_an_organisation_or_a_partner_alliance_never_both(world) -> None:
    initiative = make_initiative(world.own)
    alliance = partner_alliance()
    for organisation, partner in ((world.own, alliance), (None, None)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Pledge.objects.create(
                initiative=initiative,
                organisation=organisation,
                partner_alliance=partner,
                amount=D("10"),
                currency="EUR",
            )
    with pytest.raises(IntegrityError), transaction.atomic():
        Pledge.objects.create(
            initiative=initiative, organisation=world.own, amount=D("10"), currency="eur"
        )


def test_the_representative_pledges_for_their_own_organisation_only(world) -> None:
    initiative = make_initiative(world.other)
    representative = world.users[Role.ORGANISATION_REPRESENTATIVE]
    made = services.pledge_make(
        actor=representative,
        initiative=initiative,
        amount=D("2500"),
        currency="usd",
        organisation=world.other,  # ignored: a representative pledges for their own
        due_on=timezone.localdate() + timedelta(days=30),
    )
    assert (made.organisation, made.currency, made.status) == (world.own, "USD", "pledged")
    assert made.pledged_by == representative


@pytest.mark.parametrize(
    "role", [Role.MEMBER, Role.SECRETARIAT, Role.EXTERNAL_STAKEHOLDER, Role.CIVIL_SOCIETY_REVIEWER]
)
def test_others_cannot_pledge_for_an_organisation(world, role) -> None:
    initiative = make_initiative(world.own)
    with pytest.raises(PermissionDenied):
        services.pledge_make(
            actor=world.users[role], initiative=initiative, amount=D("1"), currency="EUR"
        )
    assert not Pledge.objects.exists()


def test_only_the_secretariat_records_a_partner_pledge_and_marks_paid(world) -> None:
    initiative = make_initiative(world.own)
    alliance = partner_alliance()
    representative = world.users[Role.ORGANISATION_REPRESENTATIVE]
    with pytest.raises(PermissionDenied):
        services.partner_pledge_record(
            actor=representative,
            initiative=initiative,
            partner_alliance=alliance,
            amount=D("1"),
            currency="EUR",
        )
    recorded = services.partner_pledge_record(
        actor=world.users[Role.SECRETARIAT],
        initiative=initiative,
        partner_alliance=alliance,
        amount=D("900"),
        currency="EUR",
    )
    with pytest.raises(PermissionDenied):
        services.pledge_mark_paid(actor=representative, pledge=recorded, paid_on=date(2026, 1, 1))
    recorded.refresh_from_db()
    assert recorded.status == PledgeStatus.PLEDGED
    services.pledge_mark_paid(
        actor=world.users[Role.SECRETARIAT], pledge=recorded, paid_on=date(2026, 1, 1)
    )
    recorded.refresh_from_db()
    assert (recorded.status, recorded.paid_on) == (PledgeStatus.PAID, date(2026, 1, 1))


def test_only_the_pledging_organisations_representative_withdraws(world, make_organisation) -> None:
    initiative = make_initiative(world.own)
    theirs = pledge(initiative, world.other, "100")
    ours = pledge(initiative, world.own, "100")
    representative = world.users[Role.ORGANISATION_REPRESENTATIVE]
    for actor in (representative, world.users[Role.SECRETARIAT], world.users[Role.MEMBER]):
        with pytest.raises(PermissionDenied):
            services.pledge_withdraw(actor=actor, pledge=theirs)
    theirs.refresh_from_db()
    assert theirs.status == PledgeStatus.PLEDGED
    services.pledge_withdraw(actor=representative, pledge=ours)
    ours.refresh_from_db()
    assert ours.status == PledgeStatus.WITHDRAWN
    assert ours.withdrawn_at is not None
    with pytest.raises(ValidationError, match="withdrawn already"):
        services.pledge_withdraw(actor=representative, pledge=ours)


def test_a_paid_pledge_cannot_be_withdrawn_and_no_payment_in_the_future(world) -> None:
    initiative = make_initiative(world.own)
    ours = pledge(initiative, world.own, "100")
    with pytest.raises(ValidationError, match="future"):
        services.pledge_mark_paid(
            actor=SYSTEM, pledge=ours, paid_on=timezone.localdate() + timedelta(days=1)
        )
    services.pledge_mark_paid(actor=SYSTEM, pledge=ours, paid_on=timezone.localdate())
    with pytest.raises(ValidationError, match="paid already"):
        services.pledge_withdraw(actor=world.users[Role.ORGANISATION_REPRESENTATIVE], pledge=ours)


def test_bad_pledges_and_closed_initiatives_are_refused(world) -> None:
    initiative = make_initiative(world.own)
    for amount, currency, field in ((D("0"), "EUR", "amount"), (D("5"), "XYZ", "currency")):
        with pytest.raises(ValidationError) as refused:
            services.pledge_make(
                actor=SYSTEM,
                initiative=initiative,
                organisation=world.own,
                amount=amount,
                currency=currency,
            )
        assert field in refused.value.message_dict
    services.initiative_update(
        actor=SYSTEM, initiative=initiative, changes={"status": InitiativeStatus.COMPLETED}
    )
    with pytest.raises(ValidationError, match="takes no more pledges"):
        pledge(initiative, world.own, "10")
    assert not Pledge.objects.exists()


def test_the_secretariat_creates_and_edits_initiatives_with_adopted_decisions(world) -> None:
    adopted = published_decision("Water rules")
    rejected = published_decision("Rejected rules", outcome="rejected")
    secretariat = world.users[Role.SECRETARIAT]
    with pytest.raises(PermissionDenied):
        services.initiative_create(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE],
            title="Mine",
            description="Mine.",
            lead_organisation=world.own,
            budget_amount=D("1"),
            budget_currency="EUR",
        )
    with pytest.raises(ValidationError) as refused:
        services.initiative_create(
            actor=secretariat,
            title=" ",
            description="Text",
            lead_organisation=world.applicant,
            budget_amount=D("-1"),
            budget_currency="EURO",
            decisions=[adopted],
        )
    assert set(refused.value.message_dict) == {
        "title",
        "lead_organisation",
        "budget_amount",
        "budget_currency",
    }
    initiative = services.initiative_create(
        actor=secretariat,
        title="Water",
        description="Text",
        lead_organisation=world.own,
        budget_amount=D("5000"),
        budget_currency="eur",
        countries=["bo", "CL"],
        materials=["lithium"],
        decisions=[adopted],
    )
    assert (initiative.budget_currency, [str(c) for c in initiative.countries]) == (
        "EUR",
        ["BO", "CL"],
    )
    with pytest.raises(ValidationError, match="Link only adopted decisions"):
        services.initiative_update(
            actor=secretariat, initiative=initiative, changes={"decisions": [rejected]}
        )
    services.initiative_update(
        actor=secretariat,
        initiative=initiative,
        changes={"status": InitiativeStatus.RUNNING, "budget_amount": D("6000")},
    )
    initiative.refresh_from_db()
    assert (initiative.status, initiative.budget_amount) == ("running", D("6000"))
    assert list(initiative.decisions.all()) == [adopted]


def test_an_initiative_funds_actions_of_the_decisions_it_links_only(world) -> None:
    from alliance_portal.disclosure import DisclosureLevel
    from tests.governance.actions_support import action, decision

    linked, other = decision("Remediation"), decision("Audits")
    funded = action(world.own, on=linked, title="Open the school")
    hidden = action(
        world.own, on=linked, title="Pay the teachers", disclosure=DisclosureLevel.SECRETARIAT
    )
    stray = action(world.own, on=other, title="Audit the smelter")
    with pytest.raises(ValidationError, match="Link only actions of the decisions"):
        make_initiative(world.own, decisions=[linked], actions=[funded, stray])
    assert not Initiative.objects.exists()
    initiative = make_initiative(world.own, decisions=[linked], actions=[funded, hidden])
    assert set(initiative.actions.all()) == {funded, hidden}
    # Unlinking the decision while its actions stay linked is refused, nothing changed.
    with pytest.raises(ValidationError, match="Open the school"):
        services.initiative_update(
            actor=SYSTEM, initiative=initiative, changes={"decisions": [other]}
        )
    assert list(initiative.decisions.all()) == [linked]
    page = Client().get(initiative.get_absolute_url()).content.decode()
    assert "Open the school" in page
    assert "Pay the teachers" not in page  # secretariat-level: not for the public
    answer = APIClient().get(f"/api/v1/initiatives/{initiative.pk}/").json()
    assert answer["actions"] == [funded.pk]
