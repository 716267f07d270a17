"""The proposal lifecycle: one service moves proposals, refuses every step the lifecycle does
not allow with a clear message, and changes nothing then."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.consultations import services as consultation_services
from governance.consultations.models import CommentStatus
from governance.proposals import services as proposal_services
from governance.proposals.models import (
    RESULT_STATUSES,
    TRANSITIONS,
    ImpactAssessment,
    Proposal,
    ProposalStatus,
    ProposalStatusChange,
)
from tests.governance.factories import (
    add_impact_assessment,
    make_proposal,
    member_comment,
    respond_to_all,
)
from tests.governance.tabling_support import tabled, tabling_world

S = ProposalStatus
pytestmark = pytest.mark.django_db

INVALID = [
    (current, target)
    for current, target in itertools.product(S.values, S.values)
    if target not in TRANSITIONS[current]
]


def _snapshot(proposal: Proposal) -> tuple:
    proposal.refresh_from_db()
    return (
        proposal.status,
        proposal.consultation_opened_at,
        proposal.consultation_closed_at,
        ProposalStatusChange.objects.filter(proposal=proposal).count(),
    )


def test_the_whole_lifecycle_leaves_a_story() -> None:
    proposal = make_proposal(status=S.ADOPTED)
    steps = list(proposal.status_changes.values_list("from_status", "to_status"))
    assert steps == [
        (S.DRAFT, S.CONSULTATION),
        (S.CONSULTATION, S.DELIBERATION),
        (S.DELIBERATION, S.VOTING),
        (S.VOTING, S.ADOPTED),
    ]
    assert proposal.consultation_opened_at < proposal.consultation_closed_at


def _proposal_in(status: str, request: pytest.FixtureRequest) -> Proposal:
    """A proposal in ``status``: a member's tabled or declined proposal comes through the
    tabling use cases, every other status through the lifecycle."""
    if status not in (S.TABLED, S.DECLINED):
        return make_proposal(status=status)
    world = request.getfixturevalue("world")
    alliance = tabling_world()
    proposal = tabled(world.own, [alliance.miner, alliance.community])
    if status == S.DECLINED:
        proposal = proposal_services.proposal_decline(
            actor=SYSTEM, proposal=proposal, reason="Outside the alliance's scope."
        )
    return proposal


@pytest.mark.parametrize(("current", "target"), INVALID)
def test_every_invalid_transition_is_refused_with_a_message(
    current: str, target: str, request: pytest.FixtureRequest
) -> None:
    proposal = _proposal_in(current, request)
    before = _snapshot(proposal)
    if target in RESULT_STATUSES:
        move = lambda: proposal_services.proposal_record_result(  # noqa: E731
            actor=SYSTEM, proposal=proposal, result=target
        )
    else:
        move = lambda: proposal_services.proposal_transition(  # noqa: E731
            actor=SYSTEM, proposal=proposal, to_status=target, reason="Because."
        )
    with pytest.raises(ValidationError) as refused:
        move()
    message = " ".join(refused.value.messages)
    assert message, "a refusal says why"
    if target == current:
        assert "already" in message
    elif current in RESULT_STATUSES | {S.WITHDRAWN}:
        assert "does not change any more" in message
    else:
        assert "cannot become" in message
    assert _snapshot(proposal) == before


@pytest.mark.parametrize("current", [S.DRAFT, S.CONSULTATION, S.DELIBERATION, S.VOTING])
def test_withdrawn_from_any_state_before_a_result_with_a_reason(current: str) -> None:
    proposal = make_proposal(status=current)
    with pytest.raises(ValidationError, match="Say why"):
        proposal_services.proposal_transition(
            actor=SYSTEM, proposal=proposal, to_status=S.WITHDRAWN
        )
    proposal_services.proposal_transition(
        actor=SYSTEM, proposal=proposal, to_status=S.WITHDRAWN, reason="Superseded."
    )
    proposal.refresh_from_db()
    assert proposal.status == S.WITHDRAWN
    assert proposal.status_changes.last().reason == "Superseded."


def test_results_are_not_set_by_a_transition_but_by_the_tally_service(world) -> None:
    proposal = make_proposal(status=S.VOTING)
    secretariat = world.users[Role.SECRETARIAT]
    with pytest.raises(ValidationError, match="tally"):
        proposal_services.proposal_transition(
            actor=secretariat, proposal=proposal, to_status=S.ADOPTED
        )
    with pytest.raises(PermissionDenied):
        proposal_services.proposal_record_result(
            actor=world.users[Role.ORGANISATION_REPRESENTATIVE], proposal=proposal, result="adopted"
        )
    proposal_services.proposal_record_result(
        actor=secretariat, proposal=proposal, result=S.NO_QUORUM
    )
    proposal.refresh_from_db()
    assert proposal.status == S.NO_QUORUM


def test_only_the_secretariat_moves_a_proposal(world) -> None:
    proposal = make_proposal(status=S.DRAFT)
    for role in (Role.MEMBER, Role.ORGANISATION_REPRESENTATIVE, Role.CIVIL_SOCIETY_REVIEWER):
        with pytest.raises(PermissionDenied):
            proposal_services.proposal_transition(
                actor=world.users[role], proposal=proposal, to_status=S.CONSULTATION
            )
    proposal_services.proposal_transition(
        actor=world.users[Role.SECRETARIAT], proposal=proposal, to_status=S.CONSULTATION
    )
    proposal.refresh_from_db()
    assert proposal.status == S.CONSULTATION
    assert proposal.status_changes.get().actor == world.users[Role.SECRETARIAT]


def test_a_consultation_opens_only_with_a_closing_time_in_the_future() -> None:
    proposal = make_proposal(status=S.DRAFT)
    Proposal.objects.filter(pk=proposal.pk).update(consultation_closes_at=None)
    proposal.refresh_from_db()
    with pytest.raises(ValidationError, match="closing time"):
        proposal_services.consultation_open(actor=SYSTEM, proposal=proposal)
    assert _snapshot(proposal)[0] == S.DRAFT


# --- the ballot's preconditions ---------------------------------------------------------------


@pytest.fixture
def ready(world) -> Proposal:
    """A proposal in deliberation with two shown comments answered and an impact assessment."""
    proposal = make_proposal(status=S.CONSULTATION)
    member_comment(proposal, world.own, "First.")
    member_comment(proposal, world.other, "Second.", paragraph=2)
    proposal_services.consultation_close(actor=SYSTEM, proposal=proposal)
    respond_to_all(proposal)
    add_impact_assessment(proposal)
    return proposal


def approved_late_comment(proposal: Proposal):
    """A shown comment without a response: a held external comment approved after closing."""
    Proposal.objects.filter(pk=proposal.pk).update(consultation_public=True)
    comment = proposal.comments.create(
        author_kind="external", text="Late but heard.", status=CommentStatus.HELD
    )
    consultation_services.comment_moderate(actor=SYSTEM, comment=comment, decision="approve")
    return comment


def test_the_ballot_opens_when_every_shown_comment_is_answered_and_impact_assessed(
    ready, world
) -> None:
    proposal_services.proposal_transition(
        actor=world.users[Role.SECRETARIAT], proposal=ready, to_status=S.VOTING
    )
    ready.refresh_from_db()
    assert ready.status == S.VOTING


def test_a_ballot_cannot_open_while_a_shown_comment_has_no_response(ready, world) -> None:
    unanswered = approved_late_comment(ready)
    before = _snapshot(ready)
    with pytest.raises(ValidationError) as refused:
        proposal_services.proposal_transition(
            actor=world.users[Role.SECRETARIAT], proposal=ready, to_status=S.VOTING
        )
    assert f"1 shown comment has no response yet (#{unanswered.pk})" in refused.value.messages[0]
    assert _snapshot(ready) == before


def test_a_ballot_cannot_open_without_an_impact_assessment(ready, world) -> None:
    ImpactAssessment.objects.filter(proposal=ready).delete()
    before = _snapshot(ready)
    with pytest.raises(ValidationError, match="No impact assessment exists"):
        proposal_services.proposal_transition(
            actor=world.users[Role.SECRETARIAT], proposal=ready, to_status=S.VOTING
        )
    assert _snapshot(ready) == before


def test_a_ballot_cannot_open_while_a_comment_awaits_moderation(ready) -> None:
    Proposal.objects.filter(pk=ready.pk).update(consultation_public=True)
    ready.comments.create(author_kind="external", text="Waiting.", status=CommentStatus.HELD)
    with pytest.raises(ValidationError, match="awaits moderation"):
        proposal_services.proposal_transition(actor=SYSTEM, proposal=ready, to_status=S.VOTING)


def test_the_refusal_reaches_the_api_as_400_and_the_page_as_a_message(ready, world) -> None:
    ImpactAssessment.objects.filter(proposal=ready).delete()
    api = world.client_for(Role.SECRETARIAT)
    response = api.post(
        f"/api/v1/proposals/{ready.pk}/transitions/",
        {"to_status": "voting"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "No impact assessment exists" in str(response.json())
    page = api.post(f"/governance/proposals/{ready.pk}/transition/", {"to_status": "voting"})
    assert page.status_code == 200
    assert "No impact assessment exists" in page.content.decode()
    ready.refresh_from_db()
    assert ready.status == S.DELIBERATION


def test_responses_and_impact_assessment_are_final_once_the_ballot_opens(ready) -> None:
    proposal_services.proposal_transition(actor=SYSTEM, proposal=ready, to_status=S.VOTING)
    comment = ready.comments.first()
    with pytest.raises(ValidationError, match="until the ballot opens"):
        consultation_services.comment_respond(
            actor=SYSTEM, comment=comment, outcome="accepted", reason="x"
        )
    with pytest.raises(ValidationError, match="final once the ballot has opened"):
        add_impact_assessment(ready)
    with pytest.raises(ValidationError, match="moderated until the ballot opens"):
        consultation_services.comment_moderate(
            actor=SYSTEM, comment=comment, decision="reject", reason="x"
        )
