"""After the erasure of a person, a full dump of the database (pg_dump, committed data) holds
neither their name nor their email address (issue 20, the check that will be run)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from alliance_portal.erasure.services import erasure_confirm, erasure_request
from alliance_portal.models import AccessLogEntry, PendingSignup, SecurityEvent, User
from alliance_portal.outbox import email_queue
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import SECRETARIAT_GROUP
from members import services as member_services
from members.models import Organisation, Person
from tests.conftest import civil_society, organisation_maker

NAME, EMAIL = "Zelda Quixotica", "zelda.quixotica@example.org"


def _pg_dump() -> str:
    """The server's own pg_dump when it is on this machine, else any one found."""
    candidates = [
        shutil.which("pg_dump"),
        *sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"), reverse=True),
        *glob.glob(os.path.join(os.getcwd(), ".data", "**", "bin", "pg_dump"), recursive=True),
    ]
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        major = int(cursor.fetchone()[0]) // 10000
    found = [c for c in candidates if c]
    for candidate in found:
        if f"/{major}/" in candidate:
            return candidate
    if not found:
        pytest.skip("no pg_dump on this machine")
    return found[0]


def _dump() -> str:
    settings = connection.settings_dict
    env = dict(os.environ, PGPASSWORD=settings.get("PASSWORD") or "")
    command = [
        _pg_dump(),
        "--no-owner",
        "-h",
        settings.get("HOST") or "localhost",
        "-p",
        str(settings.get("PORT") or 5432),
        "-U",
        settings.get("USER") or "postgres",
        settings["NAME"],
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.mark.django_db(transaction=True)
def test_a_full_dump_after_erasure_holds_neither_name_nor_address() -> None:
    organisation = organisation_maker(civil_society())("Dump Organisation")
    person = User.objects.create_user(email=EMAIL, password="x-long-password-1", display_name=NAME)
    member_services.person_add(
        actor=SYSTEM, organisation=organisation, user=person, position="Head of sourcing"
    )
    Organisation.objects.filter(pk=organisation.pk).update(contact_name=NAME, contact_email=EMAIL)
    email_queue(event_key="dump:1", recipient=EMAIL, subject=f"Hello {NAME}", body=f"Dear {NAME}")
    SecurityEvent.objects.create(kind="sign_in_failed", email=EMAIL, ip_address="10.1.2.3")
    staff = User.objects.create_user(email="staff@example.org", is_staff=True)
    staff.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    AccessLogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(Person),
        object_id="1",
        object_repr=f"{NAME} (Dump Organisation)",
    )
    PendingSignup.objects.create(
        email=EMAIL.upper(),
        display_name=NAME,
        token_digest="0" * 64,
        requested_at=person.date_joined,
    )
    before = _dump()
    assert NAME in before
    assert EMAIL in before
    asked = erasure_request(actor=person, user=person)
    erasure_confirm(actor=staff, request=asked)
    after = _dump()
    assert NAME.lower() not in after.lower()
    assert EMAIL.lower() not in after.lower()
    assert "former participant of Dump Organisation" in after
