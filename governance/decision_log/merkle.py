"""The Merkle tree over the public decision log (RFC 9162), read from the database.

Leaf ``i`` (0-based) is entry ``seq = i + 1``: its ``canonical`` text as UTF-8. The pure tree
math is in ``governance.decision_log.tree``; this module answers the public questions:
``root_hash(size)``, ``inclusion_proof(index, size)``, ``consistency_proof(first, second)``,
``current_size()``, and re-exports the pure verifiers ``verify_inclusion`` and
``verify_consistency``. Sizes out of range raise ``ValueError`` with a message for people.
"""

from __future__ import annotations

from collections.abc import Iterable

from governance.decision_log import tree
from governance.decision_log.models import DecisionLogEntry
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
    "consistency_proof",
    "current_size",
    "inclusion_proof",
    "leaf_hash",
    "node_hash",
    "root_hash",
    "verify_consistency",
    "verify_inclusion",
]


def current_size() -> int:
    """How many entries the log holds (the seq of its last entry)."""
    head = DecisionLogEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    return int(head or 0)


def _check_size(size: int, current: int | None = None) -> None:
    current = current_size() if current is None else current
    if size < 0 or size > current:
        raise ValueError(f"The tree size must be between 0 and {current} (the log's size).")


def _stored(nodes: Iterable[Node]) -> dict[Node, bytes]:
    """The hashes of these complete subtrees. (First version: computed from the entries.)"""
    wanted = set(nodes)
    if not wanted:
        return {}
    last = max(((index + 1) << level) for level, index in wanted)
    leaves = [
        leaf_hash(text.encode("utf-8"))
        for text in DecisionLogEntry.objects.filter(seq__lte=last)
        .order_by("seq")
        .values_list("canonical", flat=True)
    ]
    made = tree.new_nodes(0, leaves, {})
    return {(level, index): digest for level, index, digest in made if (level, index) in wanted}


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
    _check_size(size)
    if not 0 <= index < size:
        raise ValueError(f"Entry {index + 1} is not in a tree of {size} entries.")
    return _hashes(tree.inclusion_ranges(index, size))


def consistency_proof(first: int, second: int) -> list[bytes]:
    """The proof that the tree of ``first`` entries is a prefix of the tree of ``second``
    (empty when ``first`` is 0 or equals ``second``)."""
    _check_size(second)
    if not 0 <= first <= second:
        raise ValueError(f"The first size must be between 0 and {second} (the second size).")
    return _hashes(tree.consistency_ranges(first, second))
