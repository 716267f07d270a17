"""Benchmark data of the members app: the chambers, organisations (most of them active members),
their people's accounts and a few secretariat and external-stakeholder accounts.

Written with ``bulk_create``, not through the services (see ``alliance_portal.bench``); the
rows are what ``organisation_create`` and ``person_add`` would write: each organisation has its
people's group, names are unique whatever their case, one representative per organisation."""

from __future__ import annotations

import random
from itertools import product

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from alliance_portal.bench import (
    BATCH,
    EMAIL_DOMAIN,
    SLUG_PREFIX,
    START,
    BenchData,
    count,
    day,
    sentences,
)
from alliance_portal.models import User
from members.demo import CHAMBERS
from members.models import Chamber, MembershipStatus, Organisation, OrganisationKind, Person
from members.vocabularies import Material, Sector, ValueChainStage

_PLACES = [
    "Kolwezi", "Lubumbashi", "Katanga", "Kivu", "Potosí", "Atacama", "Pilbara", "Sudbury",
    "Bangka", "Belitung", "Rwenzori", "Copperbelt", "Sonora", "Minas Gerais", "Ruhr", "Rhine",
    "Baltic", "Andes", "Sahel", "Great Lakes", "Mekong", "Sulawesi", "Kalimantan", "Limpopo",
    "Zambezi", "Antofagasta", "Salta", "Jujuy", "Cornwall", "Lapland", "Norrbotten", "Bohemia",
    "Carpathian", "Balkan", "Anatolia", "Deccan", "Yunnan", "Jiangxi", "Mindanao", "Papua",
]  # fmt: skip
_WORDS = [
    "Cobalt", "Tin", "Copper", "Lithium", "Nickel", "Gold", "Graphite", "Mica", "Minerals",
    "Metals", "Battery", "Mining", "Refining", "Recycling", "Supply",
]  # fmt: skip
_SUFFIXES = {
    OrganisationKind.COMPANY: ["Mining Co.", "Resources Ltd", "Metals AG", "Refinery", "Motors"],
    OrganisationKind.INDUSTRY_ASSOCIATION: ["Industry Association", "Producers' Council"],
    OrganisationKind.NGO: ["Watch", "Rights Network", "Transparency Initiative"],
    OrganisationKind.COMMUNITY_ORGANISATION: ["Community Forum", "Women's Collective"],
    OrganisationKind.TRADE_UNION: ["Mineworkers' Union", "Workers' Federation"],
    OrganisationKind.GOVERNMENT_BODY: ["Mining Ministry", "Geological Survey"],
    OrganisationKind.RESEARCH_INSTITUTE: ["Institute", "Research Centre"],
}
# The kinds of organisation found in each chamber (by the chamber's position in CHAMBERS).
_KINDS_BY_CHAMBER = [
    [OrganisationKind.COMPANY, OrganisationKind.INDUSTRY_ASSOCIATION],
    [OrganisationKind.COMPANY],
    [OrganisationKind.COMPANY, OrganisationKind.INDUSTRY_ASSOCIATION],
    [OrganisationKind.NGO],
    [OrganisationKind.COMMUNITY_ORGANISATION, OrganisationKind.TRADE_UNION],
    [OrganisationKind.GOVERNMENT_BODY],
    [OrganisationKind.RESEARCH_INSTITUTE],
]
COUNTRIES = [
    "CD", "ZM", "ZA", "RW", "UG", "TZ", "BO", "CL", "AR", "PE", "BR", "MX", "CA", "US", "AU",
    "ID", "PH", "CN", "IN", "TR", "DE", "FR", "NL", "BE", "GB", "SE", "FI", "NO", "PL", "CZ",
    "JP", "KR", "GH", "ML", "BF", "NE", "MG", "MZ", "ZW", "NA",
]  # fmt: skip
_FIRST = [
    "Amina", "Bruno", "Chipo", "Daniela", "Emeka", "Fatou", "Gustavo", "Hanna", "Ines", "Jonas",
    "Kavita", "Luis", "Mireille", "Nadia", "Olu", "Paula", "Quentin", "Rosa", "Sipho", "Tomás",
    "Ursula", "Viktor", "Wanjiru", "Xiao", "Yusuf", "Zanele",
]  # fmt: skip
_LAST = [
    "Achieng", "Banda", "Costa", "Dlamini", "Eriksen", "Fofana", "Garcia", "Hoffmann", "Ilunga",
    "Jansen", "Kabila", "Lindqvist", "Mwangi", "Nguyen", "Okafor", "Pereira", "Quispe", "Rossi",
    "Santos", "Tshibanda", "Umar", "Virtanen", "Wright", "Yilmaz", "Zulu",
]  # fmt: skip
_POSITIONS = [
    "Sustainability lead",
    "Head of supply-chain due diligence",
    "Policy officer",
    "Community liaison",
    "Compliance manager",
    "Programme coordinator",
    "",
]


def _status(rng: random.Random) -> str:
    """Most organisations are active members; a few left, are suspended or still apply."""
    roll = rng.random()
    if roll < 0.85:
        return MembershipStatus.ACTIVE
    if roll < 0.90:
        return MembershipStatus.WITHDRAWN
    if roll < 0.94:
        return MembershipStatus.SUSPENDED
    return MembershipStatus.APPLICANT


def _names(rng: random.Random, how_many: int) -> list[str]:
    """Distinct organisation names (a running number only beyond the 600 combinations)."""
    combos = [f"{place} {word}" for place, word in product(_PLACES, _WORDS)]
    rng.shuffle(combos)
    return [
        combos[i % len(combos)] + ("" if i < len(combos) else f" {i // len(combos) + 1}")
        for i in range(how_many)
    ]


def build(scale: float, rng: random.Random, data: BenchData) -> None:
    chambers = []
    for order, (slug, name, description) in enumerate(CHAMBERS, start=1):
        chamber, _ = Chamber.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )
        chambers.append(chamber)
    data.chambers = [(c.pk, c.slug, c.name, c.order) for c in chambers]

    how_many = count("organisations", scale)
    names = _names(rng, how_many)
    rows = []
    for index, base in enumerate(names):
        position = index % len(chambers)
        kind = rng.choice(_KINDS_BY_CHAMBER[position])
        name = f"{base} {rng.choice(_SUFFIXES[kind])}"
        status = _status(rng)
        hq = rng.choice(COUNTRIES)
        rows.append(
            Organisation(
                name=name,
                slug=f"{SLUG_PREFIX}{index + 1:05d}",
                chamber=chambers[position],
                kind=kind,
                membership_status=status,
                description=sentences(rng, 2, 5),
                website=f"https://org{index + 1}.{EMAIL_DOMAIN}/",
                headquarters_country=hq,
                countries_of_operation=sorted(  # type: ignore[misc]
                    {hq, *rng.sample(COUNTRIES, rng.randint(0, 4))}
                ),
                value_chain_stages=rng.sample(ValueChainStage.values, rng.randint(1, 3)),
                sectors=[Sector.MINERALS_METALS]
                + ([rng.choice(Sector.values[1:])] if rng.random() < 0.2 else []),
                materials=rng.sample(Material.values[:-1], rng.randint(1, 4)),
                joined_on=None
                if status == MembershipStatus.APPLICANT
                else day(rng, START.date(), 3000),
                contact_name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                contact_email=f"contact{index + 1}@{EMAIL_DOMAIN}",
            )
        )
    groups = Group.objects.bulk_create(
        [Group(name=f"organisation:{row.slug}") for row in rows], batch_size=BATCH
    )
    for row, group in zip(rows, groups, strict=True):
        row.group = group
    organisations = Organisation.objects.bulk_create(rows, batch_size=BATCH)
    data.organisations = [
        (o.pk, o.slug, o.name, o.chamber_id, o.membership_status) for o in organisations
    ]

    # People: every organisation has a representative; the rest are spread at random.
    unusable = make_password(None)
    people = count("people", scale)
    users = User.objects.bulk_create(
        [
            User(
                email=f"person{i + 1}@{EMAIL_DOMAIN}",
                display_name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                password=unusable,
                date_joined=START,
            )
            for i in range(people)
        ],
        batch_size=BATCH,
    )
    person_rows = []
    for i, user in enumerate(users):
        representative = i < len(organisations)
        organisation = organisations[i] if representative else rng.choice(organisations)
        person_rows.append(
            Person(
                user=user,
                organisation=organisation,
                position=rng.choice(_POSITIONS),
                is_representative=representative,
                disclosure="public" if rng.random() < 0.3 else "members",
            )
        )
    persons = Person.objects.bulk_create(person_rows, batch_size=BATCH)
    data.people = [(p.pk, p.user_id, p.organisation_id, p.is_representative) for p in persons]

    staff = User.objects.bulk_create(
        [
            User(
                email=f"secretariat{i + 1}@{EMAIL_DOMAIN}",
                display_name=f"Secretariat officer {i + 1}",
                password=unusable,
                is_staff=True,
            )
            for i in range(max(2, count("people", scale * 0.001)))
        ]
    )
    data.secretariat_users = [u.pk for u in staff]
    external = User.objects.bulk_create(
        [
            User(
                email=f"external{i + 1}@{EMAIL_DOMAIN}",
                display_name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                password=unusable,
            )
            for i in range(max(2, count("people", scale * 0.05)))
        ],
        batch_size=BATCH,
    )
    data.external_users = [u.pk for u in external]
    data.counts.update(
        organisations=len(organisations),
        people=len(persons),
        accounts=len(users) + len(staff) + len(external),
    )
