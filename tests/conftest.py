"""Fixtures shared by the whole suite: accounts, and a small alliance with one user per role
and objects at every disclosure level, of the user's own and of another organisation."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
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
from tests import read_reason
from tests.shared_state import State, prepare, shared_state, uses

PASSWORD = "correct-horse-battery-staple"


def create_user(email: str = "person@example.org", **fields) -> User:
    return User.objects.create_user(email=email, password=PASSWORD, **fields)


def civil_society() -> Chamber:
    chamber, _ = Chamber.objects.get_or_create(
        slug="civil-society", defaults={"name": "Civil society", "order": 4}
    )
    return chamber


def organisation_maker(chamber: Chamber) -> Callable[..., Organisation]:
    """Make organisations numbered from 1, of ``chamber`` unless told otherwise."""
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


@pytest.fixture(autouse=True)
def _staff_gave_a_read_reason(request) -> Any:
    """Signed-in test clients carry the read reason "review" (tests/read_reason.py), unless
    the test is marked ``no_read_reason``."""
    read_reason.install(request.node.get_closest_marker("no_read_reason") is None)
    yield
    read_reason.install(True)


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Each test starts with no rate-limit counts (their cache is this process's memory in the
    test settings). Sign-in lockouts need no reset: django-axes counts in the database, which
    each test's transaction leaves as it found it."""
    from django.core.cache import caches

    caches["throttle"].clear()


@pytest.fixture
def make_user(db):
    return create_user


@pytest.fixture
def signed_in_client(client: Client, make_user) -> Client:
    client.force_login(make_user())
    return client


@pytest.fixture
def chamber(db) -> Chamber:
    return civil_society()


@pytest.fixture
def make_organisation(db, chamber):
    return organisation_maker(chamber)


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
def world(db, make_organisation) -> World:
    return build_world(make_organisation)


def build_world(make_organisation: Callable[..., Organisation]) -> World:
    """The world of the fixture above; the access matrix builds it once for all its tests."""
    make_user = create_user
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


# --- States shared by many tests (see tests/shared_state.py) ---------------------------------


def _seed_demo(*, logins: bool) -> str:
    """Load the demo (as `make run` does); return what the command printed."""
    from django.core.management import call_command
    from django.test import override_settings

    out = io.StringIO()
    with override_settings(DEMO_LOGINS_ENABLED=logins):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


# Under test settings: no demo logins, the demo is the system's work.
demo_state = shared_state(partial(_seed_demo, logins=False))
# As in development: with one demo login per role.
demo_with_logins_state = shared_state(partial(_seed_demo, logins=True))


def _seed_bench() -> str:
    """The benchmark dataset at scale 0.01 (``manage.py seed_bench``); what it printed."""
    from django.core.management import call_command

    out = io.StringIO()
    call_command("seed_bench", scale=BENCH_SCALE, stdout=out)
    return out.getvalue()


BENCH_SCALE = 0.01
bench_state = shared_state(_seed_bench)
SHARED_STATES = ("matrix_state", "demo_state", "demo_with_logins_state", "bench_state")


@pytest.fixture
def demo(demo_state: State, db) -> str:
    """The demo alliance, loaded once for all the tests that use it; returns the seed's output."""
    return demo_state.value


@pytest.fixture
def demo_with_logins(demo_with_logins_state: State, db, settings) -> str:
    """The demo alliance seeded as in development, with its logins; DEMO_LOGINS_ENABLED stays on."""
    settings.DEMO_LOGINS_ENABLED = True
    return demo_with_logins_state.value


@pytest.fixture
def bench(bench_state: State, db) -> str:
    """The benchmark dataset at scale 0.01, built once for the tests that use it."""
    return bench_state.value


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests of each shared state first, state by state, so each state is built once;
    otherwise pytest-django's order (database tests, then transactional ones, then the rest)."""

    def state_index(item: pytest.Item) -> int:
        return next(
            (index for index, name in enumerate(SHARED_STATES) if uses(item, name)),
            len(SHARED_STATES),
        )

    items.sort(key=state_index)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    prepare(item)
