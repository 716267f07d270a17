"""The log's Merkle tree as C2SP tlog-tiles, under ``/decision-log/`` (see ``tiles``).

Anyone may read them, and a mirror or CDN may keep them for ever: a tile's bytes never change
once it exists. A tile the log does not hold yet answers 404, briefly cacheable."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from governance.decision_log import tiles

IMMUTABLE = "public, max-age=31536000, immutable"
NOT_YET = "public, max-age=10"


def _answer(data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Cache-Control"] = IMMUTABLE
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _not_found(error: tiles.TileNotFound) -> HttpResponse:
    response = HttpResponse(str(error), status=404, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = NOT_YET
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def hash_tile(
    request: HttpRequest, level: str, index: str, width: str | None = None
) -> HttpResponse:
    """``tile/<L>/<N>[.p/<W>]``: hashes of the tree's level 8L."""
    try:
        data = tiles.hash_tile(int(level), tiles.decode_index(index), tiles.parse_width(width))
    except tiles.TileNotFound as error:
        return _not_found(error)
    return _answer(data)


@require_safe
def entry_bundle(request: HttpRequest, index: str, width: str | None = None) -> HttpResponse:
    """``tile/entries/<N>[.p/<W>]``: the entries themselves, as their leaves hash them."""
    try:
        data = tiles.entry_bundle(tiles.decode_index(index), tiles.parse_width(width))
    except tiles.TileNotFound as error:
        return _not_found(error)
    return _answer(data)
