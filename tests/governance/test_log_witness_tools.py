"""tools/witness.py and tools/verify_entry.py against the portal: a witness cosigns each head
once and refuses a split view, a forked history and a rewritten entry; the verifier accepts an
entry in a head cosigned by the witnesses it trusts and nothing else; the portal submits its
heads to an outside witness by C2SP tlog-witness."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import threading
import time

import pytest
from django.test import Client

from alliance_portal.policy import SYSTEM
from governance.decision_log.models import DecisionLogEntry
from governance.log_heads.keys import signing_key, verifier_key
from governance.log_heads.models import Cosignature, SignedHead
from governance.log_heads.note import COSIGNATURE_V1, Checkpoint, cosign, parse_skey, sign_note
from tests.governance.log_heads_support import (
    TOOLS,
    approved_witness,
    client_fetch,
    consistency,
    decision,
    mth,
    sign,
    tool,
)

URL = "http://testserver"


def _log_key(tlog):
    return tlog.public_key(verifier_key().text())


def _canonicals() -> list[bytes]:
    return [
        t.encode()
        for t in DecisionLogEntry.objects.order_by("seq").values_list("canonical", flat=True)
    ]


def _signed(size: int, root: bytes) -> str:
    key = signing_key()
    return sign_note(Checkpoint(key.name, size, root).text(), key)


@pytest.mark.django_db
def test_portal_and_tools_write_the_same_keys_and_cosignatures() -> None:
    tlog = tool("tlog")
    key = tlog.new_private_key("same.example/w", tlog.COSIGNATURE_V1)
    portal_key = parse_skey(key.text())
    assert portal_key.verifier.text() == key.public.text()
    text = "testserver/decision-log\n3\n" + base64.b64encode(b"x" * 32).decode() + "\n"
    assert (
        cosign(text, portal_key, 1700000000).line().rstrip("\n")
        == tlog.cosign(text, key, 1700000000).text()
    )
    assert tlog.public_key(verifier_key().text()).text() == verifier_key().text()


@pytest.mark.django_db
def test_a_witness_run_twice_cosigns_once(world, tmp_path) -> None:
    witness_tool = tool("witness")
    decision(1)
    decision(2)
    key, witness = approved_witness(world.own)  # appends entry 3 (the approval)
    head = sign()
    state = witness_tool.State(tmp_path / "state.json")
    fetch = client_fetch()
    tlog_key = witness_tool.private_key(key.text())
    first = witness_tool.run(URL, state, _log_key(tool("tlog")), tlog_key, fetch)
    assert first.status == 200, first.message
    assert "posted" in first.message
    assert Cosignature.objects.get().head == head
    second = witness_tool.run(URL, state, _log_key(tool("tlog")), tlog_key, fetch)
    assert second.status == 200
    assert "Nothing to do" in second.message
    assert Cosignature.objects.count() == 1
    # The log grows: the witness checks consistency from 3 and cosigns the new head.
    decision(4)
    newer = sign()
    third = witness_tool.run(URL, state, _log_key(tool("tlog")), tlog_key, fetch)
    assert third.status == 200, third.message
    assert Cosignature.objects.filter(head=newer, witness=witness).exists()
    assert json.loads((tmp_path / "state.json").read_text())["testserver/decision-log"]["size"] == 4


def _witness_at(tmp_path, world):
    """A witness that cosigned the portal's head of 3 entries: (tool, state, keys)."""
    witness_tool = tool("witness")
    decision(1)
    decision(2)
    key, _ = approved_witness(world.own)
    sign()
    state = witness_tool.State(tmp_path / "state.json")
    keys = (_log_key(tool("tlog")), witness_tool.private_key(key.text()))
    assert witness_tool.run(URL, state, *keys, client_fetch()).status == 200
    return witness_tool, state, keys


@pytest.mark.django_db
def test_the_witness_refuses_a_split_view(world, tmp_path) -> None:
    witness_tool, state, keys = _witness_at(tmp_path, world)
    leaves = _canonicals()
    other = [*leaves[:2], leaves[2].replace(b"approved", b"refused")]
    split = _signed(3, mth(other))  # the same size, another root, signed by the log's key
    fetch = client_fetch(overrides={"/decision-log/checkpoint": (200, split.encode())})
    verdict = witness_tool.run(URL, state, *keys, fetch)
    assert verdict.status == 409
    assert "split view" in verdict.message
    assert Cosignature.objects.count() == 1


@pytest.mark.django_db
def test_the_witness_refuses_a_forked_history_and_a_rewritten_entry(world, tmp_path) -> None:
    witness_tool, state, keys = _witness_at(tmp_path, world)
    decision(4)
    # A scratch copy of the log in which entry 2 was rewritten, grown to 4 entries, and signed
    # with the log's key: its own consistency proof is served with it.
    scratch = _canonicals()
    scratch[1] = scratch[1].replace(b"Decision number 2", b"Decision number 2 (rewritten)")
    rewritten = _signed(4, mth(scratch))
    proof = [digest.hex() for digest in consistency(3, scratch)]
    fetch = client_fetch(
        overrides={
            "/decision-log/checkpoint": (200, rewritten.encode()),
            "/api/v1/decision-log/consistency/*": (200, json.dumps({"hashes": proof}).encode()),
        }
    )
    verdict = witness_tool.run(URL, state, *keys, fetch)
    assert verdict.status == 422
    assert "not an extension" in verdict.message
    assert "rewritten or forked" in verdict.message
    # A fork: the real log's proof, but a head whose tree is the rewritten one.
    forked = client_fetch(overrides={"/decision-log/checkpoint": (200, rewritten.encode())})
    assert witness_tool.run(URL, state, *keys, forked).status == 422
    # A rollback to fewer entries is refused too.
    rollback = _signed(2, mth(_canonicals()[:2]))
    fetch = client_fetch(overrides={"/decision-log/checkpoint": (200, rollback.encode())})
    assert witness_tool.run(URL, state, *keys, fetch).status != 200
    assert Cosignature.objects.count() == 1
    # The genuine head of 4 is still cosigned.
    sign()
    assert witness_tool.run(URL, state, *keys, client_fetch()).status == 200


@pytest.mark.django_db
def test_the_verifier_accepts_a_cosigned_entry_and_refuses_a_split_view(world, tmp_path) -> None:
    verify = tool("verify_entry")
    tlog = tool("tlog")
    _witness_tool, _state, keys = _witness_at(tmp_path, world)
    witnesses = [keys[1].public]
    result = verify.verify_entry(URL, 2, keys[0], witnesses, 1, client_fetch())
    assert result.ok, result.text()
    assert "VERIFIED: entry 2" in result.text()
    # Two witnesses demanded, one cosigned: not enough.
    other = tlog.new_private_key("other.example/w", tlog.COSIGNATURE_V1)
    result = verify.verify_entry(URL, 2, keys[0], [*witnesses, other.public], 2, client_fetch())
    assert not result.ok
    assert "cosigned by 2" in result.text()
    # A split view: the portal shows this reader a head of the same size with another root,
    # signed by the log's key, carrying the real witness's cosignature line: it fails.
    head = SignedHead.objects.get(size=3)
    line = head.cosignatures.get().line
    leaves = _canonicals()
    fake = [leaves[0], leaves[1].replace(b"adopted", b"rejected"), leaves[2]]
    split = _signed(3, mth(fake)) + line + "\n"
    heads_page = {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [{"size": 3, "checkpoint": split}],
    }
    fetch = client_fetch(
        overrides={"/api/v1/decision-log/heads/*": (200, json.dumps(heads_page).encode())}
    )
    result = verify.verify_entry(URL, 2, keys[0], witnesses, 1, fetch)
    assert not result.ok
    assert "NOT VERIFIED" in result.text()
    # A rewritten entry served to the reader: its hash or its inclusion fails.
    entry = Client().get("/api/v1/decision-log/2/").json()
    entry["canonical"] = entry["canonical"].replace("adopted", "rejected")
    fetch = client_fetch(overrides={"/api/v1/decision-log/2/": (200, json.dumps(entry).encode())})
    result = verify.verify_entry(URL, 2, keys[0], witnesses, 1, fetch)
    assert not result.ok
    assert "hash" in result.text()


@pytest.mark.django_db
def test_the_portal_submits_its_heads_to_an_outside_witness(world, tmp_path, settings) -> None:
    witness_tool = tool("witness")
    from governance.log_heads.submit import head_submit

    decision(1)
    key, witness = approved_witness(world.own)
    state = witness_tool.State(tmp_path / "state.json")
    server = witness_tool.serve(
        state, _log_key(tool("tlog")), witness_tool.private_key(key.text()), 0
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        settings.DECISION_LOG_WITNESS_URLS = [f"http://127.0.0.1:{server.server_port}/"]
        first = sign()
        kept = head_submit(head_id=first.pk)
        assert [c.via for c in kept] == ["tlog-witness"]
        assert kept[0].witness == witness
        decision(3)
        second = sign()
        assert len(head_submit(head_id=second.pk)) == 1  # with a consistency proof from 2
        # The witness lost its state: it answers 409 with size 0 and the portal starts over.
        state.logs.clear()
        decision(4)
        third = sign()
        assert len(head_submit(head_id=third.pk)) == 1
        assert Cosignature.objects.filter(via="tlog-witness").count() == 3
    finally:
        server.shutdown()


@pytest.mark.django_db(transaction=True)
def test_the_tools_against_a_live_portal(live_server, world, tmp_path) -> None:
    decision(1)
    decision(2)
    key, _ = approved_witness(world.own)
    sign()
    (tmp_path / "witness.skey").write_text(key.text())
    log_key = verifier_key().text()
    witness = [
        sys.executable,
        str(TOOLS / "witness.py"),
        "run",
        live_server.url,
        "--key",
        str(tmp_path / "witness.skey"),
        "--log-key",
        log_key,
        "--state",
        str(tmp_path / "state.json"),
    ]
    first = subprocess.run(witness, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Cosigned" in first.stdout
    second = subprocess.run(witness, capture_output=True, text=True, timeout=60)
    assert "Nothing to do" in second.stdout
    verify = subprocess.run(
        [
            sys.executable,
            str(TOOLS / "verify_entry.py"),
            live_server.url,
            "2",
            "--log-key",
            log_key,
            "--witness",
            key.public.text(),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "VERIFIED: entry 2" in verify.stdout
    assert COSIGNATURE_V1 == 4
    assert SYSTEM is not None
    assert time.time() > 0
