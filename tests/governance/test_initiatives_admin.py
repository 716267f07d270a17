"""The initiatives' admin goes through the same use cases (issue 17, item 6): an initiative
added and edited there is checked like on its page; a pledge added there is a partner
alliance's; a pledge's status moves only from pledged to paid or withdrawn; neither is
deleted."""

from __future__ import annotations

from datetime import date

import pytest

from alliance_portal.roles import Role
from governance.initiatives.models import Initiative, Pledge, PledgeStatus
from tests.governance.initiatives_support import (
    make_initiative,
    partner_alliance,
    published_decision,
)

pytestmark = pytest.mark.django_db
NO_PLEDGES = {"pledges-TOTAL_FORMS": "0", "pledges-INITIAL_FORMS": "0"}


def test_the_admin_creates_an_initiative_through_its_use_case(world) -> None:
    staff = world.client_for(Role.SECRETARIAT)
    decision = published_decision("Adopted in the admin")
    data = {
        "title": "From the admin",
        "description": "Text.",
        "status": "proposed",
        "disclosure": "public",
        "lead_organisation": world.own.pk,
        "budget_amount": "1000",
        "budget_currency": "XYZ",
        "materials": "cobalt",
        "decisions": [decision.pk],
        **NO_PLEDGES,
    }
    refused = staff.post("/admin/governance/initiative/add/", data, follow=True)
    assert "Enter the currency as its ISO 4217 code" in refused.content.decode()
    assert not Initiative.objects.exists()
    response = staff.post("/admin/governance/initiative/add/", {**data, "budget_currency": "EUR"})
    assert response.status_code == 302, response.content.decode()[:2000]
    initiative = Initiative.objects.get()
    assert (initiative.materials, list(initiative.decisions.all())) == (["cobalt"], [decision])
    assert staff.get(f"/admin/governance/initiative/{initiative.pk}/delete/").status_code == 403


def test_the_admin_records_a_partner_pledge_and_marks_it_paid(world) -> None:
    staff = world.client_for(Role.SECRETARIAT)
    initiative = make_initiative(world.own)
    alliance = partner_alliance()
    response = staff.post(
        "/admin/governance/pledge/add/",
        {
            "initiative": initiative.pk,
            "partner_alliance": alliance.pk,
            "amount": "1500",
            "currency": "USD",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    recorded = Pledge.objects.get()
    assert (recorded.partner_alliance, recorded.pledged_by) == (
        alliance,
        world.users[Role.SECRETARIAT],
    )
    url = f"/admin/governance/pledge/{recorded.pk}/change/"
    staff.post(url, {"status": "paid", "paid_on": "2026-02-03"})
    recorded.refresh_from_db()
    assert (recorded.status, recorded.paid_on) == (PledgeStatus.PAID, date(2026, 2, 3))
    back = staff.post(url, {"status": "pledged", "paid_on": ""}, follow=True)
    assert "never back" in back.content.decode()
    recorded.refresh_from_db()
    assert recorded.status == PledgeStatus.PAID
