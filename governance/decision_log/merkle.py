"""The Merkle tree over the public decision log (RFC 9162), read from the database.

Leaf ``i`` (0-based) is entry ``seq = i + 1``: its ``canonical`` text as UTF-8. The pure tree
math is in ``governance.decision_log.tree``; this module answers the public questions:
``root_hash(size)``, ``inclusion_proof(index, size)``, ``consistency_proof(first, second)``,
``current_size()``, and re-exports the pure verifiers ``verify_inclusion`` and
``verify_consistency``. Sizes out of range raise ``ValueError`` with a message for people.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from governance.decision_log import tree
from governance.decision_log.models import NODE_LEVEL_SHIFT, DecisionLogNode
from governance.decision_log.tree import (
    EMPTY_ROOT,
    Node,
    leaf_hash,
    node_hash,
    verify_consistency,
    verify_inclusion,
)

__all__ = [
    "EMPTY_ROOT",
    "Consistency",
    "Inclusion",
    "consistency",
    "consistency_proof",
    "current_size",
    "inclusion",
    "inclusion_proof",
    "leaf_hash",
    "node_hash",
    "root_hash",
    "store_leaves",
    "verify_consistency",
    "verify_inclusion",
]


def _key(node: Node) -> int:
    level, position = node
    return (level << NODE_LEVEL_SHIFT) | position


def _stored(nodes: Iterable[Node]) -> dict[Node, bytes]:
    """The stored hashes of these complete subtrees (one query; missing ones are absent)."""
    keys = {_key(node): node for node in nodes}
    if not keys:
        return {}
    rows = DecisionLogNode.objects.filter(id__in=keys).values_list("id", "hash")
    return {keys[key]: bytes(digest) for key, digest in rows}


def current_size() -> int:
    """How many entries the tree holds: the log's size, since each entry's leaf is stored in
    the transaction that appends it (one query)."""
    last = (
        DecisionLogNode.objects.filter(id__lt=1 << NODE_LEVEL_SHIFT)
        .order_by("-id")
        .values_list("position", flat=True)
        .first()
    )
    return 0 if last is None else int(last) + 1


def _check_size(size: int, current: int | None = None) -> None:
    current = current_size() if current is None else current
    if size < 0 or size > current:
        raise ValueError(f"The tree size must be between 0 and {current} (the log's size).")


def store_leaves(*, first: int, leaves: Sequence[bytes]) -> int:
    """Store the leaves appended at leaf index ``first`` (the canonical bytes of entries
    ``seq = first + 1`` onwards, in order) and every subtree they complete, in the caller's
    transaction; return how many nodes were written. Refused (``ValueError``) unless the tree
    holds exactly ``first`` leaves: the nodes of ``tree.frontier(first)`` must exist and the
    new ones must not (their keys are unique)."""
    wanted = tree.frontier(first)
    known = _stored(wanted)
    if len(known) != len(wanted):
        raise ValueError(f"The Merkle tree does not hold the first {first} entries.")
    made = tree.new_nodes(first, [leaf_hash(data) for data in leaves], known)
    DecisionLogNode.objects.bulk_create(
        [
            DecisionLogNode(id=_key((level, position)), level=level, position=position, hash=digest)
            for level, position, digest in made
        ],
        batch_size=2000,
    )
    return len(made)


def _hashes(ranges: list[tree.Range]) -> list[bytes]:
    return tree.range_hashes(ranges, _stored(tree.nodes_of(ranges)))


def root_hash(size: int) -> bytes:
    """The tree head (RFC 9162 MTH) of the first ``size`` entries."""
    _check_size(size)
    if size == 0:
        return EMPTY_ROOT
    return _hashes(tree.root_ranges(size))[0]


def inclusion_proof(index: int, size: int) -> list[bytes]:
    """The audit path of leaf ``index`` (entry ``seq = index + 1``) in the tree of ``size``."""
    return inclusion(index, size).proof


def consistency_proof(first: int, second: int) -> list[bytes]:
    """The proof that the tree of ``first`` entries is a prefix of the tree of ``second``
    (empty when ``first`` is 0 or equals ``second``)."""
    return consistency(first, second).proof


@dataclass(frozen=True)
class Inclusion:
    """An entry's audit path with what checking it needs: its leaf hash and the root."""

    index: int
    size: int
    leaf: bytes
    root: bytes
    proof: list[bytes]


@dataclass(frozen=True)
class Consistency:
    """A consistency proof with the two tree heads it links."""

    first: int
    second: int
    first_root: bytes
    second_root: bytes
    proof: list[bytes]


def inclusion(index: int, size: int | None = None) -> Inclusion:
    """Leaf ``index``'s audit path in the tree of ``size`` (default: the whole log), its leaf
    hash and the tree head, read in two queries (the size, then O(log N) stored hashes)."""
    current = current_size()
    size = current if size is None else size
    _check_size(size, current)
    if not 0 <= index < size:
        raise ValueError(f"Entry {index + 1} is not in a tree of {size} entries.")
    ranges = [(index, index + 1), (0, size), *tree.inclusion_ranges(index, size)]
    leaf, root, *proof = _hashes(ranges)
    return Inclusion(index=index, size=size, leaf=leaf, root=root, proof=proof)


def consistency(first: int, second: int | None = None) -> Consistency:
    """The consistency proof from ``first`` to ``second`` entries (default: the whole log)
    with both tree heads, read in two queries."""
    current = current_size()
    second = current if second is None else second
    _check_size(second, current)
    if not 0 <= first <= second:
        raise ValueError(f"The first size must be between 0 and {second} (the second size).")
    ranges = [(0, first), (0, second), *tree.consistency_ranges(first, second)]
    first_root, second_root, *proof = _hashes(ranges)
    return Consistency(
        first=first, second=second, first_root=first_root, second_root=second_root, proof=proof
    )
