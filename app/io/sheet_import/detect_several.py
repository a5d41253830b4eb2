"""Several maps on one sheet: which readings are maps of their own, and choosing one by a cell.

`grid_split` cuts a sheet's tables where a second map starts; `detect_grid` reads every table and
keeps the best reading. The other tables that read as maps are `Detection.other_maps`; the import
names them, the dialog offers them, and `map_at` (the top-left cell of one) reads another instead.
Reading all of them (one map per persona) is the hook for the personas work.
"""

from __future__ import annotations

from app.io.sheet_import.detect_result import Detection
from app.io.sheet_import.grid import cell_name, cell_position
from app.io.sheet_import.grid_blocks import Block

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
