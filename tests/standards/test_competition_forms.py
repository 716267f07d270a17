"""Competition-law safeguards on the forms that collect member information (issue 20, item 3):
each shows the competition-law statement in force beside the sharing protocol, and each use
case behind them refuses text asking for prices, costs, capacities, customer or supplier lists
or future commercial plans, whichever door it comes through."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from alliance_portal.competition_law import RULE
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from members.models import AgreementKind, Person
from members.services import agreement_publish, agreements_accept
from standards import services
from tests.standards.test_standing_parts import adopted_tier, cycle

pytestmark = pytest.mark.django_db


def publish_statement(world) -> None:
    """Statement version 1, accepted by the people of the world (so they stay members)."""
    statement = agreement_publish(
        actor=SYSTEM,
        kind=AgreementKind.COMPETITION,
        title="Competition-law statement",
        text=f"1. {RULE}",
    )
    for person in Person.objects.all():
        agreements_accept(actor=SYSTEM, person=person, agreements=[statement])


def test_every_form_collecting_member_information_shows_the_competition_statement(
    world, crosswalk
) -> None:
    publish_statement(world)
    world.own.value_chain_stages = ["products"]
    world.own.save(update_fields=["value_chain_stages"])
    adopted_tier(crosswalk)
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    slug = world.own.slug
    for url in (
        reverse("standards:certification-create", args=[slug]),
        reverse("standards:commitment-declare", args=[slug]),
        reverse("standards:demand-create", args=[slug]),
        reverse("standards:acceptance-create"),
        reverse("standards:report-form", args=[cycle("2026 annual", due_in=30).pk]),
        reverse("members:organisation-edit", args=[slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "What you share, and with whom" in html, url
        assert "Competition-law statement, version 1:" in html, url
        assert RULE in html, url
        assert "Read the whole statement" in html, url


def test_before_a_statement_is_published_the_forms_still_state_the_rule(world) -> None:
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    html = client.get(reverse("standards:acceptance-create")).content.decode()
    assert "The alliance's competition-law rule:" in html
    assert RULE in html


def test_each_use_case_behind_the_forms_refuses_commercial_information(world, crosswalk) -> None:
    actor = world.users[Role.ORGANISATION_REPRESENTATIVE]
    with pytest.raises(ValidationError) as refused:
        services.demand_record(
            actor=actor,
            organisation=world.own,
            material="cobalt",
            elements=[crosswalk.element(crosswalk.baseline, "B-1.1")],
            note="Suppliers: send us your price list for 2027.",
        )
    assert "prices" in refused.value.message_dict["note"][0]
    with pytest.raises(ValidationError) as refused:
        services.certification_record(
            actor=actor,
            organisation=world.own,
            fields=services.CertificationFields(
                version=crosswalk.alpha, sites="Kolwezi smelter (smelting capacity 40 kt)"
            ),
        )
    assert RULE in refused.value.message_dict["sites"][0]
    with pytest.raises(ValidationError) as refused:
        services.acceptance_request_draft(
            actor=actor,
            organisation=world.own,
            fields=services.AcceptanceFields(
                version=crosswalk.alpha,
                statement="Attached: a list of our customers and suppliers.",
            ),
        )
    assert "customer or supplier lists" in refused.value.message_dict["statement"][0]
    requirement = crosswalk.element(crosswalk.baseline, "B-1.1")
    with pytest.raises(ValidationError) as refused:
        services.report_save_draft(
            actor=actor,
            cycle=cycle("2026 annual", due_in=30),
            organisation=world.own,
            answers=[
                services.AnswerFields(
                    requirement=requirement, plans="Our commercial plans for the new refinery."
                )
            ],
        )
    (problem,) = refused.value.message_dict["answers"]
    assert problem.startswith(f"{requirement.ref} ")
    assert "future commercial plans" in problem


def test_the_page_and_the_api_refuse_with_the_explained_message(world, crosswalk) -> None:
    """The demand form and its API answer alike: the field's message, nothing saved."""
    from standards.models import Demand

    world.own.value_chain_stages = ["products"]
    world.own.save(update_fields=["value_chain_stages"])
    element = crosswalk.element(crosswalk.baseline, "B-1.1")
    client = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    response = client.post(
        reverse("standards:demand-create", args=[world.own.slug]),
        {"material": "cobalt", "requirements": [element.pk], "note": "Production costs per tonne"},
    )
    assert response.status_code == 200
    assert "This asks for costs" in response.content.decode()
    assert not Demand.objects.exists()
