"""An emotions row told by colour alone: the cells under the stages left empty and filled green, yellow or red (a
traffic light), the way a facilitator marks how each stage felt. Green is +1, yellow 0, red -1 (light green and
orange halfway); a fill of another hue (blue, grey) says nothing of a feeling, and such a row stays empty."""

from __future__ import annotations

import colorsys

from app.io.sheet_import.detect_result import DetectedEmotion, Detection
from app.io.sheet_import.grid import cell_name
from app.io.sheet_import.grid_view import GridView
from app.io.sheet_import.report import guessed
from app.model.enums import LaneKind


def colour_value(colour: str) -> float | None:
    """'#00b050' -> 1.0, '#ffff00' -> 0.0, '#ff0000' -> -1.0; None for a colour no traffic light shows."""
    digits = colour.lstrip("#")
    if len(digits) != 6:
        return None
    try:
        r, g, b = (int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    if saturation < 0.3 or not 0.15 < lightness < 0.95:
        return None  # grey, white, black: no feeling
    degrees = hue * 360
    if degrees < 18 or degrees >= 335:
        return -1.0
    if degrees < 42:
        return -0.5  # orange
    if degrees < 68:
        return 0.0  # yellow, amber
    if degrees < 100:
        return 0.5  # yellow-green
    if degrees < 170:
        return 1.0
    return None


def read_colour_curves(view: GridView, col_to_stage: dict[int, int], detection: Detection) -> None:
    """Each emotions lane holding nothing, whose empty cells under two or more stages are traffic-light colours:
    those colours are its curve (reported as a guess)."""
    blank = view.grid.blank_fills
    if not blank:
        return
    filled = {c.lane for c in detection.cards} | {e.lane for e in detection.emotions}
    for index, lane in enumerate(detection.lanes):
        if lane.kind != LaneKind.EMOTIONS or index in filled or lane.line < 0:
            continue
        points: list[DetectedEmotion] = []
        seen: set[int] = set()
        for c, stage in sorted(col_to_stage.items()):
            pos = view.orig((lane.line, c))
            colour = blank.get(pos)
            value = colour_value(colour) if colour else None
            if value is None or stage in seen:
                continue
            seen.add(stage)
            points.append(DetectedEmotion(stage, index, value, True, None, pos))
        if len(points) < 2:
            continue
        detection.emotions.extend(points)
        where = f"{cell_name(*points[0].pos)}:{cell_name(*points[-1].pos)}"
        detection.notes.append(guessed(
            f"{view.grid.name}!{where}: lane {lane.name!r} holds no text; its cells' colours read as its curve "
            "(green +, yellow 0, red -)"))
