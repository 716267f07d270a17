"""Demo data of issue 16's whole story on one proposal: a civil-society member drafts it,
organisations of two other chambers co-sponsor it, its author tables it and the secretariat
admits it to consultation (``governance.proposals.demo_tabling`` holds the other tabling
stages); the consultation brings three comments from three chambers; the accepted one and the
partly accepted one change paragraphs 2 and 4 of version 2, which the author organisation's
representative submits and the secretariat publishes; the ballot is open on version 2 (its
number and sha256 go into the decision record). The redline is at
``/governance/proposals/<id>/versions/compare/``.

Idempotent: nothing is done when the proposal exists. Everything goes through the services,
as the system."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from governance.bodies.models import Body
from governance.consultations import services as consultation_services
from governance.consultations.models import AuthorKind
from governance.proposals import services as proposal_services
from governance.proposals.models import Proposal, ProposalStatus
from governance.versions import services
from members.models import Organisation

S = ProposalStatus
DAY = timedelta(days=1)
TITLE = "Community consent before new tailings facilities"
AUTHOR = "Congo River Rights Network"
# Co-sponsors from two chambers other than the author's (civil society).
SPONSORS = ("Katanga Copper-Cobalt Mining", "Kanto Electronics")
VERSION_1 = """Before a member builds or extends a tailings facility, it seeks the free, prior and informed consent of the communities living downstream.

The member publishes the facility's design and its emergency plan 30 days before the first community meeting.

Consent is recorded in the minutes of a community meeting held in a language the community chooses.

The secretariat reports each year how many facilities were consulted."""
VERSION_2 = """Before a member builds or extends a tailings facility, it seeks the free, prior and informed consent of the communities living downstream.

The member publishes the facility's design, its dam-break study and its emergency plan 60 days before the first community meeting, in the languages the communities speak.

Consent is recorded in the minutes of a community meeting held in a language the community chooses.

The secretariat reports each year how many facilities were consulted, per country, and how many went ahead without consent."""
COMMENTS = (
    (
        "Rhine Motor Works",
        2,
        "Thirty days is too short to read a dam design; our suppliers need the dam-break "
        "study too.",
        "accepted",
        "Now 60 days, and the dam-break study is published with the design (¶2).",
        [2],
    ),
    (
        "Katanga Copper-Cobalt Mining",
        4,
        "A yearly count per country would show where consent is not obtained.",
        "partly_accepted",
        "The report is per country and counts facilities built without consent (¶4); "
        "naming companies stays with the grievance mechanism.",
        [4],
    ),
    (
        "Fair Minerals Watch",
        3,
        "Minutes should be co-signed by the community's own representatives.",
        "not_accepted",
        "Communities choose how their minutes are signed; the rule does not impose it.",
        None,
    ),
)


def _tabled(now: datetime, organisations: dict[str, Organisation]) -> Proposal:
    """Drafted by the author, co-sponsored, tabled and admitted to a consultation that has
    closed since."""
    drafted = now - 55 * DAY
    proposal = proposal_services.proposal_draft(
        actor=SYSTEM,
        organisation=organisations[AUTHOR],
        body=Body.objects.get(slug="general-assembly"),
        title=TITLE,
        summary="Free, prior and informed consent of downstream communities before a tailings "
        "facility is built or extended.",
        text=VERSION_1,
        disclosure=DisclosureLevel.PUBLIC,
        countries=["CD", "PE"],
        created_at=drafted,
    )
    for number, name in enumerate(SPONSORS, start=1):
        proposal_services.proposal_sponsor(
            actor=SYSTEM,
            proposal=proposal,
            organisation=organisations[name],
            now=drafted + number * DAY,
        )
    proposal_services.proposal_table(actor=SYSTEM, proposal=proposal, now=drafted + 5 * DAY)
    return proposal


def _impact(proposal: Proposal) -> None:
    """The impact assessment a ballot needs."""

    def cost(kind: str, dimension: str, borne_by: str, magnitude: str, text: str) -> Any:
        return proposal_services.CostInput(
            kind=kind,
            dimension=dimension,
            borne_by=borne_by,
            magnitude=magnitude,
            horizon="short",
            confidence="medium",
            description=text,
        )

    proposal_services.impact_assessment_save(
        actor=SYSTEM,
        proposal=proposal,
        rationale="Consent sought with the dam-break study in hand is the only consent that "
        "means something downstream.",
        trade_offs="Members building tailings facilities wait longer and publish studies they "
        "used to keep; communities spend time in meetings.",
        options=[
            proposal_services.OptionInput(
                title="Consent before building, with the studies published", is_chosen=True
            ),
            proposal_services.OptionInput(title="Notice to communities only"),
        ],
        costs=[
            cost("action", "economic", "Upstream members", "medium", "Two months' delay."),
            cost("action", "social", "Communities", "low", "Time spent in meetings."),
            cost("action", "environmental", "Nobody", "low", "No new harm."),
            cost("inaction", "economic", "Members and buyers", "high", "A dam failure."),
            cost("inaction", "social", "Communities downstream", "high", "Lives and land."),
            cost("inaction", "environmental", "Rivers downstream", "high", "Tailings spill."),
        ],
    )


def seed(now: datetime, organisations: dict[str, Organisation]) -> None:
    if Proposal.objects.filter(title=TITLE).exists():
        return
    opened, closes = now - 40 * DAY, now - 12 * DAY
    proposal = _tabled(now, organisations)
    proposal_services.proposal_admit(
        actor=SYSTEM, proposal=proposal, consultation_closes_at=closes, now=opened
    )
    comments = []
    for index, (name, paragraph, text, outcome, reason, changed) in enumerate(COMMENTS):
        comment = consultation_services.comment_record_received(
            actor=SYSTEM,
            proposal=proposal,
            text=text,
            author_kind=AuthorKind.MEMBER,
            organisation=organisations[name],
            paragraph=paragraph,
            received_at=opened + (3 + 4 * index) * DAY,
        )
        comments.append((comment, outcome, reason, changed))
    proposal_services.consultation_close(actor=SYSTEM, proposal=proposal, now=closes)
    changes = {}
    for comment, outcome, reason, changed in comments:
        response = consultation_services.comment_respond(
            actor=SYSTEM, comment=comment, outcome=outcome, reason=reason, now=closes + DAY
        )
        if changed:
            changes[response.pk] = changed
    submission = services.version_submit(
        actor=SYSTEM,
        proposal=proposal,
        text=VERSION_2,
        note="Publication 60 days ahead with the dam-break study and in the communities' "
        "languages (¶2); the yearly report per country, counting facilities built without "
        "consent (¶4).",
        changes=changes,
        now=closes + 4 * DAY,
    )
    services.version_submission_publish(actor=SYSTEM, submission=submission, now=closes + 5 * DAY)
    _impact(proposal)
    proposal_services.proposal_transition(
        actor=SYSTEM, proposal=proposal, to_status=S.VOTING, now=now - 2 * DAY
    )
