"""The initiatives API (issue 17, items 2 and 6): public initiatives with funding per currency,
each pledge's amount for members only; the same use cases as the pages, refused with 403 and
nothing changed for whoever may not act; lists keep a query budget."""

from __future__ import annotations

from decimal import Decimal

import pytest

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.initiatives import services
from governance.initiatives.models import Initiative, Pledge, PledgeStatus
from tests.governance.initiatives_support import (
    make_initiative,
    partner_alliance,
    partner_pledge,
    pledge,
    published_decision,
)

pytestmark = pytest.mark.django_db


def test_the_list_keeps_its_query_budget_and_sums_per_currency_only(
    world, api_for, django_assert_max_num_queries
) -> None:
    for number in range(12):
        made = make_initiative(world.own, title=f"Initiative {number}", countries=["CD"])
        pledge(made, world.other, "10", "EUR")
        partner_pledge(made, partner_alliance(), "7", "USD")
    with django_assert_max_num_queries(10):
        body = api_for(Role.ANONYMOUS).get("/api/v1/initiatives/?country=CD").json()
    assert body["count"] == 12
    funding = body["results"][0]["funding"]
    assert funding == [
        {"currency": "EUR", "budget": "100000.00", "total": "10.00", "gap": "99990.00"},
        {"currency": "USD", "budget": None, "total": "7.00", "gap": None},
    ]
    member = api_for(Role.MEMBER).get("/api/v1/initiatives/?country=CD").json()
    assert member["results"][0]["funding"][0]["pledged"] == "10.00"
    assert api_for(Role.ANONYMOUS).get("/api/v1/initiatives/?country=PE").json()["count"] == 0


def test_pledge_amounts_per_organisation_are_for_members(world, api_for) -> None:
    initiative = make_initiative(world.own)
    pledge(initiative, world.other, "4444.44", "EUR")
    url = f"/api/v1/initiatives/{initiative.pk}/"
    public = api_for(Role.EXTERNAL_STAKEHOLDER).get(url).json()
    assert public["pledged_by"] == ["Other Organisation"]
    assert "pledges" not in public
    assert "4444.44" in str(public)  # the total of one pledge: totals are public
    member = api_for(Role.MEMBER).get(url).json()
    assert [(p["organisation"], p["amount"]) for p in member["pledges"]] == [
        (world.other.slug, "4444.44")
    ]
    pledges = f"/api/v1/initiatives/{initiative.pk}/pledges/"
    assert api_for(Role.ANONYMOUS).get(pledges).status_code in (401, 403)
    assert api_for(Role.EXTERNAL_STAKEHOLDER).get(pledges).status_code == 403
    assert api_for(Role.CIVIL_SOCIETY_REVIEWER).get(pledges).json()[0]["amount"] == "4444.44"


def test_the_secretariat_creates_and_patches_others_cannot(world, api_for) -> None:
    decision = published_decision("Adopted")
    data = {
        "title": "Grievance desk",
        "description": "A desk.",
        "lead_organisation": world.own.slug,
        "budget_amount": "9000",
        "budget_currency": "EUR",
        "countries": ["ID"],
        "materials": ["nickel"],
        "decisions": [decision.pk],
    }
    assert (
        api_for(Role.ORGANISATION_REPRESENTATIVE)
        .post("/api/v1/initiatives/", data, format="json")
        .status_code
        == 403
    )
    assert not Initiative.objects.exists()
    bad = api_for(Role.SECRETARIAT).post(
        "/api/v1/initiatives/", {**data, "budget_currency": "EURO"}, format="json"
    )
    assert bad.status_code == 400
    assert "budget_currency" in bad.json()
    created = api_for(Role.SECRETARIAT).post("/api/v1/initiatives/", data, format="json")
    assert created.status_code == 201
    body = created.json()
    assert (body["decisions"], body["countries"], body["status"]) == (
        [decision.pk],
        ["ID"],
        "proposed",
    )
    url = f"/api/v1/initiatives/{body['id']}/"
    assert api_for(Role.MEMBER).patch(url, {"status": "running"}, format="json").status_code == 403
    patched = api_for(Role.SECRETARIAT).patch(url, {"status": "running"}, format="json")
    assert patched.json()["status"] == "running"
    assert patched.json()["decisions"] == [decision.pk]


def test_pledging_withdrawing_and_paying_through_the_api(world, api_for) -> None:
    initiative = make_initiative(world.other)
    alliance = partner_alliance()
    url = f"/api/v1/initiatives/{initiative.pk}/pledges/"
    rep = api_for(Role.ORGANISATION_REPRESENTATIVE)
    staff = api_for(Role.SECRETARIAT)
    # The representative may not record a partner alliance's pledge; the secretariat may not
    # pledge for a member organisation.
    assert (
        rep.post(
            url,
            {"amount": "5", "currency": "EUR", "partner_alliance": alliance.slug},
            format="json",
        ).status_code
        == 403
    )
    assert staff.post(url, {"amount": "5", "currency": "EUR"}, format="json").status_code == 403
    assert not Pledge.objects.exists()
    ours = rep.post(url, {"amount": "250.5", "currency": "CHF"}, format="json")
    assert ours.status_code == 201
    assert (ours.json()["organisation"], ours.json()["amount"]) == (world.own.slug, "250.50")
    theirs = staff.post(
        url, {"amount": "300", "currency": "EUR", "partner_alliance": alliance.slug}, format="json"
    )
    assert theirs.json()["partner_alliance"] == alliance.slug
    ours_id, theirs_id = ours.json()["id"], theirs.json()["id"]

    assert rep.post(f"/api/v1/pledges/{theirs_id}/withdrawal/").status_code == 403
    assert (
        rep.post(
            f"/api/v1/pledges/{ours_id}/payment/", {"paid_on": "2026-01-05"}, format="json"
        ).status_code
        == 403
    )
    assert set(Pledge.objects.values_list("status", flat=True)) == {PledgeStatus.PLEDGED}
    paid = staff.post(
        f"/api/v1/pledges/{theirs_id}/payment/", {"paid_on": "2026-01-05"}, format="json"
    )
    assert (paid.json()["status"], paid.json()["paid_on"]) == ("paid", "2026-01-05")
    withdrawn = rep.post(f"/api/v1/pledges/{ours_id}/withdrawal/")
    assert withdrawn.json()["status"] == "withdrawn"
    again = rep.post(f"/api/v1/pledges/{ours_id}/withdrawal/")
    assert again.status_code == 400


def test_a_members_initiative_and_its_pledges_stay_hidden_from_the_public(world, api_for) -> None:
    initiative = make_initiative(world.own, disclosure="members")
    services.pledge_make(
        actor=SYSTEM,
        initiative=initiative,
        organisation=world.own,
        amount=Decimal("1"),
        currency="EUR",
    )
    anonymous = api_for(Role.EXTERNAL_STAKEHOLDER)
    assert anonymous.get("/api/v1/initiatives/").json()["count"] == 0
    assert anonymous.get(f"/api/v1/initiatives/{initiative.pk}/").status_code == 404
    assert api_for(Role.MEMBER).get(f"/api/v1/initiatives/{initiative.pk}/").status_code == 200
