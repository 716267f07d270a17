"""Initiative pages (issue 17, item 2): a public list, paginated and filtered within a query
budget; an initiative's page with its budget, funding and gap per currency and its decisions,
where how much each organisation pledged is shown to members only; guided forms to create an
initiative, pledge, and mark a pledge paid; the country page's "Initiatives" section."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.initiatives import services
from governance.initiatives.models import Initiative, InitiativeStatus, Pledge, PledgeStatus
from members.models import FocusCountry
from tests.governance.initiatives_support import (
    make_initiative,
    partner_alliance,
    partner_pledge,
    pledge,
    published_decision,
)
from tests.guided import guided

pytestmark = pytest.mark.django_db


def test_the_list_filters_paginates_and_keeps_its_query_budget(
    world, client, django_assert_max_num_queries
) -> None:
    lithium = make_initiative(
        world.own,
        title="Brine water monitoring",
        countries=["BO"],
        materials=["lithium"],
        status=InitiativeStatus.RUNNING,
    )
    pledge(lithium, world.other, "2500", "EUR")
    partner_pledge(lithium, partner_alliance(), "1000", "USD")
    for number in range(27):
        made = make_initiative(world.other, title=f"Cobalt project {number}", countries=["CD"])
        pledge(made, world.own, "10", "EUR")
    with django_assert_max_num_queries(10):
        page = client.get("/governance/initiatives/").content.decode()
    assert "28 initiatives" in page
    assert "Page 1 of 2" in page
    with django_assert_max_num_queries(10):
        client.get("/governance/initiatives/?page=2")
    for query in ("status=running", "country=BO", "material=lithium", f"lead={world.own.slug}"):
        html = client.get(f"/governance/initiatives/?{query}").content.decode()
        assert "1 initiative<" in html, query
        assert "Brine water monitoring" in html
        assert "Cobalt project" not in html
    html = client.get("/governance/initiatives/?country=BO").content.decode()
    # Totals per currency, in their currency; never one sum across currencies.
    assert "2,500 EUR of 100,000 EUR" in html
    assert "97,500 EUR still missing" in html
    assert "1,000 USD pledged in USD" in html
    assert "3,500" not in html


def test_a_members_initiative_is_not_listed_for_the_public(world, client) -> None:
    make_initiative(world.own, title="Members-only plan", disclosure="members")
    assert "Members-only plan" not in client.get("/governance/initiatives/").content.decode()
    hidden = client.get(f"/governance/initiatives/{Initiative.objects.get().pk}/")
    assert hidden.status_code == 302
    assert hidden["Location"].startswith("/accounts/login/")
    member = world.client_for(Role.MEMBER)
    assert "Members-only plan" in member.get("/governance/initiatives/").content.decode()


def test_the_page_shows_totals_to_all_and_amounts_per_organisation_to_members(
    world, client
) -> None:
    decision = published_decision("Protect water in the Salar")
    initiative = make_initiative(world.own, budget_amount=Decimal("100000"), decisions=[decision])
    pledge(initiative, world.other, "12345.67", "EUR")
    paid = pledge(initiative, world.own, "20000", "EUR")
    services.pledge_mark_paid(actor=SYSTEM, pledge=paid, paid_on=timezone.localdate())
    partner_pledge(initiative, partner_alliance("Andes Alliance"), "800", "USD")
    url = initiative.get_absolute_url()

    public = client.get(url).content.decode()
    assert "Protect water in the Salar" in public
    assert "100,000 EUR" in public
    assert "32,345.67 EUR" in public  # pledged and paid, in the budget's currency
    assert "67,654.33 EUR" in public  # still missing
    assert "800 USD" in public  # the partner's total, on its own line
    assert "Pledged by: Other Organisation, Own Organisation, Andes Alliance" in public
    assert "12,345.67" not in public  # one organisation's amount: members only
    assert "20,000 EUR" not in public  # what is paid, here one organisation's: members only
    assert "Monitor <strong>water</strong>" in public

    member = world.client_for(Role.MEMBER).get(url).content.decode()
    assert "12,345.67 EUR" in member
    assert "Paid on" in member


def test_the_secretariat_creates_an_initiative_through_the_guided_form(world) -> None:
    staff = world.client_for(Role.SECRETARIAT)
    decision = published_decision("Adopted rules")
    html = staff.post("/governance/initiatives/new/", {"title": ""}).content.decode()
    guided(
        html,
        {
            "Enter the title": "id_title",
            "Enter the description": "id_description",
            "Choose the lead organisation": "id_lead_organisation",
            "Enter the budget": "id_budget_amount",
            "Choose the budget currency": "id_budget_currency",
        },
    )
    assert not Initiative.objects.exists()
    response = staff.post(
        "/governance/initiatives/new/",
        {
            "title": "Safe artisanal sites",
            "description": "Training.",
            "status": "proposed",
            "disclosure": "public",
            "lead_organisation": world.own.pk,
            "budget_amount": "25000",
            "budget_currency": "USD",
            "decisions": [decision.pk],
            "countries": ["CD"],
            "materials": ["cobalt"],
        },
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response["Location"] == initiative.get_absolute_url()
    edit = staff.get(f"/governance/initiatives/{initiative.pk}/edit/").content.decode()
    assert 'value="Safe artisanal sites"' in edit


def test_a_representative_pledges_and_withdraws_from_the_page(world) -> None:
    initiative = make_initiative(world.other)
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    url = f"/governance/initiatives/{initiative.pk}/pledge/"
    form = rep.get(url).content.decode()
    assert "Pledge for Own Organisation" in form
    assert "partner_alliance" not in form
    html = rep.post(url, {"amount": "", "currency": ""}).content.decode()
    guided(html, {"Enter the amount pledged": "id_amount", "Choose the currency": "id_currency"})
    due = timezone.localdate() + timedelta(days=30)
    response = rep.post(url, {"amount": "1500", "currency": "EUR", "due_on": due.isoformat()})
    assert response.status_code == 302
    made = Pledge.objects.get()
    assert (made.organisation, made.amount, made.due_on) == (world.own, Decimal("1500"), due)
    page = rep.get(initiative.get_absolute_url()).content.decode()
    assert f"/governance/pledges/{made.pk}/withdraw/" in page
    rep.post(f"/governance/pledges/{made.pk}/withdraw/")
    made.refresh_from_db()
    assert made.status == PledgeStatus.WITHDRAWN


def test_others_cannot_pledge_withdraw_or_mark_paid_and_nothing_changes(world) -> None:
    initiative = make_initiative(world.own)
    theirs = pledge(initiative, world.other, "100")
    member = world.client_for(Role.MEMBER)
    rep = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    assert (
        member.post(
            f"/governance/initiatives/{initiative.pk}/pledge/", {"amount": "5", "currency": "EUR"}
        ).status_code
        == 403
    )
    assert rep.post(f"/governance/pledges/{theirs.pk}/withdraw/").status_code == 403
    assert (
        rep.post(f"/governance/pledges/{theirs.pk}/paid/", {"paid_on": "2026-01-01"}).status_code
        == 403
    )
    assert (
        world.client_for(Role.SECRETARIAT)
        .post(f"/governance/pledges/{theirs.pk}/withdraw/")
        .status_code
        == 403
    )
    theirs.refresh_from_db()
    assert theirs.status == PledgeStatus.PLEDGED
    assert Pledge.objects.count() == 1


def test_the_secretariat_records_a_partner_pledge_and_marks_it_paid(world) -> None:
    initiative = make_initiative(world.own)
    alliance = partner_alliance()
    staff = world.client_for(Role.SECRETARIAT)
    url = f"/governance/initiatives/{initiative.pk}/pledge/"
    assert "Record a partner alliance" in staff.get(url).content.decode()
    staff.post(url, {"partner_alliance": alliance.pk, "amount": "700", "currency": "GBP"})
    recorded = Pledge.objects.get()
    assert (recorded.partner_alliance, recorded.currency) == (alliance, "GBP")
    paid_url = f"/governance/pledges/{recorded.pk}/paid/"
    html = staff.post(paid_url, {"paid_on": ""}).content.decode()
    guided(html, {"Enter the date the money arrived": "id_paid_on"})
    staff.post(paid_url, {"paid_on": timezone.localdate().isoformat()})
    recorded.refresh_from_db()
    assert recorded.status == PledgeStatus.PAID


def test_the_country_page_lists_its_initiatives_with_totals_only(world, client) -> None:
    FocusCountry.objects.create(country="BO", role="producer")
    initiative = make_initiative(world.own, title="Uyuni brine water", countries=["BO", "CL"])
    make_initiative(world.own, title="Elsewhere", countries=["PE"])
    pledge(initiative, world.other, "4321.09", "EUR")
    html = client.get("/countries/bo/").content.decode()
    section = html.split('id="section-initiatives"', 1)[1]
    assert "Uyuni brine water" in section
    assert "Elsewhere" not in section
    assert "4,321.09 EUR of 100,000 EUR" in section  # the total: one pledge so far
    member = world.client_for(Role.MEMBER).get("/countries/bo/").content.decode()
    assert "Uyuni brine water" in member
