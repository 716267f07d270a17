"""Demo data of proposal versions (issue 16, texts that change through consultation): a
proposal tabled by a civil-society member (through the existing tabling flow: the proposal
names the organisation that tabled it) whose consultation brought three comments from three
chambers; the accepted one and the partly accepted one changed paragraphs 2 and 4 of version
2, published with the author organisation's agreement; it waits in deliberation for its
ballot, which will be on version 2. The redline is at ``/governance/proposals/<id>/versions/compare/``.

Idempotent: nothing is done when the proposal exists. Everything goes through the services,
as the system."""

from __future__ import annotations

from datetime import datetime, timedelta

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


def seed(now: datetime, organisations: dict[str, Organisation]) -> None:
    if Proposal.objects.filter(title=TITLE).exists():
        return
    opened, closes = now - 40 * DAY, now - 12 * DAY
    proposal = proposal_services.proposal_create(
        actor=SYSTEM,
        body=Body.objects.get(slug="general-assembly"),
        title=TITLE,
        summary="Free, prior and informed consent of downstream communities before a tailings "
        "facility is built or extended.",
        text=VERSION_1,
        disclosure=DisclosureLevel.PUBLIC,
        countries=["CD", "PE"],
        proposed_by=organisations.get(AUTHOR),
        consultation_opens_at=opened,
        consultation_closes_at=closes,
        created_at=opened - 10 * DAY,
    )
    proposal_services.consultation_open(actor=SYSTEM, proposal=proposal, now=opened)
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
    services.version_publish(
        actor=SYSTEM,
        proposal=proposal,
        text=VERSION_2,
        note="Publication 60 days ahead with the dam-break study and in the communities' "
        "languages (¶2); the yearly report per country, counting facilities built without "
        "consent (¶4).",
        author_agreed=True,
        changes=changes,
        now=closes + 5 * DAY,
    )
