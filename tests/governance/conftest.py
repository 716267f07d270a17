from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from alliance_portal.roles import Role


@pytest.fixture
def api_for(world):
    """An API client signed in as the world's user of a role (anonymous for ANONYMOUS)."""

    def make(role: Role) -> APIClient:
        api = APIClient()
        user = world.users[role]
        if user is not None:
            api.force_authenticate(user)
        return api

    return make
