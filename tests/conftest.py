"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest
from django.test import Client

from alliance_portal.models import User

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
