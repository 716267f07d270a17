"""One module per app with its access cases (``PAGES`` and ``API``); see tests/access/matrix.py."""

from __future__ import annotations

import importlib
import pkgutil

from tests.access.matrix import Case


def gather() -> tuple[dict[str, list[Case]], dict[tuple[str, str], list[Case]]]:
    """Every case module's PAGES and API, merged; a URL claimed by two modules is an error."""
    pages: dict[str, list[Case]] = {}
    api: dict[tuple[str, str], list[Case]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for table, merged in (
            (getattr(module, "PAGES", {}), pages),
            (getattr(module, "API", {}), api),
        ):
            clash = set(table) & set(merged)
            if clash:
                raise AssertionError(f"{info.name} repeats cases for {sorted(clash)}")
            merged.update(table)
    return pages, api
