"""The Merkle tree of RFC 9162 (Certificate Transparency 2.0, §2.1), as plain Python.

No Django here: the data migration, the benchmark loader and ``merkle`` (the database-backed
tree) all use these functions, and they read like the RFC so a reader can check them.

Hashes: a leaf is ``SHA-256(0x00 || leaf)``, an interior node ``SHA-256(0x01 || left || right)``,
the empty tree ``SHA-256()``. A *node* ``(level, index)`` is the root of the complete subtree
over the leaves ``[index * 2**level, (index + 1) * 2**level)``; these are what is stored, since
they never change once their last leaf exists. Every hash a proof or a tree head needs is the
hash of a *range* of leaves ``[start, end)`` that the RFC's recursion produces; such a range is
the concatenation of at most log2(N) stored nodes (``range_nodes``), folded from the right
(``fold``), so a proof or a head costs O(log N) stored hashes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

HASH_SIZE = 32
Node = tuple[int, int]  # (level, index)
Range = tuple[int, int]  # [start, end) of leaf indexes


def leaf_hash(data: bytes) -> bytes:
    """The hash of a leaf: SHA-256(0x00 || data)."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """The hash of an interior node: SHA-256(0x01 || left || right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


EMPTY_ROOT = hashlib.sha256(b"").digest()


def split(n: int) -> int:
    """The largest power of two smaller than ``n`` (n >= 2): where the RFC splits a tree."""
    return 1 << ((n - 1).bit_length() - 1)


def range_nodes(start: int, end: int) -> list[Node]:
    """The complete subtrees that make up the leaves ``[start, end)``, left to right, each
    as large as its alignment allows. For the ranges the RFC's recursion produces (``start``
    aligned to a power of two at least ``end - start``) these are the binary digits of the
    range's length, largest first."""
    nodes: list[Node] = []
    while start < end:
        level = (start & -start).bit_length() - 1 if start else (end - start).bit_length() - 1
        while start + (1 << level) > end:
            level -= 1
        nodes.append((level, start >> level))
        start += 1 << level
    return nodes


def fold(hashes: Sequence[bytes]) -> bytes:
    """The Merkle tree hash of consecutive complete subtrees (as ``range_nodes`` lists
    them): the rightmost two join first, as in the RFC's MTH."""
    if not hashes:
        return EMPTY_ROOT
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


def root_ranges(size: int) -> list[Range]:
    return [(0, size)] if size else []


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """The ranges whose hashes make the audit path of leaf ``index`` in a tree of ``size``
    leaves (RFC 9162 §2.1.3.1, PATH(m, D[n])), in the order of the proof."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of {size} leaves")
    path: list[Range] = []
    start, n, m = 0, size, index
    # PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) or PATH(m - k, D[k:n]) : MTH(D[0:k]);
    # walked from the top, so each step's sibling goes in front of the deeper ones.
    while n > 1:
        k = split(n)
        if m < k:
            path.append((start + k, start + n))
            n = k
        else:
            path.append((start, start + k))
            start, n, m = start + k, n - k, m - k
    return list(reversed(path))


def consistency_ranges(first: int, second: int) -> list[Range]:
    """The ranges whose hashes make the consistency proof between the trees of ``first`` and
    ``second`` leaves (RFC 9162 §2.1.4.1, PROOF(m, D[n]) = SUBPROOF(m, D[n], true)), in the
    order of the proof; empty when ``first`` is 0 or equals ``second``."""
    if not 0 <= first <= second:
        raise ValueError(f"no consistency proof from {first} leaves to {second}")
    if first in (0, second):
        return []
    proof: list[Range] = []
    start, n, m, whole = 0, second, first, True
    while m != n:
        k = split(n)
        if m <= k:
            proof.append((start + k, start + n))
            n = k
        else:
            proof.append((start, start + k))
            start, n, m, whole = start + k, n - k, m - k, False
    if not whole:
        proof.append((start, start + n))
    return list(reversed(proof))


def nodes_of(ranges: Iterable[Range]) -> set[Node]:
    """Every stored node the hashes of ``ranges`` are made of."""
    return {node for start, end in ranges for node in range_nodes(start, end)}


def range_hashes(ranges: Iterable[Range], stored: Mapping[Node, bytes]) -> list[bytes]:
    """The hash of each range, from the stored nodes (``KeyError`` for a missing one)."""
    return [fold([stored[node] for node in range_nodes(start, end)]) for start, end in ranges]


def frontier(size: int) -> list[Node]:
    """The complete subtrees whose roots a tree of ``size`` leaves is made of, left to right
    (the nodes an append may still need as left siblings)."""
    return range_nodes(0, size)


def new_nodes(
    start: int, leaves: Sequence[bytes], known: Mapping[Node, bytes]
) -> list[tuple[int, int, bytes]]:
    """The nodes that appending the leaf hashes ``leaves`` at leaf index ``start`` completes,
    as ``(level, index, hash)`` in the order they complete. ``known`` holds at least the
    ``frontier(start)`` nodes of the tree before the append."""
    have = dict(known)
    made: list[tuple[int, int, bytes]] = []
    for offset, digest in enumerate(leaves):
        level, index = 0, start + offset
        have[(level, index)] = digest
        made.append((level, index, digest))
        while index & 1:
            digest = node_hash(have[(level, index - 1)], digest)
            level, index = level + 1, index >> 1
            have[(level, index)] = digest
            made.append((level, index, digest))
    return made


def verify_inclusion(
    *, index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does ``proof`` show that the leaf whose *leaf hash* is ``leaf``
    sits at ``index`` in the tree of ``size`` leaves whose root is ``root``?"""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    *, first: int, second: int, first_root: bytes, second_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: does ``proof`` show that the tree of ``first`` leaves with root
    ``first_root`` is a prefix of the tree of ``second`` leaves with root ``second_root``?
    A tree is consistent with itself (empty proof, same root) and the empty tree with any
    tree (empty proof)."""
    if not 0 <= first <= second:
        return False
    if first == 0:
        return not proof
    if first == second:
        return not proof and first_root == second_root
    path = list(proof)
    if not path:
        return False
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_root and sr == second_root and sn == 0
