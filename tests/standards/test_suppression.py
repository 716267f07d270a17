"""Small-cell suppression on hand-made tables: no cell of fewer than 3 organisations is shown,
and no hidden cell can be worked out by subtracting the shown cells from a shown total."""

from __future__ import annotations

import itertools
import random

import pytest

from standards.suppression import recoverable, suppress


def shown(counts, suppressed):
    return {
        (r, c): counts[r][c]
        for r in range(len(counts))
        for c in range(len(counts[0]))
        if (r, c) not in suppressed.cells
    }


def test_a_table_of_large_cells_hides_nothing() -> None:
    counts = [[3, 4, 5], [10, 3, 7]]
    result = suppress(counts)
    assert result.cells == frozenset()
    assert result.row_totals == frozenset()


def test_a_small_cell_is_hidden_with_a_second_cell_of_its_row() -> None:
    counts = [[5, 2, 4]]
    result = suppress(counts)
    assert result.primary == {(0, 1)}
    # The smallest other cell with organisations in it goes with it.
    assert result.cells == {(0, 1), (0, 2)}
    assert recoverable(counts, result) == []


def test_the_subtraction_attack_on_primary_suppression_alone() -> None:
    """What the second cell prevents: total 11 minus the shown 5 and 4 gives the hidden 2."""
    counts = [[5, 2, 4]]
    total = sum(counts[0])
    only_primary = {(0, 1)}
    worked_out = total - sum(counts[0][c] for c in range(3) if (0, c) not in only_primary)
    assert worked_out == 2
    result = suppress(counts)
    assert len([cell for cell in result.cells if cell[0] == 0]) >= 2


def test_an_empty_cell_does_not_count_as_the_second_one() -> None:
    """Everyone can tell an empty cell is empty (who belongs where is public): hiding it
    protects nothing, so a cell with organisations in it is hidden instead."""
    counts = [[0, 1, 6, 8]]
    result = suppress(counts)
    assert (0, 2) in result.cells
    assert recoverable(counts, result) == []


def test_a_row_with_no_second_cell_hides_its_total() -> None:
    counts = [[1, 0, 0, 0], [2, 0, 9, 0]]
    result = suppress(counts)
    assert 0 in result.row_totals  # a total of 1: fewer than 3
    assert (1, 2) in result.cells
    assert recoverable(counts, result) == []


def test_columns_with_totals_are_protected_too() -> None:
    counts = [[5, 6, 7], [4, 2, 9], [8, 8, 8]]
    result = suppress(counts, column_totals=True)
    assert recoverable(counts, result, column_totals=True) == []
    assert (1, 1) in result.cells
    hidden_in_column = [cell for cell in result.cells if cell[1] == 1]
    assert len(hidden_in_column) >= 2


def test_secondary_suppression_spreads_until_every_line_is_safe() -> None:
    counts = [[1, 5, 6], [7, 8, 9], [6, 4, 1]]
    result = suppress(counts, column_totals=True)
    assert recoverable(counts, result, column_totals=True) == []


@pytest.mark.parametrize("seed", range(40))
def test_random_tables_never_show_a_small_or_recoverable_cell(seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    rows, columns = rng.randint(1, 6), rng.randint(1, 6)
    counts = [[rng.choice([0, 1, 2, 3, 4, 7]) for _ in range(columns)] for _ in range(rows)]
    for column_totals in (False, True):
        result = suppress(counts, column_totals=column_totals)
        assert all(value >= 3 for value in shown(counts, result).values())
        assert recoverable(counts, result, column_totals=column_totals) == []
        for r, c in itertools.product(range(rows), range(columns)):
            if counts[r][c] < 3:
                assert (r, c) in result.cells


def test_rows_must_be_as_long_as_each_other() -> None:
    with pytest.raises(ValueError, match="same number of cells"):
        suppress([[1, 2], [3]])
