"""The decision log's Merkle tree (RFC 9162): roots and proofs checked against a second
implementation written here from the RFC's recursive definitions (not the portal's code), for
every tree size from 1 to 300; the proofs API, its errors and its query budget; tlog-tiles."""

from __future__ import annotations

import base64
import hashlib
import random
import struct
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from governance.decision_log import merkle, tree
from governance.decision_log.canonical import canonical_json, entry_hash, timestamp
from governance.decision_log.models import DecisionLogEntry, DecisionLogNode
from governance.decision_log.services import decision_log_append
from tests.governance.test_decision_log import _tamper, decision_record

GENESIS = "0" * 64


# --- The independent implementation: RFC 9162 §2.1 as written, recursively. -----------------


def sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def largest_power_below(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(leaves: list[bytes]) -> bytes:
    if not leaves:
        return sha(b"")
    if len(leaves) == 1:
        return sha(b"\x00" + leaves[0])
    k = largest_power_below(len(leaves))
    return sha(b"\x01" + mth(leaves[:k]) + mth(leaves[k:]))


def path(m: int, leaves: list[bytes]) -> list[bytes]:
    if len(leaves) <= 1:
        return []
    k = largest_power_below(len(leaves))
    if m < k:
        return [*path(m, leaves[:k]), mth(leaves[k:])]
    return [*path(m - k, leaves[k:]), mth(leaves[:k])]


def subproof(m: int, leaves: list[bytes], complete: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if complete else [mth(leaves)]
    k = largest_power_below(n)
    if m <= k:
        return [*subproof(m, leaves[:k], complete), mth(leaves[k:])]
    return [*subproof(m - k, leaves[k:], False), mth(leaves[:k])]


def root_from_path(m: int, n: int, leaf: bytes, audit: list[bytes]) -> bytes:
    """Recompute the root from an audit path by walking the same recursion (top down)."""
    if n == 1:
        assert not audit
        return leaf
    k = largest_power_below(n)
    *below, sibling = audit
    if m < k:
        return sha(b"\x01" + root_from_path(m, k, leaf, below) + sibling)
    return sha(b"\x01" + sibling + root_from_path(m - k, n - k, leaf, below))


# --- Building a log quickly: entries as the append service writes them, bulk-inserted. ------


def bulk_log(count: int, *, batches: tuple[int, ...] = (1, 2, 5, 64, 100)) -> list[bytes]:
    """``count`` decision entries with a valid chain, their leaves stored a batch at a time
    (uneven batches, so appends start at every kind of frontier); their canonical bytes."""
    prev, leaves, start = GENESIS, [], timezone.now().replace(microsecond=0)
    entries = []
    for seq in range(1, count + 1):
        published = start + timedelta(seconds=seq)
        text = canonical_json(
            {
                "seq": seq,
                "kind": "decision",
                "published_at": timestamp(published),
                "prev_hash": prev,
                "amends": None,
                "record": {"proposal": {"id": seq, "title": f"Step {seq}"}, "outcome": "adopted"},
            }
        )
        entry = DecisionLogEntry(
            seq=seq,
            kind="decision",
            published_at=published,
            canonical=text,
            prev_hash=prev,
            hash=entry_hash(prev, text),
        )
        entries.append(entry)
        leaves.append(text.encode())
        prev = entry.hash
    DecisionLogEntry.objects.bulk_create(entries)
    done, turn = 0, 0
    while done < count:
        size = min(batches[turn % len(batches)], count - done)
        merkle.store_leaves(first=done, leaves=leaves[done : done + size])
        done, turn = done + size, turn + 1
    return leaves


# --- The pure tree against the RFC, exhaustively on small trees. ----------------------------


def test_pure_tree_matches_the_rfc_for_every_index_and_pair_up_to_64() -> None:
    data = [f"entry {i}".encode() for i in range(64)]
    stored = {
        (lv, pos): h for lv, pos, h in tree.new_nodes(0, [tree.leaf_hash(d) for d in data], {})
    }
    for n in range(1, 65):
        root = mth(data[:n])
        assert tree.range_hashes([(0, n)], stored) == [root]
        for m in range(n):
            proof = tree.range_hashes(tree.inclusion_ranges(m, n), stored)
            assert proof == path(m, data[:n])
            assert tree.verify_inclusion(
                index=m, size=n, leaf=tree.leaf_hash(data[m]), proof=proof, root=root
            )
        for m in range(1, n):
            proof = tree.range_hashes(tree.consistency_ranges(m, n), stored)
            assert proof == subproof(m, data[:n], True)
            assert tree.verify_consistency(
                first=m, second=n, first_root=mth(data[:m]), second_root=root, proof=proof
            )


# --- The stored tree, for every size 1..300. -------------------------------------------------


@pytest.mark.django_db
def test_roots_and_proofs_for_every_size_up_to_300_match_the_independent_tree() -> None:
    leaves = bulk_log(300)
    rng = random.Random(23)  # noqa: S311 (samples, not secrets)
    assert merkle.current_size() == 300
    for n in range(1, 301):
        root = mth(leaves[:n])
        assert merkle.root_hash(n) == root, n
        for m in {0, n - 1, rng.randrange(n)}:
            proof = merkle.inclusion_proof(m, n)
            assert proof == path(m, leaves[:n]), (m, n)
            assert len(proof) <= (n - 1).bit_length()
            assert root_from_path(m, n, sha(b"\x00" + leaves[m]), proof) == root
            assert merkle.verify_inclusion(
                index=m, size=n, leaf=merkle.leaf_hash(leaves[m]), proof=proof, root=root
            )
        first = rng.randrange(1, n + 1)
        proof = merkle.consistency_proof(first, n)
        assert proof == (subproof(first, leaves[:n], True) if first < n else []), (first, n)
        assert merkle.verify_consistency(
            first=first, second=n, first_root=mth(leaves[:first]), second_root=root, proof=proof
        )
    assert merkle.root_hash(0) == sha(b"")
    assert merkle.consistency_proof(0, 300) == []


@pytest.mark.django_db
def test_random_pairs_are_consistent_and_forks_and_tampered_leaves_are_caught() -> None:
    leaves = bulk_log(300)
    rng = random.Random(9162)  # noqa: S311 (samples, not secrets)
    for _ in range(200):
        n = rng.randrange(1, 301)
        m = rng.randrange(n)
        root = mth(leaves[:n])
        proof = merkle.inclusion_proof(m, n)
        assert merkle.verify_inclusion(
            index=m, size=n, leaf=merkle.leaf_hash(leaves[m]), proof=proof, root=root
        )
        # A changed entry (one byte) or the right entry at the wrong place does not verify.
        tampered = leaves[m].replace(b"adopted", b"adoptee")
        assert not merkle.verify_inclusion(
            index=m, size=n, leaf=merkle.leaf_hash(tampered), proof=proof, root=root
        )
        if n > 1:
            assert not merkle.verify_inclusion(
                index=(m + 1) % n, size=n, leaf=merkle.leaf_hash(leaves[m]), proof=proof, root=root
            )
        first = rng.randrange(1, n + 1)
        consistency = merkle.consistency_proof(first, n)
        assert merkle.verify_consistency(
            first=first,
            second=n,
            first_root=mth(leaves[:first]),
            second_root=root,
            proof=consistency,
        )
        if first < n:
            # A history rewritten before `first` (a fork) is not an extension of it.
            forked = [*leaves[: first - 1], b"rewritten", *leaves[first:n]]
            assert not merkle.verify_consistency(
                first=first,
                second=n,
                first_root=mth(leaves[:first]),
                second_root=mth(forked),
                proof=consistency,
            )


@pytest.mark.django_db
def test_appends_store_the_tree_a_rewritten_entry_fails_its_proof_and_the_chain_still_verifies() -> (
    None
):
    for number in range(1, 8):
        decision_log_append(kind="decision", record=decision_record(number))
    decision_log_append(
        kind="dissent", amends=3, record={"decision_seq": 3, "text": "We disagree."}
    )
    texts = [e.encode() for e in DecisionLogEntry.objects.values_list("canonical", flat=True)]
    assert merkle.current_size() == 8
    assert merkle.root_hash(8) == mth(texts)
    # Eight leaves: 8 + 4 + 2 + 1 nodes, each stored once.
    assert DecisionLogNode.objects.count() == 15
    call_command("verify_decision_log", stdout=open("/dev/null", "w"))  # noqa: SIM115

    root = merkle.root_hash(8)
    _tamper(5)
    rewritten = DecisionLogEntry.objects.get(seq=5).canonical.encode()
    assert not merkle.verify_inclusion(
        index=4,
        size=8,
        leaf=merkle.leaf_hash(rewritten),
        proof=merkle.inclusion_proof(4, 8),
        root=root,
    )


@pytest.mark.django_db
def test_the_tree_refuses_gaps_and_repeats() -> None:
    leaves = bulk_log(3)
    with pytest.raises(ValueError, match="does not hold the first 5"):
        merkle.store_leaves(first=5, leaves=[b"x"])
    with pytest.raises(ValueError, match="between 0 and 3"):
        merkle.root_hash(4)
    with pytest.raises(ValueError, match="not in a tree of 2"):
        merkle.inclusion_proof(2, 2)
    with pytest.raises(ValueError, match="between 0 and 2"):
        merkle.consistency_proof(3, 2)
    assert merkle.root_hash(3) == mth(leaves)


# --- The API. --------------------------------------------------------------------------------


def _unb64(values: list[str]) -> list[bytes]:
    return [base64.b64decode(value, validate=True) for value in values]


@pytest.mark.django_db
def test_inclusion_and_consistency_api_answer_in_base64_with_clear_errors() -> None:
    leaves = bulk_log(40)
    api = APIClient()
    answer = api.get("/api/v1/decision-log/13/inclusion/?tree_size=21")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["seq"], body["leaf_index"], body["tree_size"], body["encoding"]) == (
        13,
        12,
        21,
        "base64",
    )
    assert _unb64(body["audit_path"]) == path(12, leaves[:21])
    assert base64.b64decode(body["root_hash"]) == mth(leaves[:21])
    assert base64.b64decode(body["leaf_hash"]) == sha(b"\x00" + leaves[12])
    assert "immutable" in answer["Cache-Control"]

    whole = api.get("/api/v1/decision-log/40/inclusion/").json()
    assert whole["tree_size"] == 40
    assert base64.b64decode(whole["root_hash"]) == mth(leaves)

    consistency = api.get("/api/v1/decision-log/consistency/?first=7&second=33").json()
    assert _unb64(consistency["proof"]) == subproof(7, leaves[:33], True)
    assert base64.b64decode(consistency["first_hash"]) == mth(leaves[:7])
    assert base64.b64decode(consistency["second_hash"]) == mth(leaves[:33])
    assert api.get("/api/v1/decision-log/consistency/?first=7").json()["second"] == 40

    too_small = api.get("/api/v1/decision-log/13/inclusion/?tree_size=12")
    assert too_small.status_code == 400
    assert "between 13 and 40" in too_small.json()["detail"]
    assert api.get("/api/v1/decision-log/13/inclusion/?tree_size=41").status_code == 400
    assert api.get("/api/v1/decision-log/13/inclusion/?tree_size=-1").status_code == 400
    assert api.get("/api/v1/decision-log/41/inclusion/").status_code == 404
    beyond = api.get("/api/v1/decision-log/consistency/?first=5&second=41")
    assert beyond.status_code == 400
    assert "between 0 and 40" in beyond.json()["detail"]
    backwards = api.get("/api/v1/decision-log/consistency/?first=9&second=5")
    assert backwards.status_code == 400
    assert "between 0 and 5" in backwards.json()["detail"]
    missing = api.get("/api/v1/decision-log/consistency/")
    assert missing.status_code == 400
    assert "Give first" in str(missing.json())


@pytest.mark.django_db
@pytest.mark.parametrize("size", [5, 300])
def test_proofs_are_read_in_a_constant_number_of_queries(
    size: int, django_assert_max_num_queries
) -> None:
    bulk_log(size)
    api = APIClient()
    with django_assert_max_num_queries(2):
        assert api.get(f"/api/v1/decision-log/{size // 2}/inclusion/").status_code == 200
    with django_assert_max_num_queries(2):
        assert api.get(f"/api/v1/decision-log/consistency/?first={size // 3}").status_code == 200
    with django_assert_max_num_queries(2):
        merkle.root_hash(size)


# --- tlog-tiles. -----------------------------------------------------------------------------


def test_tile_paths_are_written_as_c2sp_tlog_tiles_says() -> None:
    from governance.decision_log import tiles

    assert tiles.encode_index(1234067) == "x001/x234/067"
    assert tiles.encode_index(5) == "005"
    assert tiles.encode_index(1000) == "x001/000"
    assert tiles.decode_index("x001/x234/067") == 1234067
    for bad in ("5", "x000/005", "x1/005", "005/"):
        with pytest.raises(tiles.TileNotFound):
            tiles.decode_index(bad)
    assert tiles.tile_path(0, 1234067, 3) == "tile/0/x001/x234/067.p/3"
    assert tiles.tile_path("entries", 2) == "tile/entries/002"


@pytest.mark.django_db
def test_tiles_and_entry_bundles_parse_back_to_the_same_hashes_and_entries(client) -> None:
    from governance.decision_log import tiles

    leaves = bulk_log(300)
    full = client.get("/decision-log/tile/0/000")
    assert full.status_code == 200
    assert full["Content-Type"] == "application/octet-stream"
    assert "immutable" in full["Cache-Control"]
    assert tiles.read_hash_tile(full.content) == [sha(b"\x00" + leaf) for leaf in leaves[:256]]

    partial = client.get("/decision-log/tile/0/001.p/44")
    assert tiles.read_hash_tile(partial.content) == [
        sha(b"\x00" + leaf) for leaf in leaves[256:300]
    ]
    # Level 1 holds the roots of level 0's full tiles: here one, the first 256 leaves.
    level1 = client.get("/decision-log/tile/1/000.p/1")
    assert tiles.read_hash_tile(level1.content) == [mth(leaves[:256])]

    bundle = client.get("/decision-log/tile/entries/000")
    assert tiles.read_entry_bundle(bundle.content) == leaves[:256]
    assert struct.unpack(">H", bundle.content[:2])[0] == len(leaves[0])
    tail = client.get("/decision-log/tile/entries/001.p/44")
    assert tiles.read_entry_bundle(tail.content) == leaves[256:]

    # Not there yet, or not a tile: 404, briefly cacheable.
    for missing in (
        "/decision-log/tile/0/001",
        "/decision-log/tile/0/001.p/45",
        "/decision-log/tile/1/000",
        "/decision-log/tile/0/x000/000",
        "/decision-log/tile/0/000.p/256",
        "/decision-log/tile/0/000.p/0",
        "/decision-log/tile/entries/001",
    ):
        answer = client.get(missing)
        assert answer.status_code == 404, missing
        assert "immutable" not in answer.get("Cache-Control", "")


@pytest.mark.django_db
def test_a_tile_is_one_read(client, django_assert_max_num_queries) -> None:
    bulk_log(260)
    with django_assert_max_num_queries(1):
        assert client.get("/decision-log/tile/0/000").status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get("/decision-log/tile/entries/001.p/4").status_code == 200
