"""The access matrix's world, built once for all the tests of this folder (the matrix, the
leak and field checks), each of which runs in a savepoint on top of it."""

from __future__ import annotations

import pytest

from alliance_portal.roles import Role
from tests.access.cases import populate
from tests.access.markers import plant
from tests.conftest import World, build_world, civil_society, organisation_maker
from tests.shared_state import State, shared_state


def _build_matrix_world() -> World:
    """The shared world, plus one object of every model the admin shows, plus the marker rows
    the leak checks look for."""
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


matrix_state = shared_state(_build_matrix_world)


@pytest.fixture
def matrix_world(matrix_state: State, db) -> World:
    return matrix_state.value
