"""Demo data of member-tabled proposals (issue 16, item 7): one drafted by a community
organisation, co-sponsored from two other chambers, tabled and admitted to consultation; one
declined by the secretariat with its published reason; one tabled and awaiting admission; and a
draft still gathering co-sponsors. The member's proposal that goes on to a revised version and a
ballot on it is ``governance.versions.demo``'s (one story, from draft to ballot). Through the
services, as the system; idempotent (a proposal whose title exists is left alone)."""

from __future__ import annotations

from datetime import datetime, timedelta

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.policy import SYSTEM
from governance.bodies.models import Body
from governance.objectives.models import Objective
from governance.proposals import services
from governance.proposals.models import Proposal
from members.models import Organisation

DAY = timedelta(days=1)

ADMITTED = "Community monitors at artisanal cobalt sites"
DECLINED = "An alliance-wide ban on cobalt from artisanal mines"
AWAITING = "Shared smelter audit calendar"
GATHERING = "Grievance channel in local languages"

TEXTS = {
    ADMITTED: (
        "Community monitors at artisanal sites help members see conditions on the ground.",
        """Each member sourcing cobalt from the Democratic Republic of the Congo funds community monitors at the artisanal sites in its supply chain, chosen by the communities themselves.

Monitors report to the secretariat every quarter; the secretariat publishes aggregates per site, never per person.

Members act on a monitor's report of child labour within 30 days, and say what they did.

The alliance reviews the programme after two years with the communities involved.""",
        "Lualaba Women Miners' Association",
        ("Fair Minerals Watch", "Rhine Motor Works", "Katanga Copper-Cobalt Mining"),
    ),
    DECLINED: (
        "Members stop buying cobalt that passed through artisanal mines.",
        """Members stop buying cobalt from artisanal and small-scale mines.

Members audit their suppliers yearly to make sure of it.""",
        "Rotterdam Cobalt Refinery",
        ("Kanto Electronics", "Andes Polymetallic"),
    ),
    AWAITING: (
        "Smelters and refiners publish one shared audit calendar so audits are not duplicated.",
        """Members that run smelters or refineries publish their audit dates for the coming year in one shared calendar.

Downstream members rely on the scheduled audits instead of commissioning their own.""",
        "Jiangxi Tungsten Smelting",
        ("Great Lakes Battery Systems", "Transparency for Extractives"),
    ),
    GATHERING: (
        "The alliance's grievance channel takes complaints in the languages of mining areas.",
        """The grievance channel accepts complaints in French, Swahili, Spanish, Quechua and Bahasa Indonesia, by phone and by text message.

Complaints received in a local language are answered in that language.""",
        "Congo River Rights Network",
        ("Comunidad Atacameña de Peine",),
    ),
}

DECLINE_REASON = (
    "A ban contradicts the alliance's objectives, which seek to formalise artisanal mining "
    "rather than exclude it, and the OECD due-diligence guidance that members follow warns "
    "against blanket disengagement. A proposal on due diligence for artisanal sources would "
    "be admissible."
)


def _draft(title: str, organisations: dict[str, Organisation], created: datetime) -> Proposal:
    summary, text, author, sponsors = TEXTS[title]
    proposal = services.proposal_draft(
        actor=SYSTEM,
        organisation=organisations[author],
        body=Body.objects.get(slug="general-assembly"),
        title=title,
        summary=summary,
        text=text,
        disclosure=DisclosureLevel.PUBLIC,
        countries=["CD"] if "cobalt" in title.lower() or "artisanal" in title.lower() else [],
        materials=["cobalt"] if "cobalt" in title.lower() else [],
        objectives=Objective.objects.filter(slug="traceable-cobalt")
        if "cobalt" in title.lower()
        else Objective.objects.none(),
        created_at=created,
    )
    for number, name in enumerate(sponsors, start=1):
        services.proposal_sponsor(
            actor=SYSTEM,
            proposal=proposal,
            organisation=organisations[name],
            now=created + number * DAY,
        )
    return proposal


def seed(now: datetime, organisations: dict[str, Organisation]) -> None:
    """The four member-tabled proposals, at their stages (see the module docstring)."""
    existing = set(Proposal.objects.filter(title__in=TEXTS).values_list("title", flat=True))
    if ADMITTED not in existing:
        proposal = _draft(ADMITTED, organisations, now - 30 * DAY)
        services.proposal_table(actor=SYSTEM, proposal=proposal, now=now - 24 * DAY)
        services.proposal_admit(
            actor=SYSTEM,
            proposal=proposal,
            consultation_closes_at=now + 16 * DAY,
            now=now - 12 * DAY,
        )
    if DECLINED not in existing:
        proposal = _draft(DECLINED, organisations, now - 60 * DAY)
        services.proposal_table(actor=SYSTEM, proposal=proposal, now=now - 50 * DAY)
        services.proposal_decline(
            actor=SYSTEM, proposal=proposal, reason=DECLINE_REASON, now=now - 38 * DAY
        )
    if AWAITING not in existing:
        proposal = _draft(AWAITING, organisations, now - 9 * DAY)
        services.proposal_table(actor=SYSTEM, proposal=proposal, now=now - 5 * DAY)
    if GATHERING not in existing:
        _draft(GATHERING, organisations, now - 3 * DAY)
