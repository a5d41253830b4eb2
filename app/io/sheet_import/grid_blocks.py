"""Split a sheet into blocks (tables) and peel title lines off their tops.

Two cells belong to one block when they are in the same or adjacent rows and at most one blank
column apart. Blocks separated by exactly one blank row are joined again when their shared
columns hold the same kind of values (a spacer row inside a table), but not when they differ
(a list of names above a column of scores), or when the rows below are labelled lanes in the
columns the table's header row (three or more) heads (a row of scores under the text lanes).
Two or more blank rows separate tables, unless every lane is spaced alike: a header row and two or more labelled
rows under it, each two or three blank rows below the one before (a map spaced out for printing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.io.sheet_import.detect_emotions import parse_number
from app.io.sheet_import.grid import Grid, Pos


@dataclass
class Block:
    """A rectangle of the sheet holding one table of cells."""

    r1: int
    c1: int
    r2: int
    c2: int
    cells: list[Pos] = field(default_factory=list)
    title_rows: list[int] = field(default_factory=list)  # rows peeled off the top (single-cell lines)

    @property
    def size(self) -> int:
        return len(self.cells)

    def contains(self, pos: Pos) -> bool:
        return self.r1 <= pos[0] <= self.r2 and self.c1 <= pos[1] <= self.c2


def merged_owner(grid: Grid) -> dict[Pos, Pos]:
    """Every cell covered by a merged range -> the range's top-left cell (only ranges that hold a value)."""
    owner: dict[Pos, Pos] = {}
    for r1, c1, r2, c2 in grid.merged:
        if (r1, c1) not in grid.cells or (r2 - r1 + 1) * (c2 - c1 + 1) > 100_000:
            continue
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                owner[(r, c)] = (r1, c1)
    return owner


def visible_cells(grid: Grid) -> list[Pos]:
    return [p for p in grid.cells if p[0] not in grid.hidden_rows and p[1] not in grid.hidden_cols]


_DEFAULT_NAME = re.compile(r"(?:column|spalte|columna|coluna|colonne|kolom|colonna|kolumna|столбец|列)\s?(\d{1,5})",
                           re.IGNORECASE)
_DEFAULT_FIRST = frozenset("CcSsKkСс列")
DEFAULT_NAMES = "Excel's name for a column of a table that had no header row, not the map's"


def default_table_names(grid: Grid, positions: list[Pos]) -> set[Pos]:
    """The cells of rows that hold only the names Excel gives an Excel Table's columns when the range had no header
    ('Column1 | Column2 | Column3', 'Spalte1'...): numbered in order, two or more."""
    cells = grid.cells
    named: dict[int, list[tuple[int, int]]] = {}  # row -> (column, number)
    for pos in positions:
        value = cells[pos]
        if value.__class__ is str and value[:1] in _DEFAULT_FIRST and len(value) <= 16:  # type: ignore[index]
            match = _DEFAULT_NAME.fullmatch(value.strip())  # type: ignore[union-attr]
            if match is not None:
                named.setdefault(pos[0], []).append((pos[1], int(match.group(1))))
    found: set[Pos] = set()
    for r, row in named.items():
        row.sort()
        numbers = [n for _c, n in row]
        if len(row) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(row))) \
                and sum(1 for p in positions if p[0] == r) == len(row):
            found.update((r, c) for c, _n in row)
    return found


def find_blocks(grid: Grid, positions: list[Pos]) -> list[Block]:
    owner = merged_owner(grid)
    occupied: set[Pos] = set(positions)
    wanted = set(positions)
    for pos, top_left in owner.items():
        if top_left in wanted:
            occupied.add(pos)
    # runs of cells in a row (at most one blank column apart), then runs joined across adjacent rows; the rows
    # hold the positions themselves (the grid's own tuples: a block of a big sheet makes no copy of each)
    by_row: dict[int, list[Pos]] = {}
    for pos in occupied:
        by_row.setdefault(pos[0], []).append(pos)
    runs: list[tuple[int, int, int]] = []  # row, first col, last col
    for r, cells in by_row.items():
        cells.sort()
        start = previous = cells[0][1]
        for _r, c in cells[1:]:
            if c - previous > 2:
                runs.append((r, start, previous))
                start = c
            previous = c
        runs.append((r, start, previous))
    parent = list(range(len(runs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    runs_by_row: dict[int, list[int]] = {}
    for i, (r, _c1, _c2) in enumerate(runs):
        runs_by_row.setdefault(r, []).append(i)
    for i, (r, c1, c2) in enumerate(runs):
        for j in runs_by_row.get(r + 1, ()):
            _r, d1, d2 = runs[j]
            if d1 <= c2 + 2 and c1 <= d2 + 2:
                root_i, root_j = find(i), find(j)
                if root_i != root_j:
                    parent[root_j] = root_i
    groups: dict[int, list[Pos]] = {}
    for i, (r, c1, c2) in enumerate(runs):
        members = groups.setdefault(find(i), [])
        members.extend(pos for pos in by_row[r] if c1 <= pos[1] <= c2)
    blocks = [_block_of(cells, wanted) for cells in groups.values()]
    blocks = [part for block in blocks for part in _split_side_panel(grid, block)]
    blocks = _join_across_spacer_rows(grid, blocks)
    blocks = _join_evenly_spaced(grid, blocks)
    blocks = _join_nested(blocks)
    blocks.sort(key=lambda b: (b.r1, b.c1))
    for block in blocks:
        _peel_titles(grid, block, owner)
    return blocks


def _split_side_panel(grid: Grid, block: Block) -> list[Block]:
    """A card of key / value lines ('Persona | Lea', 'Goal | Feel safe') one blank column beside a table is a
    block of its own: joined to the table, its keys became lanes or its values stages."""
    per_column: dict[int, int] = {}
    for _, c in block.cells:
        per_column[c] = per_column.get(c, 0) + 1
    columns = sorted(per_column)
    if len(columns) < 5:
        return [block]
    # only the two outermost columns on either side, one blank column from the rest, can be a panel (cheap to
    # rule out on a big sheet)
    for side, gap in ((columns[:2], columns[2] - columns[1]), (columns[-2:], columns[-2] - columns[-3])):
        if gap != 2 or sum(per_column[c] for c in side) > 30:
            continue
        wanted = set(side)
        panel = [p for p in block.cells if p[1] in wanted]
        if is_key_value_panel(grid, panel):
            rest = [p for p in block.cells if p[1] not in wanted]
            return [_block_of(rest, set(rest)), _block_of(panel, set(panel))]
    return [block]


def is_key_value_panel(grid: Grid, cells: list[Pos]) -> bool:
    """Two adjacent columns of at most 15 lines whose first holds persona, title or description keys."""
    from app.io.sheet_import.detect_lane_kinds import fold
    from app.io.sheet_import.detect_result import DESCRIPTION_KEYS, PERSONA_KEYS, TITLE_KEYS

    cols = sorted({c for _, c in cells})
    if len(cols) != 2 or cols[1] - cols[0] != 1 or len({r for r, _ in cells}) > 15:
        return False
    keys = [fold(str(grid.cells[p])).strip(" :") for p in cells if p[1] == cols[0] and p in grid.cells]
    known = sum(key in PERSONA_KEYS or key in TITLE_KEYS or key in DESCRIPTION_KEYS for key in keys)
    return bool(keys) and known >= 2 and known * 2 >= len(keys)


def _block_of(cells: list[Pos], wanted: set[Pos]) -> Block:
    rows = [p[0] for p in cells]
    cols = [p[1] for p in cells]
    return Block(min(rows), min(cols), max(rows), max(cols), sorted(p for p in cells if p in wanted))


def _join_across_spacer_rows(grid: Grid, blocks: list[Block]) -> list[Block]:
    blocks = sorted(blocks, key=lambda b: (b.r1, b.c1))
    changed = True
    while changed:
        changed = False
        for upper in blocks:
            for lower in blocks:
                if lower is upper or lower.r1 != upper.r2 + 2:
                    continue
                if lower.c2 < upper.c1 or lower.c1 > upper.c2:
                    continue
                if _compatible(grid, upper, lower):
                    upper.r2 = lower.r2
                    upper.c1, upper.c2 = min(upper.c1, lower.c1), max(upper.c2, lower.c2)
                    upper.cells = sorted(upper.cells + lower.cells)
                    blocks.remove(lower)
                    changed = True
                    break
            if changed:
                break
    return blocks


def _join_evenly_spaced(grid: Grid, blocks: list[Block]) -> list[Block]:
    """A table whose rows are all two or three blank rows apart: the header row (or the table so far) and, under it
    at the same spacing, two or more blocks of one or two rows, each labelled in the label column with cells only
    under the header's columns. Two maps stacked with a wide gap are not joined (their second block has more rows,
    and it repeats the header)."""
    blocks = sorted(blocks, key=lambda b: (b.r1, b.c1))
    out: list[Block] = []
    taken: set[int] = set()
    for n, head in enumerate(blocks):
        if id(head) in taken:
            continue
        heads = {p[1] for p in head.cells if p[0] == head.r1}
        chain: list[Block] = []
        gap = None
        last = head
        for lower in blocks[n + 1:]:
            if id(lower) in taken or lower.r1 <= last.r2:
                continue
            step = lower.r1 - last.r2 - 1
            if step > 3:
                break
            if (gap is None and step < 2) or (gap is not None and step != gap) or not _a_lane_under(grid, lower,
                                                                                                      head, heads):
                break
            gap = step
            chain.append(lower)
            last = lower
        if len(chain) < 2:
            out.append(head)
            continue
        for lower in chain:
            taken.add(id(lower))
        cells = sorted(head.cells + [p for lower in chain for p in lower.cells])
        out.append(Block(min(p[0] for p in cells), min(p[1] for p in cells), max(p[0] for p in cells),
                         max(p[1] for p in cells), cells))
    return out


def _a_lane_under(grid: Grid, lower: Block, head: Block, heads: set[int]) -> bool:
    """Whether `lower` is one lane (one or two rows) of the table `head` starts: labelled in the column left of the
    header's columns (or the header's first), with its other cells under the header's columns."""
    rows = {p[0] for p in lower.cells}
    if len(rows) > 2 or lower.c1 not in (head.c1, head.c1 - 1) or len(heads) < 2:
        return False
    label = (lower.r1, lower.c1)
    if label not in grid.cells or parse_number(grid.cells[label]) is not None:
        return False
    others = {p[1] for p in lower.cells if p[1] != lower.c1}
    return bool(others) and others <= heads | {head.c1}


def _join_nested(blocks: list[Block]) -> list[Block]:
    """A block lying inside another's bounding box (cells of a sparse map row) is part of it."""
    blocks = sorted(blocks, key=lambda b: -b.size)
    kept: list[Block] = []
    for block in blocks:
        host = next((k for k in kept if k.r1 <= block.r1 and block.r2 <= k.r2 and k.c1 <= block.c1
                     and block.c2 <= k.c2), None)
        if host is None:
            kept.append(block)
        else:
            host.cells = sorted(host.cells + block.cells)
    return kept


def _column_kinds(grid: Grid, block: Block) -> dict[int, bool]:
    counts: dict[int, list[int]] = {}
    for pos in block.cells:
        numeric = parse_number(grid.cells[pos]) is not None
        counts.setdefault(pos[1], [0, 0])[numeric] += 1
    return {col: n[1] > n[0] for col, n in counts.items()}


def _compatible(grid: Grid, upper: Block, lower: Block) -> bool:
    if len({p[0] for p in upper.cells}) == 1 and len({p[0] for p in lower.cells}) > 1:
        return _header_over(grid, upper, lower)  # a title or a note, unless it heads the table's columns
    if _more_lanes(grid, upper, lower):
        return True
    kinds_up, kinds_low = _column_kinds(grid, upper), _column_kinds(grid, lower)
    shared = set(kinds_up) & set(kinds_low)
    if len(shared) * 2 < len(set(kinds_up) | set(kinds_low)):
        return False  # different columns in use: a key/value block above a table, not a spacer row
    return bool(shared) and all(kinds_up[c] == kinds_low[c] for c in shared)


def _more_lanes(grid: Grid, upper: Block, lower: Block) -> bool:
    """Rows under a spacer row that continue the table above: labelled in its first column, in columns its
    header row (three or more) heads, with no header of their own (a row of scores below the spacer is a
    lane, whatever the kinds of the rows above it)."""
    if lower.c1 != upper.c1 or lower.c2 > upper.c2:
        return False
    top = min(p[0] for p in upper.cells)
    header = {p[1]: grid.cells[p] for p in upper.cells if p[0] == top}
    if len(header) < 3 or len({p[0] for p in upper.cells}) < 2:
        return False
    first = min(p[0] for p in lower.cells)
    labels = [grid.cells[p] for p in lower.cells if p[1] == lower.c1]
    if len(labels) != len({p[0] for p in lower.cells}) or any(parse_number(v) is not None for v in labels):
        return False  # a row without its label, or numbers down the first column: not lanes
    columns = {p[1] for p in lower.cells if p[1] != lower.c1}
    again = {p[1]: grid.cells[p] for p in lower.cells if p[0] == first and p[1] != lower.c1}
    return columns <= set(header) and not (again and all(header.get(c) == v for c, v in again.items()))


def _header_over(grid: Grid, upper: Block, lower: Block) -> bool:
    """A single row of three or more texts over the columns of the table below, heading most of them
    (lane labels or stage names one spacer row above the table), rather than a title or a note."""
    cols = {p[1] for p in upper.cells}
    below = {p[1] for p in lower.cells}
    texts = [grid.cells[p] for p in upper.cells]
    return (len(cols) >= 3 and cols <= below and len(cols) * 5 >= 3 * len(below)
            and all(parse_number(v) is None for v in texts))


def _band_over_columns(block: Block, owner: dict[Pos, Pos], only: Pos, below: set[Pos]) -> bool:
    """A value merged across columns that starts right of the next row's first value: a band (one phase over
    some stages, the next row's first cell a corner title or label), not a title over the table."""
    merged = any(top == only and pos[1] != only[1] for pos, top in owner.items() if pos[0] == only[0])
    return merged and only[1] > min(pos[1] for pos in below)


def _peel_titles(grid: Grid, block: Block, owner: dict[Pos, Pos]) -> None:
    """Rows at the top holding one value (a title, maybe merged across) while the next row holds several."""
    by_row: dict[int, set[Pos]] = {}
    for pos in block.cells:
        by_row.setdefault(pos[0], set()).add(owner.get(pos, pos))
    rows = sorted(by_row)
    # the single-value lines at the top (a title, a legend of a few lines), up to the first line of several
    table = next((i for i, row in enumerate(rows) if len(by_row[row]) >= 2), None)
    if table is None:  # no line of several values: not a table with a title
        return
    peeled = 0
    while peeled < min(table, 6) and len(rows) - peeled >= 3:
        row, following = rows[peeled], rows[table]
        if _band_over_columns(block, owner, next(iter(by_row[row])), by_row[following]):
            break
        block.title_rows.append(row)
        peeled += 1
    if peeled:
        block.r1 = rows[peeled]
