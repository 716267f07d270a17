"""Signed heads of the decision log, witnesses and their cosignatures (issue 23)."""

from __future__ import annotations

import base64
import json
import time
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from rest_framework.test import APIClient

from alliance_portal.policy import SYSTEM
from alliance_portal.roles import Role
from governance.decision_log.models import DecisionLogEntry, LogEntryKind
from governance.log_heads import services
from governance.log_heads.keys import verifier_key
from governance.log_heads.models import Cosignature, SignedHead, WitnessStatus
from governance.log_heads.note import (
    generate_skey,
    parse_checkpoint,
    split_note,
    verify_note,
)
from members.models import Chamber, PartnerAlliance
from tests.governance.log_heads_support import approved_witness, decision, mth, sign, tool


def _canonicals() -> list[bytes]:
    return [
        text.encode()
        for text in DecisionLogEntry.objects.order_by("seq").values_list("canonical", flat=True)
    ]


@pytest.mark.django_db
def test_an_append_signs_a_checkpoint_anyone_can_check(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        decision(1)
    head = SignedHead.objects.get()
    assert head.size == 1
    # The tool's own parser (written from the C2SP text) accepts the portal's note.
    tlog = tool("tlog")
    vkey = Client().get("/.well-known/decision-log-key").content.decode().strip()
    text = tlog.verify_log_signature(head.note, tlog.public_key(vkey))
    checkpoint = tlog.parse_checkpoint(text)
    assert checkpoint.origin == "testserver/decision-log"
    assert checkpoint.root_hash == mth(_canonicals())  # RFC 9162, computed independently
    assert text == f"testserver/decision-log\n1\n{base64.b64encode(mth(_canonicals())).decode()}\n"
    # The tlog-tiles checkpoint URL serves the same note.
    response = Client().get("/decision-log/checkpoint")
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == head.note


@pytest.mark.django_db
def test_heads_are_signed_at_most_once_a_minute_and_beat_signs_the_rest(
    django_capture_on_commit_callbacks, settings
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        decision(1)
    with django_capture_on_commit_callbacks(execute=True):
        decision(2)  # within the minute: left to beat
    assert list(SignedHead.objects.values_list("size", flat=True)) == [1]
    assert services.log_head_sign(actor=SYSTEM) is None  # within the minute
    settings.DECISION_LOG_HEAD_INTERVAL_SECONDS = 0  # a minute later
    from governance.log_heads.tasks import log_head_sign_task

    assert log_head_sign_task() == 2  # what beat runs
    assert log_head_sign_task() is None  # nothing new: nothing signed
    assert SignedHead.objects.count() == 2


@pytest.mark.django_db
def test_a_note_signed_by_another_key_does_not_verify() -> None:
    decision(1)
    head = sign()
    assert verify_note(head.note, verifier_key()) == split_note(head.note)[0]
    stranger = generate_skey("testserver/decision-log")
    with pytest.raises(ValueError, match="not signed by"):
        verify_note(head.note, stranger.verifier)
    forged = head.note.replace("\n1\n", "\n2\n", 1)
    with pytest.raises(ValueError, match="does not verify"):
        verify_note(forged, verifier_key())
    assert parse_checkpoint(split_note(head.note)[0]).size == 1


@pytest.mark.django_db
def test_representatives_of_witness_chambers_register_and_the_secretariat_approves(world) -> None:
    tlog = tool("tlog")
    key = tlog.new_private_key("own.example/witness", tlog.COSIGNATURE_V1)
    representative = world.users[Role.ORGANISATION_REPRESENTATIVE]
    member = world.users[Role.MEMBER]
    with pytest.raises(PermissionDenied):
        services.witness_register(actor=member, vkey=key.public.text(), organisation=world.own)
    with pytest.raises(PermissionDenied):  # not their organisation
        services.witness_register(
            actor=representative, vkey=key.public.text(), organisation=world.other
        )
    with pytest.raises(ValidationError, match="type 0x04"):
        services.witness_register(
            actor=representative,
            vkey=tlog.new_private_key("x.example/w", 0x01).public.text(),
            organisation=world.own,
        )
    witness = services.witness_register(
        actor=representative, vkey=key.public.text(), organisation=world.own
    )
    assert witness.status == WitnessStatus.PENDING
    with pytest.raises(PermissionDenied):
        services.witness_decide(actor=representative, witness_id=witness.pk, decision="approve")
    size = DecisionLogEntry.objects.count()
    approved = services.witness_decide(
        actor=world.users[Role.SECRETARIAT], witness_id=witness.pk, decision="approve"
    )
    assert approved.status == WitnessStatus.APPROVED
    entry = DecisionLogEntry.objects.get(seq=approved.log_seq)
    assert entry.seq == size + 1
    assert entry.kind == LogEntryKind.WITNESS
    assert entry.amends is None
    record = json.loads(entry.canonical)["record"]
    assert record["witness"]["vkey"] == key.public.text()
    assert record["witness"]["holder"] == {
        "kind": "organisation",
        "name": "Own Organisation",
        "slug": world.own.slug,
    }


@pytest.mark.django_db
def test_an_industry_organisation_may_not_witness_but_a_partner_alliance_may(
    world, make_organisation
) -> None:
    industry = Chamber.objects.create(slug="industry-upstream", name="Industry upstream")
    company = make_organisation("Mine Co", chamber=industry)
    from members import services as member_services

    representative = world.users[Role.ORGANISATION_REPRESENTATIVE]
    member_services.person_add(
        actor=SYSTEM,
        organisation=company,
        user=world.users[Role.EXTERNAL_STAKEHOLDER],
        is_representative=True,
    )
    tlog = tool("tlog")
    key = tlog.new_private_key("mine.example/witness", tlog.COSIGNATURE_V1)
    with pytest.raises(PermissionDenied, match="civil-society, communities and academia"):
        services.witness_register(
            actor=world.users[Role.EXTERNAL_STAKEHOLDER],
            vkey=key.public.text(),
            organisation=company,
        )
    alliance = PartnerAlliance.objects.create(name="Andean Alliance", slug="andean")
    with pytest.raises(PermissionDenied):
        services.witness_register(
            actor=representative, vkey=key.public.text(), partner_alliance=alliance
        )
    witness = services.witness_register(
        actor=world.users[Role.SECRETARIAT], vkey=key.public.text(), partner_alliance=alliance
    )
    assert witness.holder_name == "Andean Alliance"


@pytest.mark.django_db
def test_a_posted_cosignature_is_kept_once_when_it_verifies(world) -> None:
    tlog = tool("tlog")
    decision(1)
    head = sign()
    key, witness = approved_witness(world.own)
    text = split_note(head.note)[0]
    line = tlog.cosign(text, key, int(time.time())).text()
    api = APIClient()
    url = f"/api/v1/decision-log/heads/{head.size}/cosignatures/"
    assert api.post(url, {"cosignature": line}, format="json").status_code == 201
    assert api.post(url, {"cosignature": line}, format="json").status_code == 200
    assert Cosignature.objects.get().witness == witness
    # Forged, unknown, pending, for another head: refused with a reason.
    forged = tlog.cosign(text.replace("\n1\n", "\n9\n"), key, int(time.time())).text()
    answer = api.post(url, {"cosignature": forged}, format="json")
    assert answer.status_code == 400
    assert "does not verify" in answer.content.decode()
    stranger = tlog.new_private_key("stranger.example/w", tlog.COSIGNATURE_V1)
    answer = api.post(url, {"cosignature": tlog.cosign(text, stranger, 1).text()}, format="json")
    assert answer.status_code == 400
    assert "No approved witness" in answer.content.decode()
    assert (
        api.post(
            "/api/v1/decision-log/heads/99/cosignatures/", {"cosignature": line}, format="json"
        ).status_code
        == 400
    )
    decision(99)
    later = sign()
    future = tlog.cosign(split_note(later.note)[0], key, int(time.time()) + 86400).text()
    answer = api.post(
        f"/api/v1/decision-log/heads/{later.size}/cosignatures/",
        {"cosignature": future},
        format="json",
    )
    assert answer.status_code == 400
    assert "future" in answer.content.decode()


@pytest.mark.django_db
def test_heads_api_and_page_show_cosignatures_in_a_fixed_number_of_queries(
    world, django_assert_max_num_queries
) -> None:
    tlog = tool("tlog")
    keys = [approved_witness(world.own, f"w{n}.example/witness")[0] for n in range(3)]
    for number in range(1, 6):
        decision(number)
        head = sign()
        for key in keys:
            services.cosignature_add(
                actor=SYSTEM,
                size=head.size,
                line=tlog.cosign(split_note(head.note)[0], key, int(time.time())).text(),
            )
    api = APIClient()
    with django_assert_max_num_queries(4):
        answer = api.get("/api/v1/decision-log/heads/").json()
    assert [h["size"] for h in answer["results"]][:2] == [8, 7]
    latest = answer["results"][0]
    assert len(latest["cosignatures"]) == 3
    assert latest["checkpoint"].count("\u2014 ") == 4  # the portal's signature and three
    good = tlog.cosigners(latest["checkpoint"], [k.public for k in keys])
    assert len(good) == 3
    assert api.get("/api/v1/decision-log/heads/?cosigned=maybe").status_code == 400
    with django_assert_max_num_queries(12):
        page = Client().get("/governance/decisions/heads/")
    assert page.status_code == 200
    assert "w0.example/witness" in page.content.decode()
    assert verifier_key().text() in page.content.decode()
    with django_assert_max_num_queries(12):
        assert Client().get("/governance/decisions/witnesses/").status_code == 200


@pytest.mark.django_db
def test_the_feed_carries_the_latest_cosigned_head(world) -> None:
    tlog = tool("tlog")
    decision(1)
    head = sign()
    key, _ = approved_witness(world.own)
    services.cosignature_add(
        actor=SYSTEM,
        size=head.size,
        line=tlog.cosign(split_note(head.note)[0], key, int(time.time())).text(),
    )
    feed = ET.fromstring(Client().get("/governance/decisions/feed/").content)  # noqa: S314 (ours)
    found = [element for element in feed.iter() if element.tag.endswith("checkpoint")]
    assert len(found) == 1
    assert found[0].get("size") == "1"
    assert "fmw.example/witness" in (found[0].text or "")


@pytest.mark.django_db
def test_key_rotation_is_an_entry_of_the_log(settings) -> None:
    from governance.log_heads import keys

    first = services.log_key_announce(actor=SYSTEM)
    assert first is not None
    assert first.kind == LogEntryKind.LOG_KEY
    assert services.log_key_announce(actor=SYSTEM) is None  # announced already
    settings.DECISION_LOG_SIGNING_KEY = generate_skey("testserver/decision-log").text()
    keys._key_from.cache_clear()
    second = services.log_key_announce(actor=SYSTEM, reason="Yearly rotation.")
    record = json.loads(second.canonical)["record"]
    assert record["previous_vkey"] == json.loads(first.canonical)["record"]["vkey"]
    assert record["vkey"] == verifier_key().text() != record["previous_vkey"]


@pytest.mark.django_db
def test_witness_pages_register_and_approve(world) -> None:
    tlog = tool("tlog")
    key = tlog.new_private_key("own.example/witness", tlog.COSIGNATURE_V1)
    representative = world.client_for(Role.ORGANISATION_REPRESENTATIVE)
    page = representative.get("/governance/decisions/witnesses/")
    assert "Register a witness" in page.content.decode()
    bad = representative.post(
        "/governance/decisions/witnesses/", {"vkey": "nonsense", "organisation": world.own.pk}
    )
    assert "verifier key" in bad.content.decode()
    done = representative.post(
        "/governance/decisions/witnesses/",
        {"vkey": key.public.text(), "organisation": world.own.pk},
    )
    assert done.status_code == 302
    assert (
        "Register a witness"
        not in Client().get("/governance/decisions/witnesses/").content.decode()
    )
    assert (
        "own.example/witness"
        not in Client().get("/governance/decisions/witnesses/").content.decode()
    )
    witness = world.own.witnesses.get()
    assert (
        representative.post(
            f"/governance/decisions/witnesses/{witness.pk}/decide/", {"decision": "approve"}
        ).status_code
        == 403
    )
    secretariat = world.client_for(Role.SECRETARIAT)
    secretariat.post(
        f"/governance/decisions/witnesses/{witness.pk}/decide/", {"decision": "approve"}
    )
    witness.refresh_from_db()
    assert witness.status == WitnessStatus.APPROVED
    assert (
        "own.example/witness" in Client().get("/governance/decisions/witnesses/").content.decode()
    )


@pytest.mark.django_db
def test_the_decision_page_shows_what_verifies_it_and_a_witness_entry_reads_plainly(world) -> None:
    first = decision(1)
    assert (
        "No signed head covers this entry yet"
        in Client().get(f"/governance/decisions/{first.seq}/").content.decode()
    )
    _, witness = approved_witness(world.own)
    head = sign()
    page = Client().get(f"/governance/decisions/{first.seq}/").content.decode()
    assert f"{head.size} entries, signed" in page
    assert f"/api/v1/decision-log/{first.seq}/inclusion/?tree_size={head.size}" in page
    assert head.root_hash in page
    assert "index 0" in page
    entry = Client().get(f"/governance/decisions/{witness.log_seq}/")
    assert entry.status_code == 200
    text = entry.content.decode()
    assert "fmw.example/witness" in text
    assert "Own Organisation" in text
    assert "Approved by the secretariat" in text


@pytest.mark.django_db
def test_the_report_records_the_signed_head_it_was_built_on(world) -> None:
    from governance.reports.sections.decisions import decision_log_signed_head

    tlog = tool("tlog")
    assert decision_log_signed_head(0) is None
    decision(1)
    key, _ = approved_witness(world.own)
    head = sign()
    services.cosignature_add(
        actor=SYSTEM,
        size=head.size,
        line=tlog.cosign(split_note(head.note)[0], key, int(time.time())).text(),
    )
    decision(3)  # after the head: the report names the head of 2
    signed = decision_log_signed_head(3)
    assert signed is not None
    assert signed["size"] == 2
    assert signed["root_hash"] == head.root_hash
    assert signed["cosigned_by"] == [
        {"witness": "fmw.example/witness", "holder": "Own Organisation"}
    ]
    assert len(tlog.cosigners(signed["checkpoint"], [key.public])) == 1


@pytest.mark.django_db
def test_signed_heads_and_cosignatures_are_append_only() -> None:
    from django.db import IntegrityError, transaction

    decision(1)
    head = sign()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        SignedHead.objects.filter(pk=head.pk).update(root_hash="0" * 64)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        SignedHead.objects.filter(pk=head.pk).delete()


@pytest.mark.django_db
def test_the_key_command_prints_generates_and_announces() -> None:
    from io import StringIO

    from django.core.management import call_command

    out, err = StringIO(), StringIO()
    call_command("decision_log_key", stdout=out, stderr=err)
    assert out.getvalue().strip() == verifier_key().text()
    out = StringIO()
    call_command("decision_log_key", "--generate", "portal.example/log", stdout=out, stderr=err)
    assert out.getvalue().startswith("PRIVATE+KEY+portal.example/log+")
    call_command("decision_log_key", "--announce", stdout=StringIO(), stderr=err)
    assert DecisionLogEntry.objects.filter(kind=LogEntryKind.LOG_KEY).count() == 1
    assert SignedHead.objects.get().size == 1
