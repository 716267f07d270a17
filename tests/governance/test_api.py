"""The governance API: reads for everyone the access policy admits, writes for the secretariat
through the same services as the pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.bodies import services as body_services
from governance.objectives import services as objective_services
from governance.objectives.models import Indicator, Objective
from governance.proposals import services as proposal_services
from governance.proposals.models import Proposal, ProposalStatus
from tests.governance.factories import assembly, make_proposal

S = ProposalStatus
pytestmark = pytest.mark.django_db


def test_proposal_list_filters_and_visibility(world, api_for) -> None:
    make_proposal(title="Public cobalt", materials=["cobalt"], countries=["CD"])
    make_proposal(title="Members tin", disclosure=DisclosureLevel.MEMBERS, materials=["tin"])
    anonymous = api_for(Role.ANONYMOUS)
    titles = lambda api, query="": {  # noqa: E731
        p["title"] for p in api.get(f"/api/v1/proposals/{query}").json()["results"]
    }
    assert titles(anonymous) == {"Public cobalt"}
    assert titles(api_for(Role.MEMBER)) == {"Public cobalt", "Members tin"}
    assert titles(api_for(Role.MEMBER), "?material=tin") == {"Members tin"}
    assert titles(anonymous, "?country=cd") == {"Public cobalt"}
    bad = anonymous.get("/api/v1/proposals/?status=nonsense")
    assert bad.status_code == 400
    assert "status" in bad.json()


def test_the_secretariat_tables_and_edits_a_draft(world, api_for) -> None:
    assembly()
    objective = Objective.objects.create(slug="cobalt", title="Cobalt")
    staff = api_for(Role.SECRETARIAT)
    created = staff.post(
        "/api/v1/proposals/",
        {
            "body": "general-assembly",
            "title": "Smelter list",
            "summary": "Publish it.",
            "text": "First.\n\nSecond.",
            "disclosure": "public",
            "objectives": ["cobalt"],
            "countries": ["CD", "ZM"],
            "materials": ["cobalt"],
            "consultation_public": True,
            "consultation_closes_at": "2999-01-01T12:00:00Z",
        },
    )
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["status"] == "draft"
    assert data["objectives"] == ["cobalt"]
    assert data["countries"] == ["CD", "ZM"]
    assert data["consultation"]["public"] is True
    assert [p["number"] for p in data["paragraphs"]] == [1, 2]
    proposal = Proposal.objects.get(pk=data["id"])
    assert list(proposal.objectives.all()) == [objective]

    members_only = staff.patch(f"/api/v1/proposals/{proposal.pk}/", {"disclosure": "members"})
    assert members_only.status_code == 400
    assert "consultation_public" in members_only.json()
    assert staff.patch(f"/api/v1/proposals/{proposal.pk}/", {"text": "New."}).status_code == 200
    proposal_services.consultation_open(actor=SYSTEM, proposal=proposal)
    frozen = staff.patch(f"/api/v1/proposals/{proposal.pk}/", {"text": "Sneaky edit."})
    assert frozen.status_code == 400
    assert frozen.json()["text"] == ["This changes only while the proposal is a draft."]
    assert api_for(Role.MEMBER).post("/api/v1/proposals/", {"title": "x"}).status_code == 403


def test_a_secret_level_proposal_is_refused(world, api_for) -> None:
    assembly()
    response = api_for(Role.SECRETARIAT).post(
        "/api/v1/proposals/",
        {
            "body": "general-assembly",
            "title": "Secret",
            "summary": "S.",
            "text": "T.",
            "disclosure": "secretariat",
        },
    )
    assert response.status_code == 400
    assert "disclosure" in response.json()


def test_impact_assessment_is_validated_whole(world, api_for) -> None:
    proposal = make_proposal(status=S.DELIBERATION)
    staff = api_for(Role.SECRETARIAT)
    costs = [
        {
            "kind": kind,
            "dimension": dimension,
            "borne_by": "Communities",
            "magnitude": "high",
            "horizon": "long",
            "confidence": "low",
        }
        for kind in ("action", "inaction")
        for dimension in ("economic", "social", "environmental")
    ]
    body = {
        "rationale": "Because.",
        "trade_offs": "Costs.",
        "options": [{"title": "Act", "is_chosen": True}, {"title": "Wait"}],
        "costs": costs[:-1],
    }
    url = f"/api/v1/proposals/{proposal.pk}/impact-assessment/"
    assert api_for(Role.ANONYMOUS).get(url).status_code == 404
    missing = staff.put(url, body)
    assert missing.status_code == 400
    assert missing.json()["costs"] == ["Missing: cost of inaction (environmental)."]
    unchosen = staff.put(url, {**body, "costs": costs, "options": [{"title": "Act"}]})
    assert unchosen.status_code == 400
    assert len(unchosen.json()["options"]) == 2  # too few options, none chosen
    costs[0] |= {"amount": "2500000.00", "currency": "XYZ"}
    assert staff.put(url, {**body, "costs": costs}).status_code == 400
    costs[0]["currency"] = "usd"
    saved = staff.put(url, {**body, "costs": costs})
    assert saved.status_code == 200, saved.json()
    public = api_for(Role.ANONYMOUS).get(url).json()
    economic_action = public["costs"][0]
    assert (economic_action["amount"], economic_action["currency"]) == ("2500000.00", "USD")
    assert {(c["kind"], c["dimension"]) for c in public["costs"]} == {
        (k, d) for k in ("action", "inaction") for d in ("economic", "social", "environmental")
    }


def test_objectives_indicators_and_issues(world, api_for) -> None:
    objective = Objective.objects.create(slug="wages", title="Living wages")
    indicator = Indicator.objects.create(
        objective=objective,
        name="Workers paid a living wage",
        unit="%",
        baseline_value=Decimal("48"),
        baseline_date=date(2022, 1, 1),
        target_value=Decimal("90"),
        target_date=date(2028, 12, 31),
    )
    staff = api_for(Role.SECRETARIAT)
    url = f"/api/v1/indicators/{indicator.pk}/measurements/"
    assert staff.post(url, {"measured_on": "2024-02-28", "value": "55"}).status_code == 201
    assert staff.post(url, {"measured_on": "2024-02-28", "value": "55.5"}).status_code == 201
    future = staff.post(url, {"measured_on": "2999-01-01", "value": "60"})
    assert future.status_code == 400
    assert (
        api_for(Role.MEMBER).post(url, {"measured_on": "2024-03-01", "value": "1"}).status_code
        == 403
    )
    (listed,) = api_for(Role.ANONYMOUS).get("/api/v1/objectives/").json()
    (item,) = listed["indicators"]
    assert item["measurements"] == [{"measured_on": "2024-02-28", "value": "55.5000", "source": ""}]
    assert item["latest_progress_percent"] == 18

    issue = objective_services.issue_create(
        actor=SYSTEM, title="Wages", status="parked", reason="Survey."
    )
    status_url = f"/api/v1/issues/{issue.pk}/status/"
    changed = staff.post(status_url, {"status": "contentious", "reason": "Method disputed."})
    assert changed.status_code == 200
    assert [(h["from_status"], h["to_status"]) for h in changed.json()["history"]] == [
        ("", "parked"),
        ("parked", "contentious"),
    ]
    again = staff.post(status_url, {"status": "contentious", "reason": "Still."})
    assert again.status_code == 400
    assert "already" in str(again.json())
    assert api_for(Role.ANONYMOUS).get("/api/v1/issues/?status=contentious").json()[0]["id"] == (
        issue.pk
    )


def test_bodies(world, api_for) -> None:
    from governance.bodies.models import Body, BodySeat

    board = Body.objects.create(slug="board", name="Board", kind="executive_board")
    BodySeat.objects.create(body=board, chamber=world.own.chamber, seats=2)
    body_services.seat_holder_add(
        actor=SYSTEM,
        body=board,
        organisation=world.own,
        person=world.people["own-members"],
        term_start=date(2024, 1, 1),
    )
    anonymous = api_for(Role.ANONYMOUS).get("/api/v1/bodies/board/").json()
    (row,) = anonymous["composition"]
    assert row["seats"] == 2
    assert row["voting_organisations"] == 1
    assert row["seat_holders"][0]["organisation"] == world.own.slug
    assert row["seat_holders"][0]["person"] == ""  # members-level person
    member = api_for(Role.MEMBER).get("/api/v1/bodies/board/").json()
    assert member["composition"][0]["seat_holders"][0]["person"] == "own members person"
    assert [b["slug"] for b in api_for(Role.ANONYMOUS).get("/api/v1/bodies/").json()] == ["board"]
