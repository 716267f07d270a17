"""The API's request parsers: JSON refuses nesting deeper than any endpoint takes."""

from __future__ import annotations

from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError

# No endpoint takes more than a few levels; this leaves ample room and stays far below the
# interpreter's recursion limit (about 1,000), where parsing or validating would fail as a 500.
MAX_JSON_DEPTH = 32
TOO_DEEP = (
    f"JSON parse error - the body is nested more than {MAX_JSON_DEPTH} levels deep; "
    "no endpoint takes that. Send the fields the endpoint documents."
)


def _depth(data: Any) -> int:
    """How deeply ``data`` nests lists and objects, counted without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            children = list(value.values())
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_JSON_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP) from None
        if _depth(data) > MAX_JSON_DEPTH:
            raise ParseError(TOO_DEEP)
        return data
