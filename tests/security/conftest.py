"""The probes run against the access matrix's world (one user per role, objects at every
disclosure level of every app), built once and shared with the matrix's tests."""

from __future__ import annotations

import pytest

from tests.access.conftest import matrix_state  # noqa: F401  (the shared state's fixture)
from tests.conftest import World
from tests.shared_state import State


@pytest.fixture
def probe_world(matrix_state: State, db) -> World:  # noqa: F811
    return matrix_state.value
