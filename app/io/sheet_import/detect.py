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

from app.io.sheet_import.detect_cell_text import (
    COLOUR,
    VERSION,
    card_items,
    cell_reading,
    clean_stage_name,
    is_placeholder,
    mostly_text,
)
from app.io.sheet_import.detect_charts import attach_charts
from app.io.sheet_import.detect_dividers import is_divider_row
from app.io.sheet_import.detect_emotions import parse_number, word_value
from app.io.sheet_import.detect_lane_kinds import fold, guess_lane_kind, is_stage_label
from app.io.sheet_import.detect_lane_meaning import metadata_key
from app.io.sheet_import.detect_lanes import read_lanes
from app.io.sheet_import.detect_result import (
    DESCRIPTION_KEYS,
    ORIENTATIONS,
    PERSONA_KEYS,
    TITLE_KEYS,
    DetectedCard,
    DetectedEmotion,
    DetectedStage,
    Detection,
)
from app.io.sheet_import.detect_score import glance_score, score_bound, score_reading, unused_fraction
from app.io.sheet_import.detect_several import (
    attach_score_table,
    describe_other_blocks,
    map_at_cell,
    map_cell,
    other_maps,
)
from app.io.sheet_import.grid import Grid, Pos, Value, as_text, cell_name
from app.io.sheet_import.grid_blocks import Block, find_blocks, visible_cells
from app.io.sheet_import.grid_split import split_maps
from app.io.sheet_import.grid_view import GridView, line_label, title_cells
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
    candidates: list[Detection] = []
    for quick_score, block, way in quick:
        if quick_score < best_glance - QUICK_MARGIN:
            continue
        found = _read_block(grid, block, way, header_row, label_column, views=views)
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
    if lane_kinds:  # after the score table's lane is added, so its kind can be chosen too
        _apply_lane_kinds(grid, best, lane_kinds)
    describe_other_blocks(best, blocks)
    return best


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

        return read_long(grid, block, header_row)
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
    group_col, label_col = _label_columns(view, forced_label)
    columns = [(group_col, label_col)]
    if group_col is not None:  # a merged first column: lane groups, or lane labels merged down rows?
        columns.append((None, group_col))
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
    colour_col = _colour_column(view, label_col)
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
    header = _find_header(view, label_col, group_col, data_start, consumed, detection, forced_header)
    if header is None and not transposed and label_col is None:
        return None
    stages = _stages(view, header, data_start, detection)
    if not stages:
        return None
    _corner_title(view, header, label_col, group_col, detection)
    detection.stages = stages
    col_to_stage = {c: i for i, s in enumerate(stages) for c in s.lines}
    phase_line = _phases(view, header, label_col, group_col, col_to_stage, detection)
    if phase_line is not None:
        consumed.add(phase_line)
    return _Head(detection, header, group_col, label_col, colour_col, data_start, consumed, col_to_stage)


def _read_rest(grid: Grid, block: Block, view: GridView, head: _Head) -> Detection | None:
    """The lanes and cards of a reading, and its score."""
    detection, header, label_col = head.detection, head.header, head.label_col
    read_lanes(view, header, label_col, head.group_col, head.colour_col, head.data_start, head.consumed,
               head.col_to_stage, detection)
    if not detection.lanes:
        return None
    if view.transposed:
        detection.header_row = view.orig((0, label_col))[0] if label_col is not None else None
        detection.label_column = view.orig((header, 0))[1] if header is not None else None
    else:
        detection.header_row = header
        detection.label_column = label_col
    detection.score = score_reading(view, detection, header) - 8 * unused_fraction(block, detection)
    return detection


def _take_titles(grid: Grid, block: Block, detection: Detection) -> None:
    for pos in sorted(title_cells(block)):
        text = as_text(grid.cells[pos])
        if detection.title is None and len(text) <= 300:
            detection.title = text
        else:
            detection.description = (detection.description + "\n" + text).strip()
        detection.used.add(pos)


def _corner_title(view: GridView, header: int | None, label_col: int | None, group_col: int | None,
                  detection: Detection) -> None:
    """A title in the corner where the stage header row meets the lane labels (the Excel export's place for it),
    when no title line sits above the table; a "Stage"-like corner is the header's label, not a title."""
    if detection.title is not None or header is None or label_col is None or view.transposed:
        return
    text = line_label(view, header, label_col, group_col) or (view.text(header, group_col) if group_col else "")
    if text and len(text) <= 300 and not is_stage_label(text):
        detection.title = text
        detection.used.add(view.orig((header, label_col)))


def _label_columns(view: GridView, forced: int | None) -> tuple[int | None, int | None]:
    cols = view.cols
    if forced is not None:
        return None, forced
    first = cols[0]
    if len(cols) < 3:
        return None, first
    second = cols[1]
    merged_down = any(top[1] == first and pos[0] != top[0] for pos, top in view.owner.items())
    rows = [r for r in view.rows if not is_divider_row(view, r)]  # blueprint lines fill only the first column
    filled_first = sum((r, first) in view.cells for r in rows)
    filled_second = sum((r, second) in view.cells for r in rows)
    sparse_group = (
        filled_first <= 0.6 * len(rows)
        and filled_second >= 0.8 * len(rows)
        and len(rows) >= 4
        and all(parse_number(view.cells[(r, first)]) is None for r in rows if (r, first) in view.cells)
        and second - first == 1
    )
    # "| Stage | Awareness ..." over "Customer | Actions | ...": the stage label sits in the second column
    corner = bool(rows) and not view.text(rows[0], first) and is_stage_label(view.text(rows[0], second)) and (
        second - first == 1 and filled_second >= 0.8 * len(rows))
    if merged_down or sparse_group or corner:
        return first, second
    return None, first


def _colour_column(view: GridView, label_col: int | None) -> int | None:
    if label_col is None:
        return None
    following = [c for c in view.cols if c > label_col]
    if not following:
        return None
    col = following[0]
    values = [view.text(r, col) for r in view.rows if (r, col) in view.cells]
    if values and all(COLOUR.match(v.strip()) for v in values):
        return col
    return None


def _key(text: str) -> str:
    return fold(text)


def _find_header(
    view: GridView,
    label_col: int | None,
    group_col: int | None,
    data_start: int,
    consumed: set[int],
    detection: Detection,
    forced: int | None,
) -> int | None:
    if forced is not None:
        return forced if forced in view.rows else None
    header = None
    for r in view.rows:
        label = line_label(view, r, label_col, group_col)
        values = view.row_values(r, data_start)
        if header is None and label and is_stage_label(label) and values and mostly_text(values):
            header = r
    # title and persona lines: keyed lines before the map proper
    lane_seen = False
    data_cols = max(1, len([c for c in view.cols if c > data_start]))
    for r in view.rows:
        if r == header:
            lane_seen = True
            continue
        label = line_label(view, r, label_col, group_col)
        key = _key(label)
        values = view.row_values(r, data_start if label_col is not None else view.cols[0])
        count = len(values)  # the texts of a lane row are never needed here: only those of the few keyed lines
        if label_col is not None and (key in TITLE_KEYS or VERSION.match(label)) and count <= 3:
            text = next((t for t in (as_text(v) for _, v in values) if not COLOUR.match(t)), "")
            if text and detection.title is None:
                detection.title = text
            consumed.add(r)
            detection.used.update(view.orig(p) for p in [(r, label_col)] + [(r, c) for c, _ in values])
            continue
        last = r == view.rows[-1] and count == 1  # the Excel export's "Description" row under the grid
        if label_col is not None and key in DESCRIPTION_KEYS and count <= 2 and (not lane_seen or last):
            detection.description = (detection.description + "\n" + " ".join(as_text(v) for _, v in values)).strip()
            consumed.add(r)
            detection.used.update(view.orig(p) for p in [(r, label_col)] + [(r, c) for c, _ in values])
            continue
        if label_col is not None and key in PERSONA_KEYS and not lane_seen and count and count < 0.6 * data_cols:
            detection.persona.setdefault(PERSONA_KEYS[key], []).extend(as_text(v) for _, v in values)
            consumed.add(r)
            detection.used.update(view.orig(p) for p in [(r, label_col)] + [(r, c) for c, _ in values])
            continue
        lane_seen = True
    if header is not None:
        return header
    for r in view.rows:
        if r in consumed:
            continue
        values = view.row_values(r, data_start)
        label = line_label(view, r, label_col, group_col)
        if not values or not mostly_text(values):
            return None
        lengths = [len(as_text(v)) for _, v in values]
        if guess_lane_kind(label) != LaneKind.TEXT and sum(lengths) / len(lengths) > 40:
            return None
        following = next((n for n in view.rows if n > r and n not in consumed), None)
        if (not label and following is not None and _is_band(view, r, values, following, data_start)
                and (not line_label(view, following, label_col, group_col) or _filled(view, following, data_start))):
            return following  # r is a band of merged phase names over the stage names
        return r
    return None


def _filled(view: GridView, r: int, data_start: int) -> bool:
    """Whether every value of a row is on a filled cell: a header under a band, even with a title in its corner
    (the Excel export puts the map's title there), rather than a lane."""
    values = view.row_values(r, data_start)
    return bool(values) and all(view.orig((r, c)) in view.grid.fills for c, _ in values)


def _is_band(view: GridView, r: int, values: list[tuple[int, Value]], following: int, data_start: int) -> bool:
    """A row of names merged across several columns, over a row with a name in more columns."""
    merged_across = any(top[0] == r and pos[1] != top[1] for pos, top in view.owner.items() if pos[0] == r)
    below = view.row_values(following, data_start)
    return merged_across and len(below) > len(values) and mostly_text(below)


def _stages(view: GridView, header: int | None, data_start: int, detection: Detection) -> list[DetectedStage]:
    stages: list[DetectedStage] = []
    by_name: dict[str, int] = {}
    if header is None:
        data_cols = [c for c in view.cols if c > data_start]
        for number, c in enumerate(data_cols, 1):
            stages.append(DetectedStage(f"Step {number}", [c], None, generated=True))
        if stages:
            detection.notes.append(
                f"no stage names found: the {len(stages)} stages are named Step 1..Step {len(stages)}"
            )
        return stages
    grid = view.grid
    for c in view.cols:
        if c <= data_start:
            continue
        pos = (header, c)
        if pos in view.owner and view.owner[pos] != pos:
            top = view.owner[pos]
            if top[0] == header and stages and top[1] in stages[-1].lines:
                stages[-1].lines.append(c)  # a stage header merged over several columns
            continue
        if pos not in view.cells:
            continue
        original = view.orig(pos)
        raw = as_text(view.cells[pos])
        name = clean_stage_name(raw)
        detection.used.add(original)
        if not name or is_placeholder(name):
            detection.reasons[original] = "a placeholder where a stage name belongs"
            detection.used.discard(original)
            continue
        meta = metadata_key(name) if stages else None
        if meta is not None:  # a Confidence / Source column after the stages: the lanes' metadata
            detection.meta_lines[c] = meta
            detection.notes.append(f"{grid.name}!{cell_name(*original)}: {name!r} read as the {meta} of each "
                                   "lane's cards and points (kept as tags and notes), not as a stage")
            continue
        colour = grid.fills.get(original)
        key = fold(name)
        if key in by_name:
            stages[by_name[key]].lines.append(c)
            continue
        by_name[key] = len(stages)
        stages.append(DetectedStage(name, [c], original, color=colour))
    # merged header ranges also cover columns without a top-left value in this row
    for pos, top in view.owner.items():
        if pos[0] == header and top[0] == header and pos[1] > data_start:
            for stage in stages:
                if top[1] in stage.lines and pos[1] not in stage.lines:
                    stage.lines.append(pos[1])
    for stage in stages:
        stage.lines.sort()
    return stages


def _phases(
    view: GridView,
    header: int | None,
    label_col: int | None,
    group_col: int | None,
    col_to_stage: dict[int, int],
    detection: Detection,
) -> int | None:
    """A band above the stage names, with a label-less first column, becomes phases."""
    if header is None:
        return None
    above = [r for r in view.rows if r < header]
    if not above:
        return None
    band = above[-1]
    if label_col is not None and (view.text(band, label_col) or (group_col is not None and view.text(band, group_col))):
        return None
    values = [(c, v) for c, v in view.row_values(band, -1) if c in col_to_stage]
    if not values or len(values) >= len(detection.stages) and not any(view.owner.get((band, c)) for c, _ in values):
        return None
    if not mostly_text(values):
        return None
    starts = sorted(col_to_stage[c] for c, _ in values)
    names = {col_to_stage[c]: (clean_stage_name(as_text(v)), view.orig((band, c))) for c, v in values}
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(detection.stages)
        name, pos = names[start]
        for i in range(start, end):
            detection.stages[i].phase = name
        detection.used.add(pos)
        detection.phase_cells.add(pos)
    first = starts[0]
    for i in range(first):
        detection.stages[i].phase = None
    return band


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
                    number = parse_number(card.text)
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
