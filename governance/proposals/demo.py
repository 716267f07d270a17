"""Demo data: proposals across every status of the lifecycle, with their consultations,
responses and impact assessments."""

from __future__ import annotations

from datetime import datetime, timedelta

from alliance_portal.policy import SYSTEM
from governance.ballots import demo as demo_ballots
from governance.bodies.models import Body
from governance.consultations import services as consultation_services
from governance.consultations.demo import _seed_comments
from governance.demo_content import DemoProposal
from governance.objectives.models import Issue, Objective
from governance.proposals import services as proposal_services
from governance.proposals.models import ProposalStatus
from members.models import Organisation

S = ProposalStatus
DAY = timedelta(days=1)


def _seed_proposal(
    spec: DemoProposal, now: datetime, organisations: dict[str, Organisation]
) -> None:
    opened = now - spec.opened_days_ago * DAY
    closes = opened + spec.consultation_days * DAY
    scheduled = spec.status != S.DRAFT or spec.opened_days_ago < 0
    proposal = proposal_services.proposal_create(
        actor=SYSTEM,
        body=Body.objects.get(slug=spec.body),
        title=spec.title,
        summary=spec.summary,
        text=spec.text,
        disclosure=spec.disclosure,
        countries=spec.countries,
        materials=spec.materials,
        objectives=Objective.objects.filter(slug__in=spec.objectives),
        issues=Issue.objects.filter(title__in=spec.issues),
        proposed_by=organisations.get(spec.proposed_by),
        consultation_opens_at=opened if scheduled else None,
        consultation_closes_at=closes if scheduled else None,
        consultation_public=spec.public_consultation,
        created_at=min(opened, now) - 10 * DAY,
    )
    if spec.status == S.DRAFT:
        return
    proposal_services.consultation_open(actor=SYSTEM, proposal=proposal, now=opened)
    comments = _seed_comments(spec, proposal, opened, min(closes, now), organisations)
    if spec.status == S.CONSULTATION:
        return
    proposal_services.consultation_close(actor=SYSTEM, proposal=proposal, now=closes)
    for item, comment in comments:
        if item.response is not None and comment.status == "shown":
            outcome, reason = item.response
            consultation_services.comment_respond(
                actor=SYSTEM, comment=comment, outcome=outcome, reason=reason, now=closes + 2 * DAY
            )
    if spec.impact is not None:
        proposal_services.impact_assessment_save(
            actor=SYSTEM,
            proposal=proposal,
            rationale=spec.impact.rationale,
            trade_offs=spec.impact.trade_offs,
            options=[
                proposal_services.OptionInput(title=title, description=text, is_chosen=number == 0)
                for number, (title, text) in enumerate(spec.impact.options)
            ],
            costs=[
                proposal_services.CostInput(
                    kind=cost.kind,
                    dimension=cost.dimension,
                    borne_by=cost.borne_by,
                    magnitude=cost.magnitude,
                    horizon=cost.horizon,
                    confidence=cost.confidence,
                    amount=cost.amount,
                    currency=cost.currency,
                    description=cost.description,
                )
                for cost in spec.impact.costs
            ],
        )
    if spec.status == S.WITHDRAWN:
        proposal_services.proposal_transition(
            actor=SYSTEM,
            proposal=proposal,
            to_status=S.WITHDRAWN,
            reason=spec.closing_reason,
            now=closes + 5 * DAY,
        )
        return
    if spec.status == S.DELIBERATION:
        return
    # The ballot (Governance II): opened, voted on and, for a result, closed by the count.
    demo_ballots.take_to_ballot(proposal, status=spec.status, opens=closes + 7 * DAY, now=now)
