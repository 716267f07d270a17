"""Demo data of ballots: the plans (who votes what, statements, endorsements) and the
register of interests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from governance.ballots.demo.impact import short_impact as _impact
from governance.demo_content import DemoComment, DemoProposal
from governance.proposals.models import ProposalStatus
from members.models import Organisation

S = ProposalStatus
RESULTS = (S.ADOPTED, S.REJECTED, S.NO_QUORUM)


@dataclass(frozen=True)
class DemoEndorsement:
    organisation: str | None  # a member government body's name, or None
    name: str = ""  # a non-member's name
    kind: str = "government"
    country: str = ""
    statement: str = ""
    evidence_url: str = ""
    evidence_note: str = ""


@dataclass(frozen=True)
class BallotPlan:
    """How a demo proposal's ballot goes: its settings, declarations, votes (organisation,
    choice, reason; an organisation left out does not vote) and what follows."""

    method: str = "chamber_balanced"
    secret: bool = False
    concurrent_majority: bool = False
    conflicts: tuple[tuple[str, str], ...] = ()  # (organisation, nature)
    exemptions: tuple[tuple[str, str], ...] = ()  # (organisation, reason)
    votes: tuple[tuple[str, str, str], ...] = ()
    dissents: tuple[tuple[str, str], ...] = ()  # (organisation, text)
    reviewer_statements: tuple[str, ...] = ()
    endorsements: tuple[DemoEndorsement, ...] = ()
    closes_in_days: int | None = None  # an open ballot: closes this many days from now


# Organisation names, shortened for the vote tables below.
KATANGA = "Katanga Copper-Cobalt Mining"
ANDES = "Andes Polymetallic"
ATACAMA = "Atacama Lithium Brines"
SULAWESI = "Sulawesi Nickel Resources"
COOP = "Artisanal Miners' Cooperative of Kolwezi"
ROTTERDAM = "Rotterdam Cobalt Refinery"
JIANGXI = "Jiangxi Tungsten Smelting"
MALAYSIAN = "Malaysian Tin Smelting Works"
RHINE = "Rhine Motor Works"
LOIRE = "Loire Automobiles"
KANTO = "Kanto Electronics"
GREAT_LAKES = "Great Lakes Battery Systems"
EBMA = "European Battery Makers' Association"
FMW = "Fair Minerals Watch"
TFE = "Transparency for Extractives"
CONGO = "Congo River Rights Network"
HUMEDALES = "Humedales Andinos"
LUALABA = "Lualaba Women Miners' Association"
PEINE = "Comunidad Atacameña de Peine"
NUM = "National Union of Mineworkers of the South"
DRC = "Ministry of Mines, Democratic Republic of the Congo"
PERU = "Peruvian Ministry of Energy and Mines"
GERMANY = "German Raw Materials Agency"
ISR = "Institute for Sustainable Resources"
CMS = "Centre for Mining and Society"
ORURO = "Universidad Técnica de Oruro — Mining Lab"
CMLO = "Copper Mark Liaison Office"


def _all(choice: str, *names: str) -> tuple[tuple[str, str, str], ...]:
    return tuple((name, choice, "") for name in names)


PLANS: dict[str, BallotPlan] = {
    "Remediation-first protocol for child labour found at artisanal cobalt sites": BallotPlan(
        conflicts=(
            (
                KATANGA,
                "Buys ore from two of the artisanal sites where child labour was found and "
                "would pay a share of their remediation.",
            ),
            (COOP, "Its member sites are among those where child labour was found."),
        ),
        exemptions=(
            (
                COOP,
                "The cooperative's miners are the people the protocol protects and must carry "
                "out; its interest is declared and public, and excluding it would silence the "
                "sites concerned.",
            ),
        ),
        votes=(
            *_all("yes", ANDES, ATACAMA, COOP, ROTTERDAM, MALAYSIAN, RHINE, LOIRE, KANTO),
            (SULAWESI, "abstain", "No artisanal cobalt in our supply chain."),
            (
                JIANGXI,
                "no",
                "Sharing costs by volume puts most of them on refiners, who do not choose the "
                "sites.",
            ),
            *_all("yes", GREAT_LAKES, FMW, TFE, CONGO, HUMEDALES, PEINE, NUM, DRC, PERU),
            (EBMA, "abstain", "Our members source through refiners; we leave it to them."),
            (LUALABA, "yes", "Remediation before exclusion: the children keep their families."),
            *_all("yes", GERMANY, ISR, CMS, ORURO),
            (CMLO, "abstain", ""),
        ),
        endorsements=(
            DemoEndorsement(
                DRC,
                statement="The Ministry will align the provincial mining divisions' child "
                "labour follow-up with the protocol.",
                evidence_url="https://demo.alliance.example/evidence/drc-ministry-letter.pdf",
            ),
            DemoEndorsement(
                None,
                name="Ministry of Mines and Minerals Development, Zambia",
                country="ZM",
                statement="Recommends the protocol to copper-cobalt producers operating in Zambia.",
                evidence_note="Letter to the secretariat, kept in the secretariat's records "
                "(reference END-2025-002).",
            ),
        ),
    ),
    "Recognise IRMA, RMI and Copper Mark audits instead of alliance audits": BallotPlan(
        conflicts=(
            (
                CMLO,
                "The office represents the Copper Mark, one of the assurance schemes the "
                "proposal recognises.",
            ),
        ),
        votes=(
            *_all("yes", KATANGA, ANDES, ATACAMA, SULAWESI, COOP, ROTTERDAM, JIANGXI),
            *_all("yes", MALAYSIAN, RHINE, LOIRE, KANTO, GREAT_LAKES),
            (EBMA, "abstain", ""),
            (
                FMW,
                "no",
                "Only IRMA is governed by its stakeholders on equal terms; the other schemes "
                "are industry-run.",
            ),
            (
                TFE,
                "no",
                "Recognition should depend on each scheme's independence, assessed first.",
            ),
            (CONGO, "yes", ""),
            (HUMEDALES, "abstain", "Water impacts are not covered by two of the schemes."),
            (LUALABA, "yes", ""),
            (PEINE, "no", "None of the schemes asks the communities what they think."),
            *_all("yes", NUM, DRC, PERU, GERMANY, ISR, CMS, ORURO),
        ),
        dissents=(
            (
                TFE,
                "Transparency for Extractives dissents. Recognising industry-run schemes "
                "without first assessing their independence hands the alliance's credibility "
                "to bodies it does not govern. We ask the Assembly to review the recognition "
                "within two years against a published independence benchmark.",
            ),
        ),
        reviewer_statements=(
            "The decision is adopted with a clear majority, but civil society's share of yes "
            "votes was 1/3 and one community organisation voted no. The reviewers recommend "
            "publishing, per scheme, how the alliance will check that recognised audits cover "
            "the baseline requirements, and reviewing the recognition in two years.",
        ),
    ),
    "Publish each member's list of smelters and refiners by name": BallotPlan(
        votes=(
            (ATACAMA, "yes", "We want to know where our brine's lithium is refined."),
            (KATANGA, "no", "Our customers' contracts forbid naming them."),
            (ANDES, "no", ""),
            (ROTTERDAM, "no", "Naming refiners without context invites unfair campaigns."),
            (JIANGXI, "no", ""),
            (MALAYSIAN, "abstain", ""),
            (RHINE, "yes", "We already publish our smelter list."),
            (LOIRE, "no", ""),
            (KANTO, "no", "Commercially sensitive for electronics supply chains."),
            (GREAT_LAKES, "no", ""),
            *_all("yes", FMW, TFE, CONGO, HUMEDALES, LUALABA, PEINE, NUM),
            *_all("yes", DRC, PERU, ISR, CMS, ORURO, CMLO),
            (GERMANY, "abstain", ""),
        ),
    ),
    "Living-wage benchmark for mine workers in Peru and Bolivia": BallotPlan(
        votes=(
            (ANDES, "no", "The benchmark's 2028 deadline is not achievable at our Bolivian sites."),
            (SULAWESI, "abstain", "No operations in Peru or Bolivia."),
            *_all("yes", ROTTERDAM, MALAYSIAN, RHINE, KANTO, GREAT_LAKES),
            *_all("yes", FMW, TFE, CONGO, HUMEDALES, LUALABA, PEINE, NUM),
            *_all("yes", PERU, GERMANY, ISR, CMS, ORURO),
        ),
    ),
    "Shared water-monitoring network in the Salar de Atacama": BallotPlan(
        method="one_member_one_vote",
        closes_in_days=9,
        conflicts=(
            (
                ATACAMA,
                "Extracts brine in the Salar de Atacama and would co-run the monitoring network.",
            ),
        ),
        votes=(
            (KATANGA, "yes", ""),
            (ROTTERDAM, "yes", ""),
            (KANTO, "abstain", ""),
            (LUALABA, "yes", "Communities elsewhere need the same."),
            (ISR, "yes", ""),
        ),
    ),
}


NEW_PROPOSALS: list[tuple[DemoProposal, BallotPlan]] = [
    (
        DemoProposal(
            title="Secretariat work plan and budget for the coming year",
            summary="Approve the secretariat's work plan and a budget of EUR 1.9 million.",
            text="""The Executive Board approves the secretariat's work plan for the coming \
year: the transparency reports, the standards crosswalk, two country dialogues and the \
grievance mechanism.

The budget is EUR 1.9 million, funded by membership fees (70 %) and grants (30 %).

The community grievance line is funded at half of this year's level; the rest moves to the \
country dialogues.""",
            body="executive-board",
            disclosure="public",
            status="rejected",
            objectives=("traceable-cobalt",),
            opened_days_ago=150,
            consultation_days=21,
            comments=(
                DemoComment(
                    CONGO,
                    "Halving the grievance line means complaints from the Copperbelt will wait "
                    "months. Keep it at this year's level.",
                    paragraph=3,
                    response=(
                        "not_accepted",
                        "The board will decide: the country dialogues need the funds.",
                    ),
                ),
            ),
            impact=_impact(
                "The work plan delivers the reports members asked for within the fees they pay.",
                "The grievance line is cut to fund the country dialogues.",
                "Membership fees and staff time.",
                "Reports and dialogues are delayed a year.",
            ),
        ),
        BallotPlan(
            method="consent",
            votes=(
                *_all("consent", KATANGA, ATACAMA, ROTTERDAM, MALAYSIAN, RHINE, KANTO),
                *_all("consent", FMW, NUM, DRC),
                (
                    CONGO,
                    "object",
                    "The budget halves the community grievance line; we object until it is "
                    "restored.",
                ),
                (LUALABA, "abstain", ""),
                (ISR, "consent", ""),
            ),
        ),
    ),
    (
        DemoProposal(
            title="Commission an independent audit of cobalt sourcing from Kolwezi sites",
            summary="The alliance commissions an independent audit of members' cobalt bought "
            "from the Kolwezi artisanal sites named in this year's allegations.",
            text="""The secretariat commissions an independent auditor, chosen by the \
Executive Board, to audit the cobalt that members bought from the artisanal sites around \
Kolwezi named in this year's allegations.

Members sourcing from those sites give the auditor access to their purchase records.

The audit's findings are published in full, with each member's response.""",
            body="general-assembly",
            disclosure="public",
            status="adopted",
            countries=("CD",),
            materials=("cobalt",),
            objectives=("traceable-cobalt",),
            opened_days_ago=110,
            consultation_days=21,
            impact=_impact(
                "Only an independent audit can answer the allegations credibly.",
                "Members sourcing from the sites bear the audit's cost and exposure.",
                "The audit's fees.",
                "The allegations stand unanswered and buyers leave the sites.",
            ),
        ),
        BallotPlan(
            secret=True,
            votes=(
                *_all("yes", KATANGA, ANDES, ATACAMA),
                (SULAWESI, "no", ""),
                (COOP, "abstain", ""),
                (ROTTERDAM, "yes", ""),
                (JIANGXI, "no", ""),
                *_all("yes", RHINE, LOIRE, KANTO, GREAT_LAKES),
                (EBMA, "no", ""),
                *_all("yes", FMW, TFE, CONGO, HUMEDALES, LUALABA, PEINE, NUM),
                *_all("yes", DRC, GERMANY, ISR, CMS, ORURO),
                (CMLO, "abstain", ""),
            ),
        ),
    ),
    (
        DemoProposal(
            title="Minimum safe-work standard for artisanal mining sites",
            summary="Members' artisanal suppliers meet a minimum safe-work standard: shaft "
            "supports, ventilation, no night work, first aid on site.",
            text="""Artisanal sites supplying members meet a minimum safe-work standard: \
supported shafts deeper than three metres, ventilation, no work underground at night, and a \
trained first-aider on site.

Members fund the equipment through the cooperatives, in proportion to their purchases.

Sites have one year to comply; the working group reports on progress every six months.""",
            body="wg-artisanal-mining",
            disclosure="public",
            status="adopted",
            countries=("CD",),
            materials=("cobalt", "copper"),
            objectives=("safe-work-living-wages",),
            opened_days_ago=90,
            consultation_days=21,
            impact=_impact(
                "Most fatal accidents at the sites come from shaft collapses and bad air.",
                "Cooperatives spend time and money on equipment before production rises.",
                "Equipment and training.",
                "Fatal accidents continue.",
            ),
        ),
        BallotPlan(
            method="one_member_one_vote",
            votes=(
                (COOP, "yes", "Our members asked for this."),
                (KATANGA, "no", "One year is too short for the deepest shafts."),
                *_all("yes", CONGO, FMW, LUALABA, CMS),
                (DRC, "abstain", "The national code is being revised."),
            ),
        ),
    ),
    (
        DemoProposal(
            title="Phase out tin from mines without a remediation plan for conflict harms",
            summary="Within three years members stop sourcing tin from mines in conflict-"
            "affected areas that have no remediation plan.",
            text="""Members stop sourcing tin from mines in conflict-affected and high-risk \
areas that have no remediation plan agreed with the affected communities, within three years.

Smelters report each year how much of their tin comes from mines with such a plan.

The secretariat publishes the aggregate share per country.""",
            body="general-assembly",
            disclosure="public",
            status="rejected",
            materials=("tin",),
            countries=("ID", "BO"),
            objectives=("one-assurance",),
            opened_days_ago=70,
            consultation_days=21,
            impact=_impact(
                "A phase-out with a date moves the mines to agree remediation plans.",
                "Smelters may lose supply from mines that cannot plan in time.",
                "Smelters' sourcing changes.",
                "Conflict harms go unremedied.",
            ),
        ),
        BallotPlan(
            concurrent_majority=True,
            votes=(
                *_all("yes", KATANGA, ANDES, ATACAMA, COOP),
                (SULAWESI, "no", ""),
                (ROTTERDAM, "yes", ""),
                (JIANGXI, "no", "Three years is too short to requalify smelter supply."),
                (MALAYSIAN, "no", "Most of our Indonesian supply has no such plan yet."),
                *_all("yes", RHINE, LOIRE, KANTO, GREAT_LAKES, EBMA),
                *_all("yes", FMW, TFE, CONGO, HUMEDALES, LUALABA, PEINE, NUM),
                *_all("yes", DRC, PERU, GERMANY, ISR, CMS, ORURO),
                (CMLO, "abstain", ""),
            ),
        ),
    ),
]

INTERESTS: list[tuple[str, str, str]] = [
    (KATANGA, "business", "Buys ore from artisanal cooperatives around Kolwezi."),
    (ROTTERDAM, "business", "Long-term offtake agreement with Katanga Copper-Cobalt Mining."),
    (CMLO, "role", "Represents the Copper Mark, an assurance scheme for copper and cobalt."),
    (ATACAMA, "financial", "Holds brine extraction rights in the Salar de Atacama."),
    (FMW, "funding", "Receives project funding from the German Raw Materials Agency."),
]


SeedProposal = Callable[[DemoProposal, datetime, dict[str, Organisation]], None]
