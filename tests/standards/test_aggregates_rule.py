"""Aggregates of member data follow the >= 3 organisations rule everywhere (issue 20, item 3),
through the one suppression of ``standards/suppression.py``: a module that publishes an
aggregate of member-submitted data and keeps a threshold (or a comparison with 3) of its own
fails here, and each aggregate hides what fewer than three organisations give."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from standards import suppression
from standards.suppression import THRESHOLD, publishable

ROOT = Path(__file__).resolve().parents[2]
SUPPRESSION = ROOT / "standards" / "suppression.py"

# Every module that publishes an aggregate of member-submitted data (pages, API, exports,
# reports and search read these): RS report aggregates, downstream demands, value-chain
# certification shares, the transparency reports' figures.
AGGREGATES = (
    "standards/selectors/reports.py",
    "standards/selectors/demands.py",
    "standards/selectors/value_chains.py",
    "governance/reports/sections/registry.py",
)
THRESHOLD_NAME = re.compile(r"THRESHOLD|MIN_ORG|SMALL_CELL", re.IGNORECASE)


def _sources() -> list[Path]:
    return [
        path
        for app in ("alliance_portal", "members", "standards", "glossary", "governance")
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts and path != SUPPRESSION
    ]


def test_each_aggregate_goes_through_the_one_suppression() -> None:
    for module in AGGREGATES:
        tree = ast.parse((ROOT / module).read_text())
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "standards.suppression"
            for alias in node.names
        }
        assert imported & {"suppress", "publishable"}, f"{module} does not use the suppression"


def test_no_module_keeps_a_threshold_of_its_own() -> None:
    """A constant like ``THRESHOLD = 3`` anywhere but the suppression module is a second rule
    that can drift from the first."""
    offences = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, int)
                and node.value.value == THRESHOLD
                and any(
                    isinstance(target, ast.Name) and THRESHOLD_NAME.search(target.id)
                    for target in node.targets
                )
            ):
                offences.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offences == [], "import THRESHOLD from standards.suppression instead: " + str(offences)


def test_no_aggregate_compares_a_count_with_a_literal_three() -> None:
    offences = []
    for module in AGGREGATES:
        for node in ast.walk(ast.parse((ROOT / module).read_text())):
            if isinstance(node, ast.Compare) and any(
                isinstance(side, ast.Constant) and side.value == THRESHOLD
                for side in (node.left, *node.comparators)
            ):
                offences.append(f"{module}:{node.lineno}")
    assert offences == []


def test_a_figure_is_published_over_three_organisations_or_more() -> None:
    assert THRESHOLD == 3
    assert publishable(7, 2) is None
    assert publishable(7, 3) == 7
    assert publishable(0, 0) is None


def test_the_aggregates_follow_the_one_threshold_when_it_changes(monkeypatch) -> None:
    """The single figures read the rule at the moment they are published: raising it hides
    them all (so no aggregate may hold a copy of the number)."""
    from governance.reports.sections.registry import ReportContext
    from standards.selectors.demands import _shown
    from standards.selectors.value_chains import Stage

    monkeypatch.setattr(suppression, "THRESHOLD", 50)
    assert _shown(10) is None
    assert ReportContext.over_enough_organisations(10, 10) is None
    stage = Stage("processing", members=10, certified=4)
    assert (stage.published_certified, stage.share) == (None, None)
    monkeypatch.setattr(suppression, "THRESHOLD", 3)
    assert _shown(10) == 10
    assert str(Stage("processing", members=10, certified=4).share) == "40.0"


@pytest.mark.parametrize("count", [0, 1, 2])
def test_a_demand_cell_under_three_buyers_is_not_published(count: int) -> None:
    from standards.selectors.demands import _shown

    assert _shown(count) is None
