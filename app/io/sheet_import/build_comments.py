"""Cell comments beside the cards. A card's cell carries its comment as the card's note (`detect_lanes._cards`);
a comment on a stage's name, a lane's label, an emotion score, the title or another cell of the map is kept where
it belongs (the stage's description, the point's note, the map's description), and one on a cell left out of the
map is named in the report. Before, all of these were dropped without a word."""

from __future__ import annotations

from app.io.sheet_import.detect_result import DetectedEmotion, DetectedLane, DetectedStage, Detection
from app.io.sheet_import.grid import Grid, Pos, as_text, cell_name


def carry_comments(detection: Detection, grid: Grid) -> list[str]:
    """Place the comments no card carries; the report lines of those whose cells are left out."""
    if not grid.comments:
        return []
    cards = {card.pos for card in detection.cards}
    carried = [card.note for card in detection.cards if card.note] + [p.note for p in detection.emotions if p.note]
    points: dict[Pos, DetectedEmotion] = {}
    for point in detection.emotions:
        points.setdefault(point.pos, point)
    stages: dict[Pos, DetectedStage] = {s.header: s for s in detection.stages if s.header is not None}
    lanes: dict[Pos, DetectedLane] = {lane.label: lane for lane in detection.lanes if lane.label is not None}
    lines: list[str] = []
    report: list[str] = []
    for pos, comment in sorted(grid.comments.items()):
        text = comment.strip()
        if not text or pos in cards or any(text in note for note in carried):
            continue
        if pos in points:
            points[pos].note = f"{points[pos].note}\n{text}".strip()
        elif pos in stages:
            stages[pos].description = f"{stages[pos].description}\n{text}".strip()
        elif pos in lanes:
            lines.append(f"{lanes[pos].name} (comment on the lane's label): {text}")
        elif pos in detection.used:
            shown = " ".join(as_text(grid.cells[pos]).split())[:60] if pos in grid.cells else ""
            lines.append(f"{shown} (comment on {cell_name(*pos)}): {text}" if shown else
                         f"comment on {cell_name(*pos)}: {text}")
        else:
            quoted = " ".join(text.split())
            quoted = quoted if len(quoted) <= 60 else quoted[:57] + "..."
            report.append(f"{grid.name}!{cell_name(*pos)}: comment {quoted!r} not read (its cell is not part of "
                          f"the map)")
    if lines:
        detection.description = "\n".join([detection.description, *lines]).strip()
    return report
