"""Small-cell suppression of a published table of counts (issue 18, item 3).

A table has rows and columns of cells, each the number of organisations contributing to it,
and each row (optionally each column) also shows a total. A cell is published only when at
least ``threshold`` organisations contribute (**primary suppression**). A single suppressed
cell in a line (row or column) that shows a total could be worked out by subtracting the
other cells from the total, so whenever a line holds exactly one suppressed cell that hides
something (a count above zero), a second cell of that line is suppressed too (**secondary
suppression**): the smallest other cell with a count above zero; when there is none, the
line's total is suppressed instead. Suppressing a second cell can leave another line with a
single suppressed cell, so the rule is applied until nothing changes.

Pure functions over plain numbers: no database, easy to test on hand-made tables.

This is the one place the rule lives (DESIGN.md §4, issue 20 item 3): every aggregate of
member-submitted data (report aggregates, downstream demands, value-chain certification
shares, the transparency reports' figures) publishes a figure through ``publishable`` or a
table through ``suppress``, with ``THRESHOLD``; ``tests/standards/test_aggregates_rule.py``
fails when a module keeps a threshold of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

Cell = tuple[int, int]

THRESHOLD = 3


def publishable(value: int, organisations: int) -> int | None:
    """``value`` (a single figure) when it aggregates at least ``THRESHOLD`` organisations'
    information; ``None`` (not published) otherwise."""
    return value if organisations >= THRESHOLD else None


@dataclass(frozen=True)
class Suppressed:
    """Which cells and totals of a table are not published."""

    cells: frozenset[Cell] = field(default_factory=frozenset)
    row_totals: frozenset[int] = field(default_factory=frozenset)
    column_totals: frozenset[int] = field(default_factory=frozenset)
    primary: frozenset[Cell] = field(default_factory=frozenset)


def _line_cells(counts: Sequence[Sequence[int]], index: int, *, row: bool) -> list[Cell]:
    if row:
        return [(index, column) for column in range(len(counts[index]))]
    return [(row_index, index) for row_index in range(len(counts))]


def suppress(
    counts: Sequence[Sequence[int]],
    *,
    threshold: int = THRESHOLD,
    row_totals: bool = True,
    column_totals: bool = False,
) -> Suppressed:
    """The cells (and totals) of ``counts`` not to publish. ``counts[r][c]`` is the number of
    organisations contributing to cell (r, c); ``row_totals`` / ``column_totals`` say whether
    the table shows each row's / column's total (the sum of its cells)."""
    rows = len(counts)
    columns = len(counts[0]) if rows else 0
    if any(len(line) != columns for line in counts):
        raise ValueError("Every row of the table has the same number of cells.")

    def count(cell: Cell) -> int:
        return counts[cell[0]][cell[1]]

    primary = {(r, c) for r in range(rows) for c in range(columns) if counts[r][c] < threshold}
    hidden = set(primary)
    hidden_row_totals = {r for r in range(rows) if row_totals and sum(counts[r]) < threshold}
    hidden_column_totals = {
        c
        for c in range(columns)
        if column_totals and sum(counts[r][c] for r in range(rows)) < threshold
    }

    def protect(line: list[Cell], hidden_totals: set[int], index: int) -> bool:
        """Make one line with a shown total safe; True when it suppressed something more."""
        unknown = [cell for cell in line if cell in hidden and count(cell) > 0]
        if len(unknown) != 1:
            return False
        candidates = sorted(
            (cell for cell in line if cell not in hidden and count(cell) > 0),
            key=lambda cell: (count(cell), cell),
        )
        if candidates:
            hidden.add(candidates[0])
        else:
            hidden_totals.add(index)
        return True

    changed = True
    while changed:
        changed = False
        for r in range(rows):
            if row_totals and r not in hidden_row_totals:
                changed |= protect(_line_cells(counts, r, row=True), hidden_row_totals, r)
        for c in range(columns):
            if column_totals and c not in hidden_column_totals:
                changed |= protect(_line_cells(counts, c, row=False), hidden_column_totals, c)
    return Suppressed(
        cells=frozenset(hidden),
        row_totals=frozenset(hidden_row_totals),
        column_totals=frozenset(hidden_column_totals),
        primary=frozenset(primary),
    )


def recoverable(
    counts: Sequence[Sequence[int]],
    suppressed: Suppressed,
    *,
    row_totals: bool = True,
    column_totals: bool = False,
) -> list[Cell]:
    """The subtraction attack: the suppressed cells with a count above zero that are alone in
    a line whose total is shown (so total minus the shown cells gives them away). Empty for a
    safe table."""
    found: list[Cell] = []
    rows = len(counts)
    columns = len(counts[0]) if rows else 0
    lines: list[list[Cell]] = []
    if row_totals:
        lines += [
            _line_cells(counts, r, row=True) for r in range(rows) if r not in suppressed.row_totals
        ]
    if column_totals:
        lines += [
            _line_cells(counts, c, row=False)
            for c in range(columns)
            if c not in suppressed.column_totals
        ]
    for line in lines:
        unknown = [
            cell for cell in line if cell in suppressed.cells and counts[cell[0]][cell[1]] > 0
        ]
        if len(unknown) == 1:
            found.append(unknown[0])
    return found
