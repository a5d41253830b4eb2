"""Find the journey map on a grid: where it is, which way round, its stages, lanes and cards.

Pure Python on `Grid`s. Each table (block) on a sheet is read both ways round -- stages across
columns and stages down rows (the grid is transposed and the same code runs) -- and in long
format when it has Stage / Lane / Text columns; every reading gets a score for how much it looks
like a journey map (keywords in lane labels and stage names, filled cells, an emotion row) and
the best one wins. What was read is a `Detection`: the editor's import dialog shows it, and
`journey_build` turns it into a map and a report of every cell left out.
"""

from __future__ import annotations

from typing import NamedTuple

from app.io.sheet_import.detect_axes import (
    colour_column,
    corner_title,
    find_header,
    label_columns,
    read_phases,
    read_stages,
)
from app.io.sheet_import.detect_cell_text import card_items, cell_reading
from app.io.sheet_import.detect_charts import attach_charts
from app.io.sheet_import.detect_colour_emotions import read_colour_curves
from app.io.sheet_import.detect_emotion_grid import read_emotion_grid
from app.io.sheet_import.detect_emotion_pairs import join_score_and_note_rows
from app.io.sheet_import.detect_emotions import card_number, parse_number, word_value
from app.io.sheet_import.detect_kind_column import kinds_from_column, names_from_column
from app.io.sheet_import.detect_lane_kinds import fold
from app.io.sheet_import.detect_lanes import read_lanes
from app.io.sheet_import.detect_persona_column import apply_persona_column
from app.io.sheet_import.detect_result import ORIENTATIONS, DetectedCard, DetectedEmotion, Detection
from app.io.sheet_import.detect_score import glance_score, score_bound, score_reading, unused_fraction
from app.io.sheet_import.detect_section_rows import read_section_rows
from app.io.sheet_import.detect_several import (
    attach_score_table,
    describe_other_blocks,
    map_at_cell,
    map_cell,
    other_maps,
)
from app.io.sheet_import.detect_summary_rows import peel_summary_rows
from app.io.sheet_import.grid import Grid, Pos, as_text
from app.io.sheet_import.grid_blocks import DEFAULT_NAMES, Block, default_table_names, find_blocks, visible_cells
from app.io.sheet_import.grid_split import split_maps
from app.io.sheet_import.grid_view import GridView, title_cells
from app.model.enums import LaneKind

__all__ = ["ORIENTATIONS", "Detection", "detect_grid", "looks_like_map", "map_cell"]


# --- public -----------------------------------------------------------------------------------


def detect_grid(
    grid: Grid,
    *,
    header_row: int | None = None,
    label_column: int | None = None,
    orientation: str | None = None,
    lane_kinds: dict[int, LaneKind | str] | None = None,
    map_at: str | None = None,
) -> Detection | None:
    """The most journey-map-like reading of one sheet, or None when nothing on it looks like one.

    Several maps on one sheet are separate blocks: the best is read (or the one holding the cell
    `map_at`, e.g. "H1"), the others are listed in `Detection.other_maps` (the import dialog offers
    them; a future "all as personas" import can read each of them with `map_at`)."""
    if orientation is not None and orientation not in ORIENTATIONS:
        raise ValueError(f"orientation must be one of {', '.join(ORIENTATIONS)}")
    try:
        return _detect_grid(grid, header_row, label_column, orientation, lane_kinds, map_at)
    finally:
        card_items.cache_clear()  # the texts of this sheet's cells: no use for the next sheet
        cell_reading.cache_clear()


def _detect_grid(grid: Grid, header_row: int | None, label_column: int | None, orientation: str | None,
                 lane_kinds: dict[int, LaneKind | str] | None, map_at: str | None) -> Detection | None:
    positions = visible_cells(grid)
    defaults = default_table_names(grid, positions)
    if defaults:  # an Excel Table's 'Column1 | Column2' header row over the map: no part of it
        positions = [p for p in positions if p not in defaults]
    if not positions:
        return None
    blocks = split_maps(grid, find_blocks(grid, positions))
    if header_row is not None or label_column is not None:
        blocks = [_forced_block(grid, positions, header_row, label_column, orientation)]
    # a quick look at every table both ways round (labels and names only), then a full reading of
    # the promising ones: on a big sheet the hopeless orientation is never read cell by cell
    quick: list[tuple[float, Block, str]] = []
    views: dict[tuple[int, bool], GridView] = {}
    for block in blocks:
        if block.size < 2:
            continue
        for way in [orientation] if orientation else list(ORIENTATIONS):
            glance = _read_block(grid, block, way, header_row, label_column, light=True, views=views)
            if glance is not None:
                quick.append((glance.score, block, way))
    best_glance = max((q[0] for q in quick), default=0.0)
    chosen = [(block, way) for quick_score, block, way in quick if quick_score >= best_glance - QUICK_MARGIN]
    wanted = {(id(block), way == "stages-in-rows") for block, way in chosen}
    for key in [key for key in views if key not in wanted]:
        del views[key]  # a view copies its block (transposed: every cell): the ways not read in full go now
    candidates: list[Detection] = []
    for block, way in chosen:
        found = _read_block(grid, block, way, header_row, label_column, views=views)
        views.pop((id(block), way == "stages-in-rows"), None)  # each way of a block is read in full once
        if found is not None:
            candidates.append(found)
    if not candidates:
        return None
    best = _prefer_the_map_a_score_table_scores(max(candidates, key=lambda d: d.score), candidates)
    others = other_maps(candidates, best)
    chosen = map_at_cell(map_at, [best] + others)
    if chosen is not None and chosen is not best:
        best, others = chosen, other_maps(candidates, chosen)
    best.other_maps = others
    best.grid = grid
    if header_row is None and label_column is None:
        for block in blocks:
            if block is not best.block:
                attach_score_table(grid, best, block)
    if grid.charts:
        attach_charts(grid, best)
    apply_persona_column(grid, best)
    if lane_kinds:  # after the score table's lane is added, so its kind can be chosen too
        _apply_lane_kinds(grid, best, lane_kinds)
    _persona_beside(grid, best, blocks)
    describe_other_blocks(best, blocks)
    best.reasons.update(dict.fromkeys(defaults, DEFAULT_NAMES))
    return best


def _persona_beside(grid: Grid, detection: Detection, blocks: list[Block]) -> None:
    """A persona card of key / value lines left or right of the map (or above it): the map's persona."""
    from app.io.sheet_import.build_persona import read_persona_sheet
    from app.io.sheet_import.grid_blocks import is_key_value_panel

    if detection.persona_block is not None or detection.persona:
        return
    chosen = detection.block
    for block in blocks:
        if block is chosen or block.r1 > chosen.r2 or not is_key_value_panel(grid, block.cells):
            continue
        panel = Grid(grid.name, {p: grid.cells[p] for p in block.cells if p in grid.cells})
        persona, used = read_persona_sheet(panel, min_keys=2)
        if persona is not None:
            detection.persona_block = persona
            detection.used.update(used)
            detection.used.update(p for p in block.cells if p not in used and p in grid.cells
                                  and fold(as_text(grid.cells[p])).strip(" :") in _PANEL_HEADINGS)
            detection.other_maps = [other for other in detection.other_maps if other.block is not block]
            return


_PANEL_HEADINGS = frozenset({"persona", "profile", "persona profile", "user profile", "customer profile", "perfil",
                             "profil", "профиль", "персона"})
"""A heading over a persona card's lines (its own cell, no value beside it): read with the card."""


def _prefer_the_map_a_score_table_scores(best: Detection, candidates: list[Detection]) -> Detection:
    """A Stage | Score table can out-score the map whose stages it scores (its header says "Stage",
    its one lane is all emotions); when a richer reading elsewhere has those stages, that is the map,
    and the table becomes its emotions lane (see _attach_score_table)."""
    if len(best.lanes) != 1 or best.lanes[0].kind != LaneKind.EMOTIONS or best.cards:
        return best
    scored = {fold(s.name) for s in best.stages}
    richer = [c for c in candidates if c.block is not best.block and len(c.lanes) >= 2
              and len(scored & {fold(s.name) for s in c.stages}) >= 0.8 * len(scored)]
    return max(richer, key=lambda d: d.score) if richer else best


def looks_like_map(detection: Detection | None) -> bool:
    return detection is not None and detection.score >= MIN_SCORE and bool(detection.stages)


MIN_SCORE = 3.0
QUICK_MARGIN = 6.0


# --- reading one block ---------------------------------------------------------------------------


def _read_block(
    grid: Grid,
    block: Block,
    way: str,
    header_row: int | None,
    label_column: int | None,
    light: bool = False,
    views: dict[tuple[int, bool], GridView] | None = None,
) -> Detection | None:
    if way == "long":
        from app.io.sheet_import.detect_long_format import read_long
        from app.io.sheet_import.detect_records import read_records

        found = read_long(grid, block, header_row)
        return found if found is not None or header_row is not None else read_records(grid, block)
    transposed = way == "stages-in-rows"
    key = (id(block), transposed)
    view = views.get(key) if views is not None else None
    if view is None:
        view = GridView(grid, block, transposed)
        if views is not None:
            views[key] = view
    if len(view.rows) < 1 or len(view.cols) < 2:
        return None
    # label column (maybe with a lane-group column on its left), forced or guessed
    forced_label = None
    if label_column is not None or header_row is not None:
        forced_label = (label_column if not transposed else header_row)
    group_col, label_col = label_columns(view, forced_label)
    columns = [(group_col, label_col)]
    if group_col is not None:  # a merged first column: lane groups, or lane labels merged down rows?
        columns.append((None, group_col))
    if forced_label is None and _spacer_after_first(view):  # a legend or notes column left of the map, beyond
        beyond = label_columns(view, None, start=1)        # an empty one: the labels may start after it
        columns += [pair for pair in (beyond, (None, beyond[0])) if pair[1] is not None and pair not in columns]
    heads = [_read_head(grid, block, view, way, group, label, header_row, label_column) for group, label in columns]
    if light:
        found = [_glance(view, head) for head in heads if head is not None]
        return max(found, key=lambda d: d.score) if found else None
    # the reading that may score most first; a reading that cannot score as much as one already read cannot win,
    # and is not read (on a big sheet, reading a grid's cards a second time costs as much as the first)
    if len(heads) == 1:
        return _read_rest(grid, block, view, heads[0]) if heads[0] is not None else None
    bounds = {n: score_bound(view, head.detection, head.header, head.label_col) for n, head in enumerate(heads) if head}
    read: list[tuple[float, int, Detection]] = []
    for n in sorted(bounds, key=lambda n: -bounds[n]):
        if read and bounds[n] < max(read)[0]:
            continue
        found = _read_rest(grid, block, view, heads[n])  # type: ignore[arg-type]
        if found is not None:
            read.append((found.score, -n, found))
    return max(read)[2] if read else None  # of equal scores, the reading listed first


def _spacer_after_first(view: GridView) -> bool:
    """Whether an empty column parts the block's first column from the rest, with at least three columns after
    it (labels and two stages)."""
    cols = view.cols
    return len(cols) >= 4 and cols[1] - cols[0] > 1


class _Head(NamedTuple):
    """A reading up to its lanes: the stages, header and label columns are known, no cell below is read."""

    detection: Detection
    header: int | None
    group_col: int | None
    label_col: int | None
    colour_col: int | None
    data_start: int
    consumed: set[int]
    col_to_stage: dict[int, int]
    summaries: bool  # whether summary rows are found (not under a header row or label column the user chose)


def _glance(view: GridView, head: _Head) -> Detection:
    head.detection.score = glance_score(view, head.detection, head.header, head.label_col, head.consumed)
    return head.detection


def _read_head(
    grid: Grid,
    block: Block,
    view: GridView,
    way: str,
    group_col: int | None,
    label_col: int | None,
    header_row: int | None,
    label_column: int | None,
) -> _Head | None:
    transposed = view.transposed
    detection = Detection(grid.name, way, None, None, block)
    _take_titles(grid, block, detection)
    colour_col = colour_column(view, label_col)
    data_start = colour_col if colour_col is not None else label_col
    if label_col is not None:
        for r in view.rows:
            if (r, label_col) in view.cells and parse_number(view.cells[(r, label_col)]) is not None:
                label_col, group_col, data_start = None, None, view.cols[0] - 1
                break
    if data_start is None:
        data_start = view.cols[0] - 1

    # lines that are titles, persona fields or the header
    consumed: set[int] = set()
    forced_header = (header_row if not transposed else label_column) if (header_row is not None
                                                                          or label_column is not None) else None
    header = find_header(view, label_col, group_col, data_start, consumed, detection, forced_header)
    if header is None and not transposed and label_col is None:
        return None
    stages = read_stages(view, header, data_start, detection, summaries=forced_header is None)
    if not stages:
        return None
    corner_title(view, header, label_col, group_col, detection)
    detection.stages = stages
    col_to_stage = {c: i for i, s in enumerate(stages) for c in s.lines}
    phase_line = read_phases(view, header, label_col, group_col, col_to_stage, detection)
    if phase_line is not None:
        consumed.add(phase_line)
    return _Head(detection, header, group_col, label_col, colour_col, data_start, consumed, col_to_stage,
                 forced_header is None)


def _read_rest(grid: Grid, block: Block, view: GridView, head: _Head) -> Detection | None:
    """The lanes and cards of a reading, and its score."""
    detection, header, label_col = head.detection, head.header, head.label_col
    if head.summaries:
        peel_summary_rows(view, header, label_col, head.consumed, head.col_to_stage, detection)
    read_lanes(view, header, label_col, head.group_col, head.colour_col, head.data_start, head.consumed,
               head.col_to_stage, detection)
    if not detection.lanes:
        return None
    if detection.name_column is not None and label_col is not None:  # 'Type | Lane | stages'
        names_from_column(view, detection, label_col)
    if detection.kind_column is not None:  # 'Lane | Type | stages': the kinds the sheet names
        _apply_lane_kinds(view.grid, detection, kinds_from_column(view, detection))  # type: ignore[arg-type]
    join_score_and_note_rows(detection)
    read_emotion_grid(view.grid, detection)
    read_colour_curves(view, head.col_to_stage, detection)
    read_section_rows(view, label_col, head.col_to_stage, detection)
    if view.transposed:
        detection.header_row = view.orig((0, label_col))[0] if label_col is not None else None
        detection.label_column = view.orig((header, 0))[1] if header is not None else None
    else:
        detection.header_row = header
        detection.label_column = label_col
    detection.score = score_reading(view, detection, header) - 8 * unused_fraction(block, detection)
    return detection


_LEGEND = ("legend", "key:", "legenda", "legende", "leyenda", "легенда", "colour key", "color key")


def _take_titles(grid: Grid, block: Block, detection: Detection) -> None:
    legend = False  # a "Legend:" line and the lines under it explain the colours: the description, not the title
    for pos in sorted(title_cells(block)):
        text = as_text(grid.cells[pos])
        legend = legend or fold(text).startswith(_LEGEND)
        if detection.title is None and len(text) <= 300 and not legend:
            detection.title = text
        else:
            detection.description = (detection.description + "\n" + text).strip()
        detection.used.add(pos)


def _apply_lane_kinds(grid: Grid, detection: Detection, kinds: dict[int, LaneKind | str]) -> None:
    for index, kind in kinds.items():
        if 0 <= index < len(detection.lanes):
            new_kind = LaneKind(kind)
            lane = detection.lanes[index]
            if new_kind == lane.kind:
                continue
            if lane.kind == LaneKind.EMOTIONS and new_kind != LaneKind.EMOTIONS:
                for point in [e for e in detection.emotions if e.lane == index]:
                    detection.emotions.remove(point)
                    text = point.label if point.label is not None else as_text(grid.cells.get(point.pos, point.raw))
                    detection.cards.append(DetectedCard(point.stage, index, text, point.pos, grid.fills.get(point.pos)))
            elif new_kind == LaneKind.EMOTIONS:
                for card in [c for c in detection.cards if c.lane == index]:
                    number = card_number(card.text, grid.cells.get(card.pos))
                    unit = word_value(card.text) if number is None else None
                    if number is None and unit is None:
                        continue
                    detection.cards.remove(card)
                    detection.emotions.append(
                        DetectedEmotion(card.stage, index, number if number is not None else unit or 0.0,
                                        number is None, card.text if number is None else None, card.pos)
                    )
            lane.kind = new_kind
            lane.guess = ""  # the user's choice, no longer a guess


def _forced_block(grid: Grid, positions: list[Pos], header_row: int | None, label_column: int | None,
                  orientation: str | None) -> Block:
    """With a header row or label column chosen by the user, the block starts there and holds what follows."""
    r0 = header_row if header_row is not None else min(p[0] for p in positions)
    c0 = label_column if label_column is not None else min(p[1] for p in positions)
    inside = sorted(p for p in positions if p[0] >= r0 and p[1] >= c0)
    if not inside:
        inside = sorted(positions)
    return Block(r0, c0, max(p[0] for p in inside), max(p[1] for p in inside), inside)
