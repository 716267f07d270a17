"""The access matrix's world (``tests/access/world.py``), built once for all the tests of this
folder (the matrix, the leak and the field checks), each of which runs in a savepoint on top."""

from __future__ import annotations

import pytest

from tests.access.world import _build_matrix_world
from tests.conftest import World
from tests.shared_state import State, shared_state

matrix_state = shared_state(_build_matrix_world)


@pytest.fixture
def matrix_world(matrix_state: State, db) -> World:
    return matrix_state.value
