"""Demo data of the members app: the seven chambers, about thirty fictional organisations
across producer and consumer countries, and one demo login per role. Idempotent."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import Group

from alliance_portal.demo import DEMO_PASSWORD, DemoLogin, demo_logins_enabled
from alliance_portal.models import User
from alliance_portal.roles import REVIEWER_GROUP, SECRETARIAT_GROUP
from members import services
from members.models import Chamber, MembershipStatus, Organisation, OrganisationKind, Person

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
            actor=None,
            name=name,
            chamber=chambers[chamber],
            kind=kind,
            membership_status=status,
            joined_on=date(2022, 1 + index % 12, 1 + index % 27) if status != APPLICANT else None,
            headquarters_country=hq,
            countries_of_operation=operations,
            description=f"{name} is a fictional demo organisation of the alliance.",
            contact_name="Demo contact",
            contact_email=f"contact{index + 1}@demo-organisation.example",
        )
    if not demo_logins_enabled():
        return []
    return _seed_logins()


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
                actor=None,
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
