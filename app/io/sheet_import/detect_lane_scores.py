"""The emotion points of one lane row: its numbers, numbers written with words ('3 (happy)'), or signs ('++', '-')."""

from __future__ import annotations

from app.io.sheet_import.detect_emotions import sign_scores
from app.io.sheet_import.detect_result import DetectedEmotion, DetectedLane, Detection
from app.io.sheet_import.grid import Value, as_text, cell_name
from app.io.sheet_import.grid_view import GridView


def add_sign_scores(view: GridView, values: list[tuple[int, Value]], lane_index: int, col_to_stage: dict[int, int],
                    detection: Detection, row: int) -> bool:
    """A row of signs ('++', '+', '0', '-', '--') as points, each sign its point's label; False when it is none."""
    signs = sign_scores([v for _c, v in values])
    if signs is None:
        return False
    for (c, v), unit in zip(values, signs, strict=True):
        pos = view.orig((row, c))
        detection.emotions.append(DetectedEmotion(col_to_stage[c], lane_index, unit, True, as_text(v), pos))
        detection.used.add(pos)
    return True


def add_scores(view: GridView, numeric: list[tuple[int, Value, float | None]], lane_index: int,
               col_to_stage: dict[int, int], detection: Detection, row: int) -> None:
    """The numbers of a lane row as emotion points, one per stage column."""
    for c, _v, number in numeric:
        pos = view.orig((row, c))
        detection.emotions.append(DetectedEmotion(col_to_stage[c], lane_index, number, False, None, pos))
        detection.used.add(pos)


def add_labelled_scores(view: GridView, scored: dict[int, tuple[float, str]], lane: DetectedLane, lane_index: int,
                        col_to_stage: dict[int, int], detection: Detection, row: int) -> None:
    """Cells of an emotions row that hold a number with words ('Maya -1', '+2 relieved', '3 (happy)'):
    the number is the score, the words its label; the report says so."""
    read = []
    for c, (number, label) in sorted(scored.items()):
        pos = view.orig((row, c))
        detection.emotions.append(DetectedEmotion(col_to_stage[c], lane_index, number, False, label[:500], pos))
        detection.used.add(pos)
        read.append(f"{cell_name(*pos)} {number:g} {label!r}")
    if read:
        shown = ", ".join(read[:4]) + (f" and {len(read) - 4} more" if len(read) > 4 else "")
        detection.notes.append(f"{view.grid.name}: emotions lane {lane.name!r} holds scores written with words, read "
                               f"as score and label: {shown}")
