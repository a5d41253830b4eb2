"""The sheet's other tables: other maps (which readings are maps of their own, choosing one by a cell),
a Stage | Score table that scores the map, and why the rest is left out.

`grid_split` cuts a sheet's tables where a second map starts; `detect_grid` reads every table and
keeps the best reading. The other tables that read as maps are `Detection.other_maps`; the import
names them, the dialog offers them, and `map_at` (the top-left cell of one) reads another instead.
Reading all of them as one map with a persona each is `read_sheet.import_all_maps` (see `merge_maps`).
"""

from __future__ import annotations

from app.io.sheet_import.detect_emotions import parse_number
from app.io.sheet_import.detect_lane_kinds import fold
from app.io.sheet_import.detect_result import DetectedEmotion, DetectedLane, Detection
from app.io.sheet_import.grid import Grid, as_text, cell_name, cell_position
from app.io.sheet_import.grid_blocks import Block
from app.model.enums import LaneKind

MIN_SCORE = 3.0  # as detect.MIN_SCORE: how journey-map-like a reading must be


def other_maps(candidates: list[Detection], best: Detection) -> list[Detection]:
    """The best reading of every other block that is a map of its own (stages and at least two lanes)."""
    by_block: dict[int, Detection] = {}
    for found in candidates:
        if found.block is best.block or found.score < MIN_SCORE or not found.stages or len(found.lanes) < 2:
            continue
        if found.orientation == "long" and best.orientation != "long":
            continue
        kept = by_block.get(id(found.block))
        if kept is None or found.score > kept.score:
            by_block[id(found.block)] = found
    return sorted(by_block.values(), key=lambda d: (d.block.r1, d.block.c1))


def map_at_cell(cell: str | None, maps: list[Detection]) -> Detection | None:
    """The map whose table (or title above it) holds `cell` ('H1'), or None."""
    if not cell:
        return None
    try:
        pos = cell_position(cell)
    except ValueError:
        return None
    return next((d for d in maps if d.block.r1 - len(d.block.title_rows) <= pos[0] <= d.block.r2
                 and d.block.c1 <= pos[1] <= d.block.c2), None)


def map_cell(detection: Detection) -> str:
    """The cell that names a map for `map_at`: the top-left cell of its table."""
    return cell_name(detection.block.r1, detection.block.c1)


def describe_other_blocks(detection: Detection, blocks: list[Block]) -> None:
    """Why each cell of the sheet's other tables is left out (another map, a separate table, a note)."""
    chosen = detection.block
    for block in blocks:
        if block is chosen:
            continue
        if block.r2 < chosen.r1:
            where = "above the map"
        elif block.r1 > chosen.r2:
            where = "below the map"
        elif block.c2 < chosen.c1:
            where = "left of the map"
        elif block.c1 > chosen.c2:
            where = "right of the map"
        else:
            where = "beside the map"
        kind = "a separate table" if block.size >= 4 else "a note"
        if any(other.block is block for other in detection.other_maps):
            kind = "another map on this sheet; choose it in the import dialog"
        for pos in block.cells:
            detection.reasons.setdefault(pos, f"{where}, {kind} ({cell_name(block.r1, block.c1)}:"
                                              f"{cell_name(block.r2, block.c2)})")


def attach_score_table(grid: Grid, detection: Detection, block: Block) -> None:
    """A small Stage | Score table elsewhere on the sheet whose names are the map's stages -> an emotions lane."""
    cols = sorted({p[1] for p in block.cells})
    if len(cols) != 2 or detection.orientation == "long":
        return
    names_col, score_col = cols
    rows = sorted({p[0] for p in block.cells})
    stage_by_name = {fold(s.name): i for i, s in enumerate(detection.stages)}
    header = rows[0]
    matched = []
    for r in rows[1:]:
        name, score = grid.cells.get((r, names_col)), grid.cells.get((r, score_col))
        number = parse_number(score) if score is not None else None
        index = stage_by_name.get(fold(as_text(name))) if name is not None else None
        if index is not None and number is not None:
            matched.append((r, index, number))
    if len(matched) < 2 or len(matched) < 0.8 * (len(rows) - 1):
        return
    label = as_text(grid.cells.get((header, score_col), "Score"))
    lane_index = len(detection.lanes)
    detection.lanes.append(DetectedLane(label, -1, LaneKind.EMOTIONS, (header, score_col)))
    detection.used.update(p for p in block.cells)
    for r, stage, number in matched:
        detection.emotions.append(DetectedEmotion(stage, lane_index, number, False, None, (r, score_col)))
    detection.notes.append(f"the table {cell_name(block.r1, block.c1)}:{cell_name(block.r2, block.c2)} scores the "
                           f"map's stages: added as the emotions lane {label!r}")
    block.cells = [p for p in block.cells if p not in detection.used]
