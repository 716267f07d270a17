"""Reads of confidential (secretariat-level) material leave a row in the access log."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from alliance_portal.models import AccessLogEntry
from alliance_portal.roles import Role


def test_staff_reading_secretariat_level_material_is_logged(world) -> None:
    staff = world.client_for(Role.SECRETARIAT)
    assert staff.get(world.applicant.get_absolute_url()).status_code == 200
    entry = AccessLogEntry.objects.get()
    assert entry.user == world.users[Role.SECRETARIAT]
    assert entry.object_repr == "Applicant Organisation"
    assert entry.path == world.applicant.get_absolute_url()
    # Reading public material leaves nothing.
    staff.get(world.other.get_absolute_url())
    world.client_for(Role.MEMBER).get(world.other.get_absolute_url())
    assert AccessLogEntry.objects.count() == 1


def test_the_access_log_cannot_be_edited(world) -> None:
    world.client_for(Role.SECRETARIAT).get(world.applicant.get_absolute_url())
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AccessLogEntry.objects.update(object_repr="nothing to see")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AccessLogEntry.objects.all().delete()
    assert AccessLogEntry.objects.get().object_repr == "Applicant Organisation"
