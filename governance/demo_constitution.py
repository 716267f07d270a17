"""Demo data of the constitution slice (issue 16, items 5 and 7): a decision of the General
Assembly that set the Executive Board's constitution (its bounds), and a glossary batch adopted
by decision, both taken through real ballots (every member organisation votes yes) as the
system. Idempotent: a proposal that exists already is left alone. Runs last in the governance
demo, so the decisions seeded before it were taken under the founding settings."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from alliance_portal.policy import SYSTEM
from glossary import services as glossary_services
from glossary.content import ConceptContent, DefinitionData, LabelData
from glossary.models import Concept
from governance.ballots import services as ballot_services
from governance.ballots.demo.impact import short_impact
from governance.ballots.models import Ballot, BallotElector
from governance.demo_content import DemoProposal
from governance.effects import services as effect_services
from governance.proposals import services as proposal_services
from governance.proposals.demo import _seed_proposal
from governance.proposals.models import Proposal, ProposalStatus
from members.models import Organisation

S = ProposalStatus
DAY = timedelta(days=1)

CONSTITUTION = DemoProposal(
    title="Constitution of the Executive Board: consultations and ballot bounds",
    summary="The General Assembly sets the rules the secretariat must keep to on the Board's "
    "consultations and ballots.",
    text="The Executive Board consults for at least 21 days on every proposal.\n\n"
    "A chamber-balanced ballot of the Board needs a quorum of at least 1/2 in every chamber "
    "and a threshold of at least 2/3.\n\n"
    "Decisions of the Board are amended or withdrawn only by a decision of the General "
    "Assembly.",
    body="general-assembly",
    disclosure="public",
    status=S.DELIBERATION,
    opened_days_ago=420,
    consultation_days=30,
    impact=short_impact(
        "Bounds agreed in advance stop a thin quorum or a rushed consultation deciding for "
        "everyone.",
        "Board decisions take a few weeks longer.",
        "Longer consultations for the secretariat.",
        "Members lose trust when rules bend case by case.",
    ),
)
CONSTITUTION_EFFECT = {
    "body": "executive-board",
    "min_consultation_days": 21,
    "bounds": {
        "chamber_balanced": {"quorum": "1/2", "threshold": "2/3"},
        "one_member_one_vote": {"quorum": "1/2", "threshold": "1/2"},
        "consent": {"quorum": "1/2"},
    },
    "amendments_by": "general-assembly",
}

GLOSSARY = DemoProposal(
    title="Glossary batch: responsible exit",
    summary="A term the working groups asked for, agreed by the General Assembly.",
    text="The glossary agrees the concept “responsible exit” as proposed.\n\nIts definition "
    "becomes the alliance's common language.",
    body="general-assembly",
    disclosure="public",
    status=S.DELIBERATION,
    opened_days_ago=90,
    consultation_days=30,
    impact=short_impact(
        "Members use the terms differently; an agreed text ends the confusion.",
        "Some members' internal wording must change.",
        "Translation of one definition.",
        "Reports keep mixing incompatible meanings.",
    ),
)
TERMS = (
    (
        "Responsible exit",
        "Ending a sourcing relationship in a way that prevents or mitigates the harm the ending "
        "causes to workers and communities, after engagement has failed.",
    ),
)


def _revisions() -> list[int]:
    """The proposed concept's revision, under review (proposed as the system)."""
    ids = []
    for label, definition in TERMS:
        concept = Concept.objects.filter(slug=slugify(label)).first()
        if concept is None:
            concept = glossary_services.concept_propose(
                actor=SYSTEM,
                content=ConceptContent(
                    labels=(LabelData("en", label),),
                    definitions=(DefinitionData("en", definition),),
                ),
                rationale="Asked for by the working groups.",
            )
        revision = concept.current_text
        if revision.status == "proposed":
            glossary_services.revision_submit_for_review(actor=SYSTEM, revision=revision)
        ids.append(revision.pk)
    return ids


def _adopt(proposal: Proposal, opens: datetime) -> None:
    """Open the proposal's ballot at ``opens``, let every elector vote yes, close it on time."""
    proposal_services.proposal_transition(
        actor=SYSTEM, proposal=proposal, to_status=S.VOTING, reason="Ballot opened.", now=opens
    )
    ballot = Ballot.objects.select_related("proposal__body").get(proposal=proposal)
    electors = Organisation.objects.filter(
        pk__in=BallotElector.objects.filter(ballot=ballot).values("organisation_id")
    )
    moment = opens + timedelta(hours=2)
    for organisation in electors.order_by("name"):
        ballot_services.conflict_declare(
            actor=SYSTEM, ballot=ballot, organisation=organisation, has_conflict=False, now=moment
        )
        ballot_services.vote_cast(
            actor=SYSTEM, ballot=ballot, organisation=organisation, choice="yes", now=moment
        )
    ballot.refresh_from_db()
    assert ballot.closes_at is not None  # noqa: S101 (an open ballot has its closing time)
    ballot_services.ballot_close(actor=SYSTEM, ballot=ballot, now=ballot.closes_at)


def _decide(
    spec: DemoProposal,
    kind: str,
    payload: Any,
    now: datetime,
    organisations: dict[str, Organisation],
) -> None:
    if Proposal.objects.filter(title=spec.title).exists():
        return
    _seed_proposal(spec, now, organisations)
    proposal = Proposal.objects.get(title=spec.title)
    effect_services.proposal_effect_set(actor=SYSTEM, proposal=proposal, kind=kind, payload=payload)
    closes = proposal.consultation_closes_at or now
    _adopt(proposal, opens=min(closes + 7 * DAY, now - 15 * DAY))


def seed(now: datetime | None = None, organisations: dict[str, Organisation] | None = None) -> None:
    now = now or timezone.now()
    organisations = organisations or {o.name: o for o in Organisation.objects.all()}
    _decide(CONSTITUTION, "constitution", CONSTITUTION_EFFECT, now, organisations)
    if not Proposal.objects.filter(title=GLOSSARY.title).exists():
        _decide(GLOSSARY, "glossary_batch", {"revisions": _revisions()}, now, organisations)
