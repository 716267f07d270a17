"""Demo data of the members app: the seven chambers, about thirty fictional organisations
across producer and consumer countries, and one demo login per role. Idempotent."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import Group

from alliance_portal.competition_law import RULE
from alliance_portal.demo import DEMO_PASSWORD, DemoLogin, demo_logins_enabled
from alliance_portal.models import User
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import REVIEWER_GROUP, SECRETARIAT_GROUP
from members import services
from members.models import (
    AgreementAcceptance,
    AgreementKind,
    AgreementVersion,
    ApplicationStatus,
    Chamber,
    CountryRiskNote,
    CountryRole,
    EngagementStatus,
    FocusCountry,
    FocusMaterial,
    MembershipApplication,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    PartnerAlliance,
    Person,
    StakeholderGroup,
)
from members.selectors import current_agreements

CHAMBERS = [
    ("industry-upstream", "Industry upstream", "Mining companies, large-scale and artisanal."),
    (
        "industry-midstream",
        "Industry midstream",
        "Smelters, refiners and processors.",
    ),
    (
        "industry-downstream",
        "Industry downstream",
        "Manufacturers and brands: carmakers, electronics, batteries.",
    ),
    ("civil-society", "Civil society", "Non-governmental organisations."),
    (
        "affected-communities-labour",
        "Affected communities and labour",
        "Community organisations and trade unions.",
    ),
    (
        "government-public-bodies",
        "Government and public bodies",
        "Ministries, agencies and public bodies of producer and consumer countries.",
    ),
    (
        "academia-technical-experts",
        "Academia and technical experts",
        "Research institutes and independent experts.",
    ),
]

K = OrganisationKind
ACTIVE, APPLICANT, SUSPENDED = (
    MembershipStatus.ACTIVE,
    MembershipStatus.APPLICANT,
    MembershipStatus.SUSPENDED,
)

# (name, chamber slug, kind, status, headquarters, operations)
ORGANISATIONS = [
    ("Katanga Copper-Cobalt Mining", "industry-upstream", K.COMPANY, ACTIVE, "CD", ["CD"]),
    ("Andes Polymetallic", "industry-upstream", K.COMPANY, ACTIVE, "PE", ["PE", "BO"]),
    ("Atacama Lithium Brines", "industry-upstream", K.COMPANY, ACTIVE, "CL", ["CL"]),
    ("Sulawesi Nickel Resources", "industry-upstream", K.COMPANY, ACTIVE, "ID", ["ID"]),
    ("Bushveld Platinum & Chrome", "industry-upstream", K.COMPANY, APPLICANT, "ZA", ["ZA"]),
    (
        "Artisanal Miners' Cooperative of Kolwezi",
        "industry-upstream",
        K.COMPANY,
        ACTIVE,
        "CD",
        ["CD"],
    ),
    ("Rotterdam Cobalt Refinery", "industry-midstream", K.COMPANY, ACTIVE, "NL", ["NL", "FI"]),
    ("Jiangxi Tungsten Smelting", "industry-midstream", K.COMPANY, ACTIVE, "CN", ["CN"]),
    ("Malaysian Tin Smelting Works", "industry-midstream", K.COMPANY, ACTIVE, "MY", ["MY", "ID"]),
    ("Potosí Refining Company", "industry-midstream", K.COMPANY, SUSPENDED, "BO", ["BO"]),
    ("Rhine Motor Works", "industry-downstream", K.COMPANY, ACTIVE, "DE", ["DE", "CN", "US"]),
    ("Loire Automobiles", "industry-downstream", K.COMPANY, ACTIVE, "FR", ["FR", "ES"]),
    ("Kanto Electronics", "industry-downstream", K.COMPANY, ACTIVE, "JP", ["JP", "VN"]),
    ("Great Lakes Battery Systems", "industry-downstream", K.COMPANY, ACTIVE, "US", ["US", "MX"]),
    (
        "European Battery Makers' Association",
        "industry-downstream",
        K.INDUSTRY_ASSOCIATION,
        ACTIVE,
        "BE",
        ["BE"],
    ),
    ("Fair Minerals Watch", "civil-society", K.NGO, ACTIVE, "DE", ["CD", "PE", "ID"]),
    ("Transparency for Extractives", "civil-society", K.NGO, ACTIVE, "GB", ["ZA", "CL"]),
    ("Congo River Rights Network", "civil-society", K.NGO, ACTIVE, "CD", ["CD"]),
    ("Humedales Andinos", "civil-society", K.NGO, ACTIVE, "CL", ["CL", "BO"]),
    (
        "Lualaba Women Miners' Association",
        "affected-communities-labour",
        K.COMMUNITY_ORGANISATION,
        ACTIVE,
        "CD",
        ["CD"],
    ),
    (
        "Comunidad Atacameña de Peine",
        "affected-communities-labour",
        K.COMMUNITY_ORGANISATION,
        ACTIVE,
        "CL",
        ["CL"],
    ),
    (
        "National Union of Mineworkers of the South",
        "affected-communities-labour",
        K.TRADE_UNION,
        ACTIVE,
        "ZA",
        ["ZA"],
    ),
    (
        "Federación Minera del Perú",
        "affected-communities-labour",
        K.TRADE_UNION,
        APPLICANT,
        "PE",
        ["PE"],
    ),
    (
        "Ministry of Mines, Democratic Republic of the Congo",
        "government-public-bodies",
        K.GOVERNMENT_BODY,
        ACTIVE,
        "CD",
        ["CD"],
    ),
    (
        "Peruvian Ministry of Energy and Mines",
        "government-public-bodies",
        K.GOVERNMENT_BODY,
        ACTIVE,
        "PE",
        ["PE"],
    ),
    (
        "German Raw Materials Agency",
        "government-public-bodies",
        K.GOVERNMENT_BODY,
        ACTIVE,
        "DE",
        ["DE"],
    ),
    (
        "Institute for Sustainable Resources",
        "academia-technical-experts",
        K.RESEARCH_INSTITUTE,
        ACTIVE,
        "NL",
        ["NL"],
    ),
    (
        "Centre for Mining and Society",
        "academia-technical-experts",
        K.RESEARCH_INSTITUTE,
        ACTIVE,
        "AU",
        ["AU", "ID"],
    ),
    (
        "Universidad Técnica de Oruro — Mining Lab",
        "academia-technical-experts",
        K.RESEARCH_INSTITUTE,
        ACTIVE,
        "BO",
        ["BO"],
    ),
    (
        "Copper Mark Liaison Office",
        "academia-technical-experts",
        K.OTHER_ALLIANCE,
        ACTIVE,
        "GB",
        ["GB"],
    ),
]

# (value-chain stages, materials) of each organisation; retail and finance stay thin on
# purpose, so that the coverage page shows gaps.
PROFILES: dict[str, tuple[list[str], list[str]]] = {
    "Katanga Copper-Cobalt Mining": (["exploration_extraction"], ["copper", "cobalt"]),
    "Andes Polymetallic": (["exploration_extraction", "processing"], ["copper", "zinc", "tin"]),
    "Atacama Lithium Brines": (["exploration_extraction"], ["lithium"]),
    "Sulawesi Nickel Resources": (["exploration_extraction", "processing"], ["nickel", "cobalt"]),
    "Bushveld Platinum & Chrome": (["exploration_extraction"], ["other"]),
    "Artisanal Miners' Cooperative of Kolwezi": (["asm"], ["cobalt", "copper"]),
    "Rotterdam Cobalt Refinery": (["processing"], ["cobalt", "nickel"]),
    "Jiangxi Tungsten Smelting": (["processing"], ["tungsten", "rare_earths"]),
    "Malaysian Tin Smelting Works": (["processing"], ["tin"]),
    "Potosí Refining Company": (["processing"], ["tin", "zinc"]),
    "Rhine Motor Works": (["products"], ["cobalt", "lithium", "nickel", "aluminium"]),
    "Loire Automobiles": (["products"], ["cobalt", "lithium", "copper"]),
    "Kanto Electronics": (["components", "products"], ["tin", "tantalum", "tungsten", "gold"]),
    "Great Lakes Battery Systems": (
        ["components", "recycling"],
        ["lithium", "cobalt", "nickel", "graphite"],
    ),
    "European Battery Makers' Association": (
        ["components"],
        ["lithium", "cobalt", "nickel", "graphite"],
    ),
    "Fair Minerals Watch": (
        ["exploration_extraction", "asm", "processing"],
        ["cobalt", "tin", "tantalum", "tungsten", "gold"],
    ),
    "Transparency for Extractives": (
        ["exploration_extraction", "finance"],
        ["copper", "gold", "lithium"],
    ),
    "Congo River Rights Network": (["asm"], ["cobalt", "copper", "gold"]),
    "Humedales Andinos": (["exploration_extraction"], ["lithium", "copper"]),
    "Lualaba Women Miners' Association": (["asm"], ["cobalt"]),
    "Comunidad Atacameña de Peine": (["exploration_extraction"], ["lithium"]),
    "National Union of Mineworkers of the South": (
        ["exploration_extraction", "processing"],
        ["other", "iron_steel"],
    ),
    "Federación Minera del Perú": (["exploration_extraction"], ["copper", "zinc"]),
    "Ministry of Mines, Democratic Republic of the Congo": (
        ["exploration_extraction", "asm"],
        ["cobalt", "copper", "tin", "tantalum", "tungsten", "gold"],
    ),
    "Peruvian Ministry of Energy and Mines": (
        ["exploration_extraction"],
        ["copper", "zinc", "gold", "tin"],
    ),
    "German Raw Materials Agency": (
        ["products", "finance"],
        ["lithium", "cobalt", "rare_earths", "graphite"],
    ),
    "Institute for Sustainable Resources": (["recycling", "assurance"], ["cobalt", "lithium"]),
    "Centre for Mining and Society": (["exploration_extraction", "asm"], ["nickel", "gold"]),
    "Universidad Técnica de Oruro — Mining Lab": (["processing"], ["tin", "lithium"]),
    "Copper Mark Liaison Office": (["assurance"], ["copper", "nickel", "zinc"]),
}

# One login per role; the member and the representative belong to different organisations.
PEOPLE = [
    ("member", "member@demo.alliance.example", "Marie Member", "Rhine Motor Works", False),
    (
        "organisation_representative",
        "representative@demo.alliance.example",
        "Riya Representative",
        "Fair Minerals Watch",
        True,
    ),
]


def seed() -> list[DemoLogin]:
    chambers = {}
    for order, (slug, name, description) in enumerate(CHAMBERS, start=1):
        chambers[slug], _ = Chamber.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )
    for index, (name, chamber, kind, status, hq, operations) in enumerate(ORGANISATIONS):
        if Organisation.objects.filter(name=name).exists():
            continue
        services.organisation_create(
            actor=SYSTEM,
            name=name,
            chamber=chambers[chamber],
            kind=kind,
            membership_status=status,
            joined_on=date(2022, 1 + index % 12, 1 + index % 27) if status != APPLICANT else None,
            headquarters_country=hq,
            countries_of_operation=operations,
            description=f"{name} is a fictional demo organisation of the alliance.",
            value_chain_stages=PROFILES[name][0],
            materials=PROFILES[name][1],
            sectors=["minerals_metals"],
            contact_name="Demo contact",
            contact_email=f"contact{index + 1}@demo-organisation.example",
        )
    _seed_agreements()
    _seed_landscape()
    _seed_application(chambers["industry-downstream"])
    if not demo_logins_enabled():
        return []
    logins = _seed_logins()
    for person in Person.objects.filter(user__email__endswith="@demo.alliance.example"):
        AgreementAcceptance.objects.bulk_create(
            [AgreementAcceptance(person=person, agreement=a) for a in current_agreements()],
            ignore_conflicts=True,
        )
    return logins


def _user(email: str, display_name: str, **flags: bool) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, display_name=display_name, **flags
        )
    return user


def _seed_logins() -> list[DemoLogin]:
    logins = []
    external = _user("external@demo.alliance.example", "Esther External")
    logins.append(DemoLogin("external_stakeholder", external.email))
    for role, email, display_name, organisation_name, is_representative in PEOPLE:
        user = _user(email, display_name)
        if not Person.objects.filter(user=user).exists():
            services.person_add(
                actor=SYSTEM,
                organisation=Organisation.objects.get(name=organisation_name),
                user=user,
                position="Sustainability lead",
                is_representative=is_representative,
            )
        logins.append(DemoLogin(role, email))
    reviewer = _user("reviewer@demo.alliance.example", "Rafael Reviewer")
    reviewer.groups.add(Group.objects.get(name=REVIEWER_GROUP))
    logins.append(DemoLogin("civil_society_reviewer", reviewer.email))
    secretariat = _user("secretariat@demo.alliance.example", "Sam Secretariat", is_staff=True)
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    logins.append(DemoLogin("secretariat", secretariat.email))
    return logins


CHARTER = """The members of the alliance work together for responsible sourcing of minerals and metals.

1. Each member pursues the alliance's agreed objectives in its own operations and supply chains.
2. Decisions are taken in the open, by chambers of equal weight; every decision is published
   with its trade-offs and the cost of action and of inaction.
3. Members declare conflicts of interest before every vote and step aside when they have one.
4. Members report on what they do against the alliance baseline, every year.
"""

PROTOCOL = """What members share with each other, how, and how it may be used.

1. Members never share prices, volumes, capacities, customers or commercial plans.
2. Every item of member information carries a disclosure level: public, members or secretariat.
3. Figures about members' commercial information are published only as aggregates over at
   least three organisations.
4. The secretariat keeps minutes of every meeting and a log of access to confidential data.
"""


COMPETITION = f"""How the alliance keeps within competition law when competitors meet.

1. {RULE}
2. This statement is read at the opening of every meeting of the alliance's bodies and working
   groups; the minutes record that it was.
3. Meeting agendas and the portal's forms refuse requests for such information. An agenda item
   or a document that may raise a competition-law question is held by the secretariat until
   the alliance's counsel releases it.
4. Figures about members' information are published only as aggregates over at least three
   organisations.
5. Anyone who thinks a discussion goes beyond this statement says so; the chair stops it and
   the minutes record it.
"""


def _seed_agreements() -> None:
    for kind, title, text in (
        (AgreementKind.CHARTER, "Membership charter", CHARTER),
        (AgreementKind.PROTOCOL, "Information-sharing protocol", PROTOCOL),
        (AgreementKind.COMPETITION, "Competition-law statement", COMPETITION),
    ):
        if not AgreementVersion.objects.filter(kind=kind).exists():
            services.agreement_publish(actor=SYSTEM, kind=kind, title=title, text=text)


FOCUS_COUNTRIES = [
    (
        "CD",
        CountryRole.PRODUCER,
        "Copper and cobalt from Katanga and Lualaba; 3T and gold in the east.",
    ),
    ("PE", CountryRole.PRODUCER, "Copper, zinc, tin and gold; large-scale and artisanal mining."),
    ("CL", CountryRole.PRODUCER, "Copper and lithium from the Atacama."),
    ("ID", CountryRole.PRODUCER, "Nickel laterite mining and processing on Sulawesi."),
    ("ZA", CountryRole.PRODUCER, "Platinum-group metals, chrome and manganese."),
    ("BO", CountryRole.PRODUCER, "Tin, zinc and silver; lithium brines of Uyuni."),
    ("DE", CountryRole.CONSUMER, "Automotive and machinery industries."),
    ("FR", CountryRole.CONSUMER, "Automotive industry and battery gigafactories."),
    ("JP", CountryRole.CONSUMER, "Electronics and components."),
    ("US", CountryRole.CONSUMER, "Batteries, electronics and automotive."),
    ("CN", CountryRole.BOTH, "Refining of most battery and technology metals; manufacturing."),
]

FOCUS_MATERIALS = ["cobalt", "copper", "lithium", "nickel", "tin", "tantalum", "tungsten", "gold"]

PARTNERS = [
    (
        "Global Battery Coalition",
        "https://battery-coalition.example",
        ["industry-midstream", "industry-downstream"],
        ["processing", "components", "recycling"],
        ["cobalt", "lithium", "nickel", "graphite"],
        ["CN", "ID", "DE"],
    ),
    (
        "Andean Water and Mining Dialogue",
        "https://andean-dialogue.example",
        ["affected-communities-labour", "civil-society", "government-public-bodies"],
        ["exploration_extraction"],
        ["lithium", "copper"],
        ["CL", "BO", "PE"],
    ),
    (
        "Great Lakes ASM Initiative",
        "https://great-lakes-asm.example",
        ["affected-communities-labour", "industry-upstream"],
        ["asm", "retail"],
        ["tin", "tantalum", "tungsten", "gold"],
        ["CD", "RW", "UG"],
    ),
]

# (name, influence, impact, engagement, chamber slug, countries, represented by)
GROUPS = [
    (
        "Artisanal miners in South Kivu",
        2,
        5,
        EngagementStatus.PARTNER_ALLIANCE,
        "affected-communities-labour",
        ["CD"],
        [],
    ),
    (
        "Artisanal cobalt miners in Lualaba",
        2,
        5,
        EngagementStatus.MEMBER,
        "affected-communities-labour",
        ["CD"],
        ["Lualaba Women Miners' Association", "Artisanal Miners' Cooperative of Kolwezi"],
    ),
    (
        "Indigenous communities of the Salar de Atacama",
        3,
        5,
        EngagementStatus.MEMBER,
        "affected-communities-labour",
        ["CL"],
        ["Comunidad Atacameña de Peine"],
    ),
    (
        "Communities around nickel smelters in Morowali",
        2,
        5,
        EngagementStatus.NOT_ENGAGED,
        "affected-communities-labour",
        ["ID"],
        [],
    ),
    (
        "Downstream electronics brands",
        5,
        2,
        EngagementStatus.MEMBER,
        "industry-downstream",
        ["JP", "US"],
        ["Kanto Electronics"],
    ),
    (
        "European carmakers",
        5,
        2,
        EngagementStatus.MEMBER,
        "industry-downstream",
        ["DE", "FR"],
        ["Rhine Motor Works", "Loire Automobiles"],
    ),
    (
        "Chinese cobalt refiners",
        5,
        3,
        EngagementStatus.NOT_ENGAGED,
        "industry-midstream",
        ["CN"],
        [],
    ),
    (
        "Peruvian Ministry of Energy and Mines",
        4,
        3,
        EngagementStatus.MEMBER,
        "government-public-bodies",
        ["PE"],
        ["Peruvian Ministry of Energy and Mines"],
    ),
    (
        "Indonesian Ministry of Energy and Mineral Resources",
        5,
        3,
        EngagementStatus.NOT_ENGAGED,
        "government-public-bodies",
        ["ID"],
        [],
    ),
    (
        "Bolivian lithium state company",
        4,
        3,
        EngagementStatus.INFORMAL,
        "government-public-bodies",
        ["BO"],
        [],
    ),
    (
        "Mineworkers' unions in South Africa",
        3,
        4,
        EngagementStatus.MEMBER,
        "affected-communities-labour",
        ["ZA"],
        ["National Union of Mineworkers of the South"],
    ),
    (
        "Battery recyclers",
        3,
        2,
        EngagementStatus.PARTNER_ALLIANCE,
        "industry-downstream",
        ["DE", "US"],
        [],
    ),
    ("Institutional investors in mining", 4, 1, EngagementStatus.INFORMAL, None, ["US", "GB"], []),
    (
        "Retailers of consumer electronics",
        3,
        1,
        EngagementStatus.NOT_ENGAGED,
        "industry-downstream",
        ["US", "FR"],
        [],
    ),
    (
        "Women traders at artisanal gold sites",
        1,
        4,
        EngagementStatus.NOT_ENGAGED,
        "affected-communities-labour",
        ["CD", "PE"],
        [],
    ),
]

RISK_NOTES = [
    (
        "CD",
        "Eastern provinces designated conflict-affected and high-risk",
        "Conflict-affected or high-risk area (CAHRA)",
        "EU CAHRA indicative list",
        "https://www.cahraslist.net/",
        date(2024, 3, 1),
    ),
    (
        "CD",
        "Child labour at artisanal cobalt sites",
        "",
        "Secretariat field visit",
        "",
        date(2025, 6, 12),
    ),
    (
        "PE",
        "Informal gold mining in Madre de Dios",
        "Conflict-affected or high-risk area (CAHRA)",
        "EU CAHRA indicative list",
        "https://www.cahraslist.net/",
        date(2024, 3, 1),
    ),
    (
        "ID",
        "Air pollution and deforestation around nickel processing parks",
        "",
        "Civil-society reports",
        "",
        date(2025, 2, 20),
    ),
]


def _seed_landscape() -> None:
    for code, role, summary in FOCUS_COUNTRIES:
        FocusCountry.objects.get_or_create(
            country=code, defaults={"role": role, "summary": summary}
        )
    for material in FOCUS_MATERIALS:
        FocusMaterial.objects.get_or_create(material=material)
    chambers = {c.slug: c for c in Chamber.objects.all()}
    alliances = {}
    for name, website, chamber_slugs, stages, materials, countries in PARTNERS:
        alliance, created = PartnerAlliance.objects.get_or_create(
            name=name,
            defaults={
                "slug": name.lower().replace(" ", "-"),
                "website": website,
                "sectors": ["minerals_metals"],
                "value_chain_stages": stages,
                "materials": materials,
                "countries": countries,
                "cooperation_agreed_on": date(2023, 9, 1),
                "liaison_name": "Demo liaison",
                "liaison_email": f"liaison@{website.split('//')[1]}",
            },
        )
        if created:
            alliance.chambers.set([chambers[slug] for slug in chamber_slugs])
        alliances[name] = alliance
    for name, influence, impact, engagement, chamber, countries, represented_by in GROUPS:
        group, created = StakeholderGroup.objects.get_or_create(
            name=name,
            defaults={
                "influence": influence,
                "impact": impact,
                "engagement": engagement,
                "chamber": chambers.get(chamber) if chamber else None,
                "countries": countries,
            },
        )
        if created:
            group.organisations.set(Organisation.objects.filter(name__in=represented_by))
            if engagement == EngagementStatus.PARTNER_ALLIANCE:
                group.partner_alliances.set(list(alliances.values())[-1:])
    for code, title, designation, by, source, noted_on in RISK_NOTES:
        CountryRiskNote.objects.get_or_create(
            country=FocusCountry.objects.get(country=code),
            title=title,
            defaults={
                "designation": designation,
                "designated_by": by,
                "source": source,
                "noted_on": noted_on,
                "disclosure": "public" if designation else "members",
            },
        )


def _seed_application(chamber: Chamber) -> None:
    from django.core.files.base import ContentFile

    from members.pdf_check import minimal_pdf

    name = "Nordic Cell Manufacturing"
    if MembershipApplication.objects.filter(organisation_name=name).exists():
        return
    MembershipApplication.objects.create(
        organisation_name=name,
        chamber=chamber,
        kind=OrganisationKind.COMPANY,
        website="https://nordic-cells.example",
        headquarters_country="SE",
        countries_of_operation=["SE", "NO"],  # type: ignore[misc]
        value_chain_stages=["components"],
        materials=["lithium", "nickel", "graphite"],
        sectors=["minerals_metals"],
        description="A fictional battery-cell maker applying to join.",
        motivation="We want our cathode supply chain to meet the alliance baseline.",
        representative_name="Ingrid Applicant",
        representative_email="ingrid@nordic-cells.example",
        representative_position="Head of sustainable sourcing",
        commitment_signatory_name="Lars Chief",
        commitment_signatory_position="Chief executive officer",
        commitment_signed_on=date(2026, 10, 1),
        commitment_letter=ContentFile(minimal_pdf(), name="letter.pdf"),
        status=ApplicationStatus.SUBMITTED,
    )
