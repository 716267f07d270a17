"""Fixtures shared by the whole suite: accounts, and a small alliance with one user per role
and objects at every disclosure level, of the user's own and of another organisation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from alliance_portal.disclosure import DisclosureLevel
from alliance_portal.models import User
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import REVIEWER_GROUP, SECRETARIAT_GROUP, Role
from members import services
from members.models import Chamber, MembershipStatus, Organisation, OrganisationKind, Person

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def make_user(db):
    def make(email: str = "person@example.org", **fields) -> User:
        return User.objects.create_user(email=email, password=PASSWORD, **fields)

    return make


@pytest.fixture
def signed_in_client(client: Client, make_user) -> Client:
    client.force_login(make_user())
    return client


@pytest.fixture
def chamber(db) -> Chamber:
    chamber, _ = Chamber.objects.get_or_create(
        slug="civil-society", defaults={"name": "Civil society", "order": 4}
    )
    return chamber


@pytest.fixture
def make_organisation(db, chamber):
    counter = iter(range(1, 100_000))

    def make(name: str | None = None, **fields) -> Organisation:
        number = next(counter)
        fields.setdefault("chamber", chamber)
        fields.setdefault("kind", OrganisationKind.NGO)
        fields.setdefault("membership_status", MembershipStatus.ACTIVE)
        fields.setdefault("contact_email", f"contact{number}@org.example")
        return services.organisation_create(
            actor=SYSTEM, name=name or f"Organisation {number}", **fields
        )

    return make


@dataclass
class World:
    """One user per role. The member and the representative are people of ``own``;
    ``other`` is another active member organisation; ``applicant`` is not yet a member."""

    own: Organisation
    other: Organisation
    applicant: Organisation
    users: dict[Role, User | None] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # objects other apps' tests add

    def client_for(self, role: Role) -> Client:
        client = Client()
        user = self.users[role]
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def world(db, make_user, make_organisation) -> World:
    own = make_organisation("Own Organisation")
    other = make_organisation("Other Organisation")
    applicant = make_organisation(
        "Applicant Organisation", membership_status=MembershipStatus.APPLICANT
    )
    member = make_user("member@example.org", display_name="Mia Member")
    representative = make_user("rep@example.org", display_name="Ravi Rep")
    services.person_add(actor=SYSTEM, organisation=own, user=member)
    services.person_add(actor=SYSTEM, organisation=own, user=representative, is_representative=True)
    reviewer = make_user("reviewer@example.org")
    reviewer.groups.add(Group.objects.get(name=REVIEWER_GROUP))
    secretariat = make_user("secretariat@example.org", is_staff=True)
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    superuser = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    people = {}
    for level in DisclosureLevel.values:
        for owner, organisation in (("own", own), ("other", other)):
            person = services.person_add(
                actor=SYSTEM,
                organisation=organisation,
                user=make_user(
                    f"{owner}-{level}@example.org", display_name=f"{owner} {level} person"
                ),
            )
            Person.objects.filter(pk=person.pk).update(disclosure=level)
            person.refresh_from_db()
            people[f"{owner}-{level}"] = person
    return World(
        own=own,
        other=other,
        applicant=applicant,
        users={
            Role.ANONYMOUS: None,
            Role.EXTERNAL_STAKEHOLDER: make_user("external@example.org"),
            Role.MEMBER: member,
            Role.ORGANISATION_REPRESENTATIVE: representative,
            Role.CIVIL_SOCIETY_REVIEWER: reviewer,
            Role.SECRETARIAT: secretariat,
            Role.SUPERUSER: superuser,
        },
        people=people,
    )
