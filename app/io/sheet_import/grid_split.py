"""Several maps on one sheet: split a block where a second map starts.

Two maps side by side (two personas, each with its own label column) are often only one blank column
apart, or none, so `grid_blocks` sees one table. A column that repeats the first column's lane labels
row by row, or that holds a "Stage"-like corner cell in the row where the first column holds one, starts
a second map. Likewise a row that repeats the first row's stage names right after a blank row starts a
map stacked under the first. Each part is then read as a map of its own.
"""

from __future__ import annotations

from app.io.sheet_import.detect_emotions import parse_number
from app.io.sheet_import.detect_lane_kinds import fold, guess_lane_kind, is_stage_label
from app.io.sheet_import.grid import Grid, Pos
from app.io.sheet_import.grid_blocks import Block, _peel_titles, is_key_value_panel, merged_owner
from app.model.enums import LaneKind

MIN_PART = 4
"""Cells a part needs to be a map of its own."""

MAX_PARTS = 32
"""Maps one block is split into at most; each split reads the rest of the block again, so this bounds the work
(a sheet of thousands of columns that all repeat the first would otherwise be split column by column)."""


def split_maps(grid: Grid, blocks: list[Block]) -> list[Block]:
    """The blocks with every side-by-side or stacked second map split off (repeatedly: three maps, three blocks)."""
    owner = merged_owner(grid)
    out: list[Block] = []
    work = list(blocks)
    splits_left = len(blocks) * (MAX_PARTS - 1)
    while work:
        block = work.pop()
        if block.size < 2 * MIN_PART or splits_left <= 0:
            out.append(block)
            continue
        splits_left -= 1
        parts = _split_persona_panel(grid, block) or _split_columns(grid, block) or _split_rows(grid, block)
        if parts is None:
            out.append(block)
            continue
        for part in parts:
            _peel_titles(grid, part, owner)
        work.extend(parts)
    out.sort(key=lambda b: (b.r1, b.c1))
    return out


def _key(value: object) -> str | None:
    """A cell as a label to compare: its folded text; None for numbers and empty text."""
    if not isinstance(value, str) or parse_number(value) is not None:
        return None
    return fold(value) or None


def _same_label(value: object, label: str) -> bool:
    """`_key(value) == label` for a label `_key` gave, folding first (most cells differ, and then need no number
    check) and without a place in fold's cache (each cell is compared once or twice)."""
    if not isinstance(value, str):
        return False
    if value.isascii():
        # folding ASCII text keeps each word as it stands in the lower-cased text: a label word missing from
        # it rules the cell out without folding it (a long card text takes far longer to fold than to search)
        lowered = value.lower()
        if any(word not in lowered for word in label.split(" ")):
            return False
    return _fold_once(value) == label and parse_number(value) is None


_fold_once = fold.__wrapped__


def _split_columns(grid: Grid, block: Block) -> list[Block] | None:
    inside = [p for p in block.cells if p[0] not in block.title_rows]
    columns = sorted({p[1] for p in inside})
    if len(columns) < 4:
        return None
    first_col = columns[0]
    first = {r: key for r, c in inside if c == first_col and (key := _key(grid.cells[(r, c)])) is not None}
    if not first:
        return None
    corner_rows = [r for r, text in first.items() if is_stage_label(text)]
    used_columns = set(columns)
    cells = grid.cells
    def repeats_labels(col: int) -> bool:
        same = sum(1 for r, text in first.items() if _same_label(cells.get((r, col)), text))
        return same >= 2 and same * 5 >= 3 * len(first)

    for col in columns[2:]:
        gap = col - 1 not in used_columns
        corner = gap and any(is_stage_label(_key(cells.get((r, col))) or "") for r in corner_rows)
        # a second map's label column has its stages right of it: a column that repeats the labels again (a
        # block of one word everywhere), or nothing, follows no label column
        if corner or (repeats_labels(col) and col + 1 in used_columns and not repeats_labels(col + 1)):
            return _cut(block, lambda p, col=col: p[1] < col)
    return None


def _split_persona_panel(grid: Grid, block: Block) -> list[Block] | None:
    """A persona card (Persona / Name / Age / Quote | values) typed right beside the map, with no blank column
    between: left of the map (the map starts at the column after the card, which holds the lane labels --
    Actions, Touchpoints... -- or the stages' corner, "Stage") or right of it (the map's first column holds them)."""
    inside = [p for p in block.cells if p[0] not in block.title_rows]
    columns = sorted({p[1] for p in inside})
    if len(columns) < 4:
        return None
    cells = grid.cells

    def labels(col: int) -> int:
        return sum(1 for r, c in inside if c == col and isinstance(cells.get((r, c)), str)
                   and (guess_lane_kind(cells[(r, c)]) != LaneKind.TEXT or is_stage_label(cells[(r, c)])))

    def is_labels(col: int, panel_values: int) -> bool:
        found = labels(col)
        filled = sum(1 for p in inside if p[1] == col)
        return found >= 2 and found * 2 >= filled and labels(panel_values) * 2 < found

    left, right = columns[:2], columns[-2:]
    if columns[1] == columns[0] + 1 == columns[2] - 1 and is_key_value_panel(
            grid, [p for p in inside if p[1] in left]) and is_labels(columns[2], columns[1]):
        return _cut(block, lambda p, col=columns[2]: p[1] < col)
    if columns[-1] == columns[-2] + 1 == columns[-3] + 2 and is_key_value_panel(
            grid, [p for p in inside if p[1] in right]) and is_labels(columns[0], columns[-1]):
        return _cut(block, lambda p, col=columns[-2]: p[1] < col)
    return None


def _split_rows(grid: Grid, block: Block) -> list[Block] | None:
    inside = [p for p in block.cells if p[0] not in block.title_rows]
    per_row: dict[int, int] = {}
    for r, _c in inside:
        per_row[r] = per_row.get(r, 0) + 1
    rows = sorted(per_row)
    if len(rows) < 4:
        return None
    first_row = rows[0]
    first = {c: key for r, c in inside if r == first_row and (key := _key(grid.cells[(r, c)])) is not None}
    if len(first) < 2:
        return None
    cells = grid.cells

    def repeats_stages(row: int) -> bool:
        same = sum(1 for c, text in first.items() if _same_label(cells.get((row, c)), text))
        return same >= 2 and same * 5 >= 3 * len(first)

    for row in rows[2:]:
        start = row
        while start - 1 in per_row and per_row[start - 1] == 1 and row - start < 2:
            start -= 1  # a title line of the second map ("Ben: renewal") right above its stage names
        if start - 1 in per_row:
            continue  # a repeat of the stage names inside one table (the importer skips those) is no new map
        if repeats_stages(row) and row + 1 in per_row and not repeats_stages(row + 1):  # lanes follow a header
            return _cut(block, lambda p, start=start: p[0] < start)
    return None


def _cut(block: Block, in_first) -> list[Block] | None:  # noqa: ANN001
    first = [p for p in block.cells if in_first(p)]
    second = [p for p in block.cells if not in_first(p)]
    if len(first) < MIN_PART or len(second) < MIN_PART:
        return None
    return [_bounds(first), _bounds(second)]


def _bounds(cells: list[Pos]) -> Block:
    rows = [p[0] for p in cells]
    cols = [p[1] for p in cells]
    return Block(min(rows), min(cols), max(rows), max(cols), sorted(cells))
