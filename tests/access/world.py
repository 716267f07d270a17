"""The access matrix's world: tests/conftest.py's world (A and B, competitors in one chamber,
one user per role), one object of every model the admin shows, and the marker rows the leak
checks look for. ``tests/access/conftest.py`` builds it once per run; other suites (the bad
input and schema checks) build their own."""

from __future__ import annotations

from alliance_portal.roles import Role
from tests.access.cases import populate
from tests.access.markers import plant
from tests.conftest import World, build_world, civil_society, organisation_maker


def _build_matrix_world() -> World:
    from alliance_portal import policy
    from alliance_portal.models import OutboundEmail

    world = build_world(organisation_maker(civil_society()))
    OutboundEmail.objects.create(
        event_key="matrix", recipient="a@example.org", subject="S", body="B"
    )
    policy.record_access(world.users[Role.SECRETARIAT], world.applicant)
    populate(world)
    world.extra["markers"] = plant(world)
    return world
