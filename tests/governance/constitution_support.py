"""Helpers of the constitution tests (issue 16, item 5): a proposal taken through a real ballot
to its decision, with an effect set by the secretariat. No tests here."""

from __future__ import annotations

from typing import Any

from alliance_portal.policy import SYSTEM
from governance.ballots.models import Ballot, Decision
from governance.bodies.models import Body, BodyKind
from governance.effects import services as effect_services
from governance.proposals import services as proposal_services
from governance.proposals.models import Proposal, ProposalStatus
from tests.governance.factories import (
    add_impact_assessment,
    assembly,
    make_proposal,
    respond_to_all,
)
from tests.governance.test_ballots_factories import close, vote

S = ProposalStatus


def board() -> Body:
    found, _ = Body.objects.get_or_create(
        slug="executive-board",
        defaults={"name": "Executive Board", "kind": BodyKind.EXECUTIVE_BOARD},
    )
    return found


def proposal_with_effect(
    kind: str, payload: Any, *, title: str = "A change", body: Body | None = None
) -> Proposal:
    """A public proposal in deliberation carrying an effect set as the system."""
    proposal = make_proposal(status=S.DELIBERATION, title=title, body=body or assembly())
    effect_services.proposal_effect_set(actor=SYSTEM, proposal=proposal, kind=kind, payload=payload)
    return proposal


def decide(proposal: Proposal, world: Any, choice: str = "yes") -> Decision:
    """Open the proposal's ballot (the body's defaults), let both member organisations of the
    world vote ``choice`` and close it on time: the decision."""
    add_impact_assessment(proposal)
    respond_to_all(proposal)
    proposal_services.proposal_transition(actor=SYSTEM, proposal=proposal, to_status=S.VOTING)
    ballot = Ballot.objects.select_related("proposal__body").get(proposal=proposal)
    vote(ballot, world.own, choice)
    vote(ballot, world.other, choice)
    close(ballot)
    return Decision.objects.select_related("log_entry").get(proposal=proposal)
