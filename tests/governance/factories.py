"""Helpers that build governance objects through the services, for tests and the access
matrix. Everything is done as the system (``SYSTEM``) unless a test says otherwise."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from governance.bodies.models import Body, BodyKind, Electorate
from governance.consultations import services as consultation_services
from governance.consultations.models import AuthorKind, Comment, CommentStatus
from governance.proposals import services as proposal_services
from governance.proposals.models import Proposal, ProposalStatus
from members.models import Organisation

S = ProposalStatus

TEXT = """The alliance adopts a common rule for cobalt sourcing.

Members report every case to the secretariat within 30 days.

- the secretariat publishes aggregates
- per country, never per person

The rule is reviewed after two years."""  # four numbered paragraphs


def assembly() -> Body:
    body, _ = Body.objects.get_or_create(
        slug="general-assembly",
        defaults={
            "name": "General Assembly",
            "kind": BodyKind.GENERAL_ASSEMBLY,
            "electorate": Electorate.ALL_ACTIVE_MEMBERS,
        },
    )
    return body


def impact_inputs() -> tuple[
    list[proposal_services.OptionInput], list[proposal_services.CostInput]
]:
    options = [
        proposal_services.OptionInput("Adopt the rule", "As proposed.", is_chosen=True),
        proposal_services.OptionInput("Do nothing", "Status quo."),
    ]
    costs = [
        proposal_services.CostInput(
            kind=kind,
            dimension=dimension,
            borne_by="Members",
            magnitude="medium",
            horizon="short",
            confidence="medium",
            amount=Decimal("1000.50") if dimension == "economic" else None,
            currency="USD" if dimension == "economic" else "",
        )
        for kind in ("action", "inaction")
        for dimension in ("economic", "social", "environmental")
    ]
    return options, costs


def add_impact_assessment(proposal: Proposal) -> None:
    options, costs = impact_inputs()
    proposal_services.impact_assessment_save(
        actor=SYSTEM,
        proposal=proposal,
        rationale="Because it works.",
        trade_offs="Members pay for it.",
        options=options,
        costs=costs,
    )


def respond_to_all(proposal: Proposal) -> None:
    for comment in Comment.objects.filter(proposal=proposal, status=CommentStatus.SHOWN):
        consultation_services.comment_respond(
            actor=SYSTEM, comment=comment, outcome="accepted", reason="Taken on board."
        )


def member_comment(
    proposal: Proposal, organisation: Organisation, text: str = "A comment.", **kwargs: Any
) -> Comment:
    return consultation_services.comment_record_received(
        actor=SYSTEM,
        proposal=proposal,
        text=text,
        author_kind=AuthorKind.MEMBER,
        organisation=organisation,
        **kwargs,
    )


def make_proposal(
    *,
    status: str = S.DRAFT,
    body: Body | None = None,
    disclosure: str = DisclosureLevel.PUBLIC,
    public_consultation: bool = False,
    title: str = "Common rule for cobalt sourcing",
    text: str = TEXT,
    **fields: Any,
) -> Proposal:
    """A proposal moved through the lifecycle, as the system, up to ``status``."""
    now = timezone.now()
    proposal = proposal_services.proposal_create(
        actor=SYSTEM,
        body=body or assembly(),
        title=title,
        summary="A short summary.",
        text=text,
        disclosure=disclosure,
        consultation_closes_at=now + timedelta(days=30),
        consultation_public=public_consultation,
        **fields,
    )
    if status == S.DRAFT:
        return proposal
    if status == S.WITHDRAWN:
        return proposal_services.proposal_transition(
            actor=SYSTEM, proposal=proposal, to_status=S.WITHDRAWN, reason="Not needed."
        )
    proposal_services.consultation_open(actor=SYSTEM, proposal=proposal)
    if status == S.CONSULTATION:
        return proposal
    proposal_services.consultation_close(actor=SYSTEM, proposal=proposal)
    if status == S.DELIBERATION:
        return proposal
    add_impact_assessment(proposal)
    respond_to_all(proposal)
    proposal_services.proposal_transition(actor=SYSTEM, proposal=proposal, to_status=S.VOTING)
    if status == S.VOTING:
        return proposal
    return proposal_services.proposal_record_result(actor=SYSTEM, proposal=proposal, result=status)
