"""The log's Merkle tree as C2SP tlog-tiles (https://c2sp.org/tlog-tiles).

Served under ``TLOG_PREFIX`` (``/decision-log/``): ``tile/<L>/<N>[.p/<W>]`` is the
concatenation of the ``W`` (256 for a full tile) 32-byte hashes of tree level ``8 * L`` at
positions ``N * 256`` onwards; ``tile/entries/<N>[.p/<W>]`` holds entries ``N * 256 + 1``
onwards (by seq), each its canonical text as UTF-8 after a big-endian uint16 length. ``<N>``
is written in groups of three digits, all but the last prefixed with ``x`` (1234067 is
``x001/x234/067``). A tile's content never changes once it exists (the log is append-only, and
a partial tile is a prefix of the full one), so every tile is served as immutable; the
``checkpoint`` beside them says which tree they belong to. Each tile is one range read.
"""

from __future__ import annotations

import re
import struct

from governance.decision_log.models import NODE_LEVEL_SHIFT, DecisionLogEntry, DecisionLogNode
from governance.decision_log.tree import HASH_SIZE

TLOG_PREFIX = "/decision-log/"
TILE_HEIGHT = 8
TILE_WIDTH = 1 << TILE_HEIGHT  # 256 hashes, or entries, per full tile
MAX_LEVEL = (NODE_LEVEL_SHIFT - 1) // TILE_HEIGHT
MAX_ENTRY_BYTES = 0xFFFF  # what an entry bundle's uint16 length can say

_INDEX = re.compile(r"^(?:x\d{3}/)*\d{3}$")


class TileNotFound(LookupError):
    """No such tile: a malformed path, or a tile the log does not hold yet."""


def encode_index(index: int) -> str:
    """``<N>`` of a tile path: 1234067 -> ``x001/x234/067``, 5 -> ``005``."""
    if index < 0:
        raise ValueError("A tile index is not negative.")
    groups = []
    while True:
        groups.append(f"{index % 1000:03d}")
        index //= 1000
        if not index:
            break
    groups.reverse()
    return "/".join([f"x{group}" for group in groups[:-1]] + [groups[-1]])


def decode_index(text: str) -> int:
    """The index a tile path's ``<N>`` names; ``TileNotFound`` unless written canonically
    (no superfluous ``x000/`` group)."""
    if not _INDEX.match(text):
        raise TileNotFound(f"{text!r} is not a tile index (write 1234067 as x001/x234/067).")
    index = int(text.replace("x", "").replace("/", ""))
    if encode_index(index) != text:
        raise TileNotFound(f"{text!r} is not written canonically: use {encode_index(index)}.")
    return index


def tile_path(level: int | str, index: int, width: int = TILE_WIDTH) -> str:
    """``tile/<L>/<N>[.p/<W>]`` (``level`` "entries" for an entry bundle)."""
    suffix = "" if width == TILE_WIDTH else f".p/{width}"
    return f"tile/{level}/{encode_index(index)}{suffix}"


def parse_width(text: str | None) -> int:
    """A partial tile's ``<W>`` (1 to 255); none means a full tile."""
    if text is None:
        return TILE_WIDTH
    if not text.isdigit() or text != str(int(text)) or not 0 < int(text) < TILE_WIDTH:
        raise TileNotFound("A partial tile's width is 1 to 255 (a full tile has no .p/).")
    return int(text)


def hash_tile(level: int, index: int, width: int = TILE_WIDTH) -> bytes:
    """The bytes of tile ``tile/<level>/<index>[.p/<width>]``: ``TileNotFound`` when the tree
    does not have that many hashes at that level yet."""
    if not 0 <= level <= MAX_LEVEL:
        raise TileNotFound(f"Tile levels run from 0 to {MAX_LEVEL}.")
    tree_level = level * TILE_HEIGHT
    first = index * TILE_WIDTH
    if first + width > 1 << NODE_LEVEL_SHIFT:
        raise TileNotFound("No tile this far out.")
    start = (tree_level << NODE_LEVEL_SHIFT) | first
    hashes = list(
        DecisionLogNode.objects.filter(id__gte=start, id__lt=start + width)
        .order_by("id")
        .values_list("hash", flat=True)
    )
    if len(hashes) != width:
        raise TileNotFound("The log does not hold this tile yet.")
    data = b"".join(bytes(digest) for digest in hashes)
    if len(data) != width * HASH_SIZE:  # pragma: no cover (the table's check constraint)
        raise TileNotFound("A stored hash is not 32 bytes.")
    return data


def entry_bundle(index: int, width: int = TILE_WIDTH) -> bytes:
    """The bytes of ``tile/entries/<index>[.p/<width>]``: entries ``index * 256 + 1`` to
    ``index * 256 + width`` (by seq), each a big-endian uint16 length and the canonical
    text's UTF-8 bytes. ``TileNotFound`` when the log does not hold them all yet."""
    first = index * TILE_WIDTH + 1
    texts = list(
        DecisionLogEntry.objects.filter(seq__gte=first, seq__lt=first + width)
        .order_by("seq")
        .values_list("canonical", flat=True)
    )
    if len(texts) != width:
        raise TileNotFound("The log does not hold this entry bundle yet.")
    parts = []
    for seq, text in enumerate(texts, start=first):
        data = text.encode("utf-8")
        if len(data) > MAX_ENTRY_BYTES:
            raise TileNotFound(
                f"Entry {seq} is {len(data)} bytes, more than an entry bundle can hold "
                f"({MAX_ENTRY_BYTES}); read it at /api/v1/decision-log/{seq}/ instead."
            )
        parts.append(struct.pack(">H", len(data)) + data)
    return b"".join(parts)


def read_hash_tile(data: bytes) -> list[bytes]:
    """The hashes a hash tile holds, in order (for mirrors and tests)."""
    if len(data) % HASH_SIZE or not 0 < len(data) <= TILE_WIDTH * HASH_SIZE:
        raise ValueError("A hash tile is 1 to 256 hashes of 32 bytes.")
    return [data[offset : offset + HASH_SIZE] for offset in range(0, len(data), HASH_SIZE)]


def read_entry_bundle(data: bytes) -> list[bytes]:
    """The entries an entry bundle holds, in order (for mirrors and tests)."""
    entries, offset = [], 0
    while offset < len(data):
        if offset + 2 > len(data):
            raise ValueError("An entry bundle ends inside a length.")
        (length,) = struct.unpack_from(">H", data, offset)
        offset += 2
        if offset + length > len(data):
            raise ValueError("An entry bundle ends inside an entry.")
        entries.append(data[offset : offset + length])
        offset += length
    return entries
