"""Statistical disclosure control by audience.

- internal: figures as computed (people inside the service with a need to know).
- partner and public: counts of 1 to 4 are suppressed ("[c]"); other counts are rounded to the
  nearest 5; and more cells are suppressed (secondary suppression) until no suppressed cell can
  be worked out from the row and column totals and the other cells by linear arithmetic.

The check is exact linear algebra: the released table gives one equation per row and column
(cells add up to their total). A suppressed cell can be recovered only if its unit vector lies
in the span of those equations restricted to suppressed cells; we row-reduce over a large prime
field (a cell determined over the rationals is determined there too, so the test errs on the
side of suppressing) and keep suppressing until no suppressed cell is determined.
"""

from dataclasses import dataclass

INTERNAL = "internal"
PARTNER = "partner"
PUBLIC = "public"
AUDIENCES = {
    INTERNAL: "Internal: exact figures for staff with a need to know",
    PARTNER: "Partner: small numbers suppressed, others rounded to 5",
    PUBLIC: "Public: small numbers suppressed, others rounded to 5",
}

SUPPRESSED = "[c]"
NOT_AVAILABLE = "[x]"
SMALL = range(1, 5)
ROUND_TO = 5
MIN_CASES_FOR_MEDIAN = 10
_PRIME = (1 << 61) - 1


def protected(audience: str) -> bool:
    return audience != INTERNAL


def round_count(value: int) -> int:
    """Round half up to the nearest 5 (2 -> 0 is never needed: 1-4 are suppressed first)."""
    return int((value + ROUND_TO // 2) // ROUND_TO * ROUND_TO)


@dataclass
class Grid:
    """An additive table: interior cells plus a total column and a total row (last)."""

    cells: list[list[int]]  # (rows + 1) x (cols + 1), totals last

    @classmethod
    def from_interior(cls, interior: list[list[int]]) -> "Grid":
        rows = [list(row) + [sum(row)] for row in interior]
        width = len(rows[0]) if rows else 1
        total = [sum(row[j] for row in rows) for j in range(width)]
        return cls(rows + [total])

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.cells), len(self.cells[0])

    def equations(self) -> list[list[tuple[int, int]]]:
        """Each row and column: its members, the total last. members sum = total."""
        rows, cols = self.shape
        result = [[(i, j) for j in range(cols)] for i in range(rows)]
        result += [[(i, j) for i in range(rows)] for j in range(cols)]
        return result


def _determined(grid: Grid, hidden: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Hidden cells whose value follows from the visible cells by linear arithmetic."""
    unknowns = sorted(hidden)
    if not unknowns:
        return set()
    column = {cell: index for index, cell in enumerate(unknowns)}
    matrix = []
    for members in grid.equations():
        *parts, total = members
        row = [0] * len(unknowns)
        for cell in parts:
            if cell in column:
                row[column[cell]] = (row[column[cell]] + 1) % _PRIME
        if total in column:
            row[column[total]] = (row[column[total]] - 1) % _PRIME
        if any(row):
            matrix.append(row)
    # Reduced row echelon form mod p.
    pivot_row = 0
    pivots = []
    width = len(unknowns)
    for col in range(width):
        found = next((r for r in range(pivot_row, len(matrix)) if matrix[r][col]), None)
        if found is None:
            continue
        matrix[pivot_row], matrix[found] = matrix[found], matrix[pivot_row]
        inverse = pow(matrix[pivot_row][col], _PRIME - 2, _PRIME)
        matrix[pivot_row] = [(v * inverse) % _PRIME for v in matrix[pivot_row]]
        for r in range(len(matrix)):
            if r != pivot_row and matrix[r][col]:
                factor = matrix[r][col]
                matrix[r] = [
                    (a - factor * b) % _PRIME
                    for a, b in zip(matrix[r], matrix[pivot_row], strict=True)
                ]
        pivots.append(col)
        pivot_row += 1
        if pivot_row == len(matrix):
            break
    result = set()
    for r in range(pivot_row):
        nonzero = [c for c, v in enumerate(matrix[r]) if v]
        if len(nonzero) == 1:
            result.add(unknowns[nonzero[0]])
    return result


def _pick_partner(grid: Grid, hidden: set, members: list[tuple[int, int]]) -> tuple | None:
    """The cell to suppress with a lone hidden one: the smallest visible interior cell, else
    the smallest visible cell (a total), preferring non-zero counts."""
    rows, cols = grid.shape
    visible = [cell for cell in members if cell not in hidden]
    if not visible:
        return None

    def cost(cell):
        i, j = cell
        is_total = i == rows - 1 or j == cols - 1
        value = grid.cells[i][j]
        return (is_total, value == 0, value, cell)

    return min(visible, key=cost)


def suppression_pattern(grid: Grid) -> set[tuple[int, int]]:
    rows, cols = grid.shape
    hidden = {(i, j) for i in range(rows) for j in range(cols) if grid.cells[i][j] in SMALL}
    if not hidden:
        return hidden
    while True:
        changed = True
        while changed:
            changed = False
            for members in grid.equations():
                if sum(cell in hidden for cell in members) == 1:
                    partner = _pick_partner(grid, hidden, members)
                    if partner is not None:
                        hidden.add(partner)
                        changed = True
        recoverable = _determined(grid, hidden)
        if not recoverable:
            return hidden
        # Break the chain that pins the first recoverable cell: suppress one more cell in its
        # row (or column), then re-check.
        i, j = min(recoverable)
        candidates = [(i, c) for c in range(cols)] + [(r, j) for r in range(rows)]
        partner = _pick_partner(grid, hidden, candidates)
        if partner is None:  # everything around it is hidden already: nothing to release
            return {(r, c) for r in range(rows) for c in range(cols)}
        hidden.add(partner)


def release_grid(grid: Grid, audience: str) -> list[list[int | str]]:
    """The cells as released to an audience: exact, or suppressed and rounded."""
    if not protected(audience):
        return [list(row) for row in grid.cells]
    hidden = suppression_pattern(grid)
    return [
        [SUPPRESSED if (i, j) in hidden else round_count(value) for j, value in enumerate(row)]
        for i, row in enumerate(grid.cells)
    ]


def release_rate(numerator: int, denominator: int, audience: str) -> float | str:
    """A percentage; for partners and the public suppressed where the numerator, the
    denominator or their difference is 1 to 4 (any of them would disclose a small number)."""
    if not denominator:
        return NOT_AVAILABLE
    if protected(audience) and (
        numerator in SMALL or denominator in SMALL or (denominator - numerator) in SMALL
    ):
        return SUPPRESSED
    rate = 100.0 * numerator / denominator
    return round(rate) if protected(audience) else round(rate, 1)


def release_median(median: float | None, cases: int, audience: str) -> float | str:
    if median is None or not cases:
        return NOT_AVAILABLE
    if protected(audience) and cases < MIN_CASES_FOR_MEDIAN:
        return SUPPRESSED
    return median


def release_count(value: int, audience: str) -> int | str:
    """A lone count with no totals around it."""
    if not protected(audience):
        return value
    return SUPPRESSED if value in SMALL else round_count(value)
