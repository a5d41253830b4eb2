"""Marks that show what changed between two versions of a map, drawn over the newer one (pure shapes).

The comparison PDF draws them; the canvas's compare overlay can import them too:

- `compare_mark_shapes(card_box_or_rect, kind, note="", slot=0)`: an outline around a card (or a
  stage or lane header) and a round badge with the kind's symbol at its top-left corner;
  `note` ("from Awareness / Touchpoints") goes in a small pill on its top edge.
- `removed_mark_shapes(cell_rect, count)`: "− 2 removed" at the bottom of a cell.
- `old_curve_shapes(lane_box, old_points)`: the old emotion curve, faint and dashed, with hollow dots.

Kinds and colours (Okabe-Ito, with a symbol each so colour is never the only cue):
added green "+", changed amber "~", moved blue "→", removed vermillion "−".
"""

from __future__ import annotations

from collections.abc import Sequence

from app.layout import theme
from app.layout.fonts import elide, line_height, text_width
from app.layout.geometry import Rect
from app.layout.model import EmotionLaneBox
from app.layout.painting import baseline, emotion_curve_shapes
from app.layout.shapes import EllipseShape, RectShape, Shape, TextShape

MARK_COLOR: dict[str, str] = {
    "added": "#009e73",
    "changed": "#e69f00",
    "moved": "#0072b2",
    "removed": "#d55e00",
}
MARK_SYMBOL: dict[str, str] = {"added": "+", "changed": "~", "moved": "\u2192", "removed": "\u2212"}
MARK_LABEL: dict[str, str] = {"added": "added", "changed": "changed", "moved": "moved", "removed": "removed"}
OLD_CURVE = "#7d8aa3"
BADGE_RADIUS = 7.0
NOTE_SIZE = 7.0


def compare_mark_shapes(box, kind: str, note: str = "", slot: int = 0) -> list[Shape]:
    """The mark for one changed card or header. `box` is a CardBox (anything with `.rect`) or a Rect;
    `slot` > 0 adds a further badge beside the first (a card both moved and changed) without a second outline."""
    rect: Rect = box.rect if hasattr(box, "rect") else box
    color = MARK_COLOR[kind]
    shapes: list[Shape] = []
    if slot == 0:
        shapes.append(RectShape(rect.x - 2.5, rect.y - 2.5, rect.width + 5, rect.height + 5, None, color, 2.0,
                                theme.CARD_RADIUS + 2.5))
    cx = rect.x + 2 + slot * (2 * BADGE_RADIUS + 2)
    cy = rect.y + 1
    shapes.append(EllipseShape(cx, cy, BADGE_RADIUS, BADGE_RADIUS, color, "#ffffff", 1.2))
    size = 10.0
    shapes.append(TextShape(cx, cy + size * 0.36, MARK_SYMBOL[kind], size, True, "#ffffff", "center"))
    if note:
        left = cx + BADGE_RADIUS + 3 + (0 if slot else 0)
        room = rect.right - left - 2
        text = elide(note, max(0.0, room - 6), NOTE_SIZE, True)
        if text:
            width = text_width(text, NOTE_SIZE, True) + 6
            height = line_height(NOTE_SIZE) + 1
            top = cy - height / 2
            shapes.append(RectShape(left, top, width, height, color, None, 0, height / 2))
            shapes.append(TextShape(left + 3, baseline(top + 0.5, NOTE_SIZE), text, NOTE_SIZE, True, "#ffffff"))
    return shapes


def removed_mark_shapes(cell: Rect, count: int, below: float | None = None) -> list[Shape]:
    """A pill saying how many cards were removed from a cell: just under `below` (the bottom of the
    cell's last card), or in the middle of an empty cell."""
    if count <= 0:
        return []
    label = f"{MARK_SYMBOL['removed']} {count} removed"
    height = line_height(NOTE_SIZE) + 1
    width = text_width(label, NOTE_SIZE, True) + 8
    x = cell.right - theme.CELL_PADDING - width
    top = below + 1.0 if below is not None else cell.center_y - height / 2
    top = min(top, cell.bottom - height - 0.5)
    return [RectShape(x, top, width, height, "#ffffff", MARK_COLOR["removed"], 1.0, height / 2),
            TextShape(x + 4, baseline(top + 0.5, NOTE_SIZE), label, NOTE_SIZE, True, MARK_COLOR["removed"])]


def old_curve_shapes(lane: EmotionLaneBox, old_points: Sequence[tuple[float, float]]) -> list[Shape]:
    """The old emotion curve through (x, old value) points, faint and dashed, drawn behind the new one."""
    from app.layout.emotion_lane import smooth_curve

    points = sorted((x, lane.y_for(value)) for x, value in old_points)
    shapes: list[Shape] = []
    if len(points) > 1:
        shapes += emotion_curve_shapes(lane._replace(curve=smooth_curve(points)), OLD_CURVE, 1.6, dash=True)
    for x, y in points:
        shapes.append(EllipseShape(x, y, 4.0, 4.0, "#ffffff", OLD_CURVE, 1.2))
    return shapes


def mark_legend_shapes(x: float, base: float, size: float, color: str = theme.CARD_MUTED_TEXT) -> tuple[list[Shape],
                                                                                                         float]:
    """"Changes: (+) added (~) changed (→) moved (−) removed" on one line; returns shapes and width."""
    shapes: list[Shape] = [TextShape(x, base, "Changes:", size, True, color)]
    cursor = x + text_width("Changes:", size, True) + size * 0.6
    radius = size * 0.62
    for kind in ("added", "changed", "moved", "removed"):
        cy = base - size * 0.35
        shapes.append(EllipseShape(cursor + radius, cy, radius, radius, MARK_COLOR[kind]))
        shapes.append(TextShape(cursor + radius, cy + size * 0.34, MARK_SYMBOL[kind], size, True, "#ffffff",
                                "center"))
        cursor += 2 * radius + size * 0.35
        shapes.append(TextShape(cursor, base, MARK_LABEL[kind], size, False, color))
        cursor += text_width(MARK_LABEL[kind], size) + size * 0.9
    return shapes, cursor - x - size * 0.9
