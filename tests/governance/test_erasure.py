"""The erasure of a person (issue 20, item 4): anonymised everywhere, while their
organisation's comments, votes, decisions, the decision log and the audit trail stay whole."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from alliance_portal.erasure.models import ErasureRequest, ErasureStatus
from alliance_portal.erasure.selectors import personal_data_export
from alliance_portal.erasure.services import (
    erasure_confirm,
    erasure_decline,
    erasure_request,
    erasure_request_cancel,
)
from alliance_portal.models import AccessLogEntry, OutboundEmail, SecurityEvent, User
from alliance_portal.outbox import email_queue
from alliance_portal.policy import SYSTEM
from alliance_portal.roles import SECRETARIAT_GROUP, Role
from governance.consultations import services as consultation_services
from members.models import Person
from tests.governance.factories import make_proposal

pytestmark = pytest.mark.django_db


def tables_mentioning(*texts: str) -> dict[str, int]:
    """Every table of the database whose rows, as text, contain one of ``texts`` (what a
    full dump of the data would show), with how many rows."""
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
        for (table,) in cursor.fetchall():
            for text in texts:
                cursor.execute(
                    f'SELECT count(*) FROM "{table}" AS t WHERE t::text ILIKE %s',  # noqa: S608
                    [f"%{text}%"],
                )
                count = cursor.fetchone()[0]
                if count:
                    found[f"{table} ({text})"] = count
    return found


def _erase(person: User) -> ErasureRequest:
    asked = erasure_request(actor=person, user=person)
    return erasure_confirm(actor=SYSTEM, request=asked)


def test_erasing_a_demo_person_leaves_their_name_and_address_in_no_table(demo) -> None:
    """The demo's waiting request confirmed, and a meeting requester erased: neither name nor
    address is left in any row of any table; the decision log still verifies."""
    waiting = ErasureRequest.objects.get(status=ErasureStatus.PENDING)
    requester = User.objects.get(email="neema.mwamba@demo.alliance.example")
    secretariat = User.objects.create_user(email="staff@example.org", is_staff=True)
    secretariat.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    for person, erase in (
        (waiting.user, lambda: erasure_confirm(actor=secretariat, request=waiting)),
        (requester, lambda: _erase(requester)),
    ):
        name, email = person.display_name, person.email
        assert tables_mentioning(name, email), "the demo person was in the database before"
        SecurityEvent.objects.create(kind="sign_in_failed", email=email, ip_address="10.0.0.9")
        erase()
        assert tables_mentioning(name, email) == {}
    call_command("verify_decision_log", stdout=io.StringIO())


def test_the_person_is_anonymised_and_their_organisation_keeps_its_comment(world, client) -> None:
    member = world.users[Role.MEMBER]
    proposal = make_proposal(status="consultation")
    comment = consultation_services.comment_post(actor=member, proposal=proposal, text="Agreed.")
    email_queue(
        event_key="t:1", recipient=member.email, subject="Hi Mia Member", body="Dear Mia Member"
    )
    AccessLogEntry.objects.create(
        user=world.users[Role.SECRETARIAT],
        content_type=ContentType.objects.get_for_model(Person),
        object_id="1",
        object_repr="Mia Member (Own Organisation)",
    )
    erasure = _erase(member)
    member.refresh_from_db()
    assert erasure.status == ErasureStatus.ERASED
    assert member.email == f"erased-{member.pk}@erased.invalid"
    assert (member.display_name, member.is_active, member.has_usable_password()) == (
        "",
        False,
        False,
    )
    assert member.erased_at is not None
    comment.refresh_from_db()
    assert (comment.author_id, comment.text, comment.organisation_id) == (
        member.pk,
        "Agreed.",
        world.own.pk,
    )
    email = OutboundEmail.objects.get(event_key="t:1")
    assert email.recipient == member.email
    assert email.body == "Dear former participant of Own Organisation"
    assert AccessLogEntry.objects.get().object_repr == (
        "former participant of Own Organisation (Own Organisation)"
    )
    client.force_login(world.users[Role.ORGANISATION_REPRESENTATIVE])
    html = client.get(f"/governance/proposals/{proposal.pk}/").content.decode()
    assert "former participant of Own Organisation" in html
    assert "Mia Member" not in html


def _as_erasure(request_id: int, sql: str) -> None:
    """Run ``sql`` with the erasure setting naming ``request_id``, in a savepoint."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('alliance_portal.erasure', %s, true)", [str(request_id)])
        cursor.execute(sql)


def test_append_only_tables_refuse_everything_but_the_erasure(world) -> None:
    member = world.users[Role.MEMBER]
    SecurityEvent.objects.create(kind="sign_in_failed", email=member.email)
    # Outside an erasure: refused, even with the setting naming a request that is not under way.
    asked = erasure_request(actor=member, user=member)
    for sql in (
        "UPDATE alliance_portal_securityevent SET email = ''",
        "UPDATE members_personevent SET position = ''",
    ):
        with pytest.raises(IntegrityError, match="append-only"):
            _as_erasure(asked.pk, sql)
    # During an erasure, a column that is not personal stays refused, and so does DELETE.
    ErasureRequest.objects.filter(pk=asked.pk).update(status=ErasureStatus.ERASING)
    for sql in (
        "UPDATE alliance_portal_securityevent SET kind = 'access_denied'",
        "UPDATE alliance_portal_securityevent SET email = '', kind = 'access_denied'",
        "DELETE FROM alliance_portal_securityevent",
        "DELETE FROM members_personevent",
    ):
        with pytest.raises(IntegrityError, match="append-only"):
            _as_erasure(asked.pk, sql)
    # What the erasure itself does: the personal column alone.
    _as_erasure(asked.pk, "UPDATE alliance_portal_securityevent SET email = ''")
    assert SecurityEvent.objects.get().email == ""


def test_who_may_ask_withdraw_confirm_and_decline(world) -> None:
    member, other = world.users[Role.MEMBER], world.users[Role.EXTERNAL_STAKEHOLDER]
    secretariat = world.users[Role.SECRETARIAT]
    with pytest.raises(PermissionDenied):
        erasure_request(actor=other, user=member)
    asked = erasure_request(actor=member, user=member)
    assert erasure_request(actor=member, user=member) == asked  # asking twice: the same one
    with pytest.raises(PermissionDenied):
        erasure_request_cancel(actor=other, request=asked)
    with pytest.raises(PermissionDenied):
        erasure_confirm(actor=member, request=asked)
    with pytest.raises(ValidationError):
        erasure_decline(actor=secretariat, request=asked, reason=" ")
    declined = erasure_decline(actor=secretariat, request=asked, reason="An open legal claim.")
    assert declined.status == ErasureStatus.DECLINED
    assert OutboundEmail.objects.filter(
        recipient=member.email, event_key__startswith="erasure-declined"
    ).exists()
    with pytest.raises(ValidationError):
        erasure_confirm(actor=secretariat, request=declined)
    own = erasure_request(actor=secretariat, user=secretariat)
    with pytest.raises(PermissionDenied):
        erasure_confirm(actor=secretariat, request=own)  # never one's own


def test_the_export_holds_the_persons_records_and_no_secret(world) -> None:
    member = world.users[Role.MEMBER]
    proposal = make_proposal(status="consultation")
    consultation_services.comment_post(actor=member, proposal=proposal, text="Agreed.")
    data = personal_data_export(member)
    assert data["account"]["email"] == member.email
    assert "password" not in data["account"]
    assert [row["text"] for row in data["records"]["governance.Comment"]] == ["Agreed."]
    assert data["records"]["members.Person"][0]["organisation"] == world.own.pk
    assert "alliance_portal.ApiToken" not in data["records"] or all(
        "digest" not in row for row in data["records"]["alliance_portal.ApiToken"]
    )


def test_the_decision_log_names_no_person(demo) -> None:
    """Published records name organisations, never people (DESIGN.md §4): no account's name or
    address is in any entry of the log, so erasing a person never touches the hash chain."""
    texts = {
        text
        for user in User.objects.all()
        for text in (user.display_name, user.email, user.get_full_name())
        if len(text) >= 3
    }
    assert texts
    with connection.cursor() as cursor:
        for text in sorted(texts):
            cursor.execute(
                "SELECT count(*) FROM governance_decisionlogentry AS entry "
                "WHERE entry::text ILIKE %s",
                [f"%{text}%"],
            )
            assert cursor.fetchone()[0] == 0, text
