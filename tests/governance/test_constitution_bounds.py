"""A constitution the secretariat cannot bend alone (issue 16, item 5): ballots and
consultations outside a body's constitution are refused with the rule quoted, and the
constitution changes only by a decision of the General Assembly."""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.ballots import services as ballot_services
from governance.bodies.constitution import constitution_for
from governance.bodies.models import Constitution
from governance.effects import services as effect_services
from governance.effects.models import ProposalEffect
from governance.proposals import services as proposal_services
from governance.proposals.models import ProposalStatus
from tests.governance.constitution_support import board, decide, proposal_with_effect
from tests.governance.factories import assembly, make_proposal

S = ProposalStatus
pytestmark = pytest.mark.django_db

BOARD_RULES = {
    "body": "executive-board",
    "min_consultation_days": 21,
    "bounds": {"one_member_one_vote": {"quorum": "1/2", "threshold": "2/3"}},
}


def _adopt_board_rules(world) -> int:
    """The General Assembly adopts BOARD_RULES; the seq of its decision in the public log."""
    board()
    proposal = proposal_with_effect("constitution", BOARD_RULES, title="Rules of the Board")
    decision = decide(proposal, world)
    assert decision.outcome == "adopted"
    assert decision.log_entry_id is not None
    return decision.log_entry_id


def test_a_ballot_with_a_quorum_below_the_bound_is_refused_with_the_rule_quoted(world) -> None:
    seq = _adopt_board_rules(world)
    proposal = make_proposal(status=S.DELIBERATION, body=board(), title="Board matter")
    with pytest.raises(ValidationError) as refused:
        ballot_services.ballot_configure(
            actor=world.users[Role.SECRETARIAT],
            proposal=proposal,
            method="one_member_one_vote",
            quorum=Fraction(1, 3),
            threshold=Fraction(2, 3),
        )
    assert refused.value.message_dict["quorum"] == [
        "The constitution of the Executive Board requires a quorum of at least 1/2 in a one "
        f"member, one vote ballot (adopted by decision {seq})."
    ]
    with pytest.raises(ValidationError, match="threshold of at least 2/3"):
        ballot_services.ballot_configure(
            actor=SYSTEM,
            proposal=proposal,
            method="one_member_one_vote",
            quorum=Fraction(1, 2),
            threshold=Fraction(1, 2),
        )
    ballot = ballot_services.ballot_configure(
        actor=SYSTEM,
        proposal=proposal,
        method="one_member_one_vote",
        quorum=Fraction(1, 2),
        threshold=Fraction(2, 3),
    )
    assert ballot.quorum == Fraction(1, 2)


def test_before_any_decision_the_founding_bounds_hold_and_say_so(world) -> None:
    proposal = make_proposal(status=S.DELIBERATION)
    with pytest.raises(ValidationError, match="founding settings") as refused:
        ballot_services.ballot_configure(
            actor=SYSTEM, proposal=proposal, method="consent", quorum=Fraction(1, 4)
        )
    assert "a quorum of at least 1/3 in a consent ballot" in refused.value.messages[0]


def test_a_one_minute_consultation_is_refused(world) -> None:
    now = timezone.now()
    with pytest.raises(ValidationError) as refused:
        proposal_services.proposal_create(
            actor=SYSTEM,
            body=assembly(),
            title="Quick one",
            summary="Summary.",
            text="One paragraph.",
            consultation_opens_at=now + timedelta(hours=1),
            consultation_closes_at=now + timedelta(hours=1, minutes=1),
        )
    assert refused.value.message_dict["consultation_closes_at"] == [
        "The constitution of the General Assembly requires a consultation of at least 14 days "
        "(the founding settings, which no decision has changed yet)."
    ]
    # Opening now with a closing time one minute away is refused too, and nothing changes.
    draft = make_proposal()
    proposal_services.proposal_update(
        actor=SYSTEM, proposal=draft, changes={"consultation_closes_at": now + timedelta(minutes=1)}
    )
    with pytest.raises(ValidationError, match="a consultation of at least 14 days"):
        proposal_services.consultation_open(actor=SYSTEM, proposal=draft)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_a_running_consultation_cannot_be_shortened_below_the_minimum(world) -> None:
    running = make_proposal(status=S.CONSULTATION)
    with pytest.raises(ValidationError, match="at least 14 days"):
        proposal_services.proposal_update(
            actor=SYSTEM,
            proposal=running,
            changes={"consultation_closes_at": timezone.now() + timedelta(days=2)},
        )


def test_the_board_consultation_follows_the_rule_the_assembly_adopted(world) -> None:
    seq = _adopt_board_rules(world)
    now = timezone.now()
    with pytest.raises(ValidationError, match=rf"at least 21 days \(adopted by decision {seq}\)"):
        proposal_services.proposal_create(
            actor=SYSTEM,
            body=board(),
            title="Board matter",
            summary="Summary.",
            text="One paragraph.",
            consultation_opens_at=now,
            consultation_closes_at=now + timedelta(days=20),
        )


def test_only_a_general_assembly_decision_changes_a_constitution(world) -> None:
    proposal = make_proposal(status=S.DELIBERATION, body=board(), title="Board sets own rules")
    with pytest.raises(ValidationError, match="Only a decision of the General Assembly"):
        effect_services.proposal_effect_set(
            actor=SYSTEM,
            proposal=proposal,
            kind="constitution",
            payload={"body": "executive-board", "min_consultation_days": 1},
        )
    assert constitution_for(board()).pk is None  # still the founding settings


def test_an_adopted_constitution_decision_writes_a_new_version_naming_it(world) -> None:
    seq = _adopt_board_rules(world)
    current = constitution_for(board())
    assert current.number == 1
    assert current.min_consultation_days == 21
    assert current.adopted_by.log_entry_id == seq
    assert current.bounds["one_member_one_vote"] == {"quorum": "1/2", "threshold": "2/3"}
    # Unchanged settings keep their founding values.
    assert current.cosponsor_chambers == 2
    assert current.admission_days == 30


def test_a_rejected_constitution_proposal_changes_nothing(world) -> None:
    board()
    proposal = proposal_with_effect("constitution", BOARD_RULES, title="Rules of the Board")
    decision = decide(proposal, world, choice="no")
    assert decision.outcome == "rejected"
    assert not Constitution.objects.filter(body=board()).exists()
    effect = ProposalEffect.objects.get(proposal=proposal)
    assert (effect.applied_at, effect.decision_id) == (None, None)


def test_the_database_refuses_to_change_a_constitution_version(world) -> None:
    _adopt_board_rules(world)
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE governance_constitution SET min_consultation_days = 1")
    assert constitution_for(board()).min_consultation_days == 21


def test_the_body_page_and_api_show_the_constitution_and_its_decision(world, client) -> None:
    seq = _adopt_board_rules(world)
    page = client.get(f"/governance/bodies/{board().slug}/").content.decode()
    assert "Constitution" in page
    assert f'href="/governance/decisions/{seq}/"' in page
    assert "21 days" in page
    data = client.get(f"/api/v1/bodies/{board().slug}/constitution/").json()
    assert data["adopted_by_decision"] == seq
    assert data["min_consultation_days"] == 21
    bounds = {row["method"]: row for row in data["bounds"]}
    assert bounds["one_member_one_vote"]["min_quorum"] == "1/2"
    assert bounds["consent"]["min_threshold"] is None
    founding = client.get(f"/api/v1/bodies/{assembly().slug}/constitution/").json()
    assert founding["adopted_by_decision"] is None
    assert "founding settings" in founding["adopted_how"]


def test_the_constitution_api_answers_in_a_fixed_number_of_queries(
    world, client, django_assert_max_num_queries
) -> None:
    _adopt_board_rules(world)
    with django_assert_max_num_queries(4):
        assert client.get(f"/api/v1/bodies/{board().slug}/constitution/").status_code == 200
