"""Compare mode's marks on the canvas: what changed between an old version and the map shown.

`CompareOverlay(scene, old).refresh()` diffs the old content with the scene's document and adds
extra items to the MapScene: outlines and badges on added (green +), changed (amber ~) and moved
(blue arrow) cards; faded dashed ghosts of removed cards in the cell where they were, below the
real cards; stages and lanes added or removed marked in their headers; and the old emotion curve
drawn dashed behind the new one with the old values. Positions come from `scene.layout`.
The overlay never changes the document; `clear()` removes every item it added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from app.layout import theme
from app.layout.emotion_lane import smooth_curve
from app.layout.fonts import elide, line_height, text_width
from app.layout.shapes import EllipseShape, LineShape, RectShape, Shape, TextShape
from app.model.journey import JourneyContent
from app.painters.qt_painter import paint_shapes, qcolor
from app.widgets.plain_text import plain_tooltip

if TYPE_CHECKING:  # the diff is imported when compare mode starts, not with the editor
    from app.model.diff import MapDiff

ADDED, CHANGED, MOVED, REMOVED = "#2f9e44", "#e8890c", "#1c7ed6", "#e03131"
OLD_CURVE = "#7d8596"
Z_OLD_CURVE = 0.5  # above the cell fills, below the new curve
Z_MARKS = 8.0  # above cards and the cursor, below the frozen headers
BADGE_RADIUS = 8.0
GHOST_FONT = theme.CARD_FONT_SIZE - 1
GHOST_HEIGHT = 2 * 6 + line_height(GHOST_FONT)


class ShapesItem(QGraphicsItem):
    """A fixed picture made of layout shapes (the same primitives the map is drawn with)."""

    def __init__(self, shapes: list[Shape], rect: QRectF, z: float, tooltip: str = "",
                 parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.shapes = shapes
        self._rect = rect
        self.setZValue(z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # clicks reach the canvas below
        if tooltip:
            self.setToolTip(plain_tooltip(tooltip))

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        paint_shapes(painter, self.shapes)


class OldCurveItem(QGraphicsItem):
    """The old emotion curve, dashed and faint, with a hollow dot and 'was N' at each old point."""

    def __init__(self, points: list[tuple[float, float, float, bool]], rect: QRectF) -> None:
        super().__init__()
        self.points = points  # (x, y, old value, differs from the new value)
        self._rect = rect
        self._path = QPainterPath()
        curve = smooth_curve([(x, y) for x, y, _, _ in points])
        if curve:
            self._path.moveTo(*curve[0][0])
            for _p0, c1, c2, p1 in curve:
                self._path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*p1))
        self.setZValue(Z_OLD_CURVE)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setToolTip("The earlier version's emotion curve")

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(qcolor(OLD_CURVE), 2.0, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        shapes: list[Shape] = []
        for x, y, value, differs in self.points:
            shapes.append(EllipseShape(x, y, 5, 5, "#ffffff", OLD_CURVE, 1.5))
            if differs:
                shapes.append(TextShape(x + 9, y - 7, f"was {value:g}", theme.EMOTION_LABEL_FONT_SIZE, True, OLD_CURVE))
        paint_shapes(painter, shapes)


class Entry(NamedTuple):
    """One line of the summary and what it points at: ("card" | "ghost" | "stage" | "lane" |
    "emotion", id or (lane_id, stage_id)), or None."""

    text: str
    target: tuple[str, object] | None


def badge(cx: float, cy: float, color: str, glyph: str) -> list[Shape]:
    return [EllipseShape(cx, cy, BADGE_RADIUS, BADGE_RADIUS, color, "#ffffff", 1.5),
            TextShape(cx, cy + 4, glyph, 11, True, "#ffffff", "center")]


def pill(x: float, y: float, text: str, color: str, size: float = 10) -> tuple[list[Shape], QRectF]:
    """A rounded label with its left edge at x and top at y."""
    width = text_width(text, size, True) + 12
    height = line_height(size) + 6
    shapes: list[Shape] = [RectShape(x, y, width, height, color, "#ffffff", 1.0, height / 2),
                           TextShape(x + 6, y + 3 + size, text, size, True, "#ffffff")]
    return shapes, QRectF(x - 2, y - 2, width + 4, height + 4)


def dashed_rect(x: float, y: float, w: float, h: float, color: str, width: float = 1.5) -> list[Shape]:
    dash = (4.0, 3.0)
    return [LineShape(x, y, x + w, y, color, width, dash), LineShape(x + w, y, x + w, y + h, color, width, dash),
            LineShape(x + w, y + h, x, y + h, color, width, dash), LineShape(x, y + h, x, y, color, width, dash)]


def pairing(diff: MapDiff, old: JourneyContent, new: JourneyContent) -> tuple[dict[str, str], dict[str, str]]:
    """Old stage id -> new stage id and old lane id -> new lane id, paired the way the diff did."""
    from app.model.matching import match_by_id, match_by_name

    def pair(kind: str, old_items, new_items) -> dict[str, str]:
        if diff.matching.get(kind, "id") == "id":
            return match_by_id(old_items, new_items)
        return match_by_name(old_items, new_items, by_position=True)

    return pair("stages", old.stages, new.stages), pair("lanes", old.lanes, new.lanes)


class CompareOverlay:
    def __init__(self, scene, old: JourneyContent) -> None:
        self.scene = scene
        self.old = old
        self.items: list[QGraphicsItem] = []
        self.ghosts: dict[str, QGraphicsItem] = {}  # removed card id (old) -> its ghost
        self.card_marks: dict[str, list[str]] = {}  # card id -> ["added" | "changed" | "moved"]
        self.diff: MapDiff | None = None

    # --- life cycle ---------------------------------------------------------------------------

    def refresh(self) -> MapDiff:
        """Diff again and redraw every mark (after any edit, or when the layout moved)."""
        from app.model.diff import diff_contents

        self._remove_items()
        new = self.scene.document.journey
        self.diff = diff = diff_contents(self.old, new)
        stage_map, lane_map = pairing(diff, self.old, new)
        removed = self._removed_by_cell(diff, stage_map, lane_map)
        self._make_room({cell: self._ghosts_room(cell, len(refs)) for cell, refs in removed.items()})
        self._mark_cards(diff)
        self._ghosts(removed)
        self._mark_stages(diff, stage_map)
        self._mark_lanes(diff, lane_map)
        self._old_curves(stage_map, lane_map)
        return diff

    def clear(self) -> None:
        """Take every mark away and give the cells back the room kept for ghosts."""
        self._remove_items()
        self._make_room({})

    def _remove_items(self) -> None:
        for item in self.items:
            if item.scene() is not None:
                item.scene().removeItem(item)
        self.items = []
        self.ghosts = {}
        self.card_marks = {}

    def _add(self, item: QGraphicsItem) -> QGraphicsItem:
        if item.parentItem() is None:
            self.scene.addItem(item)
        self.items.append(item)
        return item

    # --- cards ------------------------------------------------------------------------------------

    def _mark_cards(self, diff: MapDiff) -> None:
        marks: dict[str, list[tuple[str, str]]] = {}  # card id -> [(kind, tooltip)]
        for ref in diff.cards_added:
            marks.setdefault(ref.id, []).append(("added", "Added since the earlier version"))
        for move in diff.cards_moved:
            where = f"from {move.old.cell}" if move.kind == "cell" else f"from position {move.old.index + 1}"
            marks.setdefault(move.new.id, []).append(("moved", f"Moved {where}"))
        for change in diff.cards_changed:
            fields = ", ".join(f.field for f in change.fields)
            marks.setdefault(change.new.id, []).append(("changed", f"Changed: {fields}"))
        layout = self.scene.layout
        style = {"added": (ADDED, "+"), "changed": (CHANGED, "~"), "moved": (MOVED, "→")}
        for card_id, kinds in marks.items():
            if card_id not in layout.local:
                continue
            self.card_marks[card_id] = [kind for kind, _ in kinds]
            x, y = layout.card_pos(card_id)
            r = layout.card_box(card_id).rect
            left, top = x + r.x, y + r.y
            color = style[kinds[0][0]][0]
            shapes: list[Shape] = [RectShape(left - 3, top - 3, r.width + 6, r.height + 6, None, color, 2.5,
                                             theme.CARD_RADIUS + 3)]
            for i, (kind, _tip) in enumerate(kinds):
                shapes += badge(left + 4 + i * (2 * BADGE_RADIUS + 3), top - 1, *style[kind])
            rect = QRectF(left - 6, top - BADGE_RADIUS - 3, r.width + 12, r.height + BADGE_RADIUS + 9)
            self._add(ShapesItem(shapes, rect, Z_MARKS, "\n".join(tip for _, tip in kinds)))

    def _removed_by_cell(self, diff: MapDiff, stage_map: dict[str, str], lane_map: dict[str, str]) -> dict:
        """The removed cards whose old cell is still on the map, by that cell."""
        layout = self.scene.layout
        by_cell: dict[tuple[str, str], list] = {}
        for ref in diff.cards_removed:
            cell = (stage_map.get(ref.stage_id), lane_map.get(ref.lane_id))
            if cell[0] in layout.stage_index and cell[1] in layout.row_y:
                by_cell.setdefault(cell, []).append(ref)
        return by_cell

    def _ghosts_room(self, cell: tuple[str, str], count: int) -> float:
        """The height the ghosts take under the cell's cards (a gap, or the padding of an empty cell, above)."""
        stack = self.scene.layout.stacks.get(cell)
        above = theme.CARD_GAP if stack is not None and stack.card_ids else 2 * theme.CELL_PADDING
        return above + count * (GHOST_HEIGHT + 4) - 4

    def _make_room(self, below: dict[tuple[str, str], float]) -> None:
        """Rows grow so the ghosts sit under the real cards, never over a card's text."""
        layout = self.scene.layout
        if layout.below == below:
            return
        changed = {cell for cell in set(layout.below) | set(below) if layout.below.get(cell) != below.get(cell)}
        layout.below = below
        self.scene.refresh_cells(changed)

    def _ghosts(self, by_cell: dict) -> None:
        layout = self.scene.layout
        for cell, refs in by_cell.items():
            stack = layout.stacks.get(cell)
            count = len(stack.card_ids) if stack else 0
            top = layout.insertion_y(cell, count) + (theme.CARD_GAP / 2 if count else 0)
            x = layout.column_x(cell[0]) + theme.CELL_PADDING
            for i, ref in enumerate(refs):
                y = top + i * (GHOST_HEIGHT + 4)
                w = theme.CARD_WIDTH
                text = elide(" ".join(ref.text.split()) or "(empty card)", w - 34, GHOST_FONT)
                shapes: list[Shape] = [RectShape(x, y, w, GHOST_HEIGHT, "#ffffffd9", None, 0, theme.CARD_RADIUS)]
                shapes += dashed_rect(x, y, w, GHOST_HEIGHT, REMOVED)
                shapes.append(TextShape(x + 24, y + 6 + GHOST_FONT, text, GHOST_FONT, False, "#8a5a5a"))
                shapes.append(LineShape(x + 24, y + GHOST_HEIGHT / 2, x + 24 + text_width(text, GHOST_FONT),
                                        y + GHOST_HEIGHT / 2, "#8a5a5a99", 1.0))
                shapes += badge(x + 11, y + GHOST_HEIGHT / 2, REMOVED, "−")
                item = ShapesItem(shapes, QRectF(x - 2, y - 2, w + 4, GHOST_HEIGHT + 4), Z_MARKS,
                                  f"Removed: {ref.text}")
                item.setOpacity(0.85)
                self.ghosts[ref.id] = self._add(item)

    # --- stages and lanes -----------------------------------------------------------------------------

    def _mark_stages(self, diff: MapDiff, stage_map: dict[str, str]) -> None:
        layout = self.scene.layout
        bar = self.scene.stage_bar
        headers = {h.stage_id: h.rect for h in layout.frame.stage_headers}
        for ref in diff.stages.added:
            r = headers.get(ref.id)
            if r is not None:
                shapes = [RectShape(r.x + 2, r.y + 2, r.width - 4, r.height - 4, None, ADDED, 3.0, 3)]
                shapes += pill(r.x + 6, r.y + 5, "+ new stage", ADDED, 9)[0]
                self._add(ShapesItem(shapes, QRectF(r.x, r.y, r.width, r.height), 1, "Stage added", bar))
        for change in diff.stages.changed:
            r = headers.get(change.new.id)
            if r is None:
                continue
            glyphs = ([("→", MOVED)] if change.moved else []) + ([("~", CHANGED)] if change.fields else [])
            shapes = []
            for i, (glyph, color) in enumerate(glyphs):
                shapes += badge(r.right - 12 - i * 20, r.y + 12, color, glyph)
            tip = ", ".join(f.field for f in change.fields) or "moved"
            self._add(ShapesItem(shapes, QRectF(r.x, r.y, r.width, r.height), 1, f"Stage changed: {tip}", bar))
        old_index = {s.id: i for i, s in enumerate(self.old.stages)}
        per_edge: dict[float, int] = {}
        for ref in diff.stages.removed:
            x = self._edge_after(self.old.stages[:old_index.get(ref.id, 0)], stage_map)
            slot = per_edge.get(x, 0)
            per_edge[x] = slot + 1
            label = f"− {elide(ref.name, theme.STAGE_WIDTH - 30, 9, True)}"
            left = x - (text_width(label, 9, True) + 12) / 2  # centred on the line where the stage was
            shapes, rect = pill(left, layout.frame.header_height - 22 - slot * 20, label, REMOVED, 9)
            self._add(ShapesItem(shapes, rect, 1, f"Stage {ref.name!r} removed here", bar))
            line = [LineShape(x, layout.frame.header_height, x, layout.height, REMOVED, 2.0, (6.0, 4.0))]
            self._add(ShapesItem(line, QRectF(x - 2, 0, 4, layout.height), Z_MARKS))

    def _edge_after(self, earlier_old_stages, stage_map: dict[str, str]) -> float:
        """The x where a removed stage was: right after the last earlier stage that is still there."""
        layout = self.scene.layout
        for stage in reversed(earlier_old_stages):
            new_id = stage_map.get(stage.id)
            if new_id in layout.stage_index:
                return layout.column_x(new_id) + theme.STAGE_WIDTH
        return layout.frame.lane_header_width

    def _mark_lanes(self, diff: MapDiff, lane_map: dict[str, str]) -> None:
        layout = self.scene.layout
        bar = self.scene.lane_bar
        for ref in diff.lanes.added:
            header = layout.lane_headers.get(ref.id)
            if header is not None:
                r = header.rect
                shapes = [RectShape(r.x + 2, r.y + 2, r.width - 4, r.height - 4, None, ADDED, 3.0, 3)]
                shapes += pill(r.x + 8, r.bottom - 26, "+ new lane", ADDED, 9)[0]
                self._add(ShapesItem(shapes, QRectF(r.x, r.y, r.width, r.height), 1, "Lane added", bar))
        for change in diff.lanes.changed:
            header = layout.lane_headers.get(change.new.id)
            if header is None:
                continue
            r = header.rect
            glyphs = ([("↕", MOVED)] if change.moved else []) + ([("~", CHANGED)] if change.fields else [])
            shapes = []
            for i, (glyph, color) in enumerate(glyphs):
                shapes += badge(r.right - 12 - i * 20, r.y + 12, color, glyph)
            tip = ", ".join(f.field for f in change.fields) or "moved"
            self._add(ShapesItem(shapes, QRectF(r.x, r.y, r.width, r.height), 1, f"Lane changed: {tip}", bar))
        old_index = {lane.id: i for i, lane in enumerate(self.old.lanes)}
        per_edge: dict[float, int] = {}
        for ref in diff.lanes.removed:
            y = layout.frame.header_height
            for lane in reversed(self.old.lanes[:old_index.get(ref.id, 0)]):
                new_id = lane_map.get(lane.id)
                if new_id in layout.row_y:
                    y = layout.row_y[new_id] + layout.row_h[new_id]
                    break
            slot = per_edge.get(y, 0)
            per_edge[y] = slot + 1
            label = f"− {elide(ref.name, 110, 9, True)}"
            left = layout.frame.lane_header_width - text_width(label, 9, True) - 12 - 6  # right end: names are left
            shapes, rect = pill(left, y - 10 + slot * 20, label, REMOVED, 9)
            self._add(ShapesItem(shapes, rect, 1, f"Lane {ref.name!r} removed here", bar))
            line = [LineShape(layout.frame.lane_header_width, y, layout.width, y, REMOVED, 2.0, (6.0, 4.0))]
            self._add(ShapesItem(line, QRectF(0, y - 2, layout.width, 4), Z_MARKS))

    # --- emotions -----------------------------------------------------------------------------------

    def _old_curves(self, stage_map: dict[str, str], lane_map: dict[str, str]) -> None:
        layout = self.scene.layout
        new_journey = self.scene.document.journey
        new_to_old_stage = {new: old for old, new in stage_map.items()}
        new_to_old_lane = {new: old for old, new in lane_map.items()}
        for lane_id, box in layout.emotion_lanes.items():
            old_lane = new_to_old_lane.get(lane_id)
            if old_lane is None:
                continue
            points = []
            for column in layout.frame.columns:
                old_stage = new_to_old_stage.get(column.stage_id)
                old_point = self.old.emotion(old_lane, old_stage) if old_stage else None
                if old_point is None:
                    continue
                new_point = new_journey.emotion(lane_id, column.stage_id)
                differs = new_point is None or new_point.value != old_point.value
                points.append((column.x + column.width / 2, box.y_for(old_point.value), old_point.value, differs))
            if points:
                r = box.lane_rect
                self._add(OldCurveItem(points, QRectF(r.x, r.y, r.width, r.height)))

    # --- the summary ----------------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """MapDiff.summary()'s lines, each with what it points at on the canvas.

        The summary ends with one line per card and emotion change, in a fixed order; the lines
        before (map details, persona, phases, stages, lanes) point at a stage or lane by name."""
        diff = self.diff
        if diff is None:
            return []
        lines = diff.summary()
        targets: list[tuple[str, object] | None] = []
        targets += [("card", r.id) for r in diff.cards_added]
        targets += [("ghost", r.id) for r in diff.cards_removed]
        targets += [("card", m.new.id) for m in diff.cards_moved]
        targets += [("card", c.new.id) for c in diff.cards_changed]
        targets += [("emotion", (p.lane_id, p.stage_id)) for p in diff.emotions_added]
        targets += [None for _ in diff.emotions_removed]
        targets += [("emotion", (c.new.lane_id, c.new.stage_id)) for c in diff.emotions_changed]
        head = len(lines) - len(targets)
        if head < 0:  # the summary's shape changed: plain lines, no jumping
            return [Entry(line, None) for line in lines]
        journey = self.scene.document.journey
        named = [("stage", s.id, s.name) for s in journey.stages] + [("lane", lane.id, lane.name)
                                                                     for lane in journey.lanes]
        entries = []
        for line in lines[:head]:
            target = None
            for kind, item_id, name in named:
                if line.startswith(kind.capitalize() + " ") and f"'{' '.join(name.split())}'" in line:
                    target = (kind, item_id)
            entries.append(Entry(line, target))
        return entries + [Entry(line, target) for line, target in zip(lines[head:], targets, strict=True)]
