"""An emotion curve drawn as a grid of marks: rows labelled with feeling levels (Positive / Neutral / Negative,
😀 / 😐 / 🙁, Happy / OK / Sad), often under an empty 'Emotions' row, and in each stage's column a mark (x, ●, ✓,
a ticked box) in the row of how the customer felt. One emotions lane: each stage's point at its marked level, the
levels spread evenly from the best (+1) to the worst (-1) in the order the labels say, labelled as the row is."""

from __future__ import annotations

from app.io.sheet_import.detect_cell_text import MARKED, cell_reading
from app.io.sheet_import.detect_emotions import word_value
from app.io.sheet_import.detect_result import DetectedEmotion, DetectedLane, Detection, drop_lanes
from app.io.sheet_import.grid import Grid, as_text
from app.io.sheet_import.report import found
from app.model.enums import LaneKind


def read_emotion_grid(grid: Grid, detection: Detection) -> None:
    """Runs of two to seven lanes named after feeling levels and holding only marks become one emotions lane."""
    if sum(_level(lane) is not None for lane in detection.lanes) < 2:
        return  # (most maps: no lane is named after a feeling level, and no card is looked at)
    n = 0
    held = _held(detection)
    while n < len(detection.lanes):
        if n and _level(detection.lanes[n - 1]) is not None:
            n += 1
            continue  # inside a run of level rows: only a whole run is a grid
        run = _run_from(grid, detection, n, held)
        if len(run) >= 2:
            _read_run(grid, detection, run)
            held = _held(detection)  # the lanes after the run moved up
        n += 1


def _held(detection: Detection) -> dict[int, list]:
    """Each lane's cards, and a marker for a lane holding emotion points (a list with None)."""
    held: dict[int, list] = {}
    for card in detection.cards:
        held.setdefault(card.lane, []).append(card)
    for point in detection.emotions:
        held.setdefault(point.lane, []).append(None)
    return held


def _level(lane: DetectedLane) -> float | None:
    if lane.kind not in (LaneKind.TEXT, LaneKind.EMOTIONS) or not lane.name or len(lane.name) > 40:
        return None
    return word_value(lane.name)


def _marks_only(grid: Grid, held: dict[int, list], index: int) -> bool | None:
    """True when lane `index` holds marks only (at least one), False when it holds anything else; None if empty."""
    items = held.get(index, [])
    for card in items:
        value = grid.cells.get(card.pos) if card is not None else None
        if value is None or cell_reading(as_text(value)) is not MARKED:
            return False
    return True if items else None


def _run_from(grid: Grid, detection: Detection, start: int, held: dict[int, list]) -> list[int]:
    run: list[int] = []
    index = start
    while index < len(detection.lanes) and _level(detection.lanes[index]) is not None:
        run.append(index)
        index += 1
    if not 2 <= len(run) <= 7 or any(_marks_only(grid, held, i) is False for i in run):
        return []
    levels = [_level(detection.lanes[i]) for i in run]
    marked = sum(bool(_marks_only(grid, held, i)) for i in run)
    ordered = levels == sorted(levels, reverse=True) or levels == sorted(levels)  # type: ignore[type-var]
    if marked < 2 or len(set(levels)) != len(levels) or not ordered:
        return []
    return run


def _read_run(grid: Grid, detection: Detection, run: list[int]) -> None:
    lanes = detection.lanes
    levels = [_level(lanes[i]) or 0.0 for i in run]
    best_first = levels[0] > levels[-1]
    steps = len(run) - 1
    value_of = {i: (1 - 2 * k / steps) * (1 if best_first else -1) for k, i in enumerate(run)}
    above = run[0] - 1
    header = above >= 0 and lanes[above].kind == LaneKind.EMOTIONS and not any(
        c.lane == above for c in detection.cards) and not any(e.lane == above for e in detection.emotions)
    target = above if header else run[0]
    names = [lanes[i].name for i in run]
    by_stage: dict[int, list[tuple[int, object]]] = {}
    for card in [c for c in detection.cards if c.lane in value_of]:
        by_stage.setdefault(card.stage, []).append((card.lane, card.pos))
    points = []
    for stage, marks in sorted(by_stage.items()):
        values = [value_of[lane] for lane, _pos in marks]
        label = " / ".join(lanes[lane].name for lane, _pos in marks)[:500]
        points.append((stage, sum(values) / len(values), label, marks[0][1]))
    if not header:  # the first level's row becomes the curve, named for what it is
        lanes[target].name, lanes[target].kind, lanes[target].guess = "Emotions", LaneKind.EMOTIONS, ""
    for i in run:
        if lanes[i].label is not None and i != target:
            detection.column_roles[lanes[i].label] = "emotion_lane"  # a level's label (preview)
    marks_notes = tuple(f"marks (x) became cards named {name!r}" for name in names)
    detection.notes = [line for line in detection.notes if not line.endswith(marks_notes)]
    drop_lanes(detection, [i for i in run if i != target])
    target = target if target < run[0] else run[0]
    detection.cards = [c for c in detection.cards if c.lane != target]
    for stage, value, label, pos in points:
        detection.emotions.append(DetectedEmotion(stage, target, value, True, label, pos))  # type: ignore[arg-type]
    detection.notes.append(found(
        f"rows {', '.join(repr(n) for n in names)} read as the levels of the emotion curve {lanes[target].name!r} "
        f"(from the top of the scale to its bottom, {names[0] if best_first else names[-1]!r} highest): each "
        "stage's mark is its point"))
