"""The ballot API: votes and declarations go through the same services, with the same rules
and clear 400/403 answers that change nothing; the roll-call is published after the close;
decisions, statements, endorsements and the register of interests; query budgets."""

from __future__ import annotations

from fractions import Fraction

import pytest
from rest_framework.test import APIClient

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.ballots import services
from governance.ballots.models import Ballot, ConflictDeclaration, Decision, Vote
from tests.governance.test_ballots_factories import close, open_ballot, vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def rep_api(api_for) -> APIClient:
    return api_for(Role.ORGANISATION_REPRESENTATIVE)


def _votes() -> list[tuple[int, str]]:
    return list(Vote.objects.order_by("pk").values_list("organisation_id", "choice"))


def test_a_representative_declares_and_votes_through_the_api(world, rep_api) -> None:
    ballot = open_ballot()
    url = f"/api/v1/ballots/{ballot.pk}/"
    answer = rep_api.post(url + "votes/", {"choice": "yes"}, format="json")
    assert answer.status_code == 400
    assert "First declare whether Own Organisation has a conflict" in str(answer.json())
    assert _votes() == []

    answer = rep_api.post(url + "declarations/", {"has_conflict": False}, format="json")
    assert answer.status_code == 201
    assert answer.json()["recused"] is False

    first = rep_api.post(url + "votes/", {"choice": "yes"}, format="json")
    assert (first.status_code, first.json()["choice"]) == (201, "yes")
    second = rep_api.post(
        url + "votes/", {"choice": "no", "reason": "On reflection."}, format="json"
    )
    assert (second.status_code, second.json()["choice"]) == (200, "no")
    assert _votes() == [(world.own.pk, "no")]

    # While the ballot runs: your own organisation's vote only; others see none.
    assert [v["organisation"] for v in rep_api.get(url + "votes/").json()] == [world.own.slug]
    assert APIClient().get(url + "votes/").json() == []
    assert APIClient().get(url).json()["result"] is None


@pytest.mark.parametrize(
    ("role", "body", "status", "message"),
    [
        (Role.ORGANISATION_REPRESENTATIVE, {"choice": "consent"}, 400, "takes: yes, no, abstain"),
        (
            Role.ORGANISATION_REPRESENTATIVE,
            {"choice": "yes", "organisation": "other-organisation"},
            403,
            "You represent Own Organisation, not Other Organisation",
        ),
        (Role.MEMBER, {"choice": "yes"}, 403, "Only an organisation's representative may vote"),
        (Role.SECRETARIAT, {"choice": "yes"}, 403, "Only an organisation's representative"),
        (Role.ANONYMOUS, {"choice": "yes"}, 401, ""),
    ],
)
def test_refused_votes_answer_clearly_and_change_nothing(
    world, api_for, role: Role, body: dict, status: int, message: str
) -> None:
    ballot = open_ballot()
    vote(ballot, world.own, "abstain")
    answer = api_for(role).post(f"/api/v1/ballots/{ballot.pk}/votes/", body, format="json")
    assert answer.status_code in ({401, 403} if status == 401 else {status})
    assert message in str(answer.json())
    assert _votes() == [(world.own.pk, "abstain")]


def test_no_vote_through_the_api_after_the_close(world, rep_api) -> None:
    ballot = open_ballot()
    vote(ballot, world.own, "yes")
    close(ballot)
    answer = rep_api.post(f"/api/v1/ballots/{ballot.pk}/votes/", {"choice": "no"}, format="json")
    assert answer.status_code == 400
    assert "The ballot closed on" in str(answer.json())
    assert _votes() == [(world.own.pk, "yes")]


def test_the_roll_call_and_the_decision_after_the_close(world, api_for) -> None:
    ballot = open_ballot(method="one_member_one_vote", threshold=Fraction(1, 2))
    vote(ballot, world.own, "no", "Too soon.")
    vote(ballot, world.other, "yes")
    close(ballot)
    anonymous = api_for(Role.ANONYMOUS)
    url = f"/api/v1/ballots/{ballot.pk}/"
    roll_call = {
        v["organisation"]: (v["choice"], v["reason"]) for v in anonymous.get(url + "votes/").json()
    }
    assert roll_call == {world.own.slug: ("no", "Too soon."), world.other.slug: ("yes", "")}
    detail = anonymous.get(url).json()
    assert detail["state"] == "closed"
    assert detail["outcome"] == "adopted"
    assert detail["result"]["support"] == {"num": 1, "den": 2}
    decision = anonymous.get(url + "decision/").json()
    assert decision["outcome"] == "adopted"
    assert decision["log_seq"] == Decision.objects.get().log_entry_id
    assert decision["record"]["roll_call"][0]["organisation"]["name"]

    rep = api_for(Role.ORGANISATION_REPRESENTATIVE)
    dissent = rep.post(url + "decision/dissents/", {"text": "We dissent."}, format="json")
    assert dissent.status_code == 201
    assert dissent.json()["organisation"] == world.own.slug
    statement = api_for(Role.CIVIL_SOCIETY_REVIEWER).post(
        url + "decision/reviewer-statements/", {"text": "Sound."}, format="json"
    )
    assert statement.json()["author"] == "civil-society reviewer"
    staff = api_for(Role.SECRETARIAT)
    endorsement = staff.post(
        url + "decision/endorsements/",
        {
            "endorser_name": "Zambia",
            "country": "ZM",
            "evidence_note": "A letter.",
            "endorsed_on": "2025-01-10",
        },
        format="json",
    )
    assert endorsement.status_code == 201, endorsement.json()
    full = anonymous.get(url + "decision/").json()
    assert [len(full[k]) for k in ("dissents", "reviewer_statements", "endorsements")] == [1, 1, 1]
    assert all(item["log_seq"] for k in ("dissents", "endorsements") for item in full[k])


def test_members_only_ballots_are_for_members(world, api_for) -> None:
    ballot = open_ballot(disclosure="members")
    assert (
        api_for(Role.EXTERNAL_STAKEHOLDER).get(f"/api/v1/ballots/{ballot.pk}/").status_code == 404
    )
    assert api_for(Role.ANONYMOUS).get(f"/api/v1/ballots/{ballot.pk}/").status_code in {401, 403}
    assert api_for(Role.MEMBER).get(f"/api/v1/ballots/{ballot.pk}/").status_code == 200
    listed = api_for(Role.ANONYMOUS).get("/api/v1/ballots/").json()["results"]
    assert ballot.pk not in [b["id"] for b in listed]


def test_the_secretariat_sets_up_exempts_and_closes(world, api_for) -> None:
    from governance.proposals.models import ProposalStatus
    from tests.governance.factories import make_proposal

    staff = api_for(Role.SECRETARIAT)
    proposal = make_proposal(status=ProposalStatus.DELIBERATION)
    answer = staff.put(
        f"/api/v1/proposals/{proposal.pk}/ballot-settings/",
        {"method": "chamber_balanced", "quorum": "3/4", "threshold": {"num": 3, "den": 5}},
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["quorum"] == {"num": 3, "den": 4}
    bad = staff.put(
        f"/api/v1/proposals/{proposal.pk}/ballot-settings/",
        {"method": "chamber_balanced", "quorum": "0.5.1"},
        format="json",
    )
    assert bad.status_code == 400
    assert Ballot.objects.get().quorum == Fraction(3, 4)

    ballot = open_ballot(title="Another")
    services.conflict_declare(
        actor=SYSTEM, ballot=ballot, organisation=world.other, has_conflict=True, nature="Sponsor."
    )
    exempted = staff.post(
        f"/api/v1/ballots/{ballot.pk}/exemptions/",
        {"organisation": world.other.slug, "reason": "Declared and minor."},
        format="json",
    )
    assert exempted.status_code == 201
    assert exempted.json()["exemption_reason"] == "Declared and minor."
    assert ConflictDeclaration.objects.get(organisation=world.other).exemption
    refused = staff.post(f"/api/v1/ballots/{ballot.pk}/close/", {}, format="json")
    assert refused.status_code == 400
    assert "reason" in refused.json()
    closed = staff.post(f"/api/v1/ballots/{ballot.pk}/close/", {"reason": "Early."}, format="json")
    assert closed.json()["state"] == "closed"


def test_the_register_of_interests_through_the_api(world, api_for) -> None:
    rep = api_for(Role.ORGANISATION_REPRESENTATIVE)
    created = rep.post(
        "/api/v1/interests/", {"kind": "funding", "description": "A grant."}, format="json"
    )
    assert created.status_code == 201
    assert created.json()["organisation"] == world.own.slug
    assert api_for(Role.ANONYMOUS).get("/api/v1/interests/?current=true").json()["count"] == 1
    ended = rep.post(
        f"/api/v1/interests/{created.json()['id']}/end/", {"reason": "Over."}, format="json"
    )
    assert ended.json()["end_reason"] == "Over."
    assert api_for(Role.ANONYMOUS).get("/api/v1/interests/?current=true").json()["count"] == 0
    assert (
        api_for(Role.MEMBER)
        .post("/api/v1/interests/", {"kind": "other", "description": "X"}, format="json")
        .status_code
        == 403
    )


@pytest.mark.parametrize("rows", [2, 12])
def test_list_endpoints_query_counts_do_not_grow(
    world, api_for, django_assert_max_num_queries, rows: int
) -> None:
    for number in range(rows):
        ballot = open_ballot(title=f"Ballot {number}")
        services.interest_declare(
            actor=SYSTEM, organisation=world.own, kind="other", description=f"Interest {number}"
        )
        if number % 2:
            close(ballot)
    api = api_for(Role.MEMBER)
    with django_assert_max_num_queries(12):
        assert api.get("/api/v1/ballots/?page_size=200").json()["count"] == rows
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/interests/?page_size=200").json()["count"] == rows
