"""The public decision log: append-only in the database, hash-chained, verifiable by anyone."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from rest_framework.test import APIClient

from alliance_portal.roles import Role
from governance.decision_log.canonical import canonical_json, entry_hash, timestamp
from governance.decision_log.models import DecisionLogEntry, PublishedDecision
from governance.decision_log.services import (
    append_change,
    decision_log_append,
    decision_log_change,
)

ROOT = Path(__file__).resolve().parents[2]
GENESIS = "0" * 64


def decision_record(number: int, **overrides):
    record = {
        "proposal": {"id": number, "title": f"Cobalt due diligence step {number}"},
        "body": {"slug": "general-assembly", "name": "General Assembly"},
        "outcome": "adopted",
        "summary": "Members map their cobalt supply chains to the mine site.",
        "rationale": "Artisanal mining risks are invisible without mine-site traceability.",
        "effective_date": "2027-01-01",
        "objectives": ["traceability"],
        "countries": ["CD"],
        "materials": ["cobalt"],
        "tally": {"method": "chamber_balanced", "quorum": {"num": 1, "den": 2}},
    }
    record.update(overrides)
    return record


def independent_check(entries: list[dict]) -> None:
    """The issue's formula, written out again here rather than imported."""
    prev = GENESIS
    for number, entry in enumerate(entries, start=1):
        assert entry["seq"] == number
        assert entry["prev_hash"] == prev
        canonical = entry["canonical"]
        assert entry["hash"] == hashlib.sha256((prev + "\n" + canonical).encode()).hexdigest()
        parsed = json.loads(canonical)
        assert (
            json.dumps(parsed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            == canonical
        )
        assert parsed["seq"] == number
        assert parsed["published_at"] == entry["published_at"]
        prev = entry["hash"]


@pytest.mark.django_db
def test_appended_entries_form_a_chain_anyone_can_recompute() -> None:
    first = decision_log_append(
        kind="decision", record=decision_record(1, summary="Réunion à Kolwezi")
    )
    decision_log_append(kind="decision", record=decision_record(2, outcome="rejected"))
    decision_log_append(
        kind="dissent",
        amends=2,
        record={
            "decision_seq": 2,
            "organisation": {"slug": "fmw", "name": "Fair Minerals Watch"},
            "text": "We disagree.",
        },
    )
    assert first.prev_hash == GENESIS
    assert "Réunion à Kolwezi" in first.canonical  # UTF-8, not escaped
    entries = APIClient().get("/api/v1/decision-log/").json()["results"]
    independent_check(entries)
    assert [e["kind"] for e in entries] == ["decision", "decision", "dissent"]
    assert entries[2]["amends"] == 2
    head = APIClient().get("/api/v1/decision-log/head/").json()
    assert (head["seq"], head["hash"]) == (3, entries[2]["hash"])
    call_command("verify_decision_log", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.django_db
def test_bad_entries_are_refused_and_nothing_is_written() -> None:
    with pytest.raises(ValidationError, match="float"):
        decision_log_append(kind="decision", record=decision_record(1, share=0.75))
    with pytest.raises(ValidationError, match="amends nothing"):
        decision_log_append(kind="decision", amends=1, record=decision_record(1))
    with pytest.raises(ValidationError, match="seq of the decision"):
        decision_log_append(kind="dissent", amends=99, record={"text": "?"})
    with pytest.raises(ValidationError, match="needs 'outcome'"):
        decision_log_append(kind="decision", record={"proposal": {"id": 1, "title": "x"}})
    assert not DecisionLogEntry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE governance_decisionlogentry SET canonical = '{}'",
        "DELETE FROM governance_decisionlogentry",
        "TRUNCATE governance_decisionlogentry CASCADE",
    ],
)
def test_the_database_refuses_update_delete_and_truncate(sql: str) -> None:
    decision_log_append(kind="decision", record=decision_record(1))
    with connection.cursor() as cursor:
        # Fire the insert's deferred foreign-key checks now: TRUNCATE refuses to run while
        # they are pending, which would hide the trigger's own refusal.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    # Not even a session that switches triggers off for replication skips them (ENABLE ALWAYS).
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            cursor.execute(sql)
    assert DecisionLogEntry.objects.count() == 1


def _tamper(seq: int) -> None:
    """What only the table's owner or a superuser can do: switch the trigger off and flip a byte."""
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE governance_decisionlogentry DISABLE TRIGGER append_only_refuse_update_delete"
        )
        cursor.execute(
            "UPDATE governance_decisionlogentry SET canonical = replace(canonical, 'adopted', 'adoptee') WHERE seq = %s",
            [seq],
        )
        cursor.execute(
            "ALTER TABLE governance_decisionlogentry ENABLE ALWAYS TRIGGER append_only_refuse_update_delete"
        )


@pytest.mark.django_db(transaction=True)
def test_a_flipped_byte_is_found_by_both_verifiers_at_its_seq(live_server) -> None:
    for number in (1, 2, 3):
        decision_log_append(kind="decision", record=decision_record(number))
    tool = [sys.executable, str(ROOT / "tools" / "verify_decision_log.py"), live_server.url]
    good = subprocess.run(tool, capture_output=True, text=True, timeout=60)
    assert good.returncode == 0, good.stderr
    assert "OK: 3 entries verified" in good.stdout
    head = DecisionLogEntry.objects.get(seq=3)
    kept = subprocess.run(
        [*tool, "--expect", f"3:{head.hash}"], capture_output=True, text=True, timeout=60
    )
    assert kept.returncode == 0, kept.stderr

    _tamper(2)
    with pytest.raises(CommandError, match="seq 2"):
        call_command("verify_decision_log")
    bad = subprocess.run(tool, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1
    assert "FAILED at seq 2" in bad.stderr


@pytest.mark.django_db(transaction=True)
def test_concurrent_publishers_produce_a_gapless_unforked_chain() -> None:
    errors: list[BaseException] = []

    def publish(worker: int) -> None:
        try:
            for number in range(5):
                decision_log_append(kind="decision", record=decision_record(worker * 100 + number))
        except BaseException as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(worker,)) for worker in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    entries = list(
        DecisionLogEntry.objects.order_by("seq").values(
            "seq", "prev_hash", "hash", "canonical", "published_at"
        )
    )
    assert [e["seq"] for e in entries] == list(range(1, 31))
    prev = GENESIS
    for entry in entries:
        assert entry["prev_hash"] == prev
        prev = entry["hash"]
    call_command("verify_decision_log", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.django_db
def test_pages_feed_and_canonical_text(client: Client) -> None:
    decision_log_append(kind="decision", record=decision_record(1))
    decision_log_append(
        kind="decision",
        record=decision_record(
            2,
            outcome="rejected",
            proposal={"id": 2, "title": "Lithium brine water stewardship"},
            materials=["lithium"],
            countries=["CL"],
        ),
    )
    listing = client.get("/governance/decisions/").content.decode()
    assert "Cobalt due diligence step 1" in listing
    assert "Lithium brine water stewardship" in listing
    assert "Log head: entry <strong>2</strong>" in listing
    filtered = client.get("/governance/decisions/?material=lithium").content.decode()
    assert "Lithium brine" in filtered
    assert "Cobalt due diligence" not in filtered
    found = client.get("/governance/decisions/?q=brine").content.decode()
    assert "Lithium brine" in found
    assert "Cobalt due diligence" not in found
    assert "1 decision" in client.get("/governance/decisions/?outcome=rejected").content.decode()

    page = client.get("/governance/decisions/1/").content.decode()
    assert DecisionLogEntry.objects.get(seq=1).hash in page
    canonical = client.get("/governance/decisions/1/canonical.json")
    assert canonical.content.decode("utf-8") == DecisionLogEntry.objects.get(seq=1).canonical

    feed = client.get("/governance/decisions/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)  # noqa: S314 (our own feed, in a test)
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.tag == f"{atom}feed"
    entries = root.findall(f"{atom}entry")
    assert len(entries) == 2
    assert entries[0].find(f"{atom}link").get("href").endswith("/governance/decisions/2/")


def test_staff_correct_as_new_entries_and_a_withdrawal_ends_all_change(world) -> None:
    """Since issue 16 the secretariat only corrects; an amendment or withdrawal is a
    decision's effect (``append_change``, tested end to end in test_constitution_effects.py)."""
    decision = decision_log_append(kind="decision", record=decision_record(1))
    member = world.users[Role.MEMBER]
    with pytest.raises(PermissionDenied):
        decision_log_change(
            actor=member, decision_seq=1, kind="correction", reason="typo", changes={"summary": "x"}
        )
    staff = world.users[Role.SECRETARIAT]
    with pytest.raises(ValidationError):
        decision_log_change(
            actor=staff, decision_seq=1, kind="correction", reason="", changes={"summary": "x"}
        )
    client = world.client_for(Role.SECRETARIAT)
    response = client.post(
        "/governance/decisions/1/change/",
        {
            "kind": "correction",
            "reason": "The summary named the wrong province.",
            "summary": "Members map cobalt supply chains in Lualaba.",
        },
    )
    assert response.status_code == 302
    published = PublishedDecision.objects.get(entry=decision)
    assert (published.state, published.latest_seq) == ("corrected", 2)
    assert published.summary == "Members map cobalt supply chains in Lualaba."
    assert DecisionLogEntry.objects.get(seq=1).canonical == decision.canonical  # unchanged
    page = world.client_for(Role.ANONYMOUS).get("/governance/decisions/1/").content.decode()
    assert "Lualaba" in page
    assert "wrong province" in page
    with pytest.raises(ValidationError, match="only by a decision"):
        decision_log_change(
            actor=staff, decision_seq=1, kind="withdrawal", reason="Superseded by decision 7."
        )
    with transaction.atomic():
        append_change(
            kind="withdrawal",
            decision_seq=1,
            reason="Superseded by decision 7.",
            changes={},
            decided_by={"seq": None, "proposal": 7, "body": "General Assembly"},
        )
    with pytest.raises(ValidationError, match="withdrawn"):
        decision_log_change(actor=staff, decision_seq=1, reason="x", changes={"title": "y"})
    assert world.client_for(Role.MEMBER).get("/governance/decisions/1/change/").status_code == 403
    assert (
        world.client_for(Role.ANONYMOUS).get("/governance/decisions/1/change/").status_code == 302
    )


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [10, 200])
def test_decision_list_query_count_does_not_grow(
    rows: int, client: Client, django_assert_max_num_queries
) -> None:
    for number in range(rows):
        decision_log_append(kind="decision", record=decision_record(number))
    with django_assert_max_num_queries(5):
        response = client.get("/governance/decisions/")
    assert f"{rows} decisions" in response.content.decode()


@pytest.mark.django_db
def test_the_api_pages_ascending_with_a_next_link() -> None:
    for number in range(60):
        decision_log_append(kind="decision", record=decision_record(number))
    first = APIClient().get("/api/v1/decision-log/").json()
    assert [e["seq"] for e in first["results"]][:3] == [1, 2, 3]
    assert first["next"]
    second = APIClient().get(first["next"]).json()
    assert second["results"][0]["seq"] == 51
    independent_check(first["results"] + second["results"])
    assert APIClient().get("/api/v1/decision-log/7/").json()["seq"] == 7
    assert APIClient().get("/api/v1/decision-log/999/").status_code == 404


def _the_tool():
    """tools/verify_decision_log.py, loaded as a module (it is a standalone script)."""
    path = ROOT / "tools" / "verify_decision_log.py"
    spec = importlib.util.spec_from_file_location("verify_decision_log_tool", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_the_standalone_tool_and_the_portal_write_the_same_canonical_bytes() -> None:
    """The tool keeps its own copy of the canonical form and the hash (it checks the portal
    from the outside): both must give the same bytes for the same records."""
    tool = _the_tool()
    records = [
        decision_record(1),
        decision_record(2, outcome="rejected", text="Ça coûte 1 000 € — “quoted” ✓"),
        {"z": [None, True, False, 0, -1, 10**30], "a": {"b": {"c": '\u0000\n\t"\\'}}},
        {"émoji": "🙂", "": "", "list": [], "dict": {}},
    ]
    prev = GENESIS
    for record in records:
        ours = canonical_json(record)
        assert tool.canonical_text(record) == ours
        assert tool.canonical_text(json.loads(ours)) == ours
        assert tool.chain_hash(prev, ours) == entry_hash(prev, ours)
        prev = entry_hash(prev, ours)
    for number in (1, 2):
        decision_log_append(kind="decision", record=decision_record(number))
    prev = GENESIS
    for entry in DecisionLogEntry.objects.order_by("seq"):
        assert tool.canonical_text(json.loads(entry.canonical)) == entry.canonical
        api_entry = {
            "seq": entry.seq,
            "kind": entry.kind,
            "published_at": timestamp(entry.published_at),
            "prev_hash": entry.prev_hash,
            "hash": entry.hash,
            "canonical": entry.canonical,
        }
        prev = tool.check_entry(api_entry, entry.seq, prev)
        assert prev == entry.hash
