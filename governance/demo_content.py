"""The demo alliance's governance content: bodies, objectives, RS issues, and thirteen
proposals with their consultations. Read by ``governance.demo``; plain data only."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# (slug, name, kind, electorate, mandate, order, seats per chamber slug)
BODIES = [
    (
        "general-assembly",
        "General Assembly",
        "general_assembly",
        "all_active_members",
        "All member organisations. Adopts the alliance's objectives, standards baseline and "
        "policies in **chamber-balanced** ballots: every chamber weighs the same.",
        1,
        {},
    ),
    (
        "executive-board",
        "Executive Board",
        "executive_board",
        "seat_holders",
        "Two seats per chamber, elected by the General Assembly for two years. Steers the "
        "secretariat, the budget and the working groups between assemblies.",
        2,
        {
            "industry-upstream": 2,
            "industry-midstream": 2,
            "industry-downstream": 2,
            "civil-society": 2,
            "affected-communities-labour": 2,
            "government-public-bodies": 2,
            "academia-technical-experts": 2,
        },
    ),
    (
        "wg-artisanal-mining",
        "Working Group on Artisanal and Small-Scale Mining",
        "working_group",
        "seat_holders",
        "Prepares the alliance's proposals on formalisation, child-labour remediation and "
        "safe work at artisanal sites, with the cooperatives and communities concerned.",
        3,
        {
            "industry-upstream": 2,
            "civil-society": 2,
            "affected-communities-labour": 2,
            "government-public-bodies": 1,
            "academia-technical-experts": 1,
        },
    ),
    (
        "wg-traceability",
        "Working Group on Traceability and Disclosure",
        "working_group",
        "seat_holders",
        "Prepares proposals on chain-of-custody data, smelter disclosure and the recognition "
        "of existing assurance schemes.",
        4,
        {
            "industry-midstream": 2,
            "industry-downstream": 2,
            "civil-society": 1,
            "academia-technical-experts": 1,
        },
    ),
]

# (body slug, organisation name, position, term start, term end or None)
SEAT_HOLDERS = [
    ("executive-board", "Katanga Copper-Cobalt Mining", "", "2024-06-01", None),
    ("executive-board", "Atacama Lithium Brines", "", "2024-06-01", None),
    ("executive-board", "Rotterdam Cobalt Refinery", "Treasurer", "2024-06-01", None),
    ("executive-board", "Malaysian Tin Smelting Works", "", "2024-06-01", None),
    ("executive-board", "Rhine Motor Works", "", "2024-06-01", None),
    ("executive-board", "Kanto Electronics", "", "2024-06-01", None),
    ("executive-board", "Fair Minerals Watch", "Chair", "2024-06-01", None),
    ("executive-board", "Congo River Rights Network", "", "2024-06-01", None),
    ("executive-board", "Lualaba Women Miners' Association", "Vice-chair", "2024-06-01", None),
    ("executive-board", "National Union of Mineworkers of the South", "", "2024-06-01", None),
    (
        "executive-board",
        "Ministry of Mines, Democratic Republic of the Congo",
        "",
        "2024-06-01",
        None,
    ),
    ("executive-board", "Institute for Sustainable Resources", "", "2024-06-01", None),
    ("executive-board", "Loire Automobiles", "", "2022-06-01", "2024-05-31"),
    (
        "wg-artisanal-mining",
        "Artisanal Miners' Cooperative of Kolwezi",
        "Co-lead",
        "2024-01-15",
        None,
    ),
    ("wg-artisanal-mining", "Katanga Copper-Cobalt Mining", "", "2024-01-15", None),
    ("wg-artisanal-mining", "Congo River Rights Network", "Co-lead", "2024-01-15", None),
    ("wg-artisanal-mining", "Fair Minerals Watch", "", "2024-01-15", None),
    ("wg-artisanal-mining", "Lualaba Women Miners' Association", "", "2024-01-15", None),
    (
        "wg-artisanal-mining",
        "Ministry of Mines, Democratic Republic of the Congo",
        "",
        "2024-01-15",
        None,
    ),
    ("wg-artisanal-mining", "Centre for Mining and Society", "", "2024-01-15", None),
    ("wg-traceability", "Rotterdam Cobalt Refinery", "Lead", "2024-03-01", None),
    ("wg-traceability", "Jiangxi Tungsten Smelting", "", "2024-03-01", None),
    ("wg-traceability", "Kanto Electronics", "", "2024-03-01", None),
    ("wg-traceability", "Great Lakes Battery Systems", "", "2024-03-01", None),
    ("wg-traceability", "Transparency for Extractives", "", "2024-03-01", None),
    ("wg-traceability", "Institute for Sustainable Resources", "", "2024-03-01", None),
]


@dataclass(frozen=True)
class DemoIndicator:
    name: str
    unit: str
    baseline: tuple[str, str]  # value, date
    target: tuple[str, str]
    measurements: tuple[tuple[str, str, str], ...]  # date, value, source


@dataclass(frozen=True)
class DemoObjective:
    slug: str
    title: str
    description: str
    indicators: tuple[DemoIndicator, ...]


OBJECTIVES = [
    DemoObjective(
        "traceable-cobalt",
        "Traceable, responsibly produced cobalt and copper from the Copperbelt",
        "Members know where their cobalt and copper come from, down to the mine site, and "
        "child labour found at artisanal sites is remediated, not hidden.",
        (
            DemoIndicator(
                "Members' cobalt volumes traced to the mine site",
                "%",
                ("22", "2022-01-01"),
                ("80", "2027-12-31"),
                (
                    ("2023-01-15", "31", "Members' RS reports 2022"),
                    ("2024-01-15", "44", "Members' RS reports 2023"),
                    ("2025-01-15", "52", "Members' RS reports 2024"),
                ),
            ),
            DemoIndicator(
                "Artisanal sites with child-labour remediation in place",
                "sites",
                ("14", "2022-01-01"),
                ("120", "2027-12-31"),
                (
                    ("2023-06-30", "25", "Working group site survey"),
                    ("2024-06-30", "47", "Working group site survey"),
                    ("2025-06-30", "66", "Working group site survey"),
                ),
            ),
        ),
    ),
    DemoObjective(
        "safe-work-living-wages",
        "Safe work and living wages along the value chain",
        "Fewer injuries at mine sites and smelters, and wages that cover a decent standard "
        "of living for the workers and their families.",
        (
            DemoIndicator(
                "Lost-time injury frequency at members' mine sites",
                "per million hours",
                ("3.1", "2022-01-01"),
                ("1.5", "2028-12-31"),
                (
                    ("2023-03-31", "2.8", "Members' safety statistics"),
                    ("2024-03-31", "2.4", "Members' safety statistics"),
                    ("2025-03-31", "2.2", "Members' safety statistics"),
                ),
            ),
            DemoIndicator(
                "Workers at members' sites paid at least a living wage",
                "%",
                ("48", "2022-01-01"),
                ("90", "2028-12-31"),
                (
                    ("2024-02-28", "55", "Wage survey with the unions"),
                    ("2025-02-28", "61", "Wage survey with the unions"),
                ),
            ),
        ),
    ),
    DemoObjective(
        "water-and-consent",
        "Water stewardship and community consent in lithium and copper basins",
        "Communities share in the monitoring of the water their basins depend on, and no "
        "member project goes ahead without their free, prior and informed consent.",
        (
            DemoIndicator(
                "Basins with a shared water-monitoring agreement",
                "basins",
                ("1", "2022-06-01"),
                ("8", "2027-06-01"),
                (
                    ("2023-06-01", "2", "Secretariat register"),
                    ("2024-06-01", "3", "Secretariat register"),
                    ("2025-06-01", "5", "Secretariat register"),
                ),
            ),
            DemoIndicator(
                "Members' projects with documented free, prior and informed consent",
                "%",
                ("35", "2022-06-01"),
                ("100", "2027-06-01"),
                (
                    ("2024-06-01", "40", "Members' RS reports"),
                    ("2025-06-01", "58", "Members' RS reports"),
                ),
            ),
        ),
    ),
    DemoObjective(
        "one-assurance",
        "Recognised assurance instead of new audits",
        "Apply the standards that exist (IRMA, RMI, Copper Mark...) instead of writing new "
        "ones, so that suppliers face fewer, better audits.",
        (
            DemoIndicator(
                "Duplicate supplier audits avoided per year",
                "audits",
                ("0", "2023-01-01"),
                ("400", "2026-12-31"),
                (
                    ("2024-01-31", "120", "Secretariat estimate from members' audit plans"),
                    ("2025-01-31", "260", "Secretariat estimate from members' audit plans"),
                ),
            ),
        ),
    ),
]

# (title, objective slug or "", [(status, reason, days ago), ...]) oldest first
ISSUES = [
    (
        "Child labour in artisanal cobalt mining",
        "traceable-cobalt",
        [
            ("contentious", "Members disagree on disengaging from sites versus remediating.", 900),
            (
                "agreed",
                "The assembly agreed a remediation-first approach after the site visits.",
                560,
            ),
        ],
    ),
    (
        "Disclosure of members' smelter and refiner lists",
        "traceable-cobalt",
        [
            ("contentious", "Competition-law concerns raised by downstream members.", 700),
            (
                "agreed",
                "Agreed in principle, published as aggregates until the legal review ends.",
                400,
            ),
        ],
    ),
    (
        "Recognition of existing assurance schemes",
        "one-assurance",
        [("agreed", "Consensus from the founding charter: no new audit scheme.", 1000)],
    ),
    (
        "Free, prior and informed consent of indigenous peoples",
        "water-and-consent",
        [
            ("contentious", "Scope of consent (veto or consultation) disputed.", 820),
            ("agreed", "Agreed: consent as defined by ILO 169 and the UN Declaration.", 300),
        ],
    ),
    (
        "Living-wage benchmarks for mine workers",
        "safe-work-living-wages",
        [
            ("parked", "Waiting for the unions' wage survey.", 640),
            ("contentious", "Survey published; benchmark method disputed between chambers.", 250),
        ],
    ),
    (
        "Water use in salt-flat lithium extraction",
        "water-and-consent",
        [("contentious", "Hydrological evidence contested; monitoring proposed.", 380)],
    ),
    (
        "Deep-sea mining",
        "",
        [
            (
                "contentious",
                "Raised by civil society after exploration licences were granted.",
                450,
            ),
            ("parked", "Parked until the independent scientific review reports.", 120),
        ],
    ),
    (
        "Carbon footprint method for refined metals",
        "",
        [("parked", "Left to the standards work on product footprints for now.", 200)],
    ),
]


@dataclass(frozen=True)
class DemoComment:
    organisation: str | None  # a member organisation's name; None: an external stakeholder
    text: str
    paragraph: int | None = None
    reply_to: int | None = None  # index of the comment replied to
    moderation: str = ""  # external comments: "approve", "reject: reason", "" (left held)
    response: tuple[str, str] | None = None  # (outcome, reason)
    login: str = ""  # in development, post it as this demo login when it may


@dataclass(frozen=True)
class DemoCost:
    kind: str
    dimension: str
    borne_by: str
    magnitude: str
    horizon: str
    confidence: str
    amount: Decimal | None = None
    currency: str = ""
    description: str = ""


@dataclass(frozen=True)
class DemoImpact:
    options: tuple[tuple[str, str], ...]  # (title, description); the first is chosen
    rationale: str
    trade_offs: str
    costs: tuple[DemoCost, ...]


@dataclass(frozen=True)
class DemoProposal:
    title: str
    summary: str
    text: str
    body: str
    disclosure: str
    status: str
    countries: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    proposed_by: str = ""
    public_consultation: bool = False
    opened_days_ago: int = 0  # when the consultation opened (or, for a draft, opens in -N days)
    consultation_days: int = 28
    comments: tuple[DemoComment, ...] = ()
    impact: DemoImpact | None = None
    closing_reason: str = ""  # withdrawal reason, or the result's note


def _costs(
    action: tuple[tuple[str, str, str, str, str, Decimal | None, str, str], ...],
    inaction: tuple[tuple[str, str, str, str, str, Decimal | None, str, str], ...],
) -> tuple[DemoCost, ...]:
    """Costs per dimension, in the order economic, social, environmental."""
    dimensions = ("economic", "social", "environmental")
    result = []
    for kind, rows in (("action", action), ("inaction", inaction)):
        for dimension, row in zip(dimensions, rows, strict=True):
            borne_by, magnitude, horizon, confidence, description, amount, currency, _ = row
            result.append(
                DemoCost(
                    kind=kind,
                    dimension=dimension,
                    borne_by=borne_by,
                    magnitude=magnitude,
                    horizon=horizon,
                    confidence=confidence,
                    amount=amount,
                    currency=currency,
                    description=description,
                )
            )
    return tuple(result)


D = Decimal
EXTERNAL = None

PROPOSALS = [
    # --- adopted ---------------------------------------------------------------------------
    DemoProposal(
        title="Remediation-first protocol for child labour found at artisanal cobalt sites",
        summary="When child labour is found at an artisanal site in a member's supply chain, "
        "the member remediates with the community instead of disengaging.",
        text="""When a member, its supplier or an assessor finds a child working at an artisanal \
mining site in the member's supply chain, the member does not disengage from the site.

Within 30 days the member agrees a remediation plan with the site's cooperative, the child's \
family and a child-protection organisation recognised by the working group: schooling, income \
support for the household, and follow-up visits for at least two years.

The cost of remediation is shared between the members sourcing from the site, in proportion to \
the volumes they bought from it in the previous year.

Members report every case and its remediation to the secretariat, which publishes aggregate \
figures each year, per country and never per child.""",
        body="general-assembly",
        disclosure="public",
        status="adopted",
        countries=("CD",),
        materials=("cobalt", "copper"),
        objectives=("traceable-cobalt",),
        issues=("Child labour in artisanal cobalt mining",),
        proposed_by="Congo River Rights Network",
        opened_days_ago=420,
        comments=(
            DemoComment(
                "Katanga Copper-Cobalt Mining",
                "We support remediation, but 30 days is too short to agree a plan with every "
                "party. We suggest **60 days**, with immediate safeguarding of the child.",
                paragraph=2,
                response=(
                    "partly_accepted",
                    "Immediate safeguarding added; the plan's deadline stays at 30 days because "
                    "the child-protection organisations confirmed it is workable.",
                ),
            ),
            DemoComment(
                "Lualaba Women Miners' Association",
                "Income support must go to the household, and women miners must sit at the "
                "table when the plan is agreed; they are the first to lose income.",
                paragraph=2,
                response=("accepted", "Paragraph 2 now names women miners' representatives."),
            ),
            DemoComment(
                "Rhine Motor Works",
                "Cost sharing by volume is fair. Please clarify the reference year for members "
                "that started sourcing during the year.",
                paragraph=3,
                login="member@demo.alliance.example",
                response=(
                    "accepted",
                    "Clarified: new buyers share from the first delivery, pro rata.",
                ),
            ),
            DemoComment(
                "Fair Minerals Watch",
                "Publication per country is right. Add the number of children who completed "
                "the two years of follow-up, not only the cases opened.",
                paragraph=4,
                login="representative@demo.alliance.example",
                response=("accepted", "Added to the annual figures."),
            ),
            DemoComment(
                "Ministry of Mines, Democratic Republic of the Congo",
                "The plan should involve the provincial mining division (SAEMAPE) so that "
                "remediation is aligned with the national strategy.",
                response=(
                    "accepted",
                    "The provincial division is invited to every plan agreed in the DRC.",
                ),
            ),
            DemoComment(
                "Katanga Copper-Cobalt Mining",
                "Agreed with the ministry: we already work with SAEMAPE in Kolwezi.",
                reply_to=4,
                response=("accepted", "Noted: no further change needed."),
            ),
        ),
        impact=DemoImpact(
            options=(
                (
                    "Remediation first, cost shared by volume",
                    "Members stay, remediate, and share the cost.",
                ),
                (
                    "Disengage from sites where child labour is found",
                    "The common practice before the alliance.",
                ),
                ("Leave it to each member", "No common rule."),
            ),
            rationale="Disengagement moves children to sites nobody monitors. Remediation "
            "keeps them visible and in school, and shared costs keep members from leaving.",
            trade_offs="Members carry costs and reputational exposure while a site is being "
            "remediated; some buyers would rather not be linked to such sites at all.",
            costs=_costs(
                (
                    (
                        "Members sourcing from the site",
                        "medium",
                        "short",
                        "medium",
                        "Remediation plans at about 1,800 USD per child per year.",
                        D("2400000"),
                        "USD",
                        "",
                    ),
                    (
                        "Cooperatives and families",
                        "low",
                        "short",
                        "medium",
                        "Time spent on planning and follow-up.",
                        None,
                        "",
                        "",
                    ),
                    (
                        "Nobody identified",
                        "low",
                        "short",
                        "low",
                        "No direct environmental effect.",
                        None,
                        "",
                        "",
                    ),
                ),
                (
                    (
                        "Members and their customers",
                        "high",
                        "medium",
                        "medium",
                        "Loss of market access under the EU Batteries Regulation's due-diligence "
                        "duties.",
                        D("15000000"),
                        "USD",
                        "",
                    ),
                    (
                        "Children at artisanal sites",
                        "high",
                        "long",
                        "high",
                        "Children stay out of school and exposed to hazardous work.",
                        None,
                        "",
                        "",
                    ),
                    (
                        "Communities around the sites",
                        "medium",
                        "long",
                        "low",
                        "Unmonitored sites with no tailings management.",
                        None,
                        "",
                        "",
                    ),
                ),
            ),
        ),
        closing_reason="Adopted by the General Assembly.",
    ),
    DemoProposal(
        title="Recognise IRMA, RMI and Copper Mark audits instead of alliance audits",
        summary="The alliance recognises audits under existing schemes that cover its "
        "baseline, instead of running audits of its own.",
        text="""The alliance does not run audits of its own. A member's site or supplier that \
holds a valid assessment under a recognised scheme is taken as meeting the baseline \
requirements that scheme covers.

Recognised schemes at adoption: IRMA (mine sites), the RMI's RMAP (smelters and refiners) and \
the Copper Mark (copper, cobalt, nickel, zinc and molybdenum sites).

Where a scheme does not cover a baseline requirement, the crosswalk shows the gap and the \
member closes it with the scheme's add-on module or a targeted assessment.

The Working Group on Traceability and Disclosure reviews the list of recognised schemes every \
two years.""",
        body="general-assembly",
        disclosure="public",
        status="adopted",
        materials=("cobalt", "copper", "nickel", "tin", "tantalum", "tungsten", "gold"),
        objectives=("one-assurance",),
        issues=("Recognition of existing assurance schemes",),
        proposed_by="Copper Mark Liaison Office",
        opened_days_ago=330,
        comments=(
            DemoComment(
                "Transparency for Extractives",
                "Recognition must be conditional on the scheme publishing its audit summaries. "
                "Otherwise civil society cannot check what is being recognised.",
                paragraph=1,
                response=(
                    "partly_accepted",
                    "Summaries must be public for mine-site schemes now; for smelter audits "
                    "from the next review.",
                ),
            ),
            DemoComment(
                "Malaysian Tin Smelting Works",
                "We welcome this: our smelter faced four audits last year for the same "
                "requirements.",
                response=("accepted", "No change needed."),
            ),
            DemoComment(
                "National Union of Mineworkers of the South",
                "Workers' representatives must be interviewed in every recognised audit.",
                paragraph=3,
                response=(
                    "not_accepted",
                    "A recognition condition cannot rewrite a scheme's method; the crosswalk "
                    "shows where worker interviews are missing and members close the gap.",
                ),
            ),
            DemoComment(
                "Centre for Mining and Society",
                "Two years is long for the review while schemes are changing fast. Consider "
                "an early review when a scheme changes its standard.",
                paragraph=4,
                response=("accepted", "Added: a review also follows any new version of a scheme."),
            ),
        ),
        impact=DemoImpact(
            options=(
                ("Recognise existing schemes", "Use IRMA, RMAP and the Copper Mark."),
                ("Run alliance audits", "An audit programme of the alliance's own."),
            ),
            rationale="Audit fatigue is real and the schemes already cover most of the "
            "baseline; the crosswalk makes the remaining gaps visible.",
            trade_offs="The alliance depends on the schemes' quality and cannot fix their "
            "methods; gaps are closed by members rather than by one audit.",
            costs=_costs(
                (
                    (
                        "Secretariat",
                        "low",
                        "immediate",
                        "high",
                        "Maintaining the crosswalk.",
                        D("60000"),
                        "EUR",
                        "",
                    ),
                    (
                        "Workers, where a scheme is weak on interviews",
                        "low",
                        "short",
                        "medium",
                        "Gaps closed later than with a dedicated audit.",
                        None,
                        "",
                        "",
                    ),
                    ("Nobody identified", "low", "short", "medium", "", None, "", ""),
                ),
                (
                    (
                        "Suppliers",
                        "high",
                        "short",
                        "high",
                        "Duplicate audits at about 25,000 USD each.",
                        D("10000000"),
                        "USD",
                        "",
                    ),
                    (
                        "Workers and communities",
                        "medium",
                        "medium",
                        "low",
                        "Attention spent on audits instead of improvements.",
                        None,
                        "",
                        "",
                    ),
                    ("Nobody identified", "low", "short", "low", "", None, "", ""),
                ),
            ),
        ),
        closing_reason="Adopted by the General Assembly.",
    ),
    # --- rejected --------------------------------------------------------------------------
    DemoProposal(
        title="Publish each member's list of smelters and refiners by name",
        summary="Every member publishes the smelters and refiners in its supply chain by name "
        "each year.",
        text="""Each member publishes, once a year, the names and countries of the smelters and \
refiners in its supply chain for the materials it reports on.

The secretariat publishes the combined list on the portal, with the number of members sourcing \
from each smelter or refiner.

Members may delay publication by one year where a contract forbids it, and say so.""",
        body="general-assembly",
        disclosure="public",
        status="rejected",
        materials=("tin", "tantalum", "tungsten", "gold", "cobalt"),
        objectives=("traceable-cobalt",),
        issues=("Disclosure of members' smelter and refiner lists",),
        proposed_by="Transparency for Extractives",
        opened_days_ago=260,
        comments=(
            DemoComment(
                "Kanto Electronics",
                "Naming smelters per member reveals sourcing strategies to competitors. We "
                "could support the combined list without member names.",
                paragraph=1,
                response=(
                    "not_accepted",
                    "Put to the ballot as proposed; the combined list is a separate proposal.",
                ),
            ),
            DemoComment(
                "Fair Minerals Watch",
                "Downstream companies in the US already publish their smelter lists under "
                "Dodd-Frank 1502. This is not new.",
                response=("accepted", "Noted in the impact assessment."),
            ),
            DemoComment(
                "Great Lakes Battery Systems",
                "The one-year delay should not need a contract; new suppliers also need time.",
                paragraph=3,
                response=("not_accepted", "The delay stays limited to contractual limits."),
            ),
        ),
        impact=DemoImpact(
            options=(
                ("Publish per member, by name", "As proposed."),
                ("Publish a combined list only", "No member names."),
                ("Publish nothing", "Status quo."),
            ),
            rationale="Named lists let civil society check members' claims directly.",
            trade_offs="Competition-law risk and commercial exposure for downstream members.",
            costs=_costs(
                (
                    (
                        "Downstream members",
                        "medium",
                        "immediate",
                        "medium",
                        "Legal review and possible loss of supplier leverage.",
                        None,
                        "",
                        "",
                    ),
                    ("Nobody identified", "low", "short", "low", "", None, "", ""),
                    ("Nobody identified", "low", "short", "low", "", None, "", ""),
                ),
                (
                    (
                        "Civil society and communities",
                        "medium",
                        "medium",
                        "medium",
                        "Claims cannot be checked against named facilities.",
                        None,
                        "",
                        "",
                    ),
                    (
                        "Workers at unnamed smelters",
                        "medium",
                        "medium",
                        "low",
                        "Less pressure on facilities that are not scrutinised.",
                        None,
                        "",
                        "",
                    ),
                    ("Communities near smelters", "low", "long", "low", "", None, "", ""),
                ),
            ),
        ),
        closing_reason="Rejected in the General Assembly's ballot; the combined list goes "
        "ahead as a separate proposal.",
    ),
    # --- no quorum ---------------------------------------------------------------------------
    DemoProposal(
        title="Living-wage benchmark for mine workers in Peru and Bolivia",
        summary="Adopt the unions' living-wage benchmark for members' mine sites in Peru and "
        "Bolivia, to be reached by 2028.",
        text="""Members with mine sites in Peru or Bolivia pay every worker on site, including \
contractors' workers, at least the living wage set by the benchmark annexed to this proposal.

The benchmark is the one published by the unions' wage survey of 2024, updated each year with \
the national consumer price index.

Members that do not meet it yet publish a plan to reach it by 2028.""",
        body="general-assembly",
        disclosure="members",
        status="no_quorum",
        countries=("PE", "BO"),
        materials=("copper", "tin", "zinc"),
        objectives=("safe-work-living-wages",),
        issues=("Living-wage benchmarks for mine workers",),
        proposed_by="National Union of Mineworkers of the South",
        opened_days_ago=200,
        comments=(
            DemoComment(
                "Andes Polymetallic",
                "Contractors' wages are set by the contractors. We can require it in new "
                "contracts, not in running ones.",
                paragraph=1,
                response=("partly_accepted", "Running contracts follow at renewal."),
            ),
            DemoComment(
                "Peruvian Ministry of Energy and Mines",
                "A private benchmark next to the legal minimum wage needs careful "
                "communication with the regional governments.",
                response=("accepted", "The secretariat prepares a joint note with the ministry."),
            ),
        ),
        impact=DemoImpact(
            options=(
                ("Adopt the unions' benchmark", "As proposed."),
                ("Commission an independent benchmark", "Delays the decision by a year."),
            ),
            rationale="The survey is recent and its method is published.",
            trade_offs="Industry members question the survey's sample.",
            costs=_costs(
                (
                    (
                        "Members with sites in Peru and Bolivia",
                        "medium",
                        "short",
                        "medium",
                        "Wage increases for about 6,000 workers.",
                        D("18000000"),
                        "PEN",
                        "",
                    ),
                    ("Nobody identified", "low", "short", "low", "", None, "", ""),
                    ("Nobody identified", "low", "short", "low", "", None, "", ""),
                ),
                (
                    (
                        "Workers and their families",
                        "high",
                        "medium",
                        "high",
                        "Wages below the cost of a decent standard of living.",
                        None,
                        "",
                        "",
                    ),
                    (
                        "Members",
                        "medium",
                        "medium",
                        "medium",
                        "Strikes and turnover.",
                        None,
                        "",
                        "",
                    ),
                    ("Nobody identified", "low", "short", "low", "", None, "", ""),
                ),
            ),
        ),
        closing_reason="The ballot closed without quorum in the industry upstream chamber.",
    ),
    # --- voting ------------------------------------------------------------------------------
    DemoProposal(
        title="Shared water-monitoring network in the Salar de Atacama",
        summary="Fund a water-monitoring network run jointly by lithium producers and the "
        "Atacameño communities, with open data.",
        text="""The alliance funds, for three years, a network of groundwater and lagoon \
monitoring stations in the Salar de Atacama, run jointly by the lithium producers and the \
Atacameño communities.

All measurements are published as open data within a week of being taken.

An independent hydrologist chosen by both sides reviews the data every year and the review is \
published.""",
        body="executive-board",
        disclosure="public",
        status="voting",
        countries=("CL",),
        materials=("lithium",),
        objectives=("water-and-consent",),
        issues=("Water use in salt-flat lithium extraction",),
        proposed_by="Comunidad Atacameña de Peine",
        opened_days_ago=75,
        comments=(
            DemoComment(
                "Atacama Lithium Brines",
                "We agree to open data; a week is tight for the deep wells we sample monthly.",
                paragraph=2,
                response=("partly_accepted", "A week for automatic stations, a month for wells."),
            ),
            DemoComment(
                "Humedales Andinos",
                "The hydrologist should be chosen by the communities; the companies already "
                "have their consultants.",
                paragraph=3,
                response=(
                    "not_accepted",
                    "A jointly chosen expert is what makes the review credible to both sides.",
                ),
            ),
            DemoComment(
                "Comunidad Atacameña de Peine",
                "The network must include the lagoons of the Soncor system, not only wells.",
                paragraph=1,
                response=("accepted", "Paragraph 1 names lagoons as well as groundwater."),
            ),
        ),
        impact=DemoImpact(
            options=(
                ("Joint network with open data", "As proposed."),
                ("Companies' own monitoring, published", "No joint governance."),
            ),
            rationale="Only jointly run monitoring can end the dispute over the evidence.",
            trade_offs="Producers give up control over their monitoring data.",
            costs=_costs(
                (
                    (
                        "The alliance's budget",
                        "medium",
                        "short",
                        "high",
                        "Stations, maintenance and the review.",
                        D("900000"),
                        "USD",
                        "",
                    ),
                    (
                        "Community monitors",
                        "low",
                        "short",
                        "medium",
                        "Training time, paid by the project.",
                        None,
                        "",
                        "",
                    ),
                    ("Nobody identified", "low", "short", "medium", "", None, "", ""),
                ),
                (
                    (
                        "Producers",
                        "high",
                        "medium",
                        "medium",
                        "Licences challenged in court for lack of trusted evidence.",
                        None,
                        "",
                        "",
                    ),
                    (
                        "Atacameño communities",
                        "high",
                        "long",
                        "medium",
                        "Loss of wetlands they depend on.",
                        None,
                        "",
                        "",
                    ),
                    (
                        "The salt flat's ecosystem",
                        "high",
                        "long",
                        "low",
                        "Lagoons and flamingo habitat at risk.",
                        None,
                        "",
                        "",
                    ),
                ),
            ),
        ),
    ),
    # --- deliberation ------------------------------------------------------------------------
    DemoProposal(
        title="Common grievance mechanism for communities around nickel operations in Sulawesi",
        summary="One grievance mechanism, run by an independent organisation, for the "
        "communities around members' nickel operations in Sulawesi.",
        text="""Members with nickel mining or processing operations in Sulawesi fund a common \
grievance mechanism for the communities around them, run by an independent organisation.

Grievances can be raised in Bahasa Indonesia or a local language, orally or in writing, \
without cost and without fear of reprisal.

The mechanism publishes each quarter the number of grievances, their subjects and how they \
were resolved.""",
        body="general-assembly",
        disclosure="public",
        status="deliberation",
        countries=("ID",),
        materials=("nickel",),
        objectives=("water-and-consent", "safe-work-living-wages"),
        proposed_by="Sulawesi Nickel Resources",
        opened_days_ago=50,
        comments=(
            DemoComment(
                "Fair Minerals Watch",
                "Add a protection against reprisals for human rights defenders who help "
                "communities file grievances.",
                paragraph=2,
                login="representative@demo.alliance.example",
                response=("accepted", "Paragraph 2 now covers those who help."),
            ),
            DemoComment(
                "Sulawesi Nickel Resources",
                "We will host the first meeting of the funding members.",
                response=("accepted", "Thank you: noted."),
            ),
            DemoComment(
                "Great Lakes Battery Systems",
                "Battery makers buying Sulawesi nickel should fund it too, not only the operators.",
                paragraph=1,
                response=("accepted", "Downstream members buying from the island contribute."),
            ),
        ),
        impact=DemoImpact(
            options=(
                ("One common mechanism", "Independent, shared by all members."),
                ("One mechanism per company", "The current situation."),
            ),
            rationale="Communities live next to several operations and cannot tell which "
            "company's mechanism to use.",
            trade_offs="Companies share control of grievance handling.",
            costs=_costs(
                (
                    (
                        "Members operating or buying in Sulawesi",
                        "low",
                        "short",
                        "medium",
                        "Running costs of the mechanism.",
                        D("4500000000"),
                        "IDR",
                        "",
                    ),
                    ("Nobody identified", "low", "short", "low", "", None, "", ""),
                    ("Nobody identified", "low", "short", "low", "", None, "", ""),
                ),
                (
                    (
                        "Members",
                        "medium",
                        "medium",
                        "medium",
                        "Conflicts escalate to blockades and litigation.",
                        None,
                        "",
                        "",
                    ),
                    (
                        "Communities",
                        "high",
                        "medium",
                        "medium",
                        "Grievances left unheard.",
                        None,
                        "",
                        "",
                    ),
                    (
                        "Coastal ecosystems",
                        "medium",
                        "long",
                        "low",
                        "Pollution reports not followed up.",
                        None,
                        "",
                        "",
                    ),
                ),
            ),
        ),
    ),
    DemoProposal(
        title="Minimum traceability data for tin, tantalum and tungsten shipments",
        summary="A common minimum set of chain-of-custody data that every 3T shipment between "
        "members carries.",
        text="""Every shipment of tin, tantalum or tungsten ore, concentrate or metal between \
members carries a minimum data set: mine or site of origin, dates, weights, and the identity \
of each handler.

The data set follows the OECD Due Diligence Guidance and is exchanged in a common format \
published by the working group.

Members start with new contracts six months after adoption.""",
        body="wg-traceability",
        disclosure="members",
        status="deliberation",
        countries=("CD", "RW", "MY", "ID", "CN"),
        materials=("tin", "tantalum", "tungsten"),
        objectives=("traceable-cobalt", "one-assurance"),
        proposed_by="Rotterdam Cobalt Refinery",
        opened_days_ago=40,
        comments=(
            DemoComment(
                "Jiangxi Tungsten Smelting",
                "Handler identities are commercially sensitive in China; can they be shared "
                "with auditors only?",
                paragraph=1,
                response=(
                    "partly_accepted",
                    "Shared with the next handler and auditors, not published.",
                ),
            ),
            DemoComment(
                "Kanto Electronics",
                "Six months is short for our smaller suppliers.",
                paragraph=3,
            ),
            DemoComment(
                "Institute for Sustainable Resources",
                "Please reference the data model of the EU battery passport so members do not "
                "have to map two formats.",
                paragraph=2,
            ),
        ),
    ),
    # --- consultation ------------------------------------------------------------------------
    DemoProposal(
        title="Community-consent guidance for lithium projects",
        summary="Guidance on how members obtain and document the free, prior and informed "
        "consent of communities before lithium projects go ahead.",
        text="""Before a member starts or expands a lithium project, it obtains the free, prior \
and informed consent of the indigenous peoples and local communities whose land, water or \
livelihoods the project affects.

Consent is sought through the communities' own institutions, in their languages, with the \
time they need and with independent advice paid for by the member.

The member documents the process and the outcome, and publishes a summary the communities \
have agreed to.

Where communities withhold consent, the project does not go ahead in that form.""",
        body="general-assembly",
        disclosure="public",
        status="consultation",
        countries=("CL", "BO", "AR"),
        materials=("lithium",),
        objectives=("water-and-consent",),
        issues=("Free, prior and informed consent of indigenous peoples",),
        proposed_by="Humedales Andinos",
        public_consultation=True,
        opened_days_ago=12,
        consultation_days=35,
        comments=(
            DemoComment(
                "Atacama Lithium Brines",
                "We support the guidance. Paragraph 4 needs a process for projects already "
                "permitted before it applies.",
                paragraph=4,
            ),
            DemoComment(
                "Comunidad Atacameña de Peine",
                "Independent advice must be chosen by the communities, even if the member "
                "pays for it.",
                paragraph=2,
            ),
            DemoComment(
                "Atacama Lithium Brines",
                "We can accept that if the adviser is bound by a code of conduct.",
                reply_to=1,
            ),
            DemoComment(
                "Rhine Motor Works",
                "As a buyer we would like the summaries in paragraph 3 to be machine-readable "
                "so we can link them to our supplier data.",
                paragraph=3,
                login="member@demo.alliance.example",
            ),
            DemoComment(
                EXTERNAL,
                "I live in San Pedro de Atacama. Please make sure the consultation meetings "
                "are held in the communities, not in Santiago or Antofagasta.",
                paragraph=2,
                moderation="approve",
                login="external@demo.alliance.example",
            ),
            DemoComment(
                EXTERNAL,
                "BUY CHEAP LITHIUM STOCKS NOW!!! visit our site",
                moderation="reject: Advertising, unrelated to the proposal.",
            ),
            DemoComment(
                EXTERNAL,
                "The people running this alliance are all corrupt and should be in jail.",
                moderation="reject: Personal attack without a point about the proposal; the "
                "author is welcome to resubmit a comment on its content.",
            ),
            DemoComment(
                EXTERNAL,
                "Will the guidance also apply to geothermal lithium projects in Europe?",
            ),
        ),
    ),
    DemoProposal(
        title="Revise the conflict-of-interest rules of the Executive Board",
        summary="Board members declare interests yearly and before each ballot; a conflict "
        "recuses the organisation unless the secretariat grants a reasoned exemption.",
        text="""Each organisation holding a seat on the Executive Board declares its interests \
in writing when it takes the seat and every year after.

Before each ballot, the organisation's representative declares that it has no conflict with \
the matter, or the nature of its conflict.

A conflict recuses the organisation from the ballot, unless the secretariat records an \
exemption with its reasons.

Declarations are published with the decision, naming organisations, not people.""",
        body="executive-board",
        disclosure="members",
        status="consultation",
        opened_days_ago=6,
        consultation_days=30,
        proposed_by="Transparency for Extractives",
        comments=(
            DemoComment(
                "Kanto Electronics",
                "Please define 'interest': is a supply contract with a member an interest?",
                paragraph=1,
            ),
            DemoComment(
                "Congo River Rights Network",
                "Exemptions should be rare and published with the decision, including who "
                "asked for them.",
                paragraph=3,
            ),
            DemoComment(
                "Fair Minerals Watch",
                "We support this revision as the board's chair.",
                login="representative@demo.alliance.example",
            ),
        ),
    ),
    DemoProposal(
        title="Formalisation support fund for artisanal mining cooperatives",
        summary="A fund for artisanal cooperatives that want to formalise: permits, safety "
        "equipment and bookkeeping.",
        text="""The alliance sets up a fund that supports artisanal mining cooperatives in \
their formalisation: obtaining permits, buying basic safety equipment and keeping books.

Cooperatives apply with a plan; the Working Group on Artisanal and Small-Scale Mining selects \
them with the provincial mining authorities.

Members contribute in proportion to their purchases of artisanal cobalt and copper.""",
        body="wg-artisanal-mining",
        disclosure="public",
        status="consultation",
        countries=("CD",),
        materials=("cobalt", "copper"),
        objectives=("traceable-cobalt", "safe-work-living-wages"),
        proposed_by="Artisanal Miners' Cooperative of Kolwezi",
        opened_days_ago=3,
        consultation_days=40,
        comments=(
            DemoComment(
                "Lualaba Women Miners' Association",
                "A share of the fund should be reserved for women-led cooperatives.",
                paragraph=1,
            ),
        ),
    ),
    # --- drafts ------------------------------------------------------------------------------
    DemoProposal(
        title="Annual public report on progress against the objectives",
        summary="The secretariat publishes every year the indicators of each objective, with "
        "per-chamber participation figures.",
        text="""Each year, by 31 March, the secretariat publishes a report on the alliance's \
progress against each objective, with the latest measurement of every indicator.

The report includes participation figures per chamber for every consultation and ballot of the \
year.""",
        body="general-assembly",
        disclosure="public",
        status="draft",
        objectives=("traceable-cobalt", "safe-work-living-wages", "water-and-consent"),
        opened_days_ago=-5,
        consultation_days=30,
    ),
    DemoProposal(
        title="Carbon footprint method for refined cobalt",
        summary="Adopt a common method to calculate the carbon footprint of refined cobalt.",
        text="""Members calculate the carbon footprint of refined cobalt with the method of the \
Cobalt Institute, with the alliance's additions for artisanal feed.

The secretariat publishes the alliance's additions after the working group's review.""",
        body="general-assembly",
        disclosure="members",
        status="draft",
        materials=("cobalt",),
        issues=("Carbon footprint method for refined metals",),
    ),
    # --- withdrawn ---------------------------------------------------------------------------
    DemoProposal(
        title="Moratorium on sourcing metals from deep-sea mining",
        summary="Members commit not to source metals from deep-sea mining until its "
        "environmental effects are understood.",
        text="""Members do not source metals from deep-sea mining until an independent \
scientific review concludes that it can be done without serious harm to marine ecosystems.

Members say so publicly and in their supplier requirements.""",
        body="general-assembly",
        disclosure="public",
        status="withdrawn",
        materials=("nickel", "cobalt", "copper"),
        issues=("Deep-sea mining",),
        proposed_by="Fair Minerals Watch",
        opened_days_ago=150,
        consultation_days=30,
        comments=(
            DemoComment(
                "Loire Automobiles",
                "We have made this commitment already and support it.",
            ),
            DemoComment(
                "Andes Polymetallic",
                "The alliance should wait for the International Seabed Authority's rules.",
                paragraph=1,
            ),
        ),
        closing_reason="Withdrawn by its sponsor: the issue is parked until the independent "
        "scientific review reports.",
    ),
]
