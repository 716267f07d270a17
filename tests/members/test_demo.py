from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from alliance_portal import policy
from alliance_portal.models import User
from alliance_portal.roles import Role
from members.models import Chamber, Organisation


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_gives_one_login_per_role(demo_with_logins: str) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    assert Chamber.objects.count() == 7
    assert Organisation.objects.count() == 30
    countries = {o.headquarters_country.code for o in Organisation.objects.all()}
    assert {"CD", "PE", "CL", "ID", "ZA", "BO"} <= countries  # producer countries
    assert {"DE", "FR", "JP", "US"} <= countries  # consumer countries
    roles = {policy.principal(user).role for user in User.objects.all()}
    assert roles == set(Role) - {Role.ANONYMOUS}
    for role in set(Role) - {Role.ANONYMOUS}:
        assert f" {role.value}" in demo_with_logins
    every_chamber_has_members = all(c.organisations.exists() for c in Chamber.objects.all())
    assert every_chamber_has_members


@pytest.mark.django_db
def test_seed_demo_creates_no_logins_outside_development(demo) -> None:
    # Meeting requesters are accounts without a password (nobody signs in with them).
    assert not [user.email for user in User.objects.all() if user.has_usable_password()]
    assert Organisation.objects.count() == 30
