"""A block of a sheet seen with the stages across the columns (the grid transposed when they run down)."""

from __future__ import annotations

from app.io.sheet_import.grid import Grid, Pos, Value, as_text
from app.io.sheet_import.grid_blocks import Block, merged_owner


class GridView:
    """The grid seen in canonical orientation (stages across columns) within a block's bounds."""

    def __init__(self, grid: Grid, block: Block, transposed: bool) -> None:
        self.grid = grid
        self.transposed = transposed
        owner = merged_owner(grid)
        self.owner: dict[Pos, Pos] = {}
        titles = title_cells(block)
        inside = [p for p in block.cells if block.r1 <= p[0] <= block.r2 and p not in titles]
        cells = grid.cells
        self.cells: dict[Pos, Value] = (
            {(c, r): cells[(r, c)] for r, c in inside} if transposed else {pos: cells[pos] for pos in inside})
        for pos, top in owner.items():
            if top in grid.cells and block.contains(top) and top[0] >= block.r1:
                self.owner[self._to(*pos)] = self._to(*top)
        self.rows = sorted({p[0] for p in self.cells})
        self.cols = sorted({p[1] for p in self.cells})
        self.by_row: dict[int, list[tuple[int, Value]]] = {}
        for (r, c), v in sorted(self.cells.items()):
            self.by_row.setdefault(r, []).append((c, v))

    def _to(self, r: int, c: int) -> Pos:
        return (c, r) if self.transposed else (r, c)

    def orig(self, pos: Pos) -> Pos:
        return (pos[1], pos[0]) if self.transposed else pos

    def value(self, r: int, c: int) -> Value | None:
        return self.cells.get((r, c))

    def text(self, r: int, c: int) -> str:
        value = self.cells.get((r, c))
        return as_text(value) if value is not None else ""

    def row_values(self, r: int, after: int) -> list[tuple[int, Value]]:
        """The row's cells right of column `after` (a new list: callers may keep or change it)."""
        row = self.by_row.get(r, ())
        for index, (c, _v) in enumerate(row):  # sorted by column: the first one right of `after` starts the rest
            if c > after:
                return row[index:]
        return []


def title_cells(block: Block) -> set[Pos]:
    return {p for p in block.cells if p[0] in block.title_rows}


def line_label(view: GridView, r: int, label_col: int | None, group_col: int | None) -> str:
    if label_col is None:
        return ""
    text = view.text(r, label_col)
    if not text and (r, label_col) in view.owner:
        text = view.text(*view.owner[(r, label_col)])
    return text
