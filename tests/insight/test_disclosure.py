"""Statistical disclosure control: an attacker with the released table and linear arithmetic
must not recover any suppressed cell. The attack here is independent of the implementation:
floating-point rank tests with numpy over the rationals."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from msht.insight import disclosure
from msht.insight.disclosure import SUPPRESSED, Grid, release_grid, release_rate

small_heavy = st.one_of(st.integers(0, 6), st.integers(0, 60))
grids = st.integers(1, 6).flatmap(
    lambda cols: st.lists(
        st.lists(small_heavy, min_size=cols, max_size=cols), min_size=1, max_size=7
    )
)


def recoverable_cells(truth: list[list[int]], released: list[list]) -> set:
    """Cells an attacker can pin down: unknown u_k is determined iff e_k is in the row space
    of the equations (row and column sums) restricted to the unknowns."""
    rows, cols = len(truth), len(truth[0])
    unknowns = [(i, j) for i in range(rows) for j in range(cols) if released[i][j] == SUPPRESSED]
    if not unknowns:
        return set()
    index = {cell: k for k, cell in enumerate(unknowns)}
    equations = []
    for i in range(rows):
        row = np.zeros(len(unknowns))
        for j in range(cols - 1):
            if (i, j) in index:
                row[index[(i, j)]] += 1
        if (i, cols - 1) in index:
            row[index[(i, cols - 1)]] -= 1
        equations.append(row)
    for j in range(cols):
        col = np.zeros(len(unknowns))
        for i in range(rows - 1):
            if (i, j) in index:
                col[index[(i, j)]] += 1
        if (rows - 1, j) in index:
            col[index[(rows - 1, j)]] -= 1
        equations.append(col)
    matrix = np.array(equations)
    rank = np.linalg.matrix_rank(matrix)
    found = set()
    for cell, k in index.items():
        unit = np.zeros(len(unknowns))
        unit[k] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.add(cell)
    return found


@settings(max_examples=300, deadline=None)
@given(grids)
def test_no_suppressed_cell_can_be_recovered(interior):
    grid = Grid.from_interior(interior)
    released = release_grid(grid, disclosure.PUBLIC)
    assert recoverable_cells(grid.cells, released) == set()
    for truth_row, released_row in zip(grid.cells, released, strict=True):
        for truth, shown in zip(truth_row, released_row, strict=True):
            if 1 <= truth <= 4:
                assert shown == SUPPRESSED
            if shown != SUPPRESSED:
                assert shown % 5 == 0 and abs(shown - truth) <= 2


@settings(max_examples=100, deadline=None)
@given(grids)
def test_internal_figures_are_exact(interior):
    grid = Grid.from_interior(interior)
    assert release_grid(grid, disclosure.INTERNAL) == grid.cells


def test_the_attack_finds_cells_when_only_small_numbers_are_hidden():
    """Primary suppression alone leaks: the attack must catch it (so the property can fail)."""
    grid = Grid.from_interior([[3, 10], [20, 30]])
    naive = [[SUPPRESSED if 1 <= v <= 4 else v for v in row] for row in grid.cells]
    assert recoverable_cells(grid.cells, naive) == {(0, 0)}
    protected = release_grid(grid, disclosure.PUBLIC)
    assert recoverable_cells(grid.cells, protected) == set()
    assert sum(v == SUPPRESSED for row in protected for v in row) >= 4


def test_rates_hide_small_numerators_and_complements():
    assert release_rate(3, 40, disclosure.PUBLIC) == SUPPRESSED
    assert release_rate(38, 40, disclosure.PUBLIC) == SUPPRESSED
    assert release_rate(20, 40, disclosure.PUBLIC) == 50
    assert release_rate(3, 40, disclosure.INTERNAL) == 7.5
    assert release_rate(0, 0, disclosure.PUBLIC) == disclosure.NOT_AVAILABLE
