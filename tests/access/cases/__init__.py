"""One module per app with its access cases (``PAGES`` and ``API``); see tests/access/matrix.py.

A module may also define ``populate(world)``: called before each matrix test to create the
app's objects (at every disclosure level, of the own and the other organisation), which it keeps
in ``world.extra`` for its cases' ``kwargs`` functions."""

from __future__ import annotations

import importlib
import pkgutil

from tests.access.matrix import Case


def _modules():
    for info in pkgutil.iter_modules(__path__):
        yield info, importlib.import_module(f"{__name__}.{info.name}")


def populate(world) -> None:
    """Let every case module add its objects to the world."""
    for _info, module in _modules():
        if hasattr(module, "populate"):
            module.populate(world)


def gather() -> tuple[dict[str, list[Case]], dict[tuple[str, str], list[Case]]]:
    """Every case module's PAGES and API, merged; a URL claimed by two modules is an error."""
    pages: dict[str, list[Case]] = {}
    api: dict[tuple[str, str], list[Case]] = {}
    for info, module in _modules():
        for table, merged in (
            (getattr(module, "PAGES", {}), pages),
            (getattr(module, "API", {}), api),
        ):
            clash = set(table) & set(merged)
            if clash:
                raise AssertionError(f"{info.name} repeats cases for {sorted(clash)}")
            merged.update(table)
    return pages, api
