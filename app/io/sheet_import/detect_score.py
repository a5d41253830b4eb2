"""How much a reading of a sheet looks like a journey map (to choose the orientation and the table)."""

from __future__ import annotations

from app.io.sheet_import.detect_cell_text import LETTER
from app.io.sheet_import.detect_emotions import parse_number
from app.io.sheet_import.detect_lane_kinds import guess_lane_kind, is_stage_label, stage_name_score
from app.io.sheet_import.detect_result import DetectedStage, Detection
from app.io.sheet_import.grid_blocks import Block
from app.io.sheet_import.grid_view import GridView, line_label
from app.model.enums import LaneKind


def score_reading(view: GridView, detection: Detection, header: int | None) -> float:
    """How much a reading looks like a journey map; fractions keep both orientations comparable."""
    stages, lanes = detection.stages, detection.lanes
    named_lanes = [lane for lane in lanes if lane.label is not None]
    score = 0.0
    if named_lanes:
        score += 6 * _fraction(named_lanes, lambda lane: lane.kind != LaneKind.TEXT)
        score -= 4 * _fraction(named_lanes, lambda lane: stage_name_score(lane.name) > 0)
    score = _with_stage_terms(score, view, stages, header, _label_col_of(view, detection))
    if detection.emotions:
        score += 2
    filled = {(c.stage, c.lane) for c in detection.cards} | {(e.stage, e.lane) for e in detection.emotions}
    area = max(1, len(stages) * len(lanes))
    score += 4 * len(filled) / area
    score += min(len(filled), 60) * 0.1
    score = _with_stage_count_terms(score, stages, detection.orientation)
    has_words = any(LETTER.search(c.text) for c in detection.cards)
    if not has_words and not detection.emotions:
        score -= 5
    return score


def score_bound(view: GridView, detection: Detection, header: int | None, label_col: int | None) -> float:
    """A score that no reading of the lanes under these stages reaches (`score_reading` less 8 x `unused_fraction`),
    from what is known before any lane is read: the terms of the stages, header and phases as `score_reading` has
    them, and the most the rest can add: the lanes 6 (none without a label column: its lanes have no labels), the
    emotions 2, the filled cells 4 (all of stages x lanes) and 6 (60 of them); plus a hair for rounding."""
    score = (6.0 if label_col is not None else 0.0) + 2 + 4 + 6 + 1e-9
    score = _with_stage_terms(score, view, detection.stages, header, label_col)
    return _with_stage_count_terms(score, detection.stages, detection.orientation)


def _with_stage_terms(score: float, view: GridView, stages: list[DetectedStage], header: int | None,
                      label_col: int | None) -> float:
    """`score` plus what the stages' names, their header and their phases say (added one by one, in the order
    `score_reading` always added them, so both it and `score_bound` get the same sums to the last bit)."""
    real_stages = [s for s in stages if not s.generated]
    if real_stages:
        score += 4 * _fraction(real_stages, lambda s: stage_name_score(s.name) > 0)
        score -= 6 * _fraction(real_stages, lambda s: guess_lane_kind(s.name) != LaneKind.TEXT)
        score -= 6 * _fraction(real_stages, lambda s: parse_number(s.name) is not None)
        average = sum(len(s.name) for s in real_stages) / len(real_stages)
        if average > 60:
            score -= 2
    else:
        score -= 2
    if header is not None and is_stage_label(line_label(view, header, label_col, None)) and not _merged_down(
            view, header, label_col):
        score += 3  # the stage row says so ("Stage", "Etapa", "Step", "TITLE_BLOCK")
    if any(s.phase for s in stages):
        score += 2
    return score


def _merged_down(view: GridView, header: int, label_col: int | None) -> bool:
    """Whether the header's label cell is merged down over the rows below it (a banner down the side of the map,
    'CUSTOMER JOURNEY' over every lane): no heading of the stage row, whatever its words."""
    if label_col is None:
        return False
    return any(top == (header, label_col) and pos[0] != header for pos, top in view.owner.items())


def _with_stage_count_terms(score: float, stages: list[DetectedStage], orientation: str) -> float:
    """`score` plus what the number of stages and their shared names say (in `score_reading`'s order)."""
    if any(len(s.lines) > 1 for s in stages) and orientation == "stages-in-rows":
        score += 1  # rows sharing a stage name (one row per touchpoint)
    score += 0.02 * min(len(stages), 50)
    if len(stages) < 2:
        score -= 2
    return score


def unused_fraction(block: Block, detection: Detection) -> float:
    """The share of the table's cells this reading leaves out (placeholders do not count)."""
    inside = [p for p in block.cells if p[0] >= block.r1]
    if not inside:
        return 0.0
    left = [p for p in inside if p not in detection.used and not detection.reasons.get(p, "").startswith("a placeh")]
    return len(left) / len(inside)


def glance_score(view: GridView, detection: Detection, header: int | None, label_col: int | None,
                  consumed: set[int]) -> float:
    """The name-based part of `score_reading`, from stage names and lane labels alone (no cell is read)."""
    labels = [view.text(r, label_col) for r in view.rows if r != header and r not in consumed] if (
        label_col is not None) else []
    labels = [label for label in labels if label]
    real_stages = [s for s in detection.stages if not s.generated]
    score = 0.0
    if labels:
        score += 6 * _fraction(labels, lambda label: guess_lane_kind(label) != LaneKind.TEXT)
        score -= 4 * _fraction(labels, lambda label: stage_name_score(label) > 0)
    if real_stages:
        score += 4 * _fraction(real_stages, lambda s: stage_name_score(s.name) > 0)
        score -= 6 * _fraction(real_stages, lambda s: guess_lane_kind(s.name) != LaneKind.TEXT)
        score -= 6 * _fraction(real_stages, lambda s: parse_number(s.name) is not None)
    if header is not None and is_stage_label(line_label(view, header, label_col, None)):
        score += 3
    return score


def _label_col_of(view: GridView, detection: Detection) -> int | None:
    if detection.label_column is None:
        return None
    return detection.header_row if view.transposed else detection.label_column


def _fraction(items: list, test) -> float:  # noqa: ANN001
    return sum(bool(test(item)) for item in items) / len(items) if items else 0.0
