"""Demo data of the standards app: real public responsible-sourcing frameworks with summaries
written in the alliance's own words (never the issuers' wording), an alliance baseline of 23
requirements, and about 80 crosswalk mappings in every status and relationship. Idempotent.

Reference codes follow each framework's own numbering where it has one (steps, principles,
articles); where it has none (the RMI Risk Readiness Assessment's issue areas) the codes are
the alliance's own, and the standard's summary says so. Dates are given to the month.

Authors and reviewers: the demo logins of the members app when they exist (development
settings) and may act; otherwise the portal itself acts (``SYSTEM``), and the mappings are
recorded as system work, without a person. Element trees are always imported by the system.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from alliance_portal import policy
from alliance_portal.demo import DemoLogin
from alliance_portal.models import User
from alliance_portal.types import Actor
from members.vocabularies import Material as M
from members.vocabularies import ValueChainStage as V
from standards import (
    demo_acceptance,
    demo_access_log,
    demo_certifications,
    demo_demands,
    demo_reports,
    demo_tiers,
    services,
)
from standards.csv_io import ELEMENT_COLUMNS, write_csv
from standards.models import (
    Element,
    MappingSet,
    MappingStatus,
    Standard,
    StandardKind,
    StandardVersion,
    VersionStatus,
)

K = StandardKind
CURRENT, SUPERSEDED = VersionStatus.CURRENT, VersionStatus.SUPERSEDED
DRAFT, REVIEWED, APPROVED = MappingStatus.DRAFT, MappingStatus.REVIEWED, MappingStatus.APPROVED

# code: (title, short name, issuing body, kind, materials, stages, website, summary)
STANDARDS: dict[str, tuple[str, str, str, str, list[str], list[str], str, str]] = {
    "alliance-baseline": (
        "Alliance Baseline for Responsible Sourcing",
        "Baseline",
        "The alliance",
        K.ALLIANCE_BASELINE,
        [],
        [V.EXPLORATION_EXTRACTION, V.ASM, V.PROCESSING, V.COMPONENTS, V.PRODUCTS],
        "",
        "The common requirements the alliance's members agree to meet, whatever the "
        "material. Rather than adding another standard, the baseline points to existing ones: "
        "a requirement met under a mapped standard counts as met.",
    ),
    "oecd-ddg-minerals": (
        "OECD Due Diligence Guidance for Responsible Supply Chains of Minerals from "
        "Conflict-Affected and High-Risk Areas",
        "OECD DDG",
        "Organisation for Economic Co-operation and Development (OECD)",
        K.DUE_DILIGENCE_GUIDANCE,
        [M.TIN, M.TANTALUM, M.TUNGSTEN, M.GOLD, M.OTHER],
        [V.EXPLORATION_EXTRACTION, V.ASM, V.PROCESSING, V.COMPONENTS, V.PRODUCTS],
        "https://www.oecd.org/",
        "The reference framework for mineral supply-chain due diligence: a five-step process "
        "every company in the chain can follow, with a model policy listing the risks to "
        "watch for in conflict-affected and high-risk areas.",
    ),
    "irma-std-001": (
        "IRMA Standard for Responsible Mining (IRMA-STD-001)",
        "IRMA",
        "Initiative for Responsible Mining Assurance (IRMA)",
        K.CERTIFICATION_STANDARD,
        [M.COPPER, M.NICKEL, M.LITHIUM, M.COBALT, M.GOLD, M.ZINC, M.GRAPHITE, M.OTHER],
        [V.EXPLORATION_EXTRACTION],
        "https://responsiblemining.net/",
        "A multi-stakeholder standard for industrial mine sites, independently audited, "
        "organised in four principles: business integrity, positive legacies, social "
        "responsibility and environmental responsibility.",
    ),
    "rmi-rra": (
        "RMI Risk Readiness Assessment",
        "RMI RRA",
        "Responsible Minerals Initiative (RMI)",
        K.ASSURANCE_PROGRAMME,
        [M.COBALT, M.COPPER, M.TIN, M.TANTALUM, M.TUNGSTEN, M.GOLD, M.MICA, M.OTHER],
        [V.EXPLORATION_EXTRACTION, V.PROCESSING],
        "https://www.responsiblemineralsinitiative.org/",
        "A self-assessment in which a site or company rates how ready it is to manage a broad "
        "set of environmental, social and governance risks. The reference codes here are the "
        "alliance's own numbering of its issue areas.",
    ),
    "asi-performance-standard": (
        "ASI Performance Standard",
        "ASI",
        "Aluminium Stewardship Initiative (ASI)",
        K.CERTIFICATION_STANDARD,
        [M.ALUMINIUM],
        [V.EXPLORATION_EXTRACTION, V.PROCESSING, V.COMPONENTS, V.PRODUCTS],
        "https://aluminium-stewardship.org/",
        "Certifies practices along the aluminium value chain, from bauxite mining to products, "
        "under governance, environmental and social principles.",
    ),
    "responsiblesteel": (
        "ResponsibleSteel International Standard",
        "ResponsibleSteel",
        "ResponsibleSteel",
        K.CERTIFICATION_STANDARD,
        [M.IRON_STEEL],
        [V.PROCESSING],
        "https://www.responsiblesteel.org/",
        "Certifies steelmaking sites against thirteen principles, from corporate leadership "
        "to biodiversity, with requirements on how input materials are sourced.",
    ),
    "copper-mark-jdds": (
        "Joint Due Diligence Standard for Copper, Lead, Molybdenum, Nickel and Zinc",
        "Copper Mark JDDS",
        "The Copper Mark, with partner metal associations",
        K.DUE_DILIGENCE_GUIDANCE,
        [M.COPPER, M.NICKEL, M.ZINC, M.OTHER],
        [V.PROCESSING],
        "https://coppermark.org/",
        "A shared due-diligence standard for producers of several base metals, following the "
        "OECD five-step process so one assessment serves several supply chains.",
    ),
    "lbma-rgg": (
        "LBMA Responsible Gold Guidance",
        "LBMA RGG",
        "London Bullion Market Association (LBMA)",
        K.DUE_DILIGENCE_GUIDANCE,
        [M.GOLD],
        [V.PROCESSING],
        "https://www.lbma.org.uk/",
        "What gold refiners on the Good Delivery List must do to source responsibly, with an "
        "annual independent audit; recent editions widen the scope to environmental and "
        "financial-crime risks.",
    ),
    "eu-2017-821": (
        "Regulation (EU) 2017/821 on supply chain due diligence for importers of tin, "
        "tantalum, tungsten and gold",
        "EU 2017/821",
        "European Parliament and Council of the European Union",
        K.REGULATION,
        [M.TIN, M.TANTALUM, M.TUNGSTEN, M.GOLD],
        [V.PROCESSING, V.COMPONENTS],
        "https://eur-lex.europa.eu/eli/reg/2017/821/oj",
        "Makes due diligence a legal duty for EU importers of tin, tantalum, tungsten and "
        "gold above set volumes, in line with the OECD guidance.",
    ),
}

# code: [(label, status, published, effective, supersedes label, notes)]
VERSIONS: dict[str, list[tuple[str, str, date | None, date | None, str, str]]] = {
    "alliance-baseline": [("1.0", CURRENT, date(2025, 3, 1), date(2025, 7, 1), "", "")],
    "oecd-ddg-minerals": [
        ("2nd-edition", SUPERSEDED, date(2013, 1, 1), None, "", ""),
        ("3rd-edition", CURRENT, date(2016, 4, 1), None, "2nd-edition", ""),
    ],
    "irma-std-001": [("1.0", CURRENT, date(2018, 6, 1), None, "", "")],
    "rmi-rra": [("3.0", CURRENT, date(2023, 1, 1), None, "", "")],
    "asi-performance-standard": [("V3", CURRENT, date(2022, 5, 1), None, "", "")],
    "responsiblesteel": [("2.0", CURRENT, date(2022, 9, 1), None, "", "")],
    "copper-mark-jdds": [("2022", CURRENT, date(2022, 2, 1), None, "", "")],
    "lbma-rgg": [("v9", CURRENT, date(2021, 12, 1), date(2022, 1, 1), "", "")],
    "eu-2017-821": [
        (
            "2017",
            CURRENT,
            date(2017, 5, 17),
            date(2021, 1, 1),
            "",
            "Most obligations apply from 1 January 2021.",
        )
    ],
}

P, C, S, R, A, X = "principle", "chapter", "step", "requirement", "article", "annex"
CR = "criterion"

# fmt: off
# (code, version) -> [(ref, parent ref, kind, title, summary in our words)]
ELEMENTS: dict[tuple[str, str], list[tuple[str, str, str, str, str]]] = {
    ("alliance-baseline", "1.0"): [
        ("AB-1", "", P, "Management systems and due diligence", "How a member organises itself to find and handle risks in its supply chain."),
        ("AB-1.1", "AB-1", R, "Supply-chain policy", "Adopt and publish a policy that names the supply-chain risks the member will not tolerate and how it will respond to them."),
        ("AB-1.2", "AB-1", R, "Management responsibility", "Give a senior person responsibility for due diligence, with the staff and budget to carry it out."),
        ("AB-1.3", "AB-1", R, "Chain of custody and traceability", "Keep records that show where materials came from and who handled them, for at least five years."),
        ("AB-1.4", "AB-1", R, "Supplier engagement", "Pass the policy on to suppliers, write it into contracts, and help suppliers improve rather than drop them at once."),
        ("AB-1.5", "AB-1", R, "Grievance mechanism", "Offer a way for anyone affected, including workers and communities, to raise concerns and get an answer."),
        ("AB-1.6", "AB-1", R, "Risk identification and assessment", "Map the supply chain and assess it against the policy's risks, with extra care in conflict-affected and high-risk areas."),
        ("AB-1.7", "AB-1", R, "Risk response plan", "Decide, for each risk found, whether to continue, suspend or stop, and track measurable improvement."),
        ("AB-1.8", "AB-1", R, "Independent assurance", "Have due-diligence practices checked by an independent, competent third party."),
        ("AB-1.9", "AB-1", R, "Annual public report", "Publish each year what was done, what was found and what changed."),
        ("AB-1.10", "AB-1", R, "Business integrity", "Refuse bribery, fraud and money laundering, and disclose payments to governments."),
        ("AB-2", "", P, "Human rights and labour", "Respect for the people who work in and around the supply chain."),
        ("AB-2.1", "AB-2", R, "No child labour", "No child works below the legal minimum age, and no young person does hazardous work."),
        ("AB-2.2", "AB-2", R, "No forced labour", "All work is voluntary: no debt bondage, withheld documents or recruitment fees paid by workers."),
        ("AB-2.3", "AB-2", R, "Occupational health and safety", "Identify workplace hazards, control them, train workers and let them refuse unsafe work."),
        ("AB-2.4", "AB-2", R, "Freedom of association", "Workers may form and join unions and bargain collectively without reprisal."),
        ("AB-2.5", "AB-2", R, "Security and human rights", "Security providers, public or private, respect human rights and are vetted, trained and monitored."),
        ("AB-3", "", P, "Communities", "Relations with the people who live near operations."),
        ("AB-3.1", "AB-3", R, "Stakeholder engagement", "Engage affected communities early and throughout, in their language, and report back on what was done with their views."),
        ("AB-3.2", "AB-3", R, "Free, prior and informed consent", "Seek the consent of Indigenous Peoples before activities that affect their lands or rights."),
        ("AB-3.3", "AB-3", R, "Conflict-affected and high-risk areas", "Do not contribute to armed conflict or serious abuses; apply enhanced due diligence where they are likely."),
        ("AB-4", "", P, "Environment", "Limiting harm to climate, water, nature and land."),
        ("AB-4.1", "AB-4", R, "Greenhouse gas emissions", "Measure and disclose emissions and set reduction targets in line with climate goals."),
        ("AB-4.2", "AB-4", R, "Water stewardship", "Understand the shared water situation, use water efficiently and prevent pollution."),
        ("AB-4.3", "AB-4", R, "Biodiversity", "Avoid protected and key biodiversity areas and follow the mitigation hierarchy elsewhere."),
        ("AB-4.4", "AB-4", R, "Waste and tailings", "Manage waste and tailings so they stay safe for the long term."),
        ("AB-4.5", "AB-4", R, "Closure and reclamation", "Plan and fund closure from the start, with the community's input."),
    ],
    ("oecd-ddg-minerals", "3rd-edition"): [
        ("Step 1", "", S, "Establish strong company management systems", "Build the internal basis for due diligence."),
        ("Step 1A", "Step 1", CR, "Supply-chain policy", "Adopt a policy on mineral sourcing, drawing on the model policy in Annex II, and share it."),
        ("Step 1B", "Step 1", CR, "Internal management structure", "Assign senior responsibility and the means to carry out due diligence."),
        ("Step 1C", "Step 1", CR, "Control and transparency system", "Set up chain-of-custody or traceability arrangements and keep the records."),
        ("Step 1D", "Step 1", CR, "Engagement with suppliers", "Build long-term relations with suppliers and include the policy in agreements with them."),
        ("Step 1E", "Step 1", CR, "Grievance mechanism", "Give interested parties a way to voice concerns, alone or with other companies."),
        ("Step 2", "", S, "Identify and assess risk in the supply chain", "Find the red flags in the supply chain and assess them against the policy."),
        ("Step 3", "", S, "Design and implement a strategy to respond to identified risks", "Report findings to senior management and act on them: mitigate, suspend or disengage."),
        ("Step 4", "", S, "Carry out independent third-party audit", "Have the due diligence of smelters and refiners audited independently."),
        ("Step 5", "", S, "Report annually on supply-chain due diligence", "Publish the company's due-diligence policies and practices each year."),
        ("Annex II", "", X, "Model supply-chain policy", "A sample policy naming the serious abuses, support to armed groups, security-force conduct, bribery and money laundering a company commits to avoid."),
    ],
    ("oecd-ddg-minerals", "2nd-edition"): [],
    ("irma-std-001", "1.0"): [
        ("1", "", P, "Business integrity", "How the company conducts its business and relates to stakeholders."),
        ("1.1", "1", C, "Legal compliance", "Know and obey the applicable law, and tell stakeholders where law and the standard differ."),
        ("1.2", "1", C, "Community and stakeholder engagement", "Involve affected people in decisions in a way that suits them."),
        ("1.3", "1", C, "Human rights due diligence", "Find, prevent and account for the company's impacts on human rights."),
        ("1.4", "1", C, "Complaints and grievance mechanism and access to remedy", "Offer a fair, accessible way to raise and resolve complaints."),
        ("1.5", "1", C, "Revenue and payments transparency", "Disclose what the company pays to governments and fight corruption."),
        ("2", "", P, "Planning for positive legacies", "What the mine leaves behind for people and places."),
        ("2.1", "2", C, "Environmental and social impact assessment", "Assess a project's effects before deciding on it, with those affected."),
        ("2.2", "2", C, "Free, prior and informed consent", "Obtain the consent of Indigenous Peoples where the standard requires it."),
        ("2.6", "2", C, "Planning and financing reclamation and closure", "Plan closure early and set aside enough money to carry it out."),
        ("3", "", P, "Social responsibility", "Workers, communities and security."),
        ("3.1", "3", C, "Fair labour and terms of work", "Decent, voluntary work for adults, with freedom of association and fair pay."),
        ("3.2", "3", C, "Occupational health and safety", "Keep workers safe and healthy, with their participation."),
        ("3.4", "3", C, "Mining and conflict-affected or high-risk areas", "Apply OECD-style due diligence where conflict or serious abuse is a risk."),
        ("3.5", "3", C, "Security arrangements", "Use security forces that respect human rights."),
        ("4", "", P, "Environmental responsibility", "Water, air, waste, climate and nature."),
        ("4.1", "4", C, "Waste and materials management", "Handle mine waste, including tailings, so that it stays stable and clean."),
        ("4.2", "4", C, "Water management", "Protect water for other users and ecosystems."),
        ("4.5", "4", C, "Greenhouse gas emissions", "Quantify emissions and work to reduce them."),
        ("4.6", "4", C, "Biodiversity, ecosystem services and protected areas", "Avoid and offset harm to nature and the services people draw from it."),
    ],
    ("rmi-rra", "3.0"): [
        ("G", "", P, "Governance", "Issue areas about how the business is run."),
        ("G.1", "G", CR, "Business integrity", "How the site prevents corruption and other misconduct."),
        ("G.2", "G", CR, "Grievance mechanisms", "Whether affected people can raise concerns and get them addressed."),
        ("G.3", "G", CR, "Supply-chain due diligence", "How the site identifies and responds to risks in what it buys."),
        ("S", "", P, "Social", "Issue areas about workers and communities."),
        ("S.1", "S", CR, "Child labour", "How the site keeps children out of work they should not do."),
        ("S.2", "S", CR, "Forced labour", "How the site keeps work voluntary."),
        ("S.3", "S", CR, "Occupational health and safety", "How the site keeps workers safe."),
        ("S.4", "S", CR, "Freedom of association", "Whether workers may organise and bargain."),
        ("S.5", "S", CR, "Security and human rights", "How security is provided without abuse."),
        ("E", "", P, "Environment", "Issue areas about environmental impacts."),
        ("E.1", "E", CR, "Greenhouse gas emissions", "Whether emissions are measured and reduced."),
        ("E.2", "E", CR, "Water", "How water use and discharges are managed."),
        ("E.3", "E", CR, "Biodiversity", "How impacts on nature are managed."),
        ("E.4", "E", CR, "Tailings", "How tailings are stored and monitored."),
    ],
    ("asi-performance-standard", "V3"): [
        ("1", "", P, "Business integrity", "Honest conduct, anti-corruption and compliance."),
        ("2", "", P, "Policy and management", "Sustainability policy, management systems and due diligence."),
        ("3", "", P, "Transparency", "Public reporting on sustainability performance."),
        ("4", "", P, "Material stewardship", "Design, use and recycling of aluminium over its life."),
        ("5", "", P, "Greenhouse gas emissions", "Measurement, targets and reductions."),
        ("6", "", P, "Emissions, effluents and waste", "Air, water and waste discharges, including bauxite residue."),
        ("7", "", P, "Water stewardship", "Water use and shared water resources."),
        ("8", "", P, "Biodiversity", "Protection of nature and ecosystem services."),
        ("9", "", P, "Human rights", "Due diligence, Indigenous Peoples and security."),
        ("10", "", P, "Labour rights", "Core labour standards and fair conditions."),
        ("11", "", P, "Occupational health and safety", "Safe and healthy workplaces."),
    ],
    ("responsiblesteel", "2.0"): [
        ("1", "", P, "Corporate leadership", "Commitment and governance at the top of the company."),
        ("2", "", P, "Management systems", "Systems to manage social, environmental and governance issues."),
        ("3", "", P, "Responsible sourcing of input materials", "Due diligence on iron ore, coal and other inputs."),
        ("4", "", P, "Decommissioning and closure", "Planning the end of a site's life."),
        ("5", "", P, "Occupational health and safety", "Protecting workers' health and safety."),
        ("6", "", P, "Labour rights", "Fair and lawful treatment of workers."),
        ("7", "", P, "Human rights", "Respecting the rights of everyone affected."),
        ("8", "", P, "Stakeholder engagement and communication", "Two-way engagement with those affected."),
        ("9", "", P, "Local communities", "Benefits and impacts for neighbours of the site."),
        ("10", "", P, "Climate change and greenhouse gas emissions", "Measuring and cutting emissions."),
        ("11", "", P, "Noise, emissions, effluents and waste", "Limiting pollution and nuisance."),
        ("12", "", P, "Water stewardship", "Responsible use of water."),
        ("13", "", P, "Biodiversity", "Protecting nature."),
    ],
    ("copper-mark-jdds", "2022"): [
        ("Step 1", "", S, "Management systems", "Policy, responsibility, traceability, supplier engagement and grievances."),
        ("Step 2", "", S, "Risk identification and assessment", "Finding and assessing red flags in sourcing."),
        ("Step 3", "", S, "Risk management", "Responding to the risks found."),
        ("Step 4", "", S, "Independent assessment", "Having due diligence assessed by a third party."),
        ("Step 5", "", S, "Reporting", "Publishing a yearly due-diligence report."),
    ],
    ("lbma-rgg", "v9"): [
        ("Step 1", "", S, "Management systems", "Policy, compliance officer, know-your-customer and record keeping."),
        ("Step 2", "", S, "Risk identification and assessment", "Assessing each supply chain and its red flags."),
        ("Step 3", "", S, "Risk response", "Managing or ending relationships with risky suppliers."),
        ("Step 4", "", S, "Independent third-party audit", "A yearly audit by an approved auditor."),
        ("Step 5", "", S, "Annual reporting", "A public compliance report each year."),
    ],
    ("eu-2017-821", "2017"): [
        ("Art. 4", "", A, "Management system obligations", "Importers set up a policy, management system, chain-of-custody records and a grievance mechanism."),
        ("Art. 5", "", A, "Risk management obligations", "Importers identify and assess supply-chain risks and respond to them."),
        ("Art. 6", "", A, "Third-party audit obligations", "Importers have their due diligence audited by an independent third party."),
        ("Art. 7", "", A, "Disclosure obligations", "Importers report to the authorities and publish their due-diligence practices yearly."),
    ],
}
# fmt: on

EQ, SUB, SUP, INT, NO = "equal", "subset_of", "superset_of", "intersects_with", "no_relationship"
SEM, FUN, SYN = "semantic", "functional", "syntactic"

BASELINE = ("alliance-baseline", "1.0")
# fmt: off
# (focal code, focal version, reference code, reference version, purpose, comprehensive,
#  [(focal ref, relationship, reference ref, strength, rationale, status, explanation)])
SETS: list[tuple[str, str, str, str, str, bool, list[tuple[Any, ...]]]] = [
    (*BASELINE, "oecd-ddg-minerals", "3rd-edition", "Which baseline requirements the OECD five-step framework already covers.", True, [
        ("AB-1.1", EQ, "Step 1A", None, SEM, APPROVED, "Both ask for a published sourcing policy."),
        ("AB-1.2", INT, "Step 1B", 7, SEM, APPROVED, "The guidance does not require a named budget."),
        ("AB-1.3", SUB, "Step 1C", 8, FUN, APPROVED, "The guidance also covers information sharing along the chain."),
        ("AB-1.4", EQ, "Step 1D", None, SEM, APPROVED, ""),
        ("AB-1.5", EQ, "Step 1E", None, SEM, APPROVED, ""),
        ("AB-1.6", EQ, "Step 2", None, SEM, APPROVED, ""),
        ("AB-1.7", SUB, "Step 3", 8, SEM, APPROVED, ""),
        ("AB-1.8", INT, "Step 4", 6, FUN, APPROVED, "The guidance audits smelters and refiners only."),
        ("AB-1.9", EQ, "Step 5", None, SEM, APPROVED, ""),
        ("AB-1.10", INT, "Annex II", 4, SEM, REVIEWED, "Annex II covers bribery but not payment disclosure."),
        ("AB-2.1", INT, "Annex II", 5, SEM, APPROVED, "Only the worst forms of child labour."),
        ("AB-2.3", INT, "Annex II", 3, SEM, DRAFT, "Health and safety appear only indirectly."),
        ("AB-2.5", INT, "Annex II", 6, SEM, APPROVED, ""),
        ("AB-3.3", SUB, "Step 3", 7, FUN, APPROVED, ""),
        ("AB-4.1", NO, "Step 1", None, SEM, APPROVED, "Climate is outside the guidance's scope."),
    ]),
    (*BASELINE, "irma-std-001", "1.0", "Baseline requirements met at IRMA-audited mine sites.", False, [
        ("AB-1.5", EQ, "1.4", None, SEM, APPROVED, ""),
        ("AB-1.10", INT, "1.5", 5, SEM, APPROVED, "IRMA adds revenue transparency."),
        ("AB-1.6", INT, "1.3", 6, SEM, APPROVED, ""),
        ("AB-2.1", SUB, "3.1", 8, SEM, APPROVED, ""),
        ("AB-2.3", EQ, "3.2", None, SEM, APPROVED, ""),
        ("AB-2.4", SUB, "3.1", 7, SEM, APPROVED, ""),
        ("AB-2.5", EQ, "3.5", None, SEM, APPROVED, ""),
        ("AB-3.1", SUB, "1.2", 9, SEM, APPROVED, ""),
        ("AB-3.2", EQ, "2.2", None, SEM, APPROVED, ""),
        ("AB-3.3", EQ, "3.4", None, FUN, APPROVED, ""),
        ("AB-4.1", SUB, "4.5", 8, SEM, APPROVED, ""),
        ("AB-4.2", SUB, "4.2", 8, SEM, APPROVED, ""),
        ("AB-4.4", INT, "4.1", 7, SEM, REVIEWED, ""),
        ("AB-1.1", SUP, "1.3", 5, SEM, DRAFT, "The baseline policy is wider than human rights."),
    ]),
    (*BASELINE, "rmi-rra", "3.0", "What an RMI Risk Readiness Assessment tells the alliance about baseline requirements.", False, [
        ("AB-1.10", INT, "G.1", 7, SEM, APPROVED, "A self-assessment, not an audit."),
        ("AB-1.5", INT, "G.2", 7, SEM, APPROVED, ""),
        ("AB-1.6", INT, "G.3", 6, SEM, APPROVED, ""),
        ("AB-2.1", EQ, "S.1", None, SEM, APPROVED, ""),
        ("AB-2.2", EQ, "S.2", None, SEM, APPROVED, ""),
        ("AB-2.3", INT, "S.3", 7, SEM, APPROVED, ""),
        ("AB-2.4", EQ, "S.4", None, SEM, REVIEWED, ""),
        ("AB-4.1", SUP, "E.1", 6, SEM, APPROVED, "The assessment asks about measurement, not targets."),
        ("AB-4.2", INT, "E.2", 6, SEM, APPROVED, ""),
        ("AB-4.4", SUB, "E.4", 7, SEM, DRAFT, ""),
    ]),
    (*BASELINE, "asi-performance-standard", "V3", "Baseline requirements met by ASI-certified aluminium entities.", False, [
        ("AB-1.10", EQ, "1", None, SEM, APPROVED, ""),
        ("AB-1.2", SUB, "2", 8, SEM, APPROVED, ""),
        ("AB-1.9", INT, "3", 6, SEM, APPROVED, ""),
        ("AB-4.1", EQ, "5", None, SEM, APPROVED, ""),
        ("AB-4.4", SUB, "6", 8, SEM, APPROVED, ""),
        ("AB-4.2", EQ, "7", None, SEM, APPROVED, ""),
        ("AB-4.3", EQ, "8", None, SEM, APPROVED, ""),
        ("AB-2.5", SUB, "9", 7, SEM, APPROVED, ""),
        ("AB-2.1", SUB, "10", 8, SEM, APPROVED, ""),
        ("AB-2.3", EQ, "11", None, SEM, APPROVED, ""),
        ("AB-1.3", INT, "4", 5, FUN, DRAFT, "ASI's separate chain-of-custody standard may fit better."),
    ]),
    (*BASELINE, "responsiblesteel", "2.0", "Baseline requirements met at ResponsibleSteel-certified sites.", False, [
        ("AB-1.2", SUB, "1", 8, SEM, APPROVED, ""),
        ("AB-1.4", INT, "3", 7, SEM, APPROVED, ""),
        ("AB-4.5", EQ, "4", None, SEM, APPROVED, ""),
        ("AB-2.3", EQ, "5", None, SEM, APPROVED, ""),
        ("AB-2.4", SUB, "6", 8, SEM, APPROVED, ""),
        ("AB-3.1", EQ, "8", None, SEM, APPROVED, ""),
        ("AB-4.1", SUB, "10", 8, SEM, APPROVED, ""),
        ("AB-4.2", EQ, "12", None, SEM, APPROVED, ""),
        ("AB-4.3", EQ, "13", None, SEM, REVIEWED, ""),
    ]),
    # Stored from the other standard's side: read in reverse for coverage.
    ("copper-mark-jdds", "2022", *BASELINE, "How the joint standard's steps line up with the baseline.", False, [
        ("Step 1", SUP, "AB-1.1", 8, SEM, APPROVED, ""),
        ("Step 1", SUP, "AB-1.5", 8, SEM, APPROVED, ""),
        ("Step 1", SUB, "AB-1.3", 5, FUN, APPROVED, "Traceability is only one part of step 1."),
        ("Step 2", EQ, "AB-1.6", None, SEM, APPROVED, ""),
        ("Step 3", EQ, "AB-1.7", None, SEM, APPROVED, ""),
        ("Step 4", INT, "AB-1.8", 7, FUN, APPROVED, ""),
        ("Step 5", EQ, "AB-1.9", None, SEM, APPROVED, ""),
        ("Step 2", INT, "AB-3.3", 6, SEM, APPROVED, ""),
    ]),
    (*BASELINE, "lbma-rgg", "v9", "Baseline requirements met by refiners under the Responsible Gold Guidance.", False, [
        ("AB-1.1", SUB, "Step 1", 8, SEM, APPROVED, ""),
        ("AB-1.6", EQ, "Step 2", None, SEM, APPROVED, ""),
        ("AB-1.7", EQ, "Step 3", None, SEM, APPROVED, ""),
        ("AB-1.8", EQ, "Step 4", None, FUN, APPROVED, ""),
        ("AB-1.9", EQ, "Step 5", None, SEM, APPROVED, ""),
        ("AB-4.1", NO, "Step 1", None, SEM, APPROVED, ""),
        ("AB-1.10", INT, "Step 2", 6, SEM, DRAFT, ""),
    ]),
    ("eu-2017-821", "2017", *BASELINE, "Which baseline requirements an EU importer's legal duties already meet.", True, [
        ("Art. 4", SUP, "AB-1.1", 9, SEM, APPROVED, ""),
        ("Art. 4", SUP, "AB-1.5", 8, SEM, APPROVED, ""),
        ("Art. 5", SUP, "AB-1.6", 8, SEM, APPROVED, ""),
        ("Art. 5", SUP, "AB-1.7", 8, SEM, APPROVED, ""),
        ("Art. 6", EQ, "AB-1.8", None, FUN, APPROVED, ""),
        ("Art. 7", EQ, "AB-1.9", None, SEM, APPROVED, ""),
        ("Art. 4", NO, "AB-4.2", None, SEM, APPROVED, "The regulation does not address water."),
        ("Art. 5", NO, "AB-4.1", None, SEM, APPROVED, ""),
    ]),
    # Between two standards other than the baseline: shown, never counted for coverage.
    ("lbma-rgg", "v9", "oecd-ddg-minerals", "3rd-edition", "How the gold guidance follows the OECD steps.", False, [
        ("Step 1", SUB, "Step 1", 9, SYN, APPROVED, ""),
        ("Step 2", EQ, "Step 2", None, SYN, APPROVED, ""),
    ]),
]
# fmt: on

# Replacements (focal code, reference code, focal ref, reference ref): (relationship,
# strength, explanation, approve?) — the first supersedes its mapping, the second waits.
REPLACEMENTS: list[tuple[str, str, str, str, str, int | None, str, bool]] = [
    ("alliance-baseline", "irma-std-001", "AB-4.5", "2.6", EQ, None, "", True),
    (
        "alliance-baseline",
        "oecd-ddg-minerals",
        "AB-1.2",
        "Step 1B",
        SUB,
        8,
        "On reflection the guidance asks for everything the baseline does.",
        False,
    ),
]
# The mapping that the first replacement supersedes: approved first, then replaced.
ORIGINAL = ("alliance-baseline", "irma-std-001", "AB-4.5", INT, "2.6", 6)


def seed() -> list[DemoLogin]:
    versions: dict[tuple[str, str], StandardVersion] = {}
    for code, (title, short, body, kind, materials, stages, website, summary) in STANDARDS.items():
        standard, _ = Standard.objects.get_or_create(
            code=code,
            defaults={
                "title": title,
                "short_name": short,
                "issuing_body": body,
                "kind": kind,
                "materials": materials,
                "value_chain_stages": stages,
                "website": website,
                "summary": summary,
            },
        )
        for label, status, published, effective, supersedes, notes in VERSIONS[code]:
            version, _ = StandardVersion.objects.get_or_create(
                standard=standard,
                label=label,
                defaults={
                    "status": status,
                    "published_on": published,
                    "effective_on": effective,
                    "notes": notes,
                    "supersedes": versions.get((code, supersedes)),
                },
            )
            versions[(code, label)] = version
    for key, rows in ELEMENTS.items():
        if rows:
            csv_text = write_csv(
                [column.header for column in ELEMENT_COLUMNS],
                [
                    [ref, parent, kind, title, summary, ""]
                    for ref, parent, kind, title, summary in rows
                ],
            )
            services.version_import_elements_csv(
                actor=policy.SYSTEM, version=versions[key], csv_text=csv_text
            )
    people = _people()
    for focal_code, focal_label, ref_code, ref_label, purpose, comprehensive, rows in SETS:
        mapping_set = MappingSet.objects.filter(
            focal_version=versions[(focal_code, focal_label)],
            reference_version=versions[(ref_code, ref_label)],
        ).first()
        if mapping_set is None:
            mapping_set = services.mapping_set_create(
                actor=people["reviewer"],
                focal_version=versions[(focal_code, focal_label)],
                reference_version=versions[(ref_code, ref_label)],
                purpose=purpose,
                comprehensive=comprehensive,
            )
        if mapping_set.mappings.exists():
            continue
        _seed_mappings(mapping_set, rows, people)
    demo_certifications.seed()
    demo_tiers.seed()
    demo_reports.seed()
    demo_demands.seed()
    demo_acceptance.seed()
    demo_access_log.seed()
    return []


def _people() -> dict[str, Actor]:
    """The demo logins that may act here (development settings), or the system."""
    authors = [
        user
        for user in User.objects.filter(
            email__in=["member@demo.alliance.example", "representative@demo.alliance.example"]
        ).order_by("email")
        if policy.may(user, "mapping.propose")
    ]
    reviewer = User.objects.filter(email="secretariat@demo.alliance.example").first()
    may_review = reviewer is not None and policy.may(reviewer, "mapping.approve")
    return {
        "author": authors[0] if authors else policy.SYSTEM,
        "second_author": authors[-1] if authors else policy.SYSTEM,
        "reviewer": reviewer if reviewer is not None and may_review else policy.SYSTEM,
    }


def _element(version_id: int, ref: str) -> Element:
    return Element.objects.get(version_id=version_id, ref=ref)


def _seed_mappings(
    mapping_set: MappingSet, rows: list[tuple[Any, ...]], people: dict[str, Actor]
) -> None:
    focal_code = mapping_set.focal_version.standard.code
    reference_code = mapping_set.reference_version.standard.code
    reviewer = people["reviewer"]
    if (focal_code, reference_code) == ORIGINAL[:2]:
        _, _, focal_ref, relationship, reference_ref, strength = ORIGINAL
        rows = [(focal_ref, relationship, reference_ref, strength, SEM, APPROVED, ""), *rows]
    for index, (
        focal_ref,
        relationship,
        reference_ref,
        strength,
        rationale,
        status,
        text,
    ) in enumerate(rows):
        mapping = services.mapping_create(
            actor=people["author" if index % 2 else "second_author"],
            mapping_set=mapping_set,
            focal_element=_element(mapping_set.focal_version_id, focal_ref),
            reference_element=_element(mapping_set.reference_version_id, reference_ref),
            relationship=relationship,
            rationale=rationale,
            strength=strength,
            explanation=text,
        )
        if status in (REVIEWED, APPROVED):
            mapping = services.mapping_review(actor=reviewer, mapping=mapping)
        if status == APPROVED:
            services.mapping_approve(actor=reviewer, mapping=mapping)
    for (
        focal,
        reference,
        focal_ref,
        reference_ref,
        relationship,
        new_strength,
        text,
        approve,
    ) in REPLACEMENTS:
        if (focal_code, reference_code) != (focal, reference):
            continue
        original = mapping_set.mappings.get(
            focal_element__ref=focal_ref,
            reference_element__ref=reference_ref,
            status=APPROVED,
        )
        replacement = services.mapping_supersede(
            actor=people["author"],
            mapping=original,
            relationship=relationship,
            rationale=SEM,
            strength=new_strength,
            explanation=text,
        )
        if approve:
            replacement = services.mapping_review(actor=reviewer, mapping=replacement)
            services.mapping_approve(actor=reviewer, mapping=replacement)
